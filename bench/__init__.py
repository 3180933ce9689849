"""The speed benchmark (``python bench/run.py``): scripts, not part of the app."""
