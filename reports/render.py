"""Render the 问题通报 of one run: HTML, and from the same data PDF, Word and Excel.

Layout only: the data comes from :func:`reports.build.build_report_data`. Autoescaping is
on, so every crawled string (titles, URLs, messages) is escaped; CSS is inlined so that
each file can be sent to its unit on its own, and the screenshots a report links are
copied into its ``evidence/`` folder. A format that cannot be written (no browser for the
PDF, say) is reported in ``warnings`` and never fails the run: the HTML is always there.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from reports.build import build_report_data
from reports.outputs import LEDGER, feedback_name

TEMPLATES = Path(__file__).resolve().parent / "templates"


def environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _copy_evidence(units: list[dict], out_dir: Path) -> int:
    """Put the screenshots the unit reports link beside them (hard link when possible)."""
    copied = 0
    for unit in units:
        for row in unit["findings"] + unit["fixed"]:
            shot = row["shot"]
            if not shot["src"]:
                continue
            dest = out_dir / "evidence" / shot["file"]
            dest.parent.mkdir(parents=True, exist_ok=True)
            src = Path(shot["src"])
            if dest.exists() and dest.resolve() == src.resolve():
                continue
            if dest.exists():
                dest.unlink()
            try:
                os.link(src, dest)
            except OSError:
                shutil.copy2(src, dest)
            copied += 1
    return copied


def render_reports(db: Any, config: Any, run_id: int, out_dir: Path, now: datetime | None = None,
                   *, rules: Iterable[Any] | None = None, formats: Iterable[str] | None = None) -> dict[str, Any]:
    """Write ``index.*``, ``units/<unit>.*``, ``整改台账.xlsx`` and the 整改反馈表; return their paths."""
    data = build_report_data(db, config, run_id, rules=rules, now=now)
    wanted = tuple(formats) if formats is not None else data["formats"]
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
    _copy_evidence(data["units"], out_dir)

    result: dict[str, Any] = {"summary": summary_path, "units": unit_paths, "pdf": [], "docx": [],
                              "xlsx": [], "warnings": []}
    if "xlsx" in wanted:
        try:
            from reports.xlsx_out import write_feedback, write_ledger

            result["xlsx"].append(write_ledger(data, out_dir / LEDGER))
            for unit in data["units"]:
                if unit["findings"]:
                    result["xlsx"].append(write_feedback(unit, out_dir / "units" / feedback_name(unit["stem"])))
        except Exception as exc:
            result["warnings"].append(f"Excel 未生成 (xlsx not written): {type(exc).__name__}: {exc}")
    if "docx" in wanted:
        try:
            from reports.docx_out import write_summary_docx, write_unit_docx

            result["docx"].append(write_summary_docx(data["summary"], out_dir / "index.docx"))
            for unit in data["units"]:
                result["docx"].append(write_unit_docx(unit, out_dir / "units" / f"{unit['stem']}.docx"))
        except Exception as exc:
            result["warnings"].append(f"Word 未生成 (docx not written): {type(exc).__name__}: {exc}")
    if "pdf" in wanted:
        from reports.pdf import print_pdfs

        pairs = [(summary_path, out_dir / "index.pdf")]
        pairs += [(p, p.with_suffix(".pdf")) for p in unit_paths.values()]
        done, errors = print_pdfs(pairs)
        result["pdf"] = done
        result["warnings"] += errors
    return result
