"""`python -m compiler.cli`: the same as the `glc` command."""

from compiler.cli.main import main

main()
