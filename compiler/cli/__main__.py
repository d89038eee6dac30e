"""`python -m compiler.cli`: the same as the `glc` command."""

from compiler.cli.entry import main

main()
