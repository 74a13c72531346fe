"""A small inline-SVG plotting module for the report: no JavaScript, no external files.

Every function returns one ``<svg>`` element as a string, with a ``viewBox`` so that it
scales to its container (laptop or phone), a ``<title>`` for screen readers, and all text
escaped. Colours come from CSS classes (``.s0`` ... ``.s5``, ``.axis``, ``.grid``) defined in
the report's stylesheet, so the plots follow the page's theme.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

__all__ = ["bar_chart", "histogram", "line_chart", "radar", "stacked_bars"]

#: Width of the drawing in user units; the browser scales the whole plot to its box.
#: 400 keeps 11-12 px text readable in a 320 px phone column and in a laptop card.
WIDTH = 400
#: A plot is never drawn wider than this multiple of its user width (text stays at most
#: ~1.4x its nominal size in a wide card).
MAX_SCALE = 1.4


def _svg(height: float, title: str, body: str, width: float = WIDTH) -> str:
    t = escape(title)
    return (
        f'<svg class="plot" viewBox="0 0 {width:g} {height:g}" role="img" aria-label="{t}" '
        f'style="max-width:{width * MAX_SCALE:.0f}px" '
        f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet">'
        f"<title>{t}</title>{body}</svg>"
    )


def _fmt(v: float) -> str:
    return f"{v:.0f}" if abs(v) >= 10 or v == int(v) else f"{v:.2f}".rstrip("0").rstrip(".")


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str,
    vmax: float = 1.0,
    fmt: str = "{:.2f}",
    highlight: Sequence[bool] | None = None,
) -> str:
    """Horizontal bars, one per label; ``None`` values are drawn as "n/a"."""
    row, left, right = 22, 104, 44
    h = row * len(labels) + 8
    plot_w = WIDTH - left - right
    parts = []
    for i, (lab, v) in enumerate(zip(labels, values, strict=True)):
        y = 4 + i * row
        parts.append(
            f'<text class="lbl" x="{left - 6}" y="{y + 15}" text-anchor="end">{escape(lab)}</text>'
            f'<rect class="track" x="{left}" y="{y + 4}" width="{plot_w}" height="{row - 8}" rx="3"/>'
        )
        if v is None:
            parts.append(f'<text class="val" x="{left + 4}" y="{y + 15}">n/a</text>')
            continue
        w = max(1.0, plot_w * min(max(v / vmax, 0.0), 1.0))
        cls = "bar hl" if highlight and highlight[i] else "bar"
        parts.append(
            f'<rect class="{cls}" x="{left}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" rx="3">'
            f"<title>{escape(lab)}: {escape(fmt.format(v))}</title></rect>"
            f'<text class="val" x="{left + plot_w + 6}" y="{y + 15}">{escape(fmt.format(v))}</text>'
        )
    return _svg(h, title, "".join(parts))


def histogram(
    labels: Sequence[str], counts: Sequence[int], *, title: str, height: int = 170
) -> str:
    """Vertical bars of counts with their bin labels under them."""
    n = max(len(counts), 1)
    top, bottom, left = 14, 30, 8
    plot_h = height - top - bottom
    bw = (WIDTH - 2 * left) / n
    cmax = max(max(counts, default=0), 1)
    parts = [
        f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{WIDTH - left}" y2="{top + plot_h}"/>'
    ]
    for i, (lab, c) in enumerate(zip(labels, counts, strict=True)):
        bh = plot_h * c / cmax
        x = left + i * bw
        parts.append(
            f'<rect class="bar" x="{x + 2:.1f}" y="{top + plot_h - bh:.1f}" width="{bw - 4:.1f}" '
            f'height="{max(bh, 0.5):.1f}"><title>{escape(lab)}: {c}</title></rect>'
            f'<text class="tick" x="{x + bw / 2:.1f}" y="{height - 14}" text-anchor="middle">{escape(lab)}</text>'
        )
        if c:
            parts.append(
                f'<text class="val" x="{x + bw / 2:.1f}" y="{top + plot_h - bh - 3:.1f}" '
                f'text-anchor="middle">{c}</text>'
            )
    return _svg(height, title, "".join(parts))


def stacked_bars(
    rows: Sequence[str],
    series: Sequence[str],
    shares: Sequence[Sequence[float]],
    *,
    title: str,
    classes: Sequence[str] | None = None,
) -> str:
    """Horizontal 100% bars: one row per label, one coloured segment per series, with a legend.

    ``classes`` names the CSS class of each series (default ``s0``, ``s1``, ...).
    """
    cls = list(classes) if classes else [f"s{j % 6}" for j in range(len(series))]
    row, left, right = 22, 104, 8
    legend_h = 20 * math.ceil(len(series) / 4)
    h = row * len(rows) + legend_h + 12
    plot_w = WIDTH - left - right
    parts = []
    for i, lab in enumerate(rows):
        y = 4 + i * row
        parts.append(
            f'<text class="lbl" x="{left - 6}" y="{y + 15}" text-anchor="end">{escape(lab)}</text>'
        )
        x = float(left)
        total = sum(shares[i]) or 1.0
        for j, s in enumerate(shares[i]):
            w = plot_w * s / total
            if w <= 0:
                continue
            parts.append(
                f'<rect class="{cls[j]}" x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 6}">'
                f"<title>{escape(lab)} · {escape(series[j])}: {s / total:.0%}</title></rect>"
            )
            x += w
    ly = row * len(rows) + 12
    for j, name in enumerate(series):
        lx = 8 + (j % 4) * (WIDTH / 4)
        yy = ly + 20 * (j // 4)
        parts.append(
            f'<rect class="{cls[j]}" x="{lx:.1f}" y="{yy}" width="12" height="12" rx="2"/>'
            f'<text class="tick" x="{lx + 16:.1f}" y="{yy + 10}">{escape(name)}</text>'
        )
    return _svg(h, title, "".join(parts))


def line_chart(
    xlabels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str,
    ymin: float = 0.0,
    ymax: float = 1.0,
    height: int = 190,
) -> str:
    """Lines over ordered x labels; ``None`` points break the line."""
    top, bottom, left, right = 12, 44, 36, 24
    plot_h = height - top - bottom
    plot_w = WIDTH - left - right
    n = max(len(xlabels), 1)
    span = (ymax - ymin) or 1.0

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)
        return x, top + plot_h * (1 - (v - ymin) / span)

    parts = []
    for k in range(5):
        v = ymin + span * k / 4
        _, y = xy(0, v)
        parts.append(
            f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{left - 4}" y="{y + 4:.1f}" text-anchor="end">{escape(_fmt(v))}</text>'
        )
    step = max(1, math.ceil(n / 8))
    for i, lab in enumerate(xlabels):
        if i % step == 0 or i == n - 1:
            x, _ = xy(i, ymin)
            parts.append(
                f'<text class="tick" x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="middle">{escape(lab)}</text>'
            )
    for j, (name, values) in enumerate(series):
        pts: list[list[tuple[float, float]]] = [[]]
        for i, val in enumerate(values):
            if val is None:
                pts.append([])
            else:
                pts[-1].append(xy(i, val))
        for seg in pts:
            if len(seg) > 1:
                d = " ".join(f"{x:.1f},{y:.1f}" for x, y in seg)
                parts.append(f'<polyline class="line c{j % 6}" points="{d}"/>')
            for x, y in seg:
                parts.append(
                    f'<circle class="dot c{j % 6}" cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{escape(name)}</title></circle>'
                )
        lx = left + (j % 3) * (plot_w / 3)
        ly = height - 12 + 0 * j
        parts.append(
            f'<rect class="s{j % 6}" x="{lx:.1f}" y="{ly - 9}" width="12" height="4"/>'
            f'<text class="tick" x="{lx + 16:.1f}" y="{ly - 4}">{escape(name)}</text>'
        )
    return _svg(height, title, "".join(parts))


def radar(
    labels: Sequence[str], values: Sequence[float | None], *, title: str, size: int = 300
) -> str:
    """A radar (spider) plot of 0..1 values; ``None`` axes are drawn at the centre, greyed."""
    n = len(labels)
    width = size + 120  # room for the axis labels left and right
    cx, cy = width / 2, size / 2
    r = size / 2 - 34

    def pt(i: int, v: float) -> tuple[float, float]:
        a = -math.pi / 2 + 2 * math.pi * i / n
        return cx + r * v * math.cos(a), cy + r * v * math.sin(a)

    parts = []
    for ring in (0.25, 0.5, 0.75, 1.0):
        d = " ".join(f"{x:.1f},{y:.1f}" for x, y in (pt(i, ring) for i in range(n)))
        parts.append(f'<polygon class="grid" points="{d}"/>')
    for i, lab in enumerate(labels):
        x, y = pt(i, 1.0)
        lx, ly = pt(i, 1.14)
        anchor = "middle" if abs(lx - cx) < 8 else ("start" if lx > cx else "end")
        cls = "tick na" if values[i] is None else "tick"
        parts.append(
            f'<line class="grid" x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}"/>'
            f'<text class="{cls}" x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}">{escape(lab)}</text>'
        )
    d = " ".join(f"{x:.1f},{y:.1f}" for x, y in (pt(i, v or 0.0) for i, v in enumerate(values)))
    parts.append(f'<polygon class="area" points="{d}"/>')
    for i, v in enumerate(values):
        if v is not None:
            x, y = pt(i, v)
            parts.append(
                f'<circle class="dot rd" cx="{x:.1f}" cy="{y:.1f}" r="3">'
                f"<title>{escape(labels[i])}: {v:.2f}</title></circle>"
            )
    return _svg(size, title, "".join(parts), width=width)
