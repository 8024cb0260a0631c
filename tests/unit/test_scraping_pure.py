"""Pure parts of scraping: key format, titles from resumes, location hints, SNS subjects, settings."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import pytest
from pydantic import ValidationError

from hiring.adapters.sns_alerts import alert_subject
from hiring.config import Settings
from hiring.scraping.alerts import LogAlertSink
from hiring.scraping.api_keys import key_hash, new_api_key, visible_prefix
from hiring.scraping.config import ScrapeSettings, build_alert_sink
from hiring.scraping.scrape_queue import clean_hints, derive_roles, most_recent_job, refused_jobs


def test_a_new_key_carries_its_prefix_and_enough_randomness() -> None:
    key, prefix = new_api_key()
    other, _ = new_api_key()

    assert visible_prefix(key) == prefix and len(prefix) == 8
    assert key != other and len(key.split("_", 2)[2]) >= 43
    assert key_hash(key) != key_hash(other) and len(key_hash(key)) == 64


@pytest.mark.parametrize("presented", ["", "hk_short_x", "Bearer abc", "hk_ZZZZZZZZ_" + "a" * 43, "hk_0123abcd_tiny"])
def test_a_malformed_key_has_no_prefix_to_log(presented: str) -> None:
    assert visible_prefix(presented) is None


def test_the_current_job_is_the_most_recent_whatever_the_order() -> None:
    experience = [
        {"title": "Junior Developer", "start": "2012-01", "end": "2014-06"},
        {"title": "Staff Engineer", "start": "2019-02", "current": True},
        {"title": "Engineer", "start": "2014-07", "end": "2019-01"},
    ]

    assert most_recent_job(experience)["title"] == "Staff Engineer"  # type: ignore[index]


def test_without_dates_the_first_listed_job_counts_and_untitled_jobs_are_skipped() -> None:
    assert most_recent_job([{"title": " "}, {"title": "Chef"}, {"title": "Cook"}])["title"] == "Chef"  # type: ignore[index]
    assert most_recent_job([{"company": "Acme"}, "not a job"]) is None


def test_roles_group_candidates_by_normalized_title_with_location_hints() -> None:
    resumes: list[dict[str, Any]] = [
        {"id": "r1", "owner_user_id": "u1", "profile": {"location": "Berlin",
         "experience": [{"title": "Senior Data Engineer", "location": "Berlin"}]}},
        {"id": "r2", "owner_user_id": "u1", "profile": {"experience": [{"title": "Data Engineer II"}]}},
        {"id": "r3", "owner_user_id": None, "profile": {"location": "Remote",
         "experience": [{"title": "data engineer"}]}},
        {"id": "r4", "owner_user_id": None, "profile": {"experience": [{"title": "Senior"}]}},
        {"id": "r5", "owner_user_id": None, "profile": None},
    ]  # fmt: skip

    roles = derive_roles(resumes)

    assert list(roles) == ["data engineer"]
    role = roles["data engineer"]
    assert role.candidates == {"u1", "r3"}  # one person with two resumes counts once
    assert role.resume_ids == ["r1", "r2", "r3"]
    assert role.locations == {"Berlin": 2, "Remote": 1}


def test_location_hints_are_trimmed_and_deduplicated_ignoring_case() -> None:
    assert clean_hints(["  New   York ", "new york", "", "Remote"]) == ["New York", "Remote"]
    assert len(clean_hints([f"City {i}" for i in range(30)])) == 10


def test_a_job_holding_a_control_character_is_refused_alone_with_its_row_path_and_evidence() -> None:
    jobs: list[dict[str, Any]] = [
        {"title": "Baker"},
        {"title": "Chef", "details": {"notes": ["fine", "bad\x00byte"]}},
        {"title": "Cook\x07"},
    ]

    kept, refused = refused_jobs(jobs)

    assert kept == [{"title": "Baker"}]
    assert [(r["row"], r["reason"]) for r in refused] == [
        (2, "jobs.1.details.notes.1 holds a NUL or control character"),
        (3, "jobs.2.title holds a NUL or control character"),
    ]
    assert all(len(r["raw"]) <= 500 for r in refused) and "Cook" in refused[1]["raw"]


def test_an_sns_subject_is_one_line_of_ascii_within_100_characters() -> None:
    subject = alert_subject("scrape_role_stuck", "role 'Développeur\nsenior' " + "x" * 200)

    assert len(subject) <= 100 and subject.isascii() and "\n" not in subject
    assert subject.startswith("[hiring] scrape_role_stuck: role 'D")


def test_settings_give_the_watchdog_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HIRING_SCRAPE_STUCK_AFTER_S", "1800")
    monkeypatch.setenv("HIRING_SCRAPE_BACKLOG_THRESHOLD", "50")

    policy = ScrapeSettings().watchdog_policy()

    assert policy.stuck_after == dt.timedelta(minutes=30) and policy.backlog_threshold == 50


_AWS = {"runtime": "aws", "blob_bucket": "b", "queue_url": "https://sqs.example/q", "database_url": "postgresql://h/d"}


def test_the_cloud_needs_a_topic_and_local_runs_log() -> None:
    with pytest.raises(ValueError, match="ALERT_TOPIC_ARN"):
        build_alert_sink(Settings(**_AWS, aws_region="eu-west-1"), ScrapeSettings(alert_topic_arn=None))
    assert isinstance(build_alert_sink(Settings(runtime="local"), ScrapeSettings()), LogAlertSink)


def test_in_aws_the_region_is_a_setting_with_no_silent_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_REGION", raising=False)
    with pytest.raises(ValidationError, match="AWS_REGION"):
        Settings(**_AWS)
    assert Settings(runtime="local").aws_region is None  # nothing local needs one
    monkeypatch.setenv("AWS_REGION", "eu-west-1")  # what Lambda sets in every function
    assert Settings(**_AWS).aws_region == "eu-west-1"


def test_queue_consumers_and_the_watchdog_load_no_auth_or_aws_libraries() -> None:
    code = (
        "import sys, hiring.scraping.scrape_queue, hiring.scraping.alerts, hiring.scraping.config;"
        "print(sorted(m for m in ('argon2', 'jwt', 'boto3', 'fastapi') if m in sys.modules))"
    )

    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout

    assert loaded.strip() == "[]"


def test_job_analysis_loads_no_board_or_scraper_code() -> None:
    """HTML-to-text is neutral ground (hiring.html_text): analysing a posting needs no scraper package."""
    code = (
        "import sys, hiring.analysis.job_analysis, hiring.analysis.feeds, hiring.analysis.posting_sections;"
        "print(sorted(m for m in sys.modules if m.startswith(('hiring.boards', 'hiring.scraping'))))"
    )

    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout

    assert loaded.strip() == "[]"
