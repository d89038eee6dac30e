"""Reading tape cells into their types (`compiler.screen.tape`): the fast paths decide exactly as the slow ones.

Numbers take a plain cast when the cell is a plain number, `replace` of `$ , %` when it is formatted, and the regular
expressions only otherwise; text DuckDB's cast would accept but a tape does not mean ("1e3", "1_000", ".5", too
many decimals) must stay unreadable, and "1,200" is twelve hundred, never 1.2. Typed Parquet columns (DECIMAL,
integers, DATE, BOOLEAN: `glc sample-tape --typed`) are read as they are; the same loans on a typed and a text
tape get the same decisions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from compiler.driver import check_paths
from compiler.screen.engines import connect, plan, run_duckdb
from compiler.screen.sample import write_sample
from compiler.screen.tape import open_tape

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = check_paths([ROOT / "programs"]).bundle
assert BUNDLE is not None

# (cell, loan_amount: whole dollars, pitia: cents, ownership_pct: percent with 2 decimals); None = unreadable
NUMBERS: list[tuple[str, Any, Any, Any]] = [
    ("1200", Decimal(1200), Decimal("1200.00"), None),  # 1200% is outside 0..100
    ("1,200", Decimal(1200), Decimal("1200.00"), None),
    ("$1,200,000", Decimal(1200000), Decimal("1200000.00"), None),
    ("$1,200,000.00", Decimal(1200000), Decimal("1200000.00"), None),
    ("80.00%", Decimal(80), Decimal("80.00"), Decimal("80.00")),
    ("80%", Decimal(80), Decimal("80.00"), Decimal("80.00")),
    ("12.5", None, Decimal("12.50"), Decimal("12.50")),
    ("12.345", None, None, None),  # more decimals than the field: never rounded
    ("12.3400", None, Decimal("12.34"), Decimal("12.34")),
    ("5.", Decimal(5), Decimal("5.00"), Decimal("5.00")),
    ("00012", Decimal(12), Decimal("12.00"), Decimal("12.00")),
    ("+5", Decimal(5), Decimal("5.00"), Decimal("5.00")),
    ("1 200", Decimal(1200), Decimal("1200.00"), None),  # white space inside: the regular-expression path
    ("1e3", None, None, None),  # DuckDB's cast reads these; a tape does not mean them
    ("1E2", None, None, None),
    ("1_000", None, None, None),
    (".5", None, None, None),
    ("0x10", None, None, None),
    ("1.2.3", None, None, None),
    ("1,2", Decimal(12), Decimal("12.00"), Decimal("12.00")),  # commas are thousands separators wherever they are
    ("$", None, None, None),
    ("inf", None, None, None),
    ("-5", None, None, None),  # below every range here
]


def _read(tmp_path: Path, table: pa.Table) -> list[dict[str, Any]]:
    path = tmp_path / "t.parquet"
    pq.write_table(table, path)
    con = connect()
    t = open_tape(con, path, BUNDLE.vocabulary)
    return con.sql(f"SELECT * FROM ({t.relation.sql(dialect='duckdb')}) AS r ORDER BY _row").to_arrow_table().to_pylist()


def test_number_cells_fast_and_slow_paths_agree(tmp_path: Path) -> None:
    cells = [c for c, *_ in NUMBERS]
    rows = _read(tmp_path, pa.table({"loan_id": [str(i) for i in range(len(cells))], "loan_amount": cells, "pitia": cells,
                                     "ownership_pct": cells}))
    assert [r["_row"] for r in rows] == list(range(1, len(cells) + 1))
    for (cell, amount, pitia, pct), row in zip(NUMBERS, rows, strict=True):
        assert (row["loan_amount"], row["pitia"], row["ownership_pct"]) == (amount, pitia, pct), cell
        unreadable = [name for name, want in (("Loan amount", amount), ("PITIA", pitia)) if want is None]
        for name in unreadable:
            assert row["_reason"] is not None and name in row["_reason"], (cell, row["_reason"])
    assert rows[1]["loan_amount"] == Decimal(1200)  # "1,200" is not 1.2


def test_unknown_and_yes_no_cells(tmp_path: Path) -> None:
    cells = ["", " NA ", "n/a", "null", "#N/A", "Y", "yes", "TRUE", "t", "1", "N", "no", "False", "f", "0", "maybe"]
    rows = _read(tmp_path, pa.table({"loan_id": cells, "interest_only": cells}))
    got = [r["interest_only"] for r in rows]
    assert got == [None] * 5 + [True] * 5 + [False] * 5 + [None]
    assert [r["loan_id"] for r in rows[:5]] == [None] * 5
    assert rows[-1]["_reason"] is not None and "maybe" in rows[-1]["_reason"]
    assert all(r["_reason"] is None for r in rows[:-1])


def test_typed_columns_are_read_as_they_are(tmp_path: Path) -> None:
    table = pa.table({
        "loan_id": ["a", "b", "c", "d"],
        "loan_amount": pa.array([500000, None, 0, 2], pa.int64()),  # 0 is outside $1..
        "pitia": pa.array([Decimal("1234.56"), Decimal("1"), None, Decimal("3.10")], pa.decimal128(18, 2)),
        "monthly_debts": pa.array([Decimal("1.2345"), Decimal("1.2300"), None, Decimal("0")], pa.decimal128(18, 4)),
        "application_date": pa.array([dt.date(2026, 3, 15), None, dt.date(2026, 1, 31), dt.date(2026, 2, 28)], pa.date32()),
        "interest_only": pa.array([True, False, None, True], pa.bool_()),
    })
    rows = _read(tmp_path, table)
    assert [r["loan_amount"] for r in rows] == [Decimal(500000), None, None, Decimal(2)]
    assert [r["pitia"] for r in rows] == [Decimal("1234.56"), Decimal("1.00"), None, Decimal("3.10")]
    # DECIMAL(18, 4) has more decimals than the field's 2: read as text, so 1.2345 is unreadable, 1.2300 is 1.23
    assert [r["monthly_debts"] for r in rows] == [None, Decimal("1.23"), None, Decimal("0.00")]
    assert [r["application_date"] for r in rows] == [dt.date(2026, 3, 15), None, dt.date(2026, 1, 31), dt.date(2026, 2, 28)]
    assert [r["interest_only"] for r in rows] == [True, False, None, True]
    assert "monthly debts" in rows[0]["_reason"] and "outside" in rows[2]["_reason"]
    assert rows[1]["_reason"] is None and rows[3]["_reason"] is None


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_typed_sample_tape_gives_the_same_decisions_as_the_text_tape(tmp_path: Path, suffix: str) -> None:
    text, typed = tmp_path / f"text{suffix}", tmp_path / f"typed{suffix}"
    write_sample(BUNDLE, text, 3000, seed=7, broken=0.02)
    write_sample(BUNDLE, typed, 3000, seed=7, broken=0.02, typed=True)
    if suffix == ".parquet":
        types = pq.read_schema(typed)
        assert types.field("loan_amount").type == pa.int64() and types.field("pitia").type == pa.decimal128(18, 2)
        assert types.field("application_date").type == pa.date32() and types.field("interest_only").type == pa.bool_()
    results = []
    for path in (text, typed):
        con = connect()
        p = plan(con, BUNDLE, path, None, None)
        results.append(pa.Table.from_batches(list(run_duckdb(con, p))).to_pylist())
    a, b = ({r["row"]: r for r in res} for res in results)
    assert len(a) == len(b) == 3000
    both = [n for n in a if a[n]["status"] != "invalid" and b[n]["status"] != "invalid"]
    assert len(both) > 2800
    assert [a[n] for n in both] == [b[n] for n in both]
    invalid = [r for r in b.values() if r["status"] == "invalid"]
    assert invalid and all("outside" in r["reason"] or "no program" in r["reason"] for r in invalid)
