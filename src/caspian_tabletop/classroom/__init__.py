"""A class on many devices: one authoritative game held by a server, a view per role.

`room` is the class itself (who may do what, sealed orders, the reveal), `store` keeps it
in SQLite so that nothing accepted is lost, `protocol` checks every message a client sends,
`views` decides what each role may see, and `server` puts them on the network.  Nothing here
imports Textual: the clients are ordinary Textual apps in `tui/`.
"""
