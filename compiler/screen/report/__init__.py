"""The screening report (report.html beside a screen's outputs).

`data` the decisions, rules, grid and DSCR figures, exact, from the screen's results; `bands` the display bands;
`strata` the stratification tables; `concentrations` the top-10s; `exceptions` the loans failing one rule and their
nearest change; `compare` the changes since an earlier run; `provenance` what the run was made of; `surveillance`
gathers those sections; `loan_files` the CSVs of the loans behind breaches, exceptions and flips; `charts` the SVG
charts; `loans` the loan facts (`loans.parquet`); `render` the page from `templates/report.html.j2`.
"""
