"""How many processes check a large run: cores, capped by what the available memory holds."""

import pytest

from checks import parallel

GB = 1_000_000_000


@pytest.fixture
def machine(monkeypatch):
    def set_machine(cores: int, available: int | None):
        monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: set(range(cores)))
        monkeypatch.setattr(parallel, "memory_available", lambda: available)
    return set_machine


def test_small_runs_are_checked_in_one_process(machine):
    machine(8, 64 * GB)
    assert parallel.default_workers(parallel.MIN_PAGES - 1) == 1


def test_one_worker_per_core_up_to_the_cap(machine):
    machine(2, 64 * GB)
    assert parallel.default_workers(100_000) == 2
    machine(16, 64 * GB)
    assert parallel.default_workers(100_000) == parallel.MAX_WORKERS


@pytest.mark.parametrize("available, pages, expected", [
    (3.2 * GB, 100_000, 2),   # 80% of 3.2 GB holds two workers of ~1 GB
    (2 * GB, 100_000, 1),     # one: the run is checked in this process
    (0.5 * GB, 100_000, 1),   # not even one fits: still one, never zero
    (3.2 * GB, 40_000, 4),    # a smaller run needs less per worker
])
def test_workers_are_capped_by_available_memory(machine, available, pages, expected):
    machine(8, int(available))
    assert parallel.default_workers(pages) == expected


def test_unknown_memory_leaves_the_core_count(machine):
    machine(3, None)
    assert parallel.default_workers(100_000) == 3


def test_memory_available_reads_meminfo(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       16303464 kB\nMemFree:         1200000 kB\n"
                       "MemAvailable:    3145728 kB\nBuffers:          300000 kB\n", encoding="ascii")
    assert parallel.memory_available(str(meminfo)) == 3145728 * 1024
    meminfo.write_text("MemTotal: 1 kB\n", encoding="ascii")  # an old kernel without MemAvailable
    assert parallel.memory_available(str(meminfo)) is None
    assert parallel.memory_available(str(tmp_path / "missing")) is None
