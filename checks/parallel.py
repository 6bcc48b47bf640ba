"""Evaluating a large run's checks in several processes.

The rules are independent of each other and, at 100,000 pages, together cost minutes of
CPU in one process while the machine's other cores idle. Above ``MIN_PAGES`` pages the run
is evaluated by a pool of spawned worker processes (spawn, not fork: ``zwgk run`` calls this
after a crawl whose threads may hold locks), each of which reads the run's records once and
then takes one rule at a time, the costliest first (the CPU seconds each rule took in the
site's last checked run, ``runs.stats.check_seconds``), so that the long rules do not end up
last. Findings come back in registry order: the result is the same list as one process gives.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime

from crawler.config import SiteConfig

from .rule import Finding

log = logging.getLogger(__name__)
MIN_PAGES = 20_000  # below this, reading the run again in each worker costs more than it saves
MAX_WORKERS = 4     # each worker holds the run's records ...
WORKER_BYTES_PER_PAGE = 10_000  # ... about 1 GB at 100,000 pages (measured: 0.6-1 GB)
MEMORY_SHARE = 0.8  # of the memory the system has available, what the workers may take


def memory_available(meminfo: str = "/proc/meminfo") -> int | None:
    """Bytes the system can still give without swapping (``MemAvailable``), None if unknown."""
    try:
        with open(meminfo, encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def default_workers(pages: int) -> int:
    """One per core (at most ``MAX_WORKERS``), but no more than the available memory holds: an
    evaluator's small VM checking a 100,000-page site must not swap or meet the OOM killer."""
    if pages < MIN_PAGES:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    workers = max(1, min(MAX_WORKERS, cpus))
    available = memory_available()
    if available is not None:
        fits = int(available * MEMORY_SHARE // (pages * WORKER_BYTES_PER_PAGE))
        if fits < workers:
            log.info("可用内存只够 %d 个检查子进程 (available memory holds %d check workers)", fits, fits)
            workers = max(1, fits)
    return workers


def db_file(db) -> str:
    return next(row[2] for row in db.execute("PRAGMA database_list") if row[1] == "main")


def evaluate_run(db, site: SiteConfig, run_id: int, now: datetime, timings: dict[str, float],
                 workers: int | None = None) -> list[Finding]:
    from .runner import enabled_checks, evaluate, last_timings, load_records

    if workers is None:
        pages = db.execute("SELECT count(*) FROM pages WHERE run_id = ?", [run_id]).fetchone()[0]
        workers = default_workers(pages)
    ids = [c.rule.id for c in enabled_checks(site)]
    if workers <= 1 or len(ids) <= 1:
        return evaluate(load_records(db, run_id), site, now, timings)
    previous = last_timings(db, site.id)
    order = sorted(ids, key=lambda rule_id: -previous.get(rule_id, 0.0))  # stable: unknown ones in registry order
    results: dict[str, list[Finding]] = {}
    spawn = multiprocessing.get_context("spawn")
    try:
        with ProcessPoolExecutor(min(workers, len(ids)), mp_context=spawn, initializer=_load,
                                 initargs=(db_file(db), run_id, site, now)) as pool:
            futures = {rule_id: pool.submit(_evaluate, rule_id) for rule_id in order}
            for rule_id, future in futures.items():
                results[rule_id], timings[rule_id] = future.result()
    except (BrokenProcessPool, OSError) as exc:  # no worker could start (or one died): check here
        log.warning("检查子进程不可用，改为在本进程内检查 (check workers unavailable): %r", exc)
        timings.clear()
        return evaluate(load_records(db, run_id), site, now, timings)
    return [f for rule_id in ids for f in results[rule_id]]


_worker: dict = {}


def _load(path: str, run_id: int, site: SiteConfig, now: datetime) -> None:
    """Worker start: open the database read-only and read the run's records once."""
    import sqlite_utils

    from .runner import enabled_checks, load_records

    db = sqlite_utils.Database(path)
    db.execute("PRAGMA query_only = ON")
    db.execute("PRAGMA busy_timeout = 10000")
    _worker.update(records=load_records(db, run_id), site=site, now=now,
                   checks={c.rule.id: c for c in enabled_checks(site)})


def _evaluate(rule_id: str) -> tuple[list[Finding], float]:
    import time

    from .runner import context

    check = _worker["checks"][rule_id]
    started = time.process_time()
    found = list(check.run(_worker["records"], context(_worker["site"], rule_id, _worker["now"])))
    return found, round(time.process_time() - started, 3)
