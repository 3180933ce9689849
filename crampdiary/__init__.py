"""Cramp Diary: a diary for muscle cramps, with warning signs and a doctor-visit report.

The package is layered (see STYLE.md): ``domain`` <- ``storage``/``analysis``/``reports`` <-
``services`` <- ``ui``. Nothing outside ``ui`` and ``platform`` imports Kivy or plyer.
"""

__version__ = "0.1.0"
