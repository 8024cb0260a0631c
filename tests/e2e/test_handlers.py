"""The handlers with the sample events: idempotent on redelivery, partial failures reported."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

from hiring.identity import Principal, Role
from hiring.ports import QueueMessage
from hiring.runtime import events
from hiring.runtime.invoke import invoke
from tests.conftest import EVENTS
from tests.pdfs import RESUME_TEXT, text_pdf


def _sample(name: str) -> dict[str, Any]:
    return json.loads((EVENTS / name).read_text())


def _count(container, sql: str, *params: Any) -> int:  # type: ignore[no-untyped-def]
    with container.db.connect() as conn:
        return int(conn.execute(sql, params).fetchone()["n"])


def test_a_redelivered_s3_notification_creates_no_second_resume(container, demo) -> None:  # type: ignore[no-untyped-def]
    event = _sample("s3_inbox_object_created.json")
    key = "inbox/demo/Jane Doe resume.pdf"  # the sample's key, URL-decoded
    data = text_pdf(RESUME_TEXT)
    info = container.blobs.put(key, data)
    event["Records"][0]["s3"]["object"].update(size=info.size, eTag=info.etag)

    first = invoke("parse_resume", event)
    container.blobs.put(key, data)  # S3 may deliver again; the same object may be back too (new bytes: a new upload)
    second = invoke("parse_resume", copy.deepcopy(event))

    assert first["processed"][0]["resume_id"] == second["processed"][0]["resume_id"]
    assert _count(container, "SELECT count(*) AS n FROM resumes") == 1
    assert _count(container, "SELECT count(*) AS n FROM resumes WHERE status = 'parsed'") == 1
    # One pending match message, however often the notification came.
    assert _count(container, "SELECT count(*) AS n FROM queue_messages WHERE body->>'type' = 'match_candidate'") == 1


def test_the_match_worker_reports_only_the_bad_record(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    recruiter = Principal(demo.users[Role.RECRUITER], demo.tenant_id, Role.RECRUITER, "r@example.com")
    result = container.resumes.upload(recruiter, "jane.pdf", text_pdf(RESUME_TEXT), "application/pdf")
    runtime.drain()  # parsed, jobs analysed, matched once
    with container.db.connect() as conn:
        conn.execute("DELETE FROM matches WHERE resume_id = %s", (result.id,))
    good = QueueMessage(
        "good-1", {"type": "match_candidate", "tenant_id": demo.tenant_id, "resume_id": result.id}, "r1", 1
    )
    bad = QueueMessage("bad-1", {"type": "match_candidate", "tenant_id": "not-a-uuid"}, "r2", 1)

    response = invoke("match_worker", events.sqs_batch([good, bad], "hiring-match"))

    assert response == {"batchItemFailures": [{"itemIdentifier": "bad-1"}]}
    assert _count(container, "SELECT count(*) AS n FROM matches WHERE resume_id = %s", result.id) > 0


def test_a_redelivered_match_message_changes_nothing(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    recruiter = Principal(demo.users[Role.RECRUITER], demo.tenant_id, Role.RECRUITER, "r@example.com")
    result = container.resumes.upload(recruiter, "jane.pdf", text_pdf(RESUME_TEXT), "application/pdf")
    runtime.drain()
    message = QueueMessage(
        "m-1", {"type": "match_candidate", "tenant_id": demo.tenant_id, "resume_id": result.id}, "r1", 1
    )
    snapshot = "SELECT job_id, score, matched_skills FROM matches WHERE resume_id = %s ORDER BY job_id"
    with container.db.connect() as conn:
        before = conn.execute(snapshot, (result.id,)).fetchall()

    invoke("match_worker", events.sqs_batch([message], "hiring-match"))
    invoke("match_worker", events.sqs_batch([message], "hiring-match"))

    with container.db.connect() as conn:
        assert conn.execute(snapshot, (result.id,)).fetchall() == before


def test_the_local_pump_dead_letters_a_poison_message(container, runtime) -> None:  # type: ignore[no-untyped-def]
    container.queue.send({"type": "no_such_type"})
    for _ in range(container.settings.queue_max_receives):
        runtime.pump_queue()
        with container.db.connect() as conn:  # skip the back-off wait
            conn.execute("UPDATE queue_messages SET visible_at = now()")
    assert runtime.pump_queue().received == 0
    [dead] = container.queue.dead_letters()
    assert dead["body"] == {"type": "no_such_type"}


def test_nightly_refresh_fans_out_every_parsed_candidate(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    recruiter = Principal(demo.users[Role.RECRUITER], demo.tenant_id, Role.RECRUITER, "r@example.com")
    for i in range(3):
        container.resumes.upload(recruiter, f"cv{i}.pdf", text_pdf(RESUME_TEXT), "application/pdf")
    runtime.drain()

    counts = invoke("nightly_refresh", _sample("eventbridge_nightly_refresh.json"))

    assert counts == {"candidates": 3, "messages": 1}
    assert runtime.drain()["messages"] == 1


def test_expire_jobs_withdraws_stale_jobs_from_match_lists(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    recruiter = Principal(demo.users[Role.RECRUITER], demo.tenant_id, Role.RECRUITER, "r@example.com")
    result = container.resumes.upload(recruiter, "jane.pdf", text_pdf(RESUME_TEXT), "application/pdf")
    runtime.drain()
    with container.db.connect() as conn:
        before = container.matching.matches_for_resume(conn, demo.tenant_id, result.id)
        stale = before[0]["job_id"]
        conn.execute(
            "UPDATE jobs SET posted_at = %s WHERE id = %s", (dt.datetime.now(dt.UTC) - dt.timedelta(days=31), stale)
        )

    assert invoke("expire_jobs", _sample("eventbridge_expire_jobs.json")) == {"expired": 1, "erased": 0}

    with container.db.connect() as conn:
        after = container.matching.matches_for_resume(conn, demo.tenant_id, result.id)
    assert stale not in {m["job_id"] for m in after}
    assert len(after) == len(before) - 1


def test_migrate_handler_applies_nothing_twice(container) -> None:  # type: ignore[no-untyped-def]
    response = invoke("migrate", _sample("cfn_migrate_create.json"))
    assert response == {"PhysicalResourceId": "hiring-migrations", "Data": {"Applied": "none"}}
