"""Feed rows from each board's field names into one neutral posting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hiring.analysis.feeds import (
    MAX_DESCRIPTION_CHARS,
    FeedFormatError,
    RowRejected,
    html_to_text,
    map_row,
    parse_posted_at,
    read_feed,
)


@pytest.mark.parametrize(
    ("platform", "row", "expected"),
    [
        ("indeed", {"referencenumber": "IN-1", "title": "Nurse", "company": "Mercy", "city": "Boston",
                    "salary": "$40/hr", "jobtype": "full-time", "description": "Care for patients"},
         {"external_id": "IN-1", "company": "Mercy", "location": "Boston", "salary_text": "$40/hr",
          "employment_hint": "full-time"}),
        ("dice", {"jobId": "D1", "jobTitle": "Java Dev", "companyName": "Acme", "jobLocation": "Austin, TX",
                  "employmentType": "Contract", "jobDescription": "Java and Spring"},
         {"external_id": "D1", "title": "Java Dev", "company": "Acme", "location": "Austin, TX",
          "employment_hint": "Contract"}),
        ("linkedin", {"job_id": 381, "title": "SRE", "company_name": "Initech", "location": "Remote",
                      "formatted_work_type": "Full-time", "description": "Linux", "min_salary": 120000,
                      "max_salary": 150000, "pay_period": "YEARLY", "currency": "USD", "listed_time": 1713398000000},
         {"external_id": "381", "salary_text": "USD 120000-150000 per YEARLY", "employment_hint": "Full-time",
          "posted_at": "1713398000000"}),
        ("glassdoor", {"Job Title": "Data Scientist", "Salary Estimate": "$53K-$91K (Glassdoor est.)",
                       "Job Description": "Python, R", "Company Name": "Hooli\n3.8", "Location": "Albuquerque, NM"},
         {"title": "Data Scientist", "salary_text": "$53K-$91K (Glassdoor est.)", "location": "Albuquerque, NM"}),
        ("monster", {"uniq_id": "m-9", "job_title": "Driver", "organization": "FastCo", "job_type": "Part Time",
                     "job_description": "Deliver parcels", "location": "Denver, CO"},
         {"external_id": "m-9", "company": "FastCo", "employment_hint": "Part Time"}),
        ("techfetch", {"JobId": "TF-77", "JobTitle": "SAP Consultant", "Company": "Globex", "Location": "NJ",
                       "PayRate": "$70/hr on C2C", "TaxTerms": "C2C", "JobDescription": "SAP FICO"},
         {"external_id": "TF-77", "salary_text": "$70/hr on C2C", "employment_hint": "C2C"}),
    ],
)  # fmt: skip
def test_board_field_names(platform: str, row: dict, expected: dict) -> None:  # type: ignore[type-arg]
    posting = map_row(row, platform).as_dict()
    assert {k: posting[k] for k in expected} == expected


def test_schema_org_job_posting() -> None:
    row = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": "Software Engineer",
        "description": "<p>Build things with <b>Go</b>.</p><ul><li>Kubernetes</li><li>gRPC</li></ul>",
        "identifier": {"@type": "PropertyValue", "name": "Acme", "value": "ACME-42"},
        "datePosted": "2026-11-01",
        "employmentType": "FULL_TIME",
        "hiringOrganization": {"@type": "Organization", "name": "Acme"},
        "jobLocation": {
            "@type": "Place",
            "address": {"addressLocality": "Denver", "addressRegion": "CO", "addressCountry": "US"},
        },  # fmt: skip
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "USD",
            "value": {"@type": "QuantitativeValue", "minValue": 120000, "maxValue": 150000, "unitText": "YEAR"},
        },  # fmt: skip
    }
    posting = map_row(row, "schema.org")
    assert (posting.external_id, posting.company, posting.location) == ("ACME-42", "Acme", "Denver, CO, US")
    assert (posting.employment_hint, posting.posted_at) == ("FULL_TIME", "2026-11-01")
    assert posting.salary_text == "USD 120000-150000 per year"
    assert posting.description == "Build things with Go.\n- Kubernetes\n- gRPC"


@pytest.mark.parametrize(
    ("row", "reason"),
    [({"description": "no title"}, "missing title"), ({"title": "T"}, "missing description"), (["x"], "JSON object")],
)
def test_rows_without_the_essentials_are_rejected_with_a_reason(row: object, reason: str) -> None:
    with pytest.raises(RowRejected, match=reason):
        map_row(row, "generic")  # type: ignore[arg-type]


def test_json_lines_keep_bad_lines_as_reasons(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"id": 1, "title": "A", "description": "x"}\n{broken\n\n{"id": 2, "title": "B", "description": "y"}\n'
    )
    rows = list(read_feed(feed))
    assert [n for n, _ in rows] == [1, 2, 4]
    assert isinstance(rows[1][1], str) and "not valid JSON" in rows[1][1]


def test_json_array_and_a_file_that_is_neither(tmp_path: Path) -> None:
    array = tmp_path / "feed.json"
    array.write_text(json.dumps([{"title": "A", "description": "x"}]))
    assert [n for n, _ in read_feed(array)] == [1]
    csv = tmp_path / "feed.csv"
    csv.write_text("title,description\nA,x\n")
    with pytest.raises(FeedFormatError):
        list(read_feed(csv))


def test_html_to_text_keeps_lines_and_bullets() -> None:
    assert html_to_text("&lt;p&gt;Hello &amp;amp; welcome&lt;/p&gt;&lt;ul&gt;&lt;li&gt;One&lt;/li&gt;&lt;/ul&gt;") == (
        "Hello & welcome\n- One"
    )


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ({"posted_at": "not a date"}, "posted_at 'not a date' is not a date"),
        ({"date_posted": "yesterday-ish"}, "posted_at 'yesterday-ish' is not a date"),
        ({"description": "x" * (MAX_DESCRIPTION_CHARS + 1)}, "description is 100,001 characters"),
        ({"title": "T" * 301}, "title is 301 characters"),
        ({"url": "javascript:alert(document.cookie)"}, "url must be an http(s) address, not 'javascript'"),
        ({"apply_url": "data:text/html,<script>x</script>"}, "not 'data'"),
        ({"link": "file:///etc/passwd"}, "not 'file'"),
        ({"title": "Dev\x00ops"}, "title holds a NUL or control character"),
        ({"extra": {"note": "\udc00"}}, "extra.note holds a NUL or control character"),
    ],
)
def test_a_row_is_refused_with_its_reason_never_fixed_silently(extra: dict, reason: str) -> None:  # type: ignore[type-arg]
    row = {"id": "1", "title": "Engineer", "description": "Python", **extra}
    with pytest.raises(RowRejected, match=reason.replace("(", r"\(").replace(")", r"\)")):
        map_row(row, "generic")


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2026-11-01", "2026-11-01T00:00:00+00:00"),
        ("2026-11-01T09:30:00Z", "2026-11-01T09:30:00+00:00"),
        ("Fri, 10 Dec 2021 22:49:39 GMT", "2021-12-10T22:49:39+00:00"),
        ("1713398000000", "2024-04-17T23:53:20+00:00"),
        ("1713398000", "2024-04-17T23:53:20+00:00"),
        ("04/17/2024", "2024-04-17T00:00:00+00:00"),
    ],
)
def test_posted_dates_in_the_forms_boards_send(value: str, iso: str) -> None:
    parsed = parse_posted_at(value)
    assert parsed is not None and parsed.isoformat() == iso
    assert map_row({"title": "T", "description": "d", "posted_at": value}, "generic").posted_at == value


def test_an_absent_date_and_a_long_description_within_the_limit_pass() -> None:
    assert parse_posted_at(None) is None and parse_posted_at("  ") is None
    posting = map_row({"title": "T", "description": "x" * MAX_DESCRIPTION_CHARS}, "generic")
    assert len(posting.description) == MAX_DESCRIPTION_CHARS and posting.posted_at is None


def test_a_feed_row_that_is_not_an_object_is_a_reason_not_its_own_text(tmp_path: Path) -> None:
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps([{"title": "A", "description": "x"}, "<script>alert(1)</script>", 7]))
    rows = list(read_feed(feed))
    assert rows[1:] == [(2, "expected a JSON object, got str"), (3, "expected a JSON object, got int")]


def test_deep_feeds_are_refused_without_recursion(tmp_path: Path) -> None:
    deep = "[" * 3000 + "]" * 3000
    lines = tmp_path / "feed.jsonl"
    lines.write_text('{"id": 1, "title": "A", "description": "x"}\n' + deep + "\n")
    rows = list(read_feed(lines))
    assert rows[0][0] == 1 and rows[1] == (2, "the row is nested deeper than 64 levels")
    array = tmp_path / "feed.json"
    array.write_text("[" + deep + "]")
    with pytest.raises(FeedFormatError, match="nested deeper than 64 levels"):
        list(read_feed(array))
