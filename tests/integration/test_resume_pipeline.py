"""The parse pipeline on real Postgres: structured profile stored, low confidence sent to review, imports kept."""

from __future__ import annotations

import pytest

from hiring.principal import Principal, Role
from hiring.runtime.demo import DEMO_USERS
from tests.fixtures.resumes.generate import load, render, truth
from tests.pdfs import RESUME_TEXT, text_pdf


def _principal(container, role: Role = Role.CANDIDATE) -> Principal:  # type: ignore[no-untyped-def]
    with container.db.connect() as conn:
        user = conn.execute(
            "SELECT id, tenant_id, role, email FROM users WHERE email = %s", (DEMO_USERS[role],)
        ).fetchone()
    return Principal(str(user["id"]), str(user["tenant_id"]), Role(user["role"]), user["email"])


def _row(container, resume_id: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    with container.db.connect() as conn:
        return conn.execute(
            "SELECT status, status_reason, error_code, skills, profile, confidence, warnings, parser, content_type"
            " FROM resumes WHERE id = %s",
            (resume_id,),
        ).fetchone()


def test_a_sidebar_pdf_is_stored_as_a_structured_profile(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    principal = _principal(container)
    upload = container.resumes.upload(principal, "raman.pdf", render("raman", "sidebar"), "application/pdf")
    runtime.drain()

    row = _row(container, upload.id)
    expected = truth(load("raman"))
    assert row["status"] == "parsed" and row["parser"] == "rules"
    assert row["profile"]["name"] == expected.name
    assert [j["company"] for j in row["profile"]["experience"]] == [j["company"] for j in expected.jobs]
    assert row["skills"] == [s["name"] for s in row["profile"]["skills"]]
    assert float(row["confidence"]) == row["profile"]["confidence"] >= 0.8


def test_a_docx_upload_is_parsed(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    principal = _principal(container)
    upload = container.resumes.upload(principal, "okafor.docx", render("okafor", "docx"), None)
    runtime.drain()
    row = _row(container, upload.id)
    assert row["status"] == "parsed"
    assert row["content_type"].endswith("wordprocessingml.document")
    assert row["profile"]["email"] == truth(load("okafor")).email


def test_a_low_confidence_parse_goes_to_review_with_its_reason(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    principal = _principal(container)
    upload = container.resumes.upload(
        principal, "note.pdf", text_pdf("please see the attached files, thank you for your time"), "application/pdf"
    )
    runtime.drain()

    row = _row(container, upload.id)
    assert row["status"] == "needs_review"
    assert row["error_code"] == "low_confidence"
    assert "no name found" in row["status_reason"]
    assert float(row["confidence"]) < 0.5
    assert container.resumes.get(principal, upload.id).history[-1].status == "needs_review"


def test_a_json_resume_import_becomes_a_parsed_resume(container, demo) -> None:  # type: ignore[no-untyped-def]
    principal = _principal(container, Role.RECRUITER)
    result = container.resumes.import_json_resume(principal, load("lindqvist"))

    assert result.status == "parsed"
    row = _row(container, result.id)
    assert row["parser"] == "jsonresume"
    assert [j["company"] for j in row["profile"]["experience"]] == ["Spotify", "Klarna", "Ericsson"]
    assert row["profile"]["experience"][0]["current"] is True
    assert "Kubernetes" in row["skills"]
    stored = container.resumes.profile(principal, result.id)
    assert stored.status == "parsed" and stored.profile.name == "Sofia Lindqvist"


# --- intake faults (issue 10): poison, content-addressed redelivery, limits, nothing lost --------------------

TEXT_RESUME = (
    "Jane Doe\njane.doe@example.org\n+1 415 555 0100\n\nSUMMARY\nSenior software engineer.\n\n"
    "SKILLS\nPython, SQL, Kubernetes\n\nEXPERIENCE\nContoso Ltd - Senior Engineer (2019 - Present)\n"
    "Built data pipelines in Python.\n\nEDUCATION\nBSc Computer Science, University of Lisbon (2012 - 2015)\n"
)
OTHER_RESUME = TEXT_RESUME.replace("Jane Doe", "Omar Haddad").replace("jane.doe", "omar.haddad")


def _rows_for_key(container, key: str) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    with container.db.connect() as conn:
        return conn.execute(
            "SELECT id, status, error_code, status_reason, previous_id, blob_key, sha256, attempts, text_content,"
            " profile FROM resumes WHERE inbox_key = %s ORDER BY created_at",
            (key,),
        ).fetchall()


def _history(container, resume_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    with container.db.connect() as conn:
        rows = conn.execute(
            "SELECT status FROM status_events WHERE entity_id = %s ORDER BY id", (str(resume_id),)
        ).fetchall()
    return [r["status"] for r in rows]


def _rejections(container) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    with container.db.connect() as conn:
        return conn.execute("SELECT tenant_id, kind, reason, detail FROM rejected_inputs ORDER BY id").fetchall()


def _inbox(container) -> list[str]:  # type: ignore[no-untyped-def]
    return [info.key for info in container.blobs.list("inbox/")]


def test_a_text_resume_holding_nul_bytes_is_parsed_once(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    key = "inbox/demo/nul.txt"
    container.blobs.put(key, TEXT_RESUME.replace("Senior software", "Senior\x00 software\x00").encode())

    runtime.drain()

    [row] = _rows_for_key(container, key)
    assert row["status"] == "parsed" and row["profile"]["name"] == "Jane Doe"
    assert "\x00" not in row["text_content"] and "Senior software engineer" in row["text_content"]
    assert _history(container, row["id"]) == ["pending", "parsing", "parsed"]
    assert _inbox(container) == []
    assert runtime.scan_inbox() == 0


def test_a_new_file_under_an_earlier_name_is_a_new_resume_linked_to_it(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    key = "inbox/demo/resume.txt"
    container.blobs.put(key, TEXT_RESUME.encode())
    runtime.drain()
    container.blobs.put(key, OTHER_RESUME.encode())  # the same name, new bytes: not a redelivery
    runtime.drain()

    first, second = _rows_for_key(container, key)
    assert (first["status"], second["status"]) == ("parsed", "parsed")
    assert second["previous_id"] == first["id"]
    assert (first["profile"]["name"], second["profile"]["name"]) == ("Jane Doe", "Omar Haddad")
    assert container.blobs.get(first["blob_key"]) == TEXT_RESUME.encode()  # both originals are kept
    assert container.blobs.get(second["blob_key"]) == OTHER_RESUME.encode()
    assert _inbox(container) == []


def test_the_same_bytes_again_under_the_same_name_are_a_redelivery(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    key = "inbox/demo/resume.txt"
    container.blobs.put(key, TEXT_RESUME.encode())
    runtime.drain()
    container.blobs.put(key, TEXT_RESUME.encode())
    runtime.drain()

    [row] = _rows_for_key(container, key)
    assert row["status"] == "parsed" and row["attempts"] == 1
    assert _inbox(container) == []


def test_a_file_for_an_unknown_tenant_is_quarantined_once_and_never_retried(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    container.blobs.put("inbox/no-such-tenant/cv.txt", TEXT_RESUME.encode())
    # A tenant that exists, a resume id that does not: the rejection carries the tenant.
    orphan = f"inbox/{demo.tenant_id}/00000000-0000-4000-8000-000000000000/cv.txt"
    container.blobs.put(orphan, TEXT_RESUME.encode())

    assert runtime.scan_inbox() == 2
    assert runtime.scan_inbox() == 0  # nothing left to loop on

    by_code = {r["detail"]["code"]: r for r in _rejections(container)}  # delivered side by side: in any order
    assert sorted(by_code) == ["unknown_resume", "unknown_tenant"]
    unknown, orphaned = by_code["unknown_tenant"], by_code["unknown_resume"]
    assert unknown["tenant_id"] is None and unknown["detail"]["code"] == "unknown_tenant"
    assert str(orphaned["tenant_id"]) == demo.tenant_id and orphaned["detail"]["code"] == "unknown_resume"
    assert container.blobs.get("quarantine/no-such-tenant/cv.txt") == TEXT_RESUME.encode()
    assert container.blobs.get(orphaned["detail"]["quarantined_as"]) == TEXT_RESUME.encode()
    assert _inbox(container) == []


class _StorageFault:
    """The blob store with writes of kept originals failing, as a full or unreachable store would."""

    def __init__(self, blobs) -> None:  # type: ignore[no-untyped-def]
        self.blobs = blobs

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream"):  # type: ignore[no-untyped-def]
        if key.startswith("resumes/"):
            raise OSError("no space left on device")
        return self.blobs.put(key, data, content_type)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.blobs, name)


def test_a_persistent_fault_is_retried_with_back_off_then_fails_for_good(container, demo) -> None:  # type: ignore[no-untyped-def]
    from hiring.services.resumes import IntakeRetry

    resumes = container.resumes
    resumes.blobs = _StorageFault(container.blobs)
    key = "inbox/demo/poison.txt"
    container.blobs.put(key, TEXT_RESUME.encode())
    attempts = resumes.intake.max_attempts

    for attempt in range(1, attempts):
        with pytest.raises(IntakeRetry):
            resumes.process_inbox_object(key)
        [row] = _rows_for_key(container, key)
        assert (row["status"], row["attempts"], row["error_code"]) == ("pending", attempt, "intake_error")
        # Within its back-off a delivery does nothing: no attempt, no status row.
        history = _history(container, row["id"])
        assert resumes.process_inbox_object(key) == str(row["id"])
        assert _history(container, row["id"]) == history and _rows_for_key(container, key)[0]["attempts"] == attempt
        with container.db.connect() as conn:  # the back-off passes
            conn.execute("UPDATE resumes SET next_attempt_at = now() WHERE id = %s", (row["id"],))

    resumes.process_inbox_object(key)  # the last attempt fails too: final

    [row] = _rows_for_key(container, key)
    assert (row["status"], row["error_code"], row["attempts"]) == ("failed", "intake_failed", attempts)
    assert "OSError" in row["status_reason"] and "no space" not in row["status_reason"]
    assert _history(container, row["id"]) == ["pending"] + ["parsing", "pending"] * (attempts - 1) + [
        "parsing",
        "failed",
    ]
    assert _inbox(container) == []
    assert container.blobs.get("quarantine/demo/poison.txt") == TEXT_RESUME.encode()  # kept, not deleted
    [rejection] = _rejections(container)
    assert str(rejection["tenant_id"]) == demo.tenant_id and rejection["detail"]["code"] == "intake_failed"
    assert resumes.process_inbox_object(key) == str(row["id"])  # a late redelivery changes nothing
    assert len(_history(container, row["id"])) == 2 * attempts + 1


def _died(container, tenant_id: str, key: str, data: bytes, attempts: int, lease_over: bool) -> None:  # type: ignore[no-untyped-def]
    """A row as an attempt that was killed mid-parse leaves it: parsing, its lease over or not."""
    import hashlib

    with container.db.connect() as conn:
        conn.execute(
            "INSERT INTO resumes (tenant_id, source, filename, inbox_key, sha256, status, attempts, next_attempt_at)"
            " VALUES (%s, 'inbox', 'cv.txt', %s, %s, 'parsing', %s, now() + make_interval(secs => %s))",
            (tenant_id, key, hashlib.sha256(data).hexdigest(), attempts, -5 if lease_over else 600),
        )


def test_an_attempt_that_died_is_taken_over_once_its_lease_is_over(container, demo) -> None:  # type: ignore[no-untyped-def]
    key, data = "inbox/demo/cv.txt", TEXT_RESUME.encode()
    container.blobs.put(key, data)
    _died(container, demo.tenant_id, key, data, attempts=1, lease_over=False)

    container.resumes.process_inbox_object(key)  # the attempt may still be running: hands off
    assert _rows_for_key(container, key)[0]["status"] == "parsing"

    with container.db.connect() as conn:
        conn.execute("UPDATE resumes SET next_attempt_at = now() - interval '1 second'")
    container.resumes.process_inbox_object(key)
    [row] = _rows_for_key(container, key)
    assert row["status"] == "parsed" and row["attempts"] == 2


def test_a_parse_that_never_finishes_fails_after_the_last_attempt(container, demo) -> None:  # type: ignore[no-untyped-def]
    key, data = "inbox/demo/cv.txt", TEXT_RESUME.encode()
    container.blobs.put(key, data)
    # Two attempts killed at their time limit (in AWS: the invocation and its first retry); the delivery that would
    # be the last attempt ends it, since no delivery follows a last attempt that dies too.
    _died(container, demo.tenant_id, key, data, attempts=container.resumes.intake.max_attempts - 1, lease_over=True)

    container.resumes.process_inbox_object(key)

    [row] = _rows_for_key(container, key)
    assert (row["status"], row["error_code"]) == ("failed", "parse_timeout")
    assert container.blobs.get("quarantine/demo/cv.txt") == data
    assert [r["detail"]["code"] for r in _rejections(container)] == ["parse_timeout"]


def test_a_parse_past_its_time_budget_is_stopped_and_fails(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    from hiring.parsing.isolation import ProcessParser

    container.resumes.parser = ProcessParser(timeout_s=0.05)
    key = "inbox/demo/slow.txt"
    container.blobs.put(key, ("teamwork communication leadership customer service " * 3500).encode())

    runtime.drain()

    [row] = _rows_for_key(container, key)
    assert (row["status"], row["error_code"]) == ("failed", "parse_timeout")
    assert container.blobs.get(row["blob_key"])  # the original is kept for review


def test_a_document_longer_than_the_limit_fails_as_too_long(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    container.resumes.intake = replace(container.resumes.intake, max_chars=2_000)
    key = "inbox/demo/long.txt"
    container.blobs.put(key, (TEXT_RESUME * 20).encode())

    runtime.drain()

    [row] = _rows_for_key(container, key)
    assert (row["status"], row["error_code"]) == ("failed", "too_long")
    assert "2000" in row["status_reason"]


def test_a_refused_oversized_upload_keeps_no_bytes_and_says_more_than_the_limit(container, demo) -> None:  # type: ignore[no-untyped-def]
    principal = _principal(container)
    limit = container.settings.max_upload_bytes
    head = text_pdf(RESUME_TEXT)
    head += b"%" * (limit + 1 - len(head))  # what the route passes on: the first limit + 1 bytes, no more

    result = container.resumes.upload(principal, "big.pdf", head, "application/pdf")

    assert (result.status, result.error_code) == ("failed", "too_large")
    with container.db.connect() as conn:
        row = conn.execute("SELECT size_bytes, sha256, blob_key, status_reason FROM resumes").fetchone()
    assert row["size_bytes"] is None and row["sha256"] is None and row["blob_key"] is None
    assert f"more than {limit} bytes" in row["status_reason"]
    assert container.blobs.list("resumes/") == [] and container.blobs.list("inbox/") == []
