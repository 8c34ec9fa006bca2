"""Scenario files: the position-tracking YAML loader, the schema and the semantic checks."""
