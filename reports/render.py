"""Render the 问题通报 of one run as print-ready HTML files.

Layout only: the data comes from :func:`reports.build.build_report_data`. Autoescaping is
on, so every crawled string (titles, URLs, messages) is escaped; CSS is inlined so that
each file can be sent to its unit on its own.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from reports.build import build_report_data

TEMPLATES = Path(__file__).resolve().parent / "templates"


def environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_reports(db: Any, config: Any, run_id: int, out_dir: Path, now: datetime | None = None,
                   *, rules: Iterable[Any] | None = None) -> dict[str, Any]:
    """Write ``index.html`` and ``units/<unit>.html``; return their paths."""
    data = build_report_data(db, config, run_id, rules=rules, now=now)
    out_dir = Path(out_dir)
    (out_dir / "units").mkdir(parents=True, exist_ok=True)
    env = environment()

    summary_path = out_dir / "index.html"
    summary_path.write_text(env.get_template("summary.html.j2").render(r=data["summary"]), encoding="utf-8")
    unit_paths: dict[str, Path] = {}
    template = env.get_template("unit.html.j2")
    for unit in data["units"]:
        path = out_dir / "units" / unit["file"]
        path.write_text(template.render(r=unit), encoding="utf-8")
        unit_paths[unit["unit_id"]] = path
    return {"summary": summary_path, "units": unit_paths}
