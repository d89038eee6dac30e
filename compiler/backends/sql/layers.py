"""SQL back end, layers: columns over a source relation as few nested SELECTs as their dependencies allow.

A column goes in the first layer after every column it reads, so a query has one nested SELECT per step of the
longest chain of dependencies (Spark plans a deep query slowly and generates one method per layer; the JVM refuses
a method over 64 KB). A small column (a few SQL nodes once the small columns it reads are written out in it) is
also written out in the columns that read it, so a chain of small steps costs no layer of its own.
`compiler.backends.sql.program` builds a program's decision on it; the portfolio's values too.
"""

from __future__ import annotations

from sqlglot import exp

from compiler.backends.sql.numbers import SqlError, from_source, quoted_column

SMALL = 24  # SQL nodes: a column at most this large is written out where it is read (no layer of its own)


class Layers:
    """Columns over a source relation, each computed in the first layer after every column it reads: one nested
    SELECT per step of the longest chain of dependencies (not one per column), each layer as wide as it can be.
    A column of at most `small` SQL nodes (the small columns it reads written out) is written out in the columns
    added after it that read it, instead of being read from a layer below (Spark's analyser resolves a deep
    query one layer at a time, each time over the whole query: fewer layers, faster planning); it is still a
    column of its own for `query` and for `final`.

    `query`: the source's columns and every added one (`SELECT *, new columns` layers). `select(final)`: only what
    `final` reads, each layer computing the columns read above it and carrying only those the layers above read
    (few columns between layers: Spark generates each layer's code as a method of its own only when the layer
    reads few enough columns, and the JVM refuses a method over 64 KB)."""

    def __init__(self, source: exp.Expr, small: int = SMALL) -> None:
        self.source = source
        self.levels: list[list[exp.Expr]] = []  # aliased columns, layer by layer
        self.level: dict[str, int] = {}
        self.small = small
        self.inline: dict[str, exp.Expr] = {}  # small columns, written out (no small column left in them)

    def add(self, columns: list[exp.Expr], hoisted: bool = False) -> None:
        """Aliased columns, each reading the source's columns and columns added before. `hoisted`: parts an
        expression reads several times (`Scope.hoist`), computed once: never written out where read."""
        for c in columns:
            name = c.alias
            if name in self.level:
                raise SqlError(f"column {name} added twice")
            tree = c.this
            n = self._level(tree)
            written = self._written_out(tree)
            if written is not tree and (m := self._level(written)) < n:  # only where it saves a layer
                tree, n = written, m
                c = exp.alias_(tree, c.args["alias"].copy())
            if n == len(self.levels):
                self.levels.append([])
            self.levels[n].append(c)
            self.level[name] = n
            if not hoisted and _size(tree) <= self.small:
                self.inline[name] = tree

    def _level(self, tree: exp.Expr) -> int:
        return 1 + max((self.level[r] for r in reads(tree) if r in self.level), default=-1)

    def _written_out(self, tree: exp.Expr) -> exp.Expr:
        """`tree` with each small column it reads written out (parenthesised unless a column or a literal)."""
        if not self.inline or not any(r in self.inline for r in reads(tree)):
            return tree

        def node(n: exp.Expr) -> exp.Expr:
            if isinstance(n, exp.Column) and not n.table and n.name in self.inline and not _lambda_var(n):
                body = self.inline[n.name].copy()
                return body if isinstance(body, (exp.Column, exp.Literal, exp.Boolean, exp.Null)) else exp.Paren(this=body)
            return n

        return tree.copy().transform(node)

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


def _size(tree: exp.Expr) -> int:
    """SQL nodes of an expression (identifiers and parentheses not counted)."""
    return sum(1 for n in tree.walk() if not isinstance(n, (exp.Identifier, exp.Paren)))


def _lambda_var(col: exp.Column) -> bool:
    lam = col.find_ancestor(exp.Lambda)
    return lam is not None and col.name in {v.name for v in lam.expressions}


def reads(tree: exp.Expr) -> list[str]:
    """The columns an expression reads, in order (not the variables of its lambdas)."""
    return list(dict.fromkeys(col.name for col in tree.find_all(exp.Column) if not _lambda_var(col)))
