"""CSV files a spreadsheet can open safely (OWASP, "CSV Injection"): the one writer of every CSV glc writes.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel, LibreOffice and
Google Sheets (`=HYPERLINK(...)`, `+cmd|' /C calc'!A0`, `@SUM(...)`, `-2+3`). Such a cell is written with a single
quote in front (`'=HYPERLINK(...)`), which spreadsheets show as text, and, like every text cell, in double quotes.
Numbers are never changed: numeric columns are not text, and a text cell that is a plain number (`-5`, `+1.25`)
is left as it is. Only the CSV is changed: the Parquet results keep the exact values.
"""

from __future__ import annotations

from typing import Any

FORMULA_START = r"^[=+\-@\t\r]"
PLAIN_NUMBER = r"^[+-]?[0-9]+(\.[0-9]+)?$"


def neutralise(text: str) -> str:
    """One cell, as `neutralise_batch` writes it (for CSV writers that are not Arrow-based)."""
    import re

    if re.match(FORMULA_START, text) and not re.match(PLAIN_NUMBER, text):
        return "'" + text
    return text


def neutralise_batch(batch: Any) -> Any:
    """An Arrow record batch with every text cell that a spreadsheet would run neutralised (same schema)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    changed = False
    for col in batch.columns:
        if pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            risky = pc.and_(pc.match_substring_regex(col, FORMULA_START),
                            pc.invert(pc.match_substring_regex(col, PLAIN_NUMBER)))
            if pc.any(risky).as_py():
                col = pc.if_else(risky, pc.binary_join_element_wise(pa.scalar("'", col.type), col, pa.scalar("", col.type)),
                                 col)
                changed = True
        columns.append(col)
    return pa.RecordBatch.from_arrays(columns, schema=batch.schema) if changed else batch


class Writer:
    """A CSV file written batch by batch (Arrow's writer: every text cell quoted), each batch neutralised."""

    def __init__(self, path: Any, schema: Any) -> None:
        import pyarrow.csv as pacsv

        self._writer = pacsv.CSVWriter(path, schema, write_options=pacsv.WriteOptions(quoting_style="needed"))

    def write_batch(self, batch: Any) -> None:
        self._writer.write_batch(neutralise_batch(batch))

    def write_table(self, table: Any) -> None:
        for batch in table.to_batches():
            self.write_batch(batch)

    def close(self) -> None:
        self._writer.close()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
