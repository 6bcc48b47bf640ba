"""File locks: one writer per database, one run per site.

``fcntl.flock`` on a small file next to the database: the kernel releases it when the
process ends, however it ends (SIGKILL included), so a crashed run never leaves a stale lock.
The lock file holds the pid and start time of its holder, for the message.

- ``<db>.lock``: held by every command that writes a run into ``<db>`` (run, crawl, check,
  demo, merge); a second writer is refused with a Chinese message.
- ``.zwgk-site-<id>.lock`` in the database's directory: held for one site's audit, so two
  nightly runs of the same site never overlap even when they use different databases there.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterator

EXIT_LOCKED = 6
LOCKED_COMMANDS = ("run", "crawl", "check", "demo")


class LockBusy(Exception):
    """Another process holds the lock; the message says which and what to do."""

    code = EXIT_LOCKED


def db_lock_path(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def site_lock_path(db_path: str | Path, site_id: str) -> Path:
    return Path(db_path).resolve().parent / f".zwgk-site-{site_id}.lock"


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return f"（{text}）" if text else ""


@contextmanager
def exclusive(path: str | Path, busy_message: str) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` or raise LockBusy(busy_message + holder) at once."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockBusy(busy_message + _holder(path)) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}，{time.strftime('%Y-%m-%d %H:%M:%S')} 起".encode("utf-8"))
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def db_writer(db_path: str | Path):
    return exclusive(db_lock_path(db_path),
                     f"数据库 {db_path} 正在被另一个 zwgk 进程写入，同一数据库不能同时有两个写入进程，"
                     "请等它结束后再运行 (database locked by another writer)")


def site_run(db_path: str | Path, site_id: str):
    return exclusive(site_lock_path(db_path, site_id),
                     f"站点 {site_id} 的另一次检查仍在进行，同一站点的两次运行不能重叠 (site run in progress)")


@contextmanager
def command_locks(args) -> Iterator[None]:
    """The locks a CLI command needs: the site's run lock, then its database's writer lock."""
    command = getattr(args, "command", "")
    db = getattr(args, "db", None)
    with ExitStack() as stack:
        if command in LOCKED_COMMANDS and db:
            config = getattr(args, "config", None)
            if isinstance(config, list):
                config = config[0] if len(config) == 1 and not Path(config[0]).is_dir() else None
                if config is None:  # several sites: each site's process takes its own locks
                    yield
                    return
            if config:
                from .config import load_config

                stack.enter_context(site_run(db, load_config(config).id))
            stack.enter_context(db_writer(db))
        yield
