"""The parse pipeline on real Postgres: structured profile stored, low confidence sent to review, imports kept."""

from __future__ import annotations

from hiring.principal import Principal, Role
from hiring.runtime.demo import DEMO_USERS
from tests.fixtures.resumes.generate import load, render, truth
from tests.pdfs import text_pdf


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
    assert container.resumes.get(principal, upload.id)["history"][-1]["status"] == "needs_review"


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
    assert stored["status"] == "parsed" and stored["profile"]["name"] == "Sofia Lindqvist"
