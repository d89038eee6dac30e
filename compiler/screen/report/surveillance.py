"""The report's surveillance sections, gathered after the decisions (`data.gather`): stratification tables
(`strata`), top-10 concentrations (`concentrations`), exceptions (`exceptions`), the comparison with an earlier run
(`compare`), the run's provenance (summary.json's `provenance`, recorded by `glc screen`: `provenance`) and the CSV
files of the loans behind breaches, exceptions and flips (`loan_files`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compiler import ir_program
from compiler.screen.report.compare import Comparison, compare
from compiler.screen.report.concentrations import Concentrations, concentrations
from compiler.screen.report.data import ReportData
from compiler.screen.report.exceptions import ExceptionGroup, groups
from compiler.screen.report.strata import Stratum, stratify


@dataclass
class Sections:
    strata: list[Stratum] = field(default_factory=list)
    concentrations: Concentrations | None = None
    exceptions: list[ExceptionGroup] = field(default_factory=list)
    comparison: Comparison | None = None
    provenance: dict[str, Any] | None = None
    breach_files: dict[tuple[str, str], str] = field(default_factory=dict)
    flips_file: str | None = None
    notes: list[str] = field(default_factory=list)


def _q(path: Path) -> str:
    return "read_parquet('" + str(path).replace("'", "''") + "')"


def gather_sections(con: Any, folder: Path, bundle: ir_program.Bundle | None, data: ReportData,
                    compare_to: Path | None) -> Sections:
    """The surveillance sections of the run in `folder` (and the CSV files beside the report); `compare_to`: an earlier
    run's folder, or None for none."""
    from compiler.screen.report.loan_files import write_all

    out = Sections(provenance=data.summary.get("provenance"))
    results = _q(folder / "results.parquet")
    loans = _q(folder / "loans.parquet") if data.has_loans else None
    if loans:
        out.strata = stratify(con, loans, bundle.vocabulary if bundle else None)
        out.concentrations = concentrations(con, loans, results, bundle)
    out.exceptions = groups(con, results, loans, folder, bundle)
    if compare_to is not None:
        if (compare_to / "summary.json").is_file() and (compare_to / "results.parquet").is_file():
            out.comparison = compare(con, folder, compare_to)
        else:
            out.notes.append(f"The earlier run to compare with, {compare_to}, is no longer there (no summary.json and "
                             "results.parquet): the comparison is left out.")
    out.breach_files, out.flips_file = write_all(con, folder, out.exceptions, data.summary.get("pool_limits") or [],
                                                 out.comparison.query if out.comparison and out.comparison.flipped else None)
    return out
