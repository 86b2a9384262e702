"""Charts as inline SVG, drawn by matplotlib (Agg-free SVG backend; no files, no network).

Text stays text in the SVG (``svg.fonttype = none``) so the chart is small and readable in any
font; labels are plain strings (no mathtext: a "$19 billion" headline stays as written).
"""

from __future__ import annotations

import io
import re
import threading
from datetime import date, datetime

_LOCK = threading.Lock()  # pyplot's state is global: one figure at a time
PALETTE = ["#1f5fa8", "#d1495b", "#2a9d8f", "#e9a03b", "#7b4ea3", "#5c6b73", "#8ab17d", "#b5651d"]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _label(text: str, limit: int = 60) -> str:
    text = _CONTROL.sub("", " ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    svg = buf.getvalue()
    # Drop the XML prolog and DOCTYPE: the SVG is inlined into HTML.
    return svg[svg.index("<svg"):]


def _rc():
    return {"svg.fonttype": "none", "svg.hashsalt": "newsmon", "text.parse_math": False,
            "font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
            "font.size": 9, "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": "#888888",
            "axes.labelcolor": "#333333", "xtick.color": "#555555", "ytick.color": "#555555"}


def coverage_svg(days: list[date], series: list[tuple[str, list[int]]], title: str = "") -> str:
    """Articles per day, one line per storyline/event; '' when there is nothing to draw."""
    if not days or not series or not any(sum(c) for _, c in series):
        return ""
    import matplotlib

    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with _LOCK, matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(10.5, 2.6 + 0.2 * len(series)), dpi=96)
        ax = fig.add_subplot(1, 1, 1)
        x = list(range(len(days)))
        for i, (label, counts) in enumerate(series):
            ax.plot(x, counts, marker="o", markersize=3.5, linewidth=1.8, color=PALETTE[i % len(PALETTE)],
                    label=_label(label, 70 if len(series) <= 3 else 58))
        ax.set_xticks(x[::2] if len(x) > 8 else x)
        ax.set_xticklabels([days[i].strftime("%d %b") for i in (x[::2] if len(x) > 8 else x)])
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        ax.set_ylim(bottom=0)
        ax.set_ylabel("articles per day")
        ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
        if title:
            ax.set_title(_label(title, 90), loc="left", fontsize=10)
        ax.legend(loc="upper left", bbox_to_anchor=(0, -0.16), frameon=False, fontsize=9, ncol=2 if len(series) > 3 else 1)
        return _svg(fig)


def timeline_svg(points: list[tuple[datetime, int]], unit: str) -> str:
    """Coverage of one event: articles per hour or per day, as bars."""
    if not points:
        return ""
    import matplotlib

    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with _LOCK, matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(6.4, 1.9), dpi=96)
        ax = fig.add_subplot(1, 1, 1)
        labels = [p[0].strftime("%d %b %H:00" if unit == "hour" else "%d %b") for p in points]
        ax.bar(range(len(points)), [p[1] for p in points], color=PALETTE[0], width=0.6)
        ax.set_xticks(range(len(points)))
        ax.set_xticklabels(labels, rotation=30 if len(points) > 4 else 0, ha="right" if len(points) > 4 else "center")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=3))
        ax.set_ylabel(f"articles per {unit}")
        ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
        return _svg(fig)
