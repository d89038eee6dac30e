"""Lowering: the surface AST to the checked IR (`compiler/ir.py`).

`inherit` extends / overlays / override / drop on the surface AST; `versions` versions of one program side by
side; `declarations` the vocabulary and each program; `bands` band lists checked at their precision; `values`
derived values; `rules` matrices and rules; `expr` expressions, typed; `analysis_hints` the declarations the
analyses read (`better:`, `accept warning`).
"""
