"""``python -m crampdiary``: the same entry point as the ``crampdiary`` console command."""

from crampdiary.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
