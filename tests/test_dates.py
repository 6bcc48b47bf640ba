"""crawler/extract/dates.py: every written form of a date on government pages, to ISO."""

from __future__ import annotations

from datetime import date

import pytest

from crawler.extract.dates import find_dates, normalise_digits, parse_date


@pytest.mark.parametrize("text,expected", [
    ("2022年6月1日", "2022-06-01"),
    ("2022年06月01日", "2022-06-01"),
    ("2022 年 6 月 1 日", "2022-06-01"),
    ("2022-06-01", "2022-06-01"),
    ("2022/6/1", "2022-06-01"),
    ("2022.6.1", "2022-06-01"),
    ("二〇二二年六月一日", "2022-06-01"),
    ("二零二二年六月一日", "2022-06-01"),
    ("二O一一年5月16日", "2011-05-16"),      # the letter O written for 〇, Arabic month/day
    ("２０２１年３月２６日", "2021-03-26"),  # full-width digits
    ("２０２１－０３－２６", "2021-03-26"),
    ("2021-12-09 11:24:43", "2021-12-09"),    # a timestamp: the date part
    ("二〇二二年十二月三十一日", "2022-12-31"),
    ("一九九九年十月一日", "1999-10-01"),
    ("二〇二〇年二月二十九日", "2020-02-29"),  # leap day
    ("发布日期：2022-06-01 来源：区政府办", "2022-06-01"),  # the date inside a label line
    ("20220601", "2022-06-01"),               # compact form, only when it is the whole value
])
def test_parse_date_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "2022-13-45",                 # month 13, day 45
    "2022-02-30",
    "二〇二二年二月三十日",
    "2021年2月29日",              # not a leap year
    "本《指南》实时更新",          # no date at all
    "",
    None,
    "2022年6月",                  # month precision is not a day: no guess
    "电话：0591-23165385",
    "文号：岚综管规〔2024〕1号",
    "项目编号：20220601 号",      # eight digits in running text are not a date
])
def test_parse_date_rejects(text):
    assert parse_date(text) is None


def test_first_date_wins():
    assert parse_date("成文日期：2020-02-05 发布日期：2020-02-13") == "2020-02-05"
    assert parse_date("2022-13-45 或 2022-06-01") == "2022-06-01"  # the invalid one is skipped


def test_find_dates_in_order_of_appearance():
    text = "自二〇二二年一月一日起施行，2021年12月31日印发，2022/3/1 修订"
    assert [d for _, d in find_dates(text)] == [date(2022, 1, 1), date(2021, 12, 31), date(2022, 3, 1)]


def test_full_width_digits_are_normalised():
    assert normalise_digits("２０２１／０３／２６") == "2021/03/26"
