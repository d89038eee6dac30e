"""Docs back end: checked IR to the mkdocs site's Markdown pages (templates in `templates/`).

`site` every page; `compare_ltv` the compare page's max-LTV grid across programs.
"""
