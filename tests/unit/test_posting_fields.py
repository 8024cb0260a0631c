"""Arrangement, employment type, education and location as postings state them."""

from __future__ import annotations

import pytest

from hiring.analysis.posting_fields import education_level, employment_type, parse_location, work_arrangement


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Remote - US",), "remote"),
        (("Seattle, WA", "This is a hybrid role: 3 days a week in the office."), "hybrid"),
        (("Austin, TX", "You will work on-site at our plant."), "on-site"),
        ((None, "We are a work from home friendly team."), "remote"),
        (("Boston, MA", "This position is not remote."), "on-site"),
        (("Denver", "Experience with remote sensing data is a plus."), None),
        (("Denver", "Great team, great product."), None),
        (("Leeds (2 days on site)",), "hybrid"),
        ((None, "You will be 3 days per week in the office."), "hybrid"),
        ((None, "This role is 5 days on site."), "on-site"),
    ],
)
def test_work_arrangement(texts: tuple[str | None, ...], expected: str | None) -> None:
    assert work_arrangement(*texts) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Full-time, permanent position", "full-time"),
        ("Part time (20 hours/week)", "part-time"),
        ("6-month contract, C2C ok", "contract"),
        ("Summer Internship 2025", "internship"),
        ("Seasonal temporary warehouse work", "temporary"),
        ("Join our team!", None),
    ],
)
def test_employment_type(text: str, expected: str | None) -> None:
    assert employment_type(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bachelor's degree in Computer Science or related field", "bachelor"),
        ("BS/MS in Computer Science or equivalent experience", "bachelor"),
        ("Master's degree required; PhD preferred", "master"),
        ("PhD in Machine Learning", "doctorate"),
        ("High school diploma or GED", "high_school"),
        ("Two years' teaching experience in a secondary school", None),  # where one taught, not a degree
        ("Secondary school certificate or equivalent", "high_school"),
        ("Associate's degree in Nursing", "associate"),
        ("Strong communication skills", None),
        ("Experience with MS Office", None),
    ],
)
def test_education_level(text: str, expected: str | None) -> None:
    assert education_level(text) == expected


@pytest.mark.parametrize(
    ("text", "city", "region", "country", "remote"),
    [
        ("Seattle, WA", "Seattle", "WA", "US", False),
        ("Redmond, Washington, United States", "Redmond", "WA", "US", False),
        ("Remote - US", None, None, "US", True),
        ("London, UK", "London", None, "GB", False),
        ("NEW YORK, NY (Hybrid)", "New York", "NY", "US", False),
        ("Toronto, Ontario, Canada", "Toronto", "ON", "Canada", False),
        ("Toronto, ON", "Toronto", "ON", "Canada", False),
        ("Vancouver, BC (Hybrid)", "Vancouver", "BC", "Canada", False),
        ("Bengaluru, Karnataka, India", "Bengaluru", None, "India", False),
        ("Berlin, Germany", "Berlin", None, "Germany", False),
    ],
)
def test_parse_location(text: str, city: str | None, region: str | None, country: str | None, remote: bool) -> None:
    location = parse_location(text)
    assert location is not None
    assert (location.city, location.region, location.country, location.remote) == (city, region, country, remote)
