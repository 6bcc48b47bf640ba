"""The bar chart of problems per unit in the summary 通报, as plain coordinates.

An inline SVG prints sharply and needs no script; computing every coordinate here keeps
the template a pure layout of numbers and labels.
"""

from __future__ import annotations

from typing import Any

SEVERITIES = ("veto", "deduct", "advice")
LABELS = {"veto": "单项否决", "deduct": "扣分", "advice": "提示"}

WIDTH = 620
LABEL_W = 170
BAR_W = 380
ROW_H = 26
BAR_H = 16
TOP = 34
AXIS_H = 22


def _nice_step(maximum: int, ticks: int = 5) -> int:
    rough = max(1, maximum) / ticks
    magnitude = 1
    while magnitude * 10 <= rough:
        magnitude *= 10
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= rough:
            return factor * magnitude
    return 10 * magnitude


def bar_chart(units: list[dict[str, Any]]) -> dict[str, Any]:
    """Stacked horizontal bars, one per unit, largest first: ``{"width", "height", "rows", ...}``.

    ``units`` carry ``name`` and ``counts`` (``veto``/``deduct``/``advice``/``total``).
    """
    ordered = sorted(enumerate(units), key=lambda iu: (-iu[1]["counts"]["total"], iu[0]))
    maximum = max([u["counts"]["total"] for u in units] + [1])
    step = _nice_step(maximum)
    top_value = ((maximum + step - 1) // step) * step
    scale = BAR_W / top_value
    height = TOP + ROW_H * len(units) + AXIS_H
    rows = []
    for i, (_, u) in enumerate(ordered):
        y = TOP + i * ROW_H
        x = LABEL_W
        segments = []
        for sev in SEVERITIES:
            n = u["counts"][sev]
            if n:
                w = round(n * scale, 1)
                segments.append({"x": round(x, 1), "y": y + (ROW_H - BAR_H) // 2, "w": w, "h": BAR_H,
                                 "cls": f"sev-{sev}", "n": n, "title": f"{u['name']}：{LABELS[sev]}{n}个"})
                x += w
        rows.append({"label": u["name"], "label_x": LABEL_W - 8, "text_y": y + ROW_H // 2 + 5,
                     "total": u["counts"]["total"], "total_x": round(x + 6, 1)})
        rows[-1]["segments"] = segments
    axis_y = TOP + ROW_H * len(units)
    ticks = [{"x": round(LABEL_W + v * scale, 1), "label": str(v)} for v in range(0, top_value + 1, step)]
    legend, lx = [], LABEL_W
    for sev in SEVERITIES:
        legend.append({"x": lx, "y": 8, "text_x": lx + 18, "text_y": 20, "cls": f"sev-{sev}", "label": LABELS[sev]})
        lx += 96
    return {"width": WIDTH, "height": height, "rows": rows, "ticks": ticks, "legend": legend,
            "axis_y": axis_y, "axis_x1": LABEL_W, "axis_x2": LABEL_W + BAR_W, "tick_y": axis_y + 16,
            "grid_top": TOP - 4,
            "caption": "图1　各单位问题数量（按严重程度）", "empty": maximum == 1 and not any(
                u["counts"]["total"] for u in units)}
