"""Skills linked by meaning (ESCO) where people read a match's breakdown, in Chromium against the live app with the
real int8 MiniLM model and the shipped ESCO index (the suite's hashing embedder keeps ESCO linking off, so this
module's `settings` turns the onnx embedder on, as tests/integration/test_esco_matching.py does).

A recruiter posts a job whose requirement the skills dictionary cannot name ("Communicate effectively with
stakeholders at all levels."); two candidates upload real PDFs and the local runtime parses, embeds, links and
matches them. The one whose resume shows the skill sees it counted on the match, with the posting's sentence and
their resume line; the recruiter sees the same on the application. The near miss's application shows it as a
neutral note, never as a gap or a missing skill."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from hiring.principal import Role
from tests.browser.conftest import DEMO_PASSWORD, Console, shot
from tests.conftest import login
from tests.pdfs import text_pdf

ASK = "Communicate effectively with stakeholders at all levels."
POSTING = (
    "We run the finance operations of a retail group.\n"
    "Requirements:\n"
    "- 3+ years of experience with Excel and financial reporting.\n"
    f"- {ASK}\n"
)
SHOWS = "Presented quarterly results to the board and key stakeholders."
NEAR_MISS = "Built dashboards that track stakeholder requests."
RECRUITER = "recruiter@ledger.test"


@pytest.fixture
def settings(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The default runtime's embedder (onnx), where ESCO linking is on."""
    from hiring.config import Settings, reset_settings

    monkeypatch.setenv("HIRING_EMBEDDER", "onnx")
    reset_settings()
    yield Settings()
    reset_settings()


def _ok(response: httpx.Response) -> Any:
    assert response.status_code in (200, 201, 202), response.text
    return response.json()


def _resume_pdf(name: str, highlight: str) -> bytes:
    email = f"{name.split()[0].lower()}@example.org"
    return text_pdf(
        f"{name}\n{email}\nAustin, TX\n\nSKILLS\nExcel\n\nEXPERIENCE\n"
        "Northwind Traders - Financial Analyst (2019 - 2024)\n"
        f"Prepared monthly reports in Excel for finance.\n{highlight}"
    )


@pytest.fixture
def ledger(container: Any, http: httpx.Client, runtime: Any) -> dict[str, Any]:
    """A tenant with a recruiter and two candidates; the job posted, both resumes uploaded, read and matched, and
    both applied."""
    identity = container.identity
    tenant = identity.create_tenant("ledger", "Ledger")
    identity.create_user(tenant, RECRUITER, DEMO_PASSWORD, Role.RECRUITER)
    recruiter = login(http, RECRUITER, DEMO_PASSWORD)
    job = _ok(
        http.post(
            "/api/jobs",
            headers=recruiter,
            json={"title": "Finance Analyst", "description": POSTING, "location": "Austin, TX", "company": "Acme"},
        )
    )
    runtime.drain()
    people: dict[str, Any] = {"tenant": tenant, "job_id": str(job["id"]), "recruiter": recruiter}
    for key, name, highlight in (("shows", "Ada Obi", SHOWS), ("near", "Ben Cole", NEAR_MISS)):
        email = f"{key}@ledger.test"
        identity.create_user(tenant, email, DEMO_PASSWORD, Role.CANDIDATE)
        headers = login(http, email, DEMO_PASSWORD)
        pdf = _resume_pdf(name, highlight)
        resume = _ok(http.post("/api/resumes", headers=headers, files={"file": ("cv.pdf", pdf, "application/pdf")}))
        runtime.drain()
        detail = _ok(http.get(f"/api/resumes/{resume['id']}/matches/{people['job_id']}", headers=headers))
        application = {"job_id": people["job_id"], "resume_id": resume["id"]}
        applied = _ok(http.post("/api/applications", headers=headers, json=application))
        people[key] = {"email": email, "resume_id": resume["id"], "detail": detail, "application_id": applied["id"]}
    return people


