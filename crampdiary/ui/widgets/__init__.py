"""Cramp Diary's reusable widgets. Each module pairs with ``kv/widgets/<same stem>.kv`` and loads it
once on import. Widgets take values through properties and report changes by events or by their
own properties; none of them talks to the diary."""
