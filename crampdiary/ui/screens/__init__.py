"""One module per screen, each paired with ``kv/screens/<same stem>.kv``."""
