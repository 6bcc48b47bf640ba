"""Many sites in one command: ``zwgk run --config config/sites/`` (a folder, or --config repeated).

Each site is audited by its own ``zwgk run`` process (Scrapy's reactor runs once per process)
into its own database ``<db-dir>/<site id>.db``, so sites never contend for a writer lock and
the next night finds its previous run there for the incremental crawl. Up to ``--jobs`` sites
run at once, never two on the same host (each site keeps its own polite per-host limits). A
site that fails — bad config, unreachable, crashed, timed out — is reported and the others go
on. Logs go to ``<log-dir>/<YYYY-MM-DD>/<site id>.log``, reports to
``<out>/<site id>/<YYYY-MM-DD>/``; both are pruned after ``--keep-days``. The final table
says per site: status, pages, findings, duration, errors; with ``--db`` every site's run is
also merged into that one database.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from pathlib import Path

from .config import ConfigError, load_config

DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass
class SiteJob:
    config: str
    site_id: str = ""
    hosts: tuple[str, ...] = ()
    db: str = ""
    out: str = ""
    log: str = ""
    status: str = "pending"      # pending / running / completed / failed / timeout / config_error
    run_id: int | None = None
    pages: int = 0
    findings: int = 0
    errors: int = 0
    seconds: float = 0.0
    error: str = ""
    exit_code: int | None = None
    worker: str = ""
    _proc: subprocess.Popen | None = field(default=None, repr=False)
    _started: float = field(default=0.0, repr=False)

    def row(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self) if not f.name.startswith("_")}


def expand_configs(values: list[str] | str) -> list[Path]:
    """Site config files named by --config: files as given, folders as their *.toml files."""
    if isinstance(values, (str, Path)):
        values = [values]
    found: list[Path] = []
    for value in values:
        path = Path(value)
        if path.is_dir():
            files = sorted(p for p in path.glob("*.toml") if p.is_file())
            if not files:
                raise ConfigError(f"{path}: 目录中没有站点配置文件 *.toml (no site config in folder)")
            found.extend(files)
        elif path.is_file():
            found.append(path)
        else:
            raise ConfigError(f"{path}: 配置文件不存在 (config file not found)")
    unique: list[Path] = []
    for p in found:
        if p.resolve() not in {u.resolve() for u in unique}:
            unique.append(p)
    return unique


def is_many(values: list[str] | str) -> bool:
    values = [values] if isinstance(values, (str, Path)) else values
    return len(values) > 1 or any(Path(v).is_dir() for v in values)


def plan(configs: list[Path], db_dir: Path, out_root: Path, log_dir: Path, today: str) -> list[SiteJob]:
    jobs: list[SiteJob] = []
    ids: set[str] = set()
    for path in configs:
        job = SiteJob(config=str(path), site_id=path.stem)
        try:
            site = load_config(path)
        except ConfigError as exc:
            job.status, job.error = "config_error", str(exc)
            jobs.append(job)
            continue
        job.site_id = site.id
        if site.id in ids:
            job.status, job.error = "config_error", f"{path}: 站点 id `{site.id}` 与另一个配置文件重复 (duplicate site id)"
            jobs.append(job)
            continue
        ids.add(site.id)
        job.hosts = tuple(sorted(h.lower() for h in site.allowed_domains))
        job.db = str(db_dir / f"{site.id}.db")
        day_dir = out_root / site.id / today
        if day_dir.exists():  # a second run the same day keeps the first one's report
            day_dir = out_root / site.id / f"{today}-{datetime.now().strftime('%H%M%S')}"
        job.out = str(day_dir)
        job.log = str(log_dir / today / f"{site.id}.log")
        jobs.append(job)
    return jobs


def site_command(job: SiteJob, args) -> list[str]:
    cmd = [sys.executable, "-m", "crawler.cli", "run", "--config", job.config, "--db", job.db, "--out", job.out,
           "--quiet"]
    if getattr(args, "resume", False):
        cmd.append("--resume")
    if getattr(args, "no_evidence", False):
        cmd.append("--no-evidence")
    return cmd


def read_outcome(job: SiteJob) -> None:
    """Fill pages / findings / errors of ``job`` from its database's latest run of the site."""
    if not job.db or not Path(job.db).exists():
        return
    conn = sqlite3.connect(job.db, timeout=30)
    try:
        row = conn.execute("SELECT id, status, stats, error FROM runs WHERE site_id = ? ORDER BY id DESC LIMIT 1",
                           [job.site_id]).fetchone()
        if not row:
            return
        job.run_id = row[0]
        stats = json.loads(row[2] or "{}")
        job.pages = int(stats.get("pages") or 0) or conn.execute(
            "SELECT COUNT(*) FROM pages WHERE run_id = ?", [row[0]]).fetchone()[0]
        job.findings = conn.execute("SELECT COUNT(*) FROM findings WHERE run_id = ?", [row[0]]).fetchone()[0]
        job.errors = conn.execute("SELECT COUNT(*) FROM pages WHERE run_id = ? AND error != '' AND error IS NOT NULL",
                                  [row[0]]).fetchone()[0]
        if row[3] and not job.error and job.status != "completed":
            job.error = row[3]
    except sqlite3.DatabaseError as exc:
        job.error = job.error or f"数据库错误: {exc}"
    finally:
        conn.close()


