"""SQL back end, layers: columns over a source relation as few nested SELECTs as their dependencies allow.

A column goes in the first layer after every column it reads, so a query has one nested SELECT per step of the
longest chain of dependencies (Spark plans a deep query slowly and generates one method per layer; the JVM refuses
a method over 64 KB). `compiler.backends.sql.program` builds a program's decision on it; the portfolio's values too.
"""

from __future__ import annotations

from sqlglot import exp

from compiler.backends.sql.numbers import SqlError, from_source, quoted_column


class Layers:
    """Columns over a source relation, each computed in the first layer after every column it reads: one nested
    SELECT per step of the longest chain of dependencies (not one per column), each layer as wide as it can be.

    `query`: the source's columns and every added one (`SELECT *, new columns` layers). `select(final)`: only what
    `final` reads, each layer computing the columns read above it and carrying only those the layers above read
    (few columns between layers: Spark generates each layer's code as a method of its own only when the layer
    reads few enough columns, and the JVM refuses a method over 64 KB)."""

    def __init__(self, source: exp.Expr) -> None:
        self.source = source
        self.levels: list[list[exp.Expr]] = []  # aliased columns, layer by layer
        self.level: dict[str, int] = {}

    def add(self, columns: list[exp.Expr]) -> None:
        """Aliased columns, each reading the source's columns and columns added before."""
        for c in columns:
            name = c.alias
            if name in self.level:
                raise SqlError(f"column {name} added twice")
            n = 1 + max((self.level[r] for r in reads(c.this) if r in self.level), default=-1)
            if n == len(self.levels):
                self.levels.append([])
            self.levels[n].append(c)
            self.level[name] = n

    @property
    def query(self) -> exp.Expr:
        query = self.source
        for n, columns in enumerate(self.levels, 1):
            query = exp.select(exp.Star(), *columns).from_(from_source(query, f"l{n}"))
        return query

    def select(self, final: list[exp.Expr], alias: str) -> exp.Select:
        """`SELECT final` over the layers, each computing and carrying only what the layers above it read."""
        needed = list(dict.fromkeys(n for c in final for n in reads(c)))
        plan: list[tuple[list[str], list[exp.Expr]]] = []  # per layer, top first: columns carried, columns computed
        for columns in reversed(self.levels):
            computed = [c for c in columns if c.alias in needed]
            if not computed:
                continue
            made = {c.alias for c in computed}
            carried = [n for n in needed if n not in made]
            plan.append((carried, computed))
            needed = list(dict.fromkeys(carried + [n for c in computed for n in reads(c.this)]))
        query = self.source
        for n, (carried, computed) in enumerate(reversed(plan), 1):
            query = exp.select(*[quoted_column(name) for name in carried], *computed).from_(from_source(query, f"l{n}"))
        return exp.select(*final).from_(from_source(query, alias))


def reads(tree: exp.Expr) -> list[str]:
    """The columns an expression reads, in order (not the variables of its lambdas)."""
    out: list[str] = []
    for col in tree.find_all(exp.Column):
        lam = col.find_ancestor(exp.Lambda)
        if lam is not None and col.name in {v.name for v in lam.expressions}:
            continue
        out.append(col.name)
    return list(dict.fromkeys(out))
