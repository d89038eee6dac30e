"""The language's grammar, `guideline.lark`, as package data: setup.py maps this folder into the wheel as
`compiler.grammar`, and the compiler reads it with `importlib.resources` (compiler/syntax/parse.py, compiler/build/cache.py)."""