def _last_line(path: str) -> str:
    try:
        lines = [ln.strip() for ln in Path(path).read_text(encoding="utf-8", errors="replace").splitlines()]
    except OSError:
        return ""
    for line in reversed(lines):
        if line and not line.startswith("/") and "Traceback" not in line:
            return line[:300]
    return ""


def run_jobs(jobs: list[SiteJob], args, parallel: int, site_timeout: float = 0.0,
             on_progress=None) -> list[SiteJob]:
    """Run every pending job, at most ``parallel`` at once and never two on one host."""
    queue = [j for j in jobs if j.status == "pending"]
    running: list[SiteJob] = []
    while queue or running:
        busy = {h for j in running for h in j.hosts}
        for job in list(queue):
            if len(running) >= parallel:
                break
            if busy & set(job.hosts):
                continue
            queue.remove(job)
            Path(job.log).parent.mkdir(parents=True, exist_ok=True)
            Path(job.db).parent.mkdir(parents=True, exist_ok=True)
            log = open(job.log, "a", encoding="utf-8")
            log.write(f"== {datetime.now().isoformat(timespec='seconds')} {' '.join(site_command(job, args))}\n")
            log.flush()
            job._proc = subprocess.Popen(site_command(job, args), stdout=log, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
            log.close()
            job._started = time.monotonic()
            job.status = "running"
            running.append(job)
            busy |= set(job.hosts)
            if on_progress:
                on_progress(job)
        time.sleep(0.2)
        for job in list(running):
            code = job._proc.poll()
            elapsed = time.monotonic() - job._started
            if code is None and site_timeout and elapsed > site_timeout:
                _stop(job._proc)
                code = job._proc.wait()
                job.status, job.error = "timeout", f"超过时限 {site_timeout:.0f} 秒，已终止 (site timeout)"
            if code is None:
                continue
            running.remove(job)
            job.seconds = round(elapsed, 1)
            job.exit_code = code
            if job.status != "timeout":
                job.status = "completed" if code == 0 else "failed"
                if code != 0:
                    job.error = _last_line(job.log) or f"退出码 {code}"
            read_outcome(job)
            if on_progress:
                on_progress(job)
    return jobs


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


# -- the table ------------------------------------------------------------------------------

STATUS_LABELS = {"completed": "完成", "failed": "失败", "timeout": "超时", "config_error": "配置错误",
                 "pending": "未运行", "running": "运行中"}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _duration(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


def table(jobs: list[SiteJob]) -> str:
    head = ["站点 site", "状态 status", "页面 pages", "问题 findings", "用时 duration", "错误 errors"]
    rows = []
    for j in jobs:
        errors = str(j.errors) + (f"  {j.error}" if j.error else "")
        rows.append([j.site_id, STATUS_LABELS.get(j.status, j.status), str(j.pages), str(j.findings),
                     _duration(j.seconds), errors])
    widths = [max(_width(r[i]) for r in rows + [head]) for i in range(len(head) - 1)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(r[:-1], widths)) + "  " + r[-1] for r in [head] + rows]
    done = sum(1 for j in jobs if j.status == "completed")
    lines.append(f"共 {len(jobs)} 个站点，完成 {done} 个，失败 {len(jobs) - done} 个 "
                 f"(sites: {len(jobs)}, completed: {done}, failed: {len(jobs) - done})")
    return "\n".join(lines)


# -- rotation -------------------------------------------------------------------------------

def prune(root: Path, keep_days: int, today: date | None = None, depth: int = 1) -> list[Path]:
    """Remove date-named folders (YYYY-MM-DD…) older than ``keep_days`` under ``root``
    (``depth`` 2: under each sub-folder, e.g. reports/out/<site>/<date>)."""
    if keep_days <= 0 or not root.is_dir():
        return []
    limit = (today or date.today()) - timedelta(days=keep_days)
    parents = [root] if depth == 1 else [p for p in root.iterdir() if p.is_dir()]
    removed = []
    for parent in parents:
        for path in parent.iterdir():
            m = DATED.match(path.name)
            if not (m and path.is_dir()):
                continue
            try:
                day = date.fromisoformat(m.group(1))
            except ValueError:
                continue
            if day < limit:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


# -- the command ----------------------------------------------------------------------------

def run_many(args, say) -> int:
    configs = expand_configs(args.config)
    today = date.today().isoformat()
    db_dir = Path(args.db_dir)
    out_root = Path(args.out) if args.out else Path("reports") / "out"
    log_dir = Path(args.log_dir)
    jobs = plan(configs, db_dir, out_root, log_dir, today)
    say(f"检查 {len(jobs)} 个站点，最多同时 {args.jobs} 个；日志 {log_dir / today}/ (auditing {len(jobs)} sites)")

    def progress(job: SiteJob) -> None:
        if args.quiet:
            return
        if job.status == "running":
            say(f"  开始 {job.site_id}")
        else:
            say(f"  {STATUS_LABELS.get(job.status, job.status)} {job.site_id}：页面 {job.pages}，问题 {job.findings}，"
                f"用时 {_duration(job.seconds)}" + (f"；{job.error}" if job.error else ""))

    run_jobs(jobs, args, max(1, args.jobs), args.site_timeout, progress)
    from .cli_scale import db_given

    if db_given(args):
        from .lock import db_writer

        sources = [(j.db, j.run_id) for j in jobs if j.status == "completed" and j.run_id]
        with db_writer(args.db):
            merged = _record_batch(args.db, jobs, sources, "local")
        say(f"已合并 {len(merged)} 个站点的运行到 {args.db} (merged)")
    summary = log_dir / today / "summary.json"
    summary.parent.mkdir(parents=True, exist_ok=True)
    summary.write_text(json.dumps([j.row() for j in jobs], ensure_ascii=False, indent=2), encoding="utf-8")
    if args.keep_days:
        prune(log_dir, args.keep_days)
        prune(out_root, args.keep_days, depth=2)
    print(table(jobs), flush=True)
    return 0 if all(j.status == "completed" for j in jobs) else 5


def _record_batch(db_path: str, jobs: list[SiteJob], sources: list[tuple[str, int]], mode: str) -> list[int]:
    from .merge import merge_runs
    from .store import open_db, utcnow

    started = utcnow()
    merged = merge_runs(db_path, sources)
    by_source = dict(zip([s for s in sources], merged))
    db = open_db(db_path)
    with db.conn:
        batch_id = db["batches"].insert({"mode": mode, "started_at": started, "finished_at": utcnow(),
                                         "status": "completed" if all(j.status == "completed" for j in jobs)
                                         else "partial", "sites": len(jobs)}).last_pk
        for j in jobs:
            db["batch_runs"].insert({
                "batch_id": batch_id, "site_id": j.site_id, "run_id": by_source.get((j.db, j.run_id)),
                "status": j.status, "pages": j.pages, "findings": j.findings, "seconds": j.seconds,
                "errors": j.errors, "error": j.error, "worker": j.worker, "db_path": j.db}, replace=True)
    db.close()
    return merged
