"""Syntax: guideline text to the surface AST.

`reading` the files a command names and their text; `parse` Lark over `grammar/guideline.lark`, syntax errors as
diagnostics with a fix; `examples` the example snippets that syntax-error fixes quote; `build_ast` Lark tree to
surface AST, every node with its span (`build_expr` its spans, literals, bands and expressions; `literals` exact
values of literal text); `surface` the surface AST (what the author wrote, before inheritance).
"""
