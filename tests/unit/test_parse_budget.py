"""The parse time budget: skill evidence examines each line of a text once, however many mentions it holds, so
parse time grows with the text, not with text x mentions (bench/parse_budget_bench.py prints the times)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

import hiring.resume.skills as resume_skills
from hiring.catalog import function_named
from hiring.config import Settings
from hiring.parsing.isolation import InlineParser, ProcessParser
from hiring.resume import parse_resume_text
from hiring.services.resumes import STORE_HEADROOM_S, IntakePolicy

_SOFT = "teamwork communication leadership customer service project management "


def test_every_line_is_examined_once_however_many_skills_it_mentions(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: Counter[tuple[int, int]] = Counter()
    real = resume_skills._bare

    def counted(text: str, line: tuple[int, int], mentions: list[Any]) -> bool:
        calls[line] += 1
        return real(text, line, mentions)

    monkeypatch.setattr(resume_skills, "_bare", counted)
    text = _SOFT * 300  # one line of ~20,000 characters, 1,500 soft-skill mentions
    parsed = parse_resume_text(text)
    mentions = sum(len(skill.evidence) for skill in parsed.skills)
    assert mentions >= 500
    assert calls and max(calls.values()) == 1


def test_evidence_on_a_single_line_quotes_the_window_around_each_mention() -> None:
    text = _SOFT * 50
    parsed = parse_resume_text(text)
    for skill in parsed.skills:
        for evidence in skill.evidence:
            assert text[evidence.start : evidence.end].lower() in evidence.text.lower()
            assert len(evidence.text) <= (evidence.end - evidence.start) + 2 * 60


def test_in_aws_the_parse_runs_in_a_worker_whose_budget_ends_before_the_function_does() -> None:
    """A Lambda killed mid-parse on its last retry would leave the resume `parsing`: the budget ends first."""
    settings = Settings(
        runtime="aws", blob_bucket="bucket", queue_url="https://sqs.example/q", database_url="postgresql://h/db",
        aws_region="us-east-1", parse_timeout_s=600,
    )  # fmt: skip
    policy = IntakePolicy.from_settings(settings)
    function_timeout_s = function_named("parse_resume").timeout_s
    assert policy.parse_timeout_s == function_timeout_s - STORE_HEADROOM_S
    assert policy.lease_s == function_timeout_s
    assert isinstance(policy.parser(), ProcessParser)
    inline = IntakePolicy.from_settings(settings.model_copy(update={"parse_isolation": "inline"}))
    assert inline.parse_timeout_s is None and isinstance(inline.parser(), InlineParser)
