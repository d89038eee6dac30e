"""The command line: parses arguments, finds the project once and passes it down to the domain code, renders
the results and diagnostics that code returns, and maps outcomes to the exit-code contract. Nothing outside
`compiler/cli/` imports it, and nothing outside it prints.

`entry` the console script (Ctrl-C is glc's from the first instant); `app` the Typer app, its root options and
`main` (the exit-code contract); `invocation` where glc was started and the project; `render` printing
diagnostics and the checked programs; `choices` the fixed option lists; one module per command or command group:
`check`, `build`, `eval`, `test`, `diff`, `explain`, `screen`, `sample_tape`, `portfolio`, `report`, `init`,
`package`.
"""
