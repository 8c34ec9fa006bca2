"""The stylised Caspian map: geometry (outline, zones, port places) and the cell canvas."""
