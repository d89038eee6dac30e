"""Portfolio surveillance: pool limits and stress scenarios (`programs/*.portfolio`).

`model` the checked portfolio; `load` the portfolio passes `compiler.driver.check_portfolios` runs after reading
and parsing: the surface AST and its lowering to a checked portfolio (diagnostics with file:line:col and a fix);
`stress` a scenario applied to loans (SQL projection and the Python reference); `pool` pool limits measured
exactly (SQL and the Python reference); `screen` the hook `glc screen --scenario` uses.
"""
