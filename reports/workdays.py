"""Working days on the PRC holiday calendar, for 整改时限 deadlines.

The data lives in ``config/holidays.toml`` (one table per year: ``holidays`` off,
``workdays`` 调休 weekend days on, optional ``provisional``). A year that is missing or
provisional falls back to Monday–Friday; callers ask :meth:`WorkCalendar.provisional_years`
to say so in the report.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

HOLIDAYS_FILE = Path(__file__).resolve().parent.parent / "config" / "holidays.toml"


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    official_years: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def from_toml(cls, path: str | Path) -> "WorkCalendar":
        with Path(path).open("rb") as fh:
            data = tomllib.load(fh)
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: dict) -> "WorkCalendar":
        holidays: set[date] = set()
        workdays: set[date] = set()
        official: set[int] = set()
        for year, table in data.items():
            holidays.update(_dates(table.get("holidays", [])))
            workdays.update(_dates(table.get("workdays", [])))
            if not table.get("provisional", False):
                official.add(int(year))
        return cls(frozenset(holidays), frozenset(workdays), frozenset(official))

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def provisional_years(self, start: date, end: date) -> list[int]:
        """Years between start and end (inclusive) without an official holiday notice."""
        return [y for y in range(start.year, end.year + 1) if y not in self.official_years]


def _dates(values: list) -> list[date]:
    return [v if isinstance(v, date) else date.fromisoformat(str(v)) for v in values]


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    return WorkCalendar.from_toml(HOLIDAYS_FILE)


def add_working_days(start: date, n: int, calendar: WorkCalendar | None = None) -> date:
    """The n-th working day after ``start`` (``start`` itself not counted); n=0 gives start."""
    if n < 0:
        raise ValueError("n must not be negative")
    cal = calendar or default_calendar()
    day = start
    while n:
        day += timedelta(days=1)
        if cal.is_working_day(day):
            n -= 1
    return day
