"""One report writer in a forked process beside the main one, for large runs.

Writing the Word files of a run with tens of thousands of problems takes a CPU core for
seconds while the main process writes HTML and Excel; a forked child inherits the prepared
dicts without copying or pickling them and hands back only the paths it wrote and its
warnings. Forking is done only where it is safe — Linux, and no other thread running yet
(the PDF printer is started after the fork) — and worth it (``MIN_ROWS`` problem rows);
otherwise the writer simply runs in the calling process.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from pathlib import Path
from typing import Callable

MIN_ROWS = 2000

Outcome = tuple[list[Path], list[str]]


def _can_fork() -> bool:
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def _child(work: Callable[[], Outcome], conn) -> None:
    try:
        conn.send(work())
    finally:
        conn.close()


class Forked:
    """``work()`` — which returns (paths, warnings) and never raises — run in a child process;
    ``label`` starts the warning given when the child dies without an answer."""

    def __init__(self, work: Callable[[], Outcome], rows: int, label: str) -> None:
        self._label = label
        self._result: Outcome | None = None
        self._proc = None
        if rows < MIN_ROWS or not _can_fork():
            self._result = work()
            return
        ctx = multiprocessing.get_context("fork")
        self._conn, child_end = ctx.Pipe(duplex=False)
        self._proc = ctx.Process(target=_child, args=(work, child_end), name="zwgk-report-writer", daemon=True)
        self._proc.start()
        child_end.close()

    def result(self) -> Outcome:
        if self._result is None:
            try:
                self._result = self._conn.recv()
            except (EOFError, OSError):
                self._proc.join()
                self._result = ([], [f"{self._label}: 子进程异常退出 (worker exited with code "
                                     f"{self._proc.exitcode})"])
            finally:
                self._conn.close()
            self._proc.join()
        return self._result
