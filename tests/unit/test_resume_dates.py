"""Dates as resumes write them, and experience counted without double counting overlaps."""

from __future__ import annotations

from datetime import date

import pytest

from hiring.resume.dates import find_ranges, union_months

TODAY = date(2025, 6, 15)


@pytest.mark.parametrize(
    ("written", "start", "end", "current"),
    [
        ("Jan 2020 - Present", "2020-01", None, True),
        ("January 2020 – March 2021", "2020-01", "2021-03", False),
        ("Sept. 2018 to Jun 2019", "2018-09", "2019-06", False),
        ("03/2018 – 06/2020", "2018-03", "2020-06", False),
        ("3/2018 - 6/2020", "2018-03", "2020-06", False),
        ("2018-03 – 2020-06", "2018-03", "2020-06", False),
        ("2019-2021", "2019-01", "2021-01", False),
        ("2019 — 2021", "2019-01", "2021-01", False),
        ("2017 –\nPresent", "2017-01", None, True),
        ("Summer 2022", "2022-06", "2022-08", False),
        ("Fall 2019 - Spring 2021", "2019-09", "2021-03", False),
        ("since March 2016", "2016-03", None, True),
        ("Nov 2016 till date", "2016-11", None, True),
        ("May '19 - Current", "2019-05", None, True),
    ],
)
def test_every_common_date_form_is_read(written: str, start: str, end: str | None, current: bool) -> None:
    found = find_ranges(f"Engineer, Acme ({written})")
    assert len(found) == 1
    (got,) = found
    assert (got.start.iso(), got.end.iso() if got.end else None, got.current) == (start, end, current)


def test_month_ranges_count_both_end_months() -> None:
    (jan_dec,) = find_ranges("Jan 2020 - Dec 2020")
    assert jan_dec.months(TODAY) == 12


def test_year_ranges_count_whole_years() -> None:
    (years,) = find_ranges("2019 - 2021")
    assert years.months(TODAY) == 24


def test_a_current_job_runs_to_today() -> None:
    (current,) = find_ranges("Jan 2025 - Present")
    assert current.months(TODAY) == 6


def test_overlapping_jobs_are_counted_once() -> None:
    first, second = find_ranges("Jan 2018 - Dec 2020 and Jan 2020 - Dec 2021")
    assert union_months([first.interval(TODAY), second.interval(TODAY)]) == 48


def test_gaps_between_jobs_are_not_counted() -> None:
    first, second = find_ranges("Jan 2015 - Dec 2015 then Jan 2018 - Jun 2018")
    assert union_months([first.interval(TODAY), second.interval(TODAY)]) == 18


def test_numbers_that_are_not_dates_are_not_ranges() -> None:
    assert find_ranges("Raised 3.5 million; managed 12 people; 404 errors down 80%") == []


def test_a_full_stop_after_a_numeric_month_ends_the_sentence_not_the_date() -> None:
    from hiring.resume.dates import find_ranges

    [found] = find_ranges("Worked there 2019-03 to 2021-06.")
    assert found.end is not None and (found.end.year, found.end.month, found.end.exact) == (2021, 6, True)
