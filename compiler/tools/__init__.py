"""Tools over checked programs and the generated checkers: `explain` (near-miss answers), `diff` (what changed
between two versions), guideline tests (`scenarios` reads the YAML files, `scenario_run` runs them, `coverage`
counts what they exercised).
"""
