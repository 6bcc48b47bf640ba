"""Render the 问题通报 of one run: HTML, and from the same data PDF, Word and Excel.

Layout only: the data comes from :func:`reports.build.build_report_data`. Autoescaping is
on, so every crawled string (titles, URLs, messages) is escaped; CSS is inlined so that
each file can be sent to its unit on its own, and the screenshots a report links are
copied into its ``evidence/`` folder. A format that cannot be written (no browser for the
PDF, say) is reported in ``warnings`` and never fails the run: the HTML is always there.

Once the HTML is written the other formats are made side by side: Chromium prints the PDFs
from a thread of this process (``reports.pdf``), a large run's Word files are written by a
forked child (``reports.forked``), and this process writes the Excel files meanwhile.
"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from reports.build import build_report_data
from reports.forked import Forked
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


def _write_word(data: dict[str, Any], out_dir: Path) -> tuple[list[Path], list[str]]:
    written: list[Path] = []
    try:
        from reports.docx_out import write_summary_docx, write_unit_docx

        written.append(write_summary_docx(data["summary"], out_dir / "index.docx"))
        for unit in data["units"]:
            written.append(write_unit_docx(unit, out_dir / "units" / f"{unit['stem']}.docx"))
    except Exception as exc:
        return written, [f"Word 未生成 (docx not written): {type(exc).__name__}: {exc}"]
    return written, []


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
    print_copies: dict[str, Path] = {}
    template = env.get_template("unit.html.j2")
    for unit in data["units"]:
        path = out_dir / "units" / unit["file"]
        path.write_text(template.render(r=unit), encoding="utf-8")
        unit_paths[unit["unit_id"]] = path
        if unit["print_left_out"] and "pdf" in wanted:
            # What printing this file shows, without the rows print hides: Chromium need not read them.
            printed = [f for f in unit["findings"] if f["print"]]
            copy = path.with_name(f".{unit['stem']}.print.html")
            copy.write_text(template.render(r=unit | {"findings": printed}), encoding="utf-8")
            print_copies[unit["unit_id"]] = copy
    _copy_evidence(data["units"], out_dir)

    result: dict[str, Any] = {"summary": summary_path, "units": unit_paths, "pdf": [], "docx": [],
                              "xlsx": [], "warnings": []}
    word = None
    if "docx" in wanted:  # forked before the PDF thread starts: a forked child must find no thread
        rows = sum(len(u["findings"]) + len(u["fixed"]) for u in data["units"])
        word = Forked(lambda: _write_word(data, out_dir), rows, "Word 未生成 (docx not written)")
    printing = None
    if "pdf" in wanted:  # Chromium prints in its own processes while Python writes Excel and Word
        from reports.pdf import BackgroundPrint

        pairs = [(summary_path, out_dir / "index.pdf")]
        pairs += [(print_copies.get(uid, p), p.with_suffix(".pdf")) for uid, p in unit_paths.items()]
        printing = BackgroundPrint(pairs, remove=list(print_copies.values()))
    if "xlsx" in wanted:
        try:
            from reports.xlsx_out import write_feedback, write_ledger

            result["xlsx"].append(write_ledger(data, out_dir / LEDGER))
            for unit in data["units"]:
                if unit["findings"]:
                    result["xlsx"].append(write_feedback(unit, out_dir / "units" / feedback_name(unit["stem"])))
        except Exception as exc:
            result["warnings"].append(f"Excel 未生成 (xlsx not written): {type(exc).__name__}: {exc}")
    if word is not None:
        result["docx"], warnings = word.result()
        result["warnings"] += warnings
    if printing is not None:
        done, errors = printing.result()
        result["pdf"] = done
        result["warnings"] += errors
    return result
