from datetime import date

import pytest

from reports.workdays import WorkCalendar, add_working_days, default_calendar


def test_national_day_holiday_is_skipped():
    assert add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)


def test_adjusted_saturday_counts_as_working_day():
    assert add_working_days(date(2025, 10, 10), 1) == date(2025, 10, 11)
    assert add_working_days(date(2025, 9, 26), 1) == date(2025, 9, 28)


def test_spring_festival_2026():
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)


def test_plain_week_and_zero():
    assert add_working_days(date(2024, 3, 8), 5) == date(2024, 3, 15)
    assert add_working_days(date(2024, 3, 9), 0) == date(2024, 3, 9)
    with pytest.raises(ValueError):
        add_working_days(date(2024, 3, 9), -1)


def test_official_years_and_provisional_fallback():
    cal = default_calendar()
    assert cal.provisional_years(date(2024, 1, 1), date(2026, 12, 31)) == []
    assert cal.provisional_years(date(2026, 12, 28), date(2027, 1, 5)) == [2027]
    assert not cal.is_working_day(date(2027, 1, 1))
    assert cal.is_working_day(date(2030, 3, 4)) and not cal.is_working_day(date(2030, 3, 3))


def test_custom_calendar():
    cal = WorkCalendar.from_dict({"2031": {"holidays": ["2031-06-02"], "workdays": ["2031-06-07"]}})
    assert add_working_days(date(2031, 5, 30), 1, cal) == date(2031, 6, 3)
    assert cal.is_working_day(date(2031, 6, 7))
