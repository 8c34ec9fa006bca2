"""`caspian-tabletop serve`'s web server: textual-serve with a key, an Origin check, a cap on
sessions and a folder per browser (see server.py)."""
