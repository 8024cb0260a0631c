"""Intake faults end to end (issue 10): the local runtime's background loops take hostile uploads to a final state
while ordinary ones keep flowing; dead-lettered work is visible to an admin; logs never name an uploaded file."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import Any

from hiring.observability import logger
from hiring.ports import QueueMessage
from hiring.runtime import events
from hiring.runtime.invoke import invoke
from tests.conftest import login
from tests.pdfs import text_pdf

TERMINAL = {"parsed", "failed", "needs_review"}
DEADLINE_S = 120  # generous: two shared cores; the outcomes are asserted, never the time they took
RESUME = (
    "Jane Doe\njane.doe@example.org\n+1 415 555 0100\n\nSUMMARY\nSenior software engineer.\n\n"
    "SKILLS\nPython, SQL, Kubernetes\n\nEXPERIENCE\nContoso Ltd - Senior Engineer (2019 - Present)\n"
    "Built data pipelines in Python.\n\nEDUCATION\nBSc Computer Science, University of Lisbon (2012 - 2015)\n"
)


def _wait_for(check: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.25)
    raise AssertionError(f"not reached within {DEADLINE_S} s: {what}")


def _rows(container, key: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    with container.db.connect() as conn:
        return conn.execute(
            "SELECT id, status, error_code, previous_id, profile FROM resumes WHERE inbox_key = %s ORDER BY created_at",
            (key,),
        ).fetchall()


def _final(container, key: str, count: int = 1) -> list[dict[str, Any]] | None:  # type: ignore[no-untyped-def]
    rows = _rows(container, key)
    return rows if len(rows) == count and all(r["status"] in TERMINAL for r in rows) else None


def test_hostile_uploads_end_final_while_an_ordinary_pdf_is_parsed(container, demo, runtime, http) -> None:  # type: ignore[no-untyped-def]
    container.resumes.max_bytes = 6 * 1024 * 1024  # so the 4 MB text reaches the character limit
    nul, huge, same = "inbox/demo/nul.txt", "inbox/demo/huge.txt", "inbox/demo/resume.txt"
    container.blobs.put(huge, ("python developer kubernetes teamwork " * 110_000).encode())  # 4 MB, one line
    container.blobs.put(nul, RESUME.replace("Senior software", "Senior\x00 software").encode())
    container.blobs.put(same, RESUME.encode())
    runtime.start()
    try:
        _wait_for(lambda: _final(container, same), "the first file under the shared name")
        container.blobs.put(same, RESUME.replace("Jane Doe", "Omar Haddad").encode())  # the same name, new bytes
        headers = login(http, "recruiter@example.com")
        response = http.post(
            "/api/resumes",
            files={"file": ("ordinary.pdf", text_pdf(RESUME), "application/pdf")},
            headers=headers,
        )
        assert response.status_code == 202, response.text
        pdf_id = response.json()["id"]

        pdf = _wait_for(
            lambda: (r := http.get(f"/api/resumes/{pdf_id}", headers=headers).json())["status"] in TERMINAL and r,
            "the ordinary PDF",
        )
        [nul_row] = _wait_for(lambda: _final(container, nul), "the NUL resume")
        [huge_row] = _wait_for(lambda: _final(container, huge), "the 4 MB single-line resume")
        first, second = _wait_for(lambda: _final(container, same, 2), "the re-dropped file")
    finally:
        runtime.stop()

    assert pdf["status"] == "parsed"
    assert nul_row["status"] == "parsed" and nul_row["profile"]["name"] == "Jane Doe"
    assert (huge_row["status"], huge_row["error_code"]) == ("failed", "too_long")
    assert (first["status"], second["status"]) == ("parsed", "parsed")
    assert second["previous_id"] == first["id"] and second["profile"]["name"] == "Omar Haddad"
    assert container.blobs.list("inbox/") == []
    with container.db.connect() as conn:
        stuck = conn.execute("SELECT count(*) AS n FROM resumes WHERE status IN ('pending', 'parsing')").fetchone()
    assert stuck["n"] == 0


def test_a_work_message_failing_its_last_receive_is_shown_to_the_tenants_admin(container, demo, http) -> None:  # type: ignore[no-untyped-def]
    body = {"type": "match_candidate", "tenant_id": demo.tenant_id, "resume_id": "not-a-uuid"}
    receives = container.settings.queue_max_receives
    early = QueueMessage("m-early", body, "r1", receives - 1)
    last = QueueMessage("m-last", body, "r2", receives)

    response = invoke("match_worker", events.sqs_batch([early, last], "hiring-match"))

    assert {f["itemIdentifier"] for f in response["batchItemFailures"]} == {"m-early", "m-last"}  # both fail
    listed = http.get("/api/admin/rejections", headers=login(http, "admin@example.com")).json()
    assert [(r["kind"], r["source"], r["detail"]["message_id"]) for r in listed] == [
        ("work_message", "queue:hiring-match", "m-last")
    ]
    assert listed[0]["detail"]["body"] == body and "ValidationError" in listed[0]["reason"]
    invoke("match_worker", events.sqs_batch([last], "hiring-match"))  # a repeat of the last receive
    assert len(http.get("/api/admin/rejections", headers=login(http, "admin@example.com")).json()) == 1


def test_logs_name_inbox_objects_by_resume_id_or_digest_never_by_file_name(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    from hiring.principal import Principal, Role
    from hiring.services.resumes import key_ref

    unknown = "inbox/no-such-tenant/Jane Doe cv.txt"
    container.blobs.put("inbox/demo/Jane Doe resume.txt", RESUME.encode())
    container.blobs.put(unknown, RESUME.encode())
    recruiter = Principal(demo.users[Role.RECRUITER], demo.tenant_id, Role.RECRUITER, "recruiter@example.com")
    uploaded = container.resumes.upload(recruiter, "Jane Doe resume.pdf", text_pdf(RESUME), "application/pdf")
    level, stream = logger.log_level, io.StringIO()
    previous = logger.registered_handler.setStream(stream)  # every line the logger writes, as it writes it
    logger.setLevel("DEBUG")
    try:
        runtime.drain()
    finally:
        logger.setLevel(level)
        logger.registered_handler.setStream(previous)

    logs = stream.getvalue()
    assert logs.count('"message":"resume parsed"') == 2 and uploaded.id in logs and key_ref(unknown) in logs
    assert "Jane" not in logs and "resume.txt" not in logs and "cv.txt" not in logs
