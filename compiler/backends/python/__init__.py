"""Python back end: checked IR to the `generated/` package (typed checker modules, the loan model, `_runtime`).

`modules` the package's files from the Jinja templates in `templates/`; `expr` IR expressions as Python over the
runtime; `fast` the `check_fast` path (a verdict without findings).
"""
