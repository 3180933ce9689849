"""Services: the use cases the UI and the command line share. Must not import Kivy or plyer."""

from crampdiary.services.diary import Diary, ImportSummary

__all__ = ["Diary", "ImportSummary"]
