"""The class client: one Textual app for a team, the projector and the facilitator, driven
by the views a class server sends (classroom.server)."""
