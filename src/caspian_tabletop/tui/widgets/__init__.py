"""Widgets of the game screen; each renders state handed down to it."""
