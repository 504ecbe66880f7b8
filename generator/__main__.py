"""`python -m generator`: the command-line interface."""

from generator.cli.commands import main

main()
