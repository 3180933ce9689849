"""Starts the Cramp Diary app window (``python main.py``)."""

from crampdiary.app import main

if __name__ == "__main__":
    raise SystemExit(main())
