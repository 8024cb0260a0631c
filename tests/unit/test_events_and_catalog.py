"""The sample events, the local event builders and the function declaration agree with each other."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hiring.catalog import FUNCTIONS, TriggerKind
from hiring.config import REPO_ROOT
from hiring.ports import QueueMessage
from hiring.runtime import events
from hiring.services.resumes import InboxKey

EVENTS = REPO_ROOT / "events"


def _shape(value: Any) -> Any:
    """The keys and value types of a JSON document, recursively (values themselves differ)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value[:1]]
    return type(value).__name__


def _load(name: str) -> dict[str, Any]:
    return json.loads((EVENTS / name).read_text())


@pytest.mark.parametrize(
    ("file", "built"),
    [
        ("s3_inbox_object_created.json", lambda: events.s3_object_created("b", "inbox/demo/x.pdf", 1, "e")),
        ("sqs_match_batch.json", lambda: events.sqs_batch([QueueMessage("m", {"a": 1}, "r", 1)], "q")),
        ("eventbridge_nightly_refresh.json", lambda: events.scheduled("rule")),
        ("eventbridge_expire_jobs.json", lambda: events.scheduled("rule")),
        ("cfn_migrate_create.json", lambda: events.custom_resource("Create")),
    ],
)
def test_local_builders_make_the_shapes_in_events(file: str, built: Any) -> None:
    assert _shape(built()) == _shape(_load(file))


def test_every_function_has_a_handler_module_and_a_sample_event() -> None:
    trigger_files = {
        TriggerKind.HTTP: "apigw_http_health.json",
        TriggerKind.S3: "s3_inbox_object_created.json",
        TriggerKind.SQS: "sqs_match_batch.json",
        TriggerKind.CUSTOM_RESOURCE: "cfn_migrate_create.json",
    }
    for spec in FUNCTIONS:
        assert (REPO_ROOT / spec.module_path).is_file(), spec.name
        sample = trigger_files.get(spec.trigger.kind, f"eventbridge_{spec.name}.json")
        assert (EVENTS / sample).is_file(), f"{spec.name} has no sample event {sample}"


def test_schedules_run_at_the_same_time_locally_and_in_aws() -> None:
    for spec in FUNCTIONS:
        if spec.trigger.kind != TriggerKind.SCHEDULE:
            continue
        aws_minute, aws_hour, *_ = (spec.trigger.cron or "").split()
        local_minute, local_hour, *_ = (spec.trigger.local_cron or "").split()
        assert (aws_minute, aws_hour) == (local_minute, local_hour), spec.name


def test_s3_event_keys_are_url_encoded_like_s3_sends_them() -> None:
    record = events.s3_object_created("b", "inbox/demo/Jane Doe.pdf", 1, "e")["Records"][0]
    assert record["s3"]["object"]["key"] == "inbox/demo/Jane+Doe.pdf"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("inbox/cv.pdf", InboxKey("", None, "cv.pdf")),
        ("inbox/acme/cv.pdf", InboxKey("acme", None, "cv.pdf")),
        ("inbox/acme/2024/cv.pdf", InboxKey("acme", None, "2024/cv.pdf")),
        (
            "inbox/t1/0b0e7c4e-2f7c-4c55-9b3b-3f9d7d0d8f10/cv.pdf",
            InboxKey("t1", "0b0e7c4e-2f7c-4c55-9b3b-3f9d7d0d8f10", "cv.pdf"),
        ),
        ("resumes/acme/cv.pdf", None),
        ("inbox/acme/", None),
    ],
)
def test_inbox_keys(key: str, expected: InboxKey | None) -> None:
    assert InboxKey.parse(key) == expected


def test_events_folder_has_no_stray_files() -> None:
    assert {p.suffix for p in Path(EVENTS).iterdir()} <= {".json", ".md"}
