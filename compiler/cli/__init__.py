"""The command line: parses arguments, calls the domain code, renders its results and diagnostics, and maps
outcomes to the exit-code contract. Nothing outside `compiler/cli/` imports it.

`main` the app and the contract; one module per command group (`eval`, `explain`, `diff`, `test`, `screen`,
`portfolio`); `choices` the fixed option lists.
"""
