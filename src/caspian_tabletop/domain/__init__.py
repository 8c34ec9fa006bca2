"""Value types, move notation and errors shared by every layer (standard library only)."""
