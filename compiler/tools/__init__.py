"""Tools over checked programs and the generated checkers: `explain` (near-miss answers; its parts `explain_*`),
`diff` (what changed between two versions; `diff_bands`, `diff_effect`, `diff_render`), guideline tests
(`scenarios` reads the YAML files with `scenario_yaml`, `scenario_values` and `scenario_expect`, `scenario_run`
runs them, `coverage` counts what they exercised).
"""