def _esco(breakdown: dict[str, Any]) -> list[dict[str, Any]]:
    components = breakdown["components"]
    return [*components["required_skills"].get("esco", []), *components["preferred_skills"].get("esco", [])]


def test_a_candidate_sees_a_skill_met_by_meaning_with_the_postings_sentence_and_their_resume_line(
    console: Console, ledger: dict[str, Any]
) -> None:
    detail = ledger["shows"]["detail"]
    [counted] = [e for e in _esco(detail["breakdown"]) if e["counted"] and e["asked"] == ASK]
    matched = {m["skill"]: m for m in detail["breakdown"]["components"]["required_skills"]["matched"]}
    line = matched[counted["skill"]]["evidence"][0]["text"]
    assert SHOWS in line, "the real scorer met the requirement with the resume's sentence"

    console.sign_in(ledger["shows"]["email"])
    page = console.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Matches").click()
    match = page.locator(f"details.c-match[data-job='{ledger['job_id']}']")
    match.locator("summary").click()
    section = match.get_by_role("region", name="Skills linked by meaning")
    met = section.locator(f".esco-met li[data-uri='{counted['uri']}']")
    expect(met.locator("strong")).to_have_text(counted["skill"])
    expect(met.locator("q")).to_have_text([ASK, line])  # the posting's sentence, then the resume's line
    expect(met).to_contain_text("The posting asks:")
    expect(met).to_contain_text("Your resume shows it:")
    expect(section.locator(".esco-notes")).to_have_count(0)
    expect(match.locator(".c-gaps")).not_to_contain_text(counted["skill"])
    shot(page, "candidate-match-esco")


def test_the_recruiter_sees_the_counted_skill_with_its_lines_and_the_near_miss_as_a_neutral_note(
    console: Console, ledger: dict[str, Any], http: httpx.Client
) -> None:
    shows = _ok(http.get(f"/api/applications/{ledger['shows']['application_id']}", headers=ledger["recruiter"]))
    near = _ok(http.get(f"/api/applications/{ledger['near']['application_id']}", headers=ledger["recruiter"]))
    [counted] = [e for e in _esco(shows["breakdown"]) if e["counted"] and e["asked"] == ASK]
    [noted] = [e for e in _esco(near["breakdown"]) if not e["counted"] and e["asked"] == ASK]
    assert noted["skill"] == counted["skill"] and noted["skill"] not in near["missing_skills"]

    console.sign_in(RECRUITER)
    page = console.page
    console.goto(f"/recruiter/applications/{ledger['shows']['application_id']}")
    section = page.get_by_role("region", name="Skills linked by meaning")
    met = section.locator(f".esco-met li[data-uri='{counted['uri']}']")
    expect(met.locator("q")).to_have_text([ASK, SHOWS])
    expect(met).to_contain_text("The resume shows it:")
    required = page.locator("section.component[data-component='required_skills']")
    expect(required).to_contain_text(f"{counted['skill']} · linked by meaning")
    shot(page, "recruiter-application-esco")

    console.goto(f"/recruiter/applications/{ledger['near']['application_id']}")
    expect(page.locator("#page-title")).to_contain_text("for Finance Analyst")
    region = page.get_by_role("region", name="Skills linked by meaning")
    note = region.locator(f".esco-notes li[data-uri='{noted['uri']}']")
    expect(note.locator("q")).to_have_text([ASK])
    expect(note).to_contain_text("too uncertain to call this a gap")
    expect(page.locator(".esco-met")).to_have_count(0)
    body = page.locator("main").inner_text()
    gaps = body.split("Gaps", 1)[1].split("History", 1)[0] if "Gaps" in body else ""
    assert noted["skill"] not in gaps, "an uncounted link is never a gap"
    expect(required).not_to_contain_text("Missing: " + noted["skill"])
    shot(page, "recruiter-application-esco-note")
