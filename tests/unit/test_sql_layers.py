"""The SQL back end's layers: each column in the first layer after the columns it reads, so a program's query has
one nested SELECT per step of its longest chain of dependencies (Spark analyses, and fits in generated methods, a
shallow plan), and each layer carries only the columns the layers above it read."""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb
from sqlglot import exp

from compiler.backends.sql.layers import Layers, reads
from compiler.backends.sql.numbers import from_source
from compiler.backends.sql.program import program_query
from compiler.driver import check_paths

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = check_paths([ROOT / "programs"]).bundle
assert BUNDLE is not None
SOURCE = "SELECT * FROM (VALUES (1, 10), (2, NULL)) AS t(x, y)"


def _add(layers: Layers, name: str, sql: str) -> None:
    layers.add([exp.alias_(exp.maybe_parse(sql), name)])


def _layers(small: int = 0) -> Layers:
    layers = Layers(from_source(exp.maybe_parse(SOURCE), "src"), small=small)
    _add(layers, "a", "x + 1")
    _add(layers, "b", "a * 2")
    _add(layers, "c", "COALESCE(y, 0)")
    _add(layers, "d", "b + c")
    _add(layers, "unused", "x - 1")
    return layers


def selects(tree: exp.Expr) -> list[exp.Select]:
    """The nested SELECTs from the outermost to the source, following FROM."""
    out = []
    node: exp.Expr | None = tree
    while isinstance(node, exp.Select):
        out.append(node)
        source = node.args["from_"].this
        node = source.this if isinstance(source, exp.Subquery) else None
    return out


def test_columns_go_in_the_first_layer_after_what_they_read() -> None:
    layers = _layers()
    assert [[c.alias for c in level] for level in layers.levels] == [["a", "c", "unused"], ["b"], ["d"]]


def test_select_carries_only_what_is_read_above_and_agrees_with_the_full_layers() -> None:
    layers = _layers()
    final = [exp.alias_(exp.column("x"), "x"), exp.alias_(exp.column("d"), "d")]
    narrow = layers.select(final, "out")
    chain = selects(narrow)
    assert len(chain) == 5  # result, 3 layers, the source
    assert [sorted(e.alias_or_name for e in s.expressions) for s in chain[1:4]] == [["d", "x"], ["b", "c", "x"], ["a", "c", "x"]]
    full = exp.select(*final).from_(from_source(layers.query, "out"))
    con = duckdb.connect()
    assert con.sql(narrow.sql("duckdb")).fetchall() == con.sql(full.sql("duckdb")).fetchall() == [(1, 14), (2, 6)]


def test_a_chain_of_small_columns_costs_no_layers_and_agrees() -> None:
    layers = _layers(small=4)  # `x + 1`, `a * 2` once `a` is written out in it: 3 and 5 nodes
    assert [[c.alias for c in level] for level in layers.levels] == [["a", "b", "c", "unused"], ["d"]]
    assert layers.levels[0][1].this.sql("duckdb") == "(x + 1) * 2"  # `a` written out in `b`: no layer of its own
    assert layers.levels[1][0].this.sql("duckdb") == "b + c"  # `b` (5 nodes) is not small: read from its layer
    final = [exp.alias_(exp.column("x"), "x"), exp.alias_(exp.column("d"), "d"), exp.alias_(exp.column("a"), "a")]
    con = duckdb.connect()
    assert con.sql(layers.select(final, "out").sql("duckdb")).fetchall() == [(1, 14, 2), (2, 6, 3)]
    assert len(selects(layers.select(final, "out"))) == 4  # result, 2 layers, the source (was 3 layers)


def test_a_small_column_is_written_out_only_where_it_saves_a_layer() -> None:
    layers = Layers(from_source(exp.maybe_parse(SOURCE), "src"), small=10)
    _add(layers, "a", "x + 1")
    _add(layers, "big", "CASE WHEN x > 1 THEN y + 1 WHEN x > 2 THEN y + 2 ELSE y + x + 3 END")
    _add(layers, "c", "a + big")  # `big` is in layer 0 too: writing `a` out would not lower `c`
    assert layers.levels[1][0].this.sql("duckdb") == "a + big"


def test_reads_skips_lambda_variables() -> None:
    tree = exp.maybe_parse("list_filter(xs, item -> item.a > limit_a)", dialect="duckdb")
    assert reads(tree) == ["xs", "limit_a"]


def test_every_program_query_is_shallow_and_carries_nothing_unread() -> None:
    source = from_source(exp.select(exp.Star()).from_("tape"), "tape_rows")
    limits = [lim.id for lim in BUNDLE.vocabulary.limits]
    for p in BUNDLE.programs:
        chain = selects(program_query(p, BUNDLE.vocabulary, source, limits))
        # one per derived value and more, 49 to 57, at first; 11 to 17 before small columns were written out
        assert len(chain) <= 12, (p.id, len(chain))
        for above, layer in itertools.pairwise(chain[:-1]):  # not the source, `SELECT *`
            made = {e.alias_or_name for e in layer.expressions}
            read = {n for e in above.expressions for n in reads(e)}
            assert made <= read, (p.id, made - read)


def test_small_columns_are_written_out_only_when_asked() -> None:
    """Spark's queries write small columns out (`small`, the default); DuckDB's (`small=0`, `engines.plan` for any
    engine but Spark) keep every column in its own layer: DuckDB computes a repeated subexpression once and gains
    nothing from fewer layers."""
    source = from_source(exp.select(exp.Star()).from_("tape"), "tape_rows")
    limits = [lim.id for lim in BUNDLE.vocabulary.limits]
    keystone = next(p for p in BUNDLE.programs if p.id == "keystone_bank_statement")
    spark = program_query(keystone, BUNDLE.vocabulary, source, limits)
    duck = program_query(keystone, BUNDLE.vocabulary, source, limits, small=0)
    assert len(selects(spark)) == 12 and len(selects(duck)) == 16
