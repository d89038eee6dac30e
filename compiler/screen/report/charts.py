"""The screening report's charts as inline SVG, drawn by matplotlib's SVG back end (no pyplot, no display).

Deterministic: each chart's ids are salted with the chart's name (`svg.hashsalt`), the SVG carries no date or
creator, text stays text (`svg.fonttype: none`, so the page's fonts draw it and nothing is fetched), and tape
text is never parsed as math. The numbers drawn come from the report's exact aggregates; they are turned into
floats only to place marks on the page.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from compiler.screen.report.data import Grid, Histogram

ELIGIBLE, BREACH, NEUTRAL, STRESSED, LIMIT = "#2e7d32", "#c62828", "#5c7cab", "#e08a1e", "#111111"


@contextmanager
def _style(name: str) -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context({
        "svg.hashsalt": f"glc-report-{name}", "svg.fonttype": "none", "text.parse_math": False,
        "font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans", "Helvetica", "Arial"], "font.size": 9,
        "axes.spines.top": False, "axes.spines.right": False, "axes.titlesize": 10, "axes.titleweight": "bold",
    }):
        yield


def _svg(fig: Any, name: str, title: str) -> str:
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    FigureCanvasSVG(fig)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None, "Title": title})
    text = buf.getvalue()
    svg = text[text.index("<svg"):]  # inline: no XML prolog or DOCTYPE
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(title)}" class="chart" data-chart="{name}" ', 1)


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def fico_ltv(grid: Grid) -> str:
    """Heat map: FICO band (rows, best at the top) x LTV band; colour = share eligible, text = loans and share."""
    import numpy as np

    with _style("fico-ltv"):
        fig = _figure(7.0, 4.6)
        ax = fig.add_subplot()
        n = np.array(grid.loans, dtype=float)
        e = np.array(grid.eligible, dtype=float)
        share = np.divide(e, n, out=np.full_like(n, np.nan), where=n > 0)
        rows, cols = share.shape  # vector cells (pcolormesh), not a bitmap
        image = ax.pcolormesh(np.arange(cols + 1) - 0.5, np.arange(rows + 1) - 0.5, np.ma.masked_invalid(share), cmap="RdYlGn",
                              vmin=0, vmax=1, edgecolors="#ffffff", linewidth=0.6)
        ax.set_facecolor("#f2f4f8")
        for i, row in enumerate(grid.loans):
            for j, loans in enumerate(row):
                if loans:
                    pct = round(100 * grid.eligible[i][j] / loans)
                    dark = 0.25 < share[i, j] < 0.75
                    ax.text(j, i, f"{loans:,}\n{pct}%", ha="center", va="center", fontsize=7,
                            color="#111111" if dark else "#ffffff")
        ax.set_xticks(range(len(grid.ltv_labels)), grid.ltv_labels, rotation=30, ha="right")
        ax.set_yticks(range(len(grid.fico_labels)), grid.fico_labels)
        ax.set_xlabel("LTV")
        ax.set_ylabel("Credit score (FICO)")
        ax.set_title("Loans by FICO x LTV: count and share eligible")
        for side in ("top", "right", "left", "bottom"):
            ax.spines[side].set_visible(False)
        bar = fig.colorbar(image, ax=ax, shrink=0.8)
        if bar.solids is not None:
            bar.solids.set_rasterized(False)  # vector, not an embedded bitmap
        bar.set_label("share eligible")
        bar.set_ticks([0, 0.25, 0.5, 0.75, 1], labels=["0%", "25%", "50%", "75%", "100%"])
        return _svg(fig, "fico-ltv", "FICO by LTV grid, coloured by the share of loans eligible")


def shares(name: str, title: str, groups: Sequence[tuple[str, float, bool]], limit: float, before: dict[str, float] | None) -> str:
    """Horizontal bars: each group's share of the pool (breaches in red), the limit as a line; with `before`,
    the share before the stress as a hollow marker."""
    with _style(name):
        fig = _figure(7.6, 1.2 + 0.24 * max(len(groups), 3))
        ax = fig.add_subplot()
        labels = [g[0] for g in groups]
        values = [g[1] for g in groups]
        ys = list(range(len(groups)))[::-1]
        ax.barh(ys, values, color=[BREACH if g[2] else NEUTRAL for g in groups], height=0.7, label="share of the pool")
        if before is not None:
            ax.scatter([before.get(lab, 0.0) for lab in labels], ys, marker="|", s=120, color=LIMIT, linewidths=2, zorder=3,
                       label="before the stress")
        ax.axvline(limit, color=LIMIT, linestyle="--", linewidth=1.2, label=f"limit {limit:g}%")
        ax.set_yticks(ys, labels)
        ax.set_xlabel("share of the pool's loan amount (%)")
        ax.set_xlim(0, max([limit, *values, *(before or {}).values()]) * 1.12 or 1)
        for y, v in zip(ys, values, strict=True):
            ax.text(v, y, f" {v:.1f}%", va="center", fontsize=7)
        ax.set_title(title)
        fig.legend(loc="outside lower center", ncols=3, fontsize=7, frameon=False)
        return _svg(fig, name, title)


def dscr(hist: Histogram, scenario: str | None) -> str:
    """DSCR distribution (readable loans with a DSCR), before and after the stress when there is one."""
    import numpy as np

    with _style("dscr"):
        fig = _figure(7.6, 3.4)
        ax = fig.add_subplot()
        x = np.arange(len(hist.labels))
        if hist.stressed is None:
            ax.bar(x, hist.base, width=0.8, color=NEUTRAL, label="DSCR")
        else:
            ax.bar(x - 0.2, hist.base, width=0.4, color=NEUTRAL, label="before the stress")
            ax.bar(x + 0.2, hist.stressed, width=0.4, color=STRESSED, label=f"under {scenario}")
        one = hist.labels.index(next(lab for lab in hist.labels if lab.startswith("1.00")))
        ax.axvline(one - 0.5, color=BREACH, linestyle="--", linewidth=1.2, label="DSCR 1.00")
        ax.set_xticks(x, hist.labels, rotation=45, ha="right")
        ax.set_ylabel("loans")
        ax.set_xlabel("DSCR")
        ax.set_title("DSCR distribution" + (f": before and under {scenario}" if hist.stressed is not None else ""))
        ax.legend(fontsize=7, frameon=False)
        return _svg(fig, "dscr", "DSCR distribution" + (" before and after the stress" if hist.stressed is not None else ""))
