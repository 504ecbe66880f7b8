"""Stage: the command line. Thin click commands over the pipeline; the only place (with the preview) that prints."""

from generator.cli.commands import main

__all__ = ["main"]
