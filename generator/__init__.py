"""Safeguarding learning publisher: YAML records to a website and printable handouts."""

__version__ = "0.1.0"
