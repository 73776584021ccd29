"""Charts for leaders: tasks per agency in the official classes, as a PNG.

A bare matplotlib Figure renders with the Agg canvas (no display, no pyplot state), in
DejaVu Sans, which ships with matplotlib and has every Vietnamese diacritic, so the chart
looks the same on any server.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Sequence
from dataclasses import astuple
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.core.status import CLASS_ORDER, ClassCounts, StatusClass
from bot.texts import plain

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FONT = "DejaVu Sans"
COLOURS: dict[StatusClass, str] = {
    StatusClass.DONE_ON_TIME: "#2e7d32",
    StatusClass.DONE_LATE: "#9ccc65",
    StatusClass.IN_PROGRESS: "#fbc02d",
    StatusClass.OVERDUE: "#d32f2f",
    StatusClass.NO_DEADLINE: "#90a4ae",
}


def class_chart_png(
    rows: Sequence[tuple[str, ClassCounts]], title: str, lang: str = "vi", dpi: int = 110
) -> bytes:
    """PNG bytes of :func:`class_chart_figure`.

    Drawing takes up to seconds for a whole province, and the counts change far less often
    than leaders ask for them: the same counts, title and language give the cached PNG.
    """
    return _cached_png(chart_key(rows), title, lang, dpi)


def chart_key(
    rows: Sequence[tuple[str, ClassCounts]], *extra: str
) -> tuple[tuple[tuple[str, tuple[int, ...]], ...], tuple[str, ...]]:
    """What identifies a chart's picture: its rows' names and counts (and ``extra``)."""
    return tuple((name, astuple(counts)) for name, counts in rows), extra


@lru_cache(maxsize=32)
def _cached_png(
    key: tuple[tuple[tuple[str, tuple[int, ...]], ...], tuple[str, ...]], title: str, lang: str,
    dpi: int,
) -> bytes:
    rows = [(name, ClassCounts(*values)) for name, values in key[0]]
    buffer = io.BytesIO()
    figure = class_chart_figure(rows, title, lang, dpi)
    figure.savefig(buffer, format="png")
    # A figure is a web of reference cycles (its texts keep the renderer), so without a
    # collection its pixel buffer — 35 MB for a province of 134 agencies — stays resident
    # until the collector happens to run: under load, one more chart on top of it.
    del figure
    gc.collect()
    return buffer.getvalue()


def class_chart_figure(
    rows: Sequence[tuple[str, ClassCounts]], title: str, lang: str = "vi", dpi: int = 110
) -> Figure:
    """Horizontal stacked bars, one per agency (in the order given), one colour per class.

    Long agency names wrap; the figure grows with the number of rows. Each class is one
    bar container on the axes (tests count them).
    """
    # Imported here: matplotlib takes half a second to import, which every command-line
    # call and the bot's start-up paid although only a chart needs it.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    labels = [_wrap(name, 34) for name, _ in rows] or ["—"]
    height = max(2.6, 0.55 * len(labels) + 1.6)
    figure = Figure(figsize=(9.5, height), dpi=dpi)
    # An Agg canvas from the start: tight_layout and savefig then share one renderer
    # (without it tight_layout draws into a second full-size pixel buffer of its own).
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    left = [0] * len(labels)
    for cls in CLASS_ORDER:
        values = [counts.get(cls) for _, counts in rows] or [0]
        axes.barh(
            positions, values, left=left, color=COLOURS[cls],
            label=plain(f"class.{cls.value}", lang), height=0.62,
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    for position, total in zip(positions, left, strict=True):
        if total:
            axes.text(total, position, f" {total}", va="center", fontsize=8, family=FONT)
    axes.set_yticks(positions, labels, fontsize=8, family=FONT)
    axes.invert_yaxis()  # first row on top: callers sort worst first
    axes.set_title(title, fontsize=11, family=FONT)
    axes.set_xlabel(plain("chart.tasks", lang), fontsize=9, family=FONT)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.5 / height * 2.2), ncol=3, fontsize=8,
        frameon=False, prop={"family": FONT, "size": 8},
    )
    figure.tight_layout()
    return figure


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines[:3])
