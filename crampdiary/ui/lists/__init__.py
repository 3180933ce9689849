"""Widgets shared by the History, Medicines and Settings screens: calendar, rows, filter bar,
form controls and a file picker. Each module loads its ``kv/lists/<same stem>.kv`` once."""
