"""Text of games for people: resolutions, influence shifts, scores and whole transcripts.

Kept out of the engine, which computes and records; the CLI, the replay transcript, reports and
the TUI all word the same things through here (plain strings: no textual or rich).
"""
