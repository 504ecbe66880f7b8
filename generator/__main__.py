"""`python -m generator`: the command-line interface."""

from .cli import main

main()
