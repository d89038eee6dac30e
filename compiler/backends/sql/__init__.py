"""SQL back end: checked IR to one DuckDB (or Spark) query per program, used by `glc screen`.

`expr` IR expressions as SQL; `program` a program's whole query (matrix cells, reductions, caps, status).
"""
