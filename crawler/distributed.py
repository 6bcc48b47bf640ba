"""Distributed mode on RQ (Redis Queue): one job per site, any number of worker machines.

Why RQ: the unit of work of a nightly audit is a site (its crawl, checks and report are one
``zwgk run``), sites are independent, and a crawl already runs in a process of its own. A job
queue that hands out one site per job is exactly that; RQ is a small, maintained, pure-Python
queue on Redis whose workers fork a fresh process per job, with job timeouts, failure
registries and results kept in Redis — nothing to write ourselves. (scrapy-redis would share
one frontier for a single giant portal, but our portals are tens of thousands of pages, not
millions, and one frontier across machines would also mean one politeness budget shared by
many crawlers of the same host.)

- ``zwgk worker --redis URL`` on each machine takes jobs from the ``zwgk`` queue.
- ``zwgk distributed --config config/sites/ --redis URL --work-dir /shared/zwgk --db merged.db``
  enqueues one job per site, waits for all of them, merges every site's run into ``merged.db``
  and prints the same table as a local multi-site run.

Each job audits its site with ``zwgk run`` into ``<work-dir>/dbs/<site id>.db`` (so the next
night's run of that site, on whichever worker, finds the previous run for its incremental
crawl — ``<work-dir>`` is a shared folder, e.g. NFS, when workers are on several machines),
with logs in ``<work-dir>/logs/<date>/`` and reports in ``<work-dir>/reports/<site>/<date>/``.
The per-site lock keeps two workers from auditing the same site at once.
"""

from __future__ import annotations

import socket
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from .config import ConfigError, load_config
from .multisite import SiteJob, expand_configs, run_jobs, table

QUEUE = "zwgk"
JOB_TIMEOUT = 12 * 3600


def audit_site(config_path: str, work_dir: str, resume: bool = False, site_timeout: float = 0.0,
               no_evidence: bool = False) -> dict:
    """The RQ job: ``zwgk run`` of one site into the shared work folder; returns its table row."""
    site = load_config(config_path)
    work = Path(work_dir)
    today = date.today().isoformat()
    job = SiteJob(config=config_path, site_id=site.id, hosts=tuple(site.allowed_domains),
                  db=str(work / "dbs" / f"{site.id}.db"), out=str(work / "reports" / site.id / today),
                  log=str(work / "logs" / today / f"{site.id}.log"))
    try:
        from rq import get_current_job

        current = get_current_job()
        job.worker = (current.worker_name if current is not None else "") or socket.gethostname()
    except Exception:  # noqa: BLE001 - outside a worker (tests call it directly)
        job.worker = socket.gethostname()
    run_jobs([job], SimpleNamespace(resume=resume, no_evidence=no_evidence), 1, site_timeout)
    return job.row()


def _connect(url: str):
    from redis import Redis

    return Redis.from_url(url)


def cmd_worker(args) -> int:
    from rq import Queue, Worker

    conn = _connect(args.redis)
    worker = Worker([Queue(args.queue, connection=conn)], connection=conn, name=args.name or None)
    worker.work(burst=args.burst, logging_level="WARNING", with_scheduler=False)
    return 0


def cmd_distributed(args, say) -> int:
    from rq import Queue

    configs = expand_configs(args.config)
    work = Path(args.work_dir).resolve()
    conn = _connect(args.redis)
    queue = Queue(args.queue, connection=conn)
    rows: list[SiteJob] = []
    pending: list[tuple[SiteJob, object]] = []
    for path in configs:
        row = SiteJob(config=str(path), site_id=path.stem)
        try:
            site = load_config(path)
        except ConfigError as exc:
            row.status, row.error = "config_error", str(exc)
            rows.append(row)
            continue
        row.site_id = site.id
        rq_job = queue.enqueue(audit_site, str(path.resolve()), str(work), args.resume, args.site_timeout,
                               args.no_evidence, job_timeout=args.job_timeout or JOB_TIMEOUT,
                               result_ttl=7 * 86400, failure_ttl=7 * 86400, description=f"zwgk run {site.id}")
        row.status = "running"
        rows.append(row)
        pending.append((row, rq_job))
    say(f"已提交 {len(pending)} 个站点到队列 {args.queue}（{args.redis}），等待 worker 完成 (enqueued)")
    deadline = time.monotonic() + args.timeout if args.timeout else None
    while pending:
        for row, rq_job in list(pending):
            status = rq_job.get_status(refresh=True)
            status = getattr(status, "value", status)
            if status == "finished":
                result = rq_job.return_value() or {}
                for key, value in result.items():
                    if hasattr(row, key):
                        setattr(row, key, value)
            elif status in ("failed", "stopped", "canceled"):
                row.status = "failed"
                info = (rq_job.latest_result().exc_string if rq_job.latest_result() else "") or status
                row.error = info.strip().splitlines()[-1][:300] if info.strip() else status
            else:
                continue
            pending.remove((row, rq_job))
            if not args.quiet:
                say(f"  {row.site_id}：{row.status}（worker {row.worker or '-'}，页面 {row.pages}，问题 {row.findings}）")
        if pending and deadline and time.monotonic() > deadline:
            for row, rq_job in pending:
                row.status, row.error = "timeout", "等待超时，作业仍在队列或运行中 (still queued or running)"
            break
        if pending:
            time.sleep(0.5)
    from .lock import db_writer
    from .multisite import _record_batch

    sources = [(r.db, r.run_id) for r in rows if r.status == "completed" and r.run_id]
    with db_writer(args.db):
        merged = _record_batch(args.db, rows, sources, "distributed")
    say(f"已合并 {len(merged)} 个站点的运行到 {args.db} (merged)")
    print(table(rows), flush=True)
    return 0 if all(r.status == "completed" for r in rows) else 5
