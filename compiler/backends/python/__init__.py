"""Python back end: checked IR to the `generated/` package (typed checker modules and their `_meta` modules, the loan
model, a copy of the runtime package as `_runtime/`).

`modules` the package's files from the Jinja templates in `templates/`; `expr` IR expressions as Python over the
runtime; `fast` the `check_fast` path (a verdict without findings); `layout` every generated line within 120
characters.
"""
