"""The Kivy user interface: app state, screens, widgets, background runner.

The only package (with ``platform`` and ``app.py``) that imports Kivy. Screens call services
through the background runner and never touch the database on the UI thread.
"""
