"""The recruiter's console in Chromium against the live app: post a job and read its analysis beside the text,
filter the applicants and open one's breakdown with its evidence, move people through the pipeline board (drag,
the keyboard's select, a refused move, a rejection's reason in a dialog, a bulk move with its outcome per card),
the funnel chart with its table, a job's matches (adding one as an applicant), and the jobs list, edit and close.

Candidates apply through the API in the setup: they register, upload a real PDF rendered from a resume template,
the local runtime drains the queue (parse, match), and they apply."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Console, shot
from tests.conftest import login
from tests.e2e.test_hiring_journey import POSTING, _ok  # the posting the HTTP journey walks

RENDERED = Path(__file__).parents[1] / "fixtures" / "corpus" / "rendered"
PASSWORD = "violet-harbour-lantern-42"
RECRUITER = "recruiter@example.com"
# Three people who apply (a frontend engineer, a student, a CTO) and one who only uploads (found among matches).
APPLICANTS = [f"latex-jake/software-{name}.pdf" for name in ("schmidt", "reddy-student", "holm-cto")]
UPLOAD_ONLY = "latex-sb2nov/software-nakamura.pdf"


@dataclass
class Hiring:
    job_id: str
    recruiter: dict[str, str]
    applications: list[str]  # in APPLICANTS order
    names: dict[str, str]  # application id -> the name the applicant list shows
    resume_only: str  # the resume of the person who did not apply


def _candidate(http: httpx.Client, runtime: Any, n: int, pdf: str) -> tuple[dict[str, str], str]:
    email = f"applicant{n}@example.org"
    _ok(http.post("/api/auth/register", json={"tenant": "demo", "email": email, "password": PASSWORD}), 201)
    headers = login(http, email, PASSWORD)
    path = RENDERED / pdf
    uploaded = http.post("/api/resumes", headers=headers, files={"file": (path.name, path.read_bytes())})
    resume_id = _ok(uploaded, 202)["id"]
    runtime.drain()
    assert _ok(http.get(f"/api/resumes/{resume_id}", headers=headers))["status"] == "parsed"
    return headers, resume_id


def _applicants(http: httpx.Client, hiring_or_job: Any, headers: dict[str, str], **query: Any) -> list[dict[str, Any]]:
    job_id = hiring_or_job.job_id if isinstance(hiring_or_job, Hiring) else hiring_or_job
    return _ok(http.get(f"/api/jobs/{job_id}/applicants", headers=headers, params={"limit": 200, **query}))  # type: ignore[no-any-return]


def _apply_all(http: httpx.Client, runtime: Any, job_id: str) -> tuple[list[str], str]:
    applications = []
    for n, pdf in enumerate(APPLICANTS):
        headers, resume_id = _candidate(http, runtime, n, pdf)
        applied = http.post("/api/applications", headers=headers, json={"job_id": job_id, "resume_id": resume_id})
        applications.append(_ok(applied, 201)["id"])
    _, resume_only = _candidate(http, runtime, len(APPLICANTS), UPLOAD_ONLY)
    return applications, resume_only


@pytest.fixture
def hiring(http: httpx.Client, demo: Any, runtime: Any) -> Iterator[Hiring]:
    """The posting analysed, three applications and one resume that did not apply."""
    recruiter = login(http, RECRUITER)
    job_id = _ok(http.post("/api/jobs", headers=recruiter, json=POSTING), 202)["id"]
    runtime.drain()
    applications, resume_only = _apply_all(http, runtime, job_id)
    names = {a["application_id"]: a["candidate"]["name"] for a in _applicants(http, job_id, recruiter)}
    yield Hiring(job_id, recruiter, applications, names, resume_only)


def _form(console: Console, name: str) -> Any:
    return console.page.get_by_role("form", name=name)


# --- the journey: post, analysis, filter, breakdown, move ----------------------------------------------------


def test_a_recruiter_posts_a_job_reads_its_analysis_filters_applicants_and_moves_one(
    console: Console, demo: Any, http: httpx.Client, runtime: Any
) -> None:
    page = console.page
    console.sign_in(RECRUITER)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Post a job").click()
    form = _form(console, "Post a job")
    form.get_by_label("Title").fill(POSTING["title"])
    form.get_by_label("Company").fill(POSTING["company"])
    form.get_by_label("Location").fill(POSTING["location"])
    form.get_by_label("Salary").fill(POSTING["salary"])
    form.get_by_label("Description").fill(POSTING["description"])
    shot(page, "recruiter-post-job")
    form.get_by_role("button", name="Post job").click()

    expect(page.locator("#page-title")).to_have_text("Frontend Engineer")
    job_id = page.url.split("/recruiter/jobs/")[1].split("?")[0]
    expect(page.locator("#messages")).to_contain_text("The analysis is running")
    expect(page.locator(".analysis")).to_contain_text("The analysis is running…")
    runtime.drain()  # the analysis; the page asks again every few seconds while it is pending

    analysis = page.get_by_role("region", name="Analysis")
    required = analysis.locator(".required-skills li")
    expect(required.first).to_be_visible(timeout=15_000)  # the next ask, at most a poll interval away
    job = _ok(http.get(f"/api/jobs/{job_id}", headers=login(http, RECRUITER)))
    facts = job["analysis"]
    assert required.all_inner_texts() == facts["required_skills"]
    assert {"JavaScript", "TypeScript", "React", "Jest"} <= set(facts["required_skills"])
    preferred = analysis.locator(".preferred-skills li").all_inner_texts()
    assert preferred == facts["preferred_skills"] == ["Next.js", "Cypress"]
    assert analysis.locator("#experience-range").inner_text() == "2+ years"
    assert analysis.locator("#salary-range").inner_text() == "EUR 65,000–80,000 per year"
    assert analysis.locator("#quality-figure").inner_text().strip() == f"{facts['quality_score']}/100"
    assert analysis.locator(".red-flags li").all_inner_texts() == facts["red_flags"] != []
    assert analysis.locator(".suggestions li").all_inner_texts() == facts["suggestions"]
    posting = page.get_by_role("region", name="Posting", exact=True)
    assert "Automated testing with Jest" in posting.inner_text()
    marked = posting.locator("mark.mark-required").all_inner_texts()
    asked = [s["evidence"] for s in facts["skills"] if s["status"] == "required" and s["section"] == "required"]
    assert asked and all(any(line in m for m in marked) for line in asked), (asked, marked)
    assert any("Next.js" in m for m in posting.locator("mark.mark-preferred").all_inner_texts())
    box_text, box_analysis = posting.bounding_box(), analysis.bounding_box()
    assert box_analysis["x"] > box_text["x"] + box_text["width"] - 1, "the analysis sits beside the text"
    shot(page, "recruiter-job")

    # People apply through the API; the recruiter filters them.
    applications, _ = _apply_all(http, runtime, job_id)
    recruiter = login(http, RECRUITER)
    page.get_by_role("navigation", name="This job").get_by_role("link", name="Applicants").click()
    expect(page.locator("#applicant-count")).to_have_text("3 applicants, best first.")
    everyone = _applicants(http, job_id, recruiter)
    rows = page.locator("table.applicants tbody tr")
    assert [r.get_attribute("data-application-id") for r in rows.all()] == [a["application_id"] for a in everyone]
    filters = _form(console, "Filter applicants")
    filters.get_by_label("Skills").fill("React, TypeScript")
    filters.get_by_label("Minimum years of experience").fill("1")
    filters.get_by_label("Status").select_option("applied")
    filters.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#applicant-count")).to_have_text("1 applicant matches these filters.")
    wanted = _applicants(http, job_id, recruiter, skills="React,TypeScript", min_years=1, status="applied")
    assert [a["application_id"] for a in wanted] == [applications[0]]
    lena = wanted[0]["candidate"]["name"]
    assert rows.count() == 1 and lena in rows.first.inner_text()
    assert _form(console, "Filter applicants").get_by_label("Skills").input_value() == "React, TypeScript"
    shot(page, "recruiter-applicants")

    # A filter the API refuses shows its reason next to the field.
    filters = _form(console, "Filter applicants")
    filters.get_by_label("Minimum score").fill("120")
    filters.get_by_role("button", name="Apply filters").click()
    field_error = page.locator('[data-field="min_score"] .field-error')
    expect(field_error).to_be_visible()
    refused = http.get(f"/api/jobs/{job_id}/applicants", headers=recruiter, params={"min_score": 120})
    assert refused.status_code == 422
    assert field_error.inner_text() == refused.json()["error"]["details"]["problems"][0]["message"]
    expect(page.locator("#messages")).to_contain_text("invalid_input")

    # The breakdown with the resume lines each matched skill came from.
    page.goto(f"{console.base_url}/#/recruiter/jobs/{job_id}/applicants")
    page.get_by_role("link", name=lena).click()
    expect(page.locator("#page-title")).to_have_text(f"{lena} for Frontend Engineer")
    detail = _ok(http.get(f"/api/applications/{applications[0]}", headers=recruiter))
    component = page.locator('[data-component="required_skills"]')
    for matched in detail["breakdown"]["components"]["required_skills"]["matched"]:
        assert matched["skill"] in component.inner_text()
        for line in matched["evidence"]:
            expect(component.locator("q", has_text=line["text"]).first).to_be_visible()
    assert "Web: JavaScript, TypeScript, React, Next.js" in component.inner_text()
    assert detail["explanation"]["summary"] in page.locator("#content").inner_text()
    shot(page, "recruiter-application")

    # Moved on through the pipeline with the select the API's allowed moves fill.
    move = _form(console, "Move application")
    assert move.get_by_label("Move to").locator("option").all_inner_texts() == ["Screening", "Rejected"]
    move.get_by_role("button", name="Move").click()
    expect(page.locator("#messages")).to_have_text(f"{lena} moved to Screening.")
    expect(page.locator("#application-status")).to_have_text("Now: Screening")
    assert _ok(http.get(f"/api/applications/{applications[0]}", headers=recruiter))["status"] == "screening"
    assert "Applied → Screening by recruiter@example.com" in page.locator(".history-list").inner_text()


# --- the pipeline board ------------------------------------------------------------------------------------


def _column(page: Any, label: str) -> Any:
    return page.locator("#board").get_by_role("region", name=re.compile(rf"^{label} \("))


def _card(page: Any, name: str) -> Any:
    return page.locator("#board").get_by_role("listitem", name=name, exact=True)


def _status(http: httpx.Client, hiring: Hiring, application_id: str) -> str:
    return str(_ok(http.get(f"/api/applications/{application_id}", headers=hiring.recruiter))["status"])


def test_the_pipeline_board_moves_cards_by_drag_by_select_and_in_bulk(
    console: Console, hiring: Hiring, http: httpx.Client
) -> None:
    page = console.page
    lena, reddy, holm = (hiring.names[a] for a in hiring.applications)
    console.sign_in(RECRUITER)
    console.goto(f"/recruiter/jobs/{hiring.job_id}/pipeline")
    expect(_column(page, "Applied")).to_contain_text("(3)")
    assert [c.inner_text() for c in page.locator("#board .column h2").all()] == [
        "Applied (3)", "Screening (0)", "Interview (0)", "Offer (0)", "Hired (0)", "Rejected (0)", "Withdrawn (0)",
    ]  # fmt: skip

    # Drag Lena's card to Screening.
    _card(page, lena).drag_to(_column(page, "Screening"))
    expect(_column(page, "Screening")).to_contain_text(lena)
    expect(page.locator("#messages")).to_have_text(f"{lena} moved to Screening.")
    assert _status(http, hiring, hiring.applications[0]) == "screening"

    # The keyboard way: the card's own select (the next stage preselected) and its button.
    card = _card(page, lena)
    assert card.get_by_label(f"Move {lena} to").input_value() == "interview"
    card.get_by_label(f"Move {lena} to").focus()
    page.keyboard.press("Enter")  # a select takes Enter without moving: the button does the move
    card.get_by_role("button", name=f"Move {lena}").press("Enter")
    expect(_column(page, "Interview")).to_contain_text(lena)
    assert _status(http, hiring, hiring.applications[0]) == "interview"

    # A move the API refuses: its message names the allowed moves; nothing changes.
    holm_card = _card(page, holm)
    holm_card.get_by_label(f"Move {holm} to").select_option("hired")
    holm_card.get_by_role("button", name=f"Move {holm}").click()
    alert = page.locator("#messages [role=alert]")
    expect(alert).to_contain_text("allowed: screening, rejected")
    refused = http.post(
        f"/api/applications/{hiring.applications[2]}/status", headers=hiring.recruiter, json={"status": "hired"}
    )
    assert refused.status_code == 422 and refused.json()["error"]["message"] in alert.inner_text()
    expect(_column(page, "Applied")).to_contain_text(holm)
    shot(page, "recruiter-pipeline-refused")

    # Rejecting asks for the reason in a dialog: labelled, focus kept inside, Escape closes it without a move.
    reddy_card = _card(page, reddy)
    reddy_card.get_by_label(f"Move {reddy} to").select_option("rejected")
    reddy_card.get_by_role("button", name=f"Move {reddy}").click()
    dialog = page.get_by_role("dialog", name=f"Reject {reddy}")
    expect(dialog).to_be_visible()
    assert page.evaluate("document.activeElement.name") == "reason"
    for _ in range(5):
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('dialog')"), "focus stays in the dialog"
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    assert _status(http, hiring, hiring.applications[1]) == "applied"
    assert page.evaluate("document.activeElement.textContent") == "Move", "focus returns to the card's button"

    reddy_card.get_by_role("button", name=f"Move {reddy}").click()
    dialog = page.get_by_role("dialog", name=f"Reject {reddy}")
    dialog.get_by_role("button", name="Reject").click()
    expect(dialog.locator('[data-field="reason"] .field-error')).to_have_text("Fill this in: it is required.")
    dialog.get_by_label("Reason").fill("The role needs production React; the resume shows none yet.")
    shot(page, "recruiter-pipeline-reject-dialog")
    dialog.get_by_role("button", name="Reject").click()
    expect(_column(page, "Rejected")).to_contain_text(reddy)
    rejected = _ok(http.get(f"/api/applications/{hiring.applications[1]}", headers=hiring.recruiter))
    assert rejected["status"] == "rejected"
    assert rejected["feedback"]["reason"] == "The role needs production React; the resume shows none yet."

    # Bulk: Holm (applied) and Lena (interview) to Screening: one moves, the other is refused with the reason.
    page.get_by_label(f"Select {holm}").check()
    page.get_by_label(f"Select {lena}").check()
    expect(page.locator("#bulk-count")).to_have_text("2 selected.")
    page.get_by_label("Move selected to").select_option("screening")
    page.get_by_role("button", name="Move selected").click()
    outcomes = page.locator("#bulk-outcomes")
    expect(outcomes.locator(f'[data-application-id="{hiring.applications[2]}"]')).to_have_text(
        f"{holm}: moved to Screening"
    )
    refused_line = outcomes.locator(f'[data-application-id="{hiring.applications[0]}"]')
    expect(refused_line).to_contain_text(f"{lena}: not moved: ")
    expect(refused_line).to_contain_text("allowed: offer, rejected")
    expect(page.locator("#messages")).to_have_text("1 of 2 moved to Screening.")
    expect(_column(page, "Screening")).to_contain_text(holm)
    assert [_status(http, hiring, a) for a in hiring.applications] == ["interview", "rejected", "screening"]
    assert page.locator("#bulk-count").inner_text() == "No card selected."
    shot(page, "recruiter-pipeline")

    # A bulk rejection asks for the one reason all of them get.
    page.get_by_label(f"Select {holm}").check()
    page.get_by_label("Move selected to").select_option("rejected")
    page.get_by_role("button", name="Move selected").click()
    dialog = page.get_by_role("dialog", name="Reject 1 applicant")
    dialog.get_by_label("Reason").fill("We hired for this role from an earlier round.")
    dialog.get_by_role("button", name="Reject").click()
    expect(outcomes.locator(f'[data-application-id="{hiring.applications[2]}"]')).to_have_text(
        f"{holm}: moved to Rejected"
    )
    expect(_column(page, "Rejected")).to_contain_text(holm)
    holm_now = _ok(http.get(f"/api/applications/{hiring.applications[2]}", headers=hiring.recruiter))
    assert holm_now["feedback"]["reason"] == "We hired for this role from an earlier round."


def test_at_phone_width_the_job_stacks_its_analysis_and_the_board_its_columns(console: Console, hiring: Hiring) -> None:
    page = console.page
    page.set_viewport_size({"width": 375, "height": 740})
    console.sign_in(RECRUITER)
    console.goto(f"/recruiter/jobs/{hiring.job_id}")
    analysis = page.get_by_role("region", name="Analysis")
    expect(analysis.locator(".required-skills li").first).to_be_visible()
    posting = page.get_by_role("region", name="Posting", exact=True).bounding_box()
    assert analysis.bounding_box()["y"] > posting["y"] + posting["height"] - 1, "the analysis follows the text"
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, "recruiter-job-phone")

    console.goto(f"/recruiter/jobs/{hiring.job_id}/funnel")
    page.get_by_role("table", name="Per stage").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    console.goto(f"/recruiter/jobs/{hiring.job_id}/pipeline")
    expect(_column(page, "Applied")).to_contain_text("(3)")

    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    applied, screening = _column(page, "Applied").bounding_box(), _column(page, "Screening").bounding_box()
    assert screening["y"] > applied["y"] + applied["height"] - 1, "columns stack"
    shot(page, "recruiter-pipeline-phone")


def test_a_job_nobody_applied_to_says_so_and_points_to_its_matches(
    console: Console, demo: Any, http: httpx.Client, runtime: Any
) -> None:
    recruiter = login(http, RECRUITER)
    job_id = _ok(http.post("/api/jobs", headers=recruiter, json=POSTING), 202)["id"]
    runtime.drain()
    page = console.page
    console.sign_in(RECRUITER)

    for tab in ("applicants", "pipeline"):
        console.goto(f"/recruiter/jobs/{job_id}/{tab}")
        expect(page.locator("#content .empty")).to_contain_text("No one has applied yet.")
        page.locator("#content .empty").get_by_role("link", name="Find candidates among the matches").wait_for()
    console.goto(f"/recruiter/jobs/{job_id}/funnel")
    expect(page.locator("#content .empty")).to_contain_text("No applications yet")
    assert page.locator("#funnel-chart").count() == 0
    shot(page, "recruiter-funnel-empty")


# --- funnel, matches, jobs -----------------------------------------------------------------------------------


def test_the_funnel_shows_a_chart_and_the_same_figures_in_a_table(
    console: Console, hiring: Hiring, http: httpx.Client
) -> None:
    first, second, _ = hiring.applications
    for application, stage in ((first, "screening"), (first, "interview"), (second, "screening")):
        _ok(http.post(f"/api/applications/{application}/status", headers=hiring.recruiter, json={"status": stage}))
    page = console.page
    console.sign_in(RECRUITER)
    console.goto(f"/recruiter/jobs/{hiring.job_id}/funnel")

    table = page.get_by_role("table", name="Per stage")
    expect(table.locator('tr[data-stage="interview"] td').first).to_have_text("1")
    funnel = _ok(http.get(f"/api/jobs/{hiring.job_id}/funnel", headers=hiring.recruiter))
    for stage in funnel["stages"]:
        cells = table.locator(f'tr[data-stage="{stage["status"]}"] td').all_inner_texts()
        conversion = "–" if stage["conversion_to_next"] is None else f"{round(stage['conversion_to_next'] * 100)}%"
        assert cells[:3] == [str(stage["current"]), str(stage["reached"]), conversion], stage
    assert [s["reached"] for s in funnel["stages"][:3]] == [3, 2, 1]
    assert page.locator('.sources-table tr[data-source="applied"] td').inner_text() == "3"
    canvas = page.locator("#funnel-chart")
    expect(canvas).to_have_attribute("aria-label", re.compile("Applied 3 reached, Screening 2 reached"))
    page.wait_for_function("window.Chart && Chart.getChart(document.getElementById('funnel-chart')) !== undefined")
    drawn = page.evaluate("Chart.getChart(document.getElementById('funnel-chart')).data.datasets[0].data")
    assert drawn == [s["reached"] for s in funnel["stages"]]
    shot(page, "recruiter-funnel")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Funnel").click()
    expect(page.locator("#page-title")).to_have_text("Hiring funnel")
    tenant = _ok(http.get("/api/admin/funnel", headers=hiring.recruiter))
    expect(page.get_by_role("table", name="Per stage").locator('tr[data-stage="applied"] td').nth(1)).to_have_text(
        str(tenant["stages"][0]["reached"])
    )
    shot(page, "recruiter-funnel-all-jobs")


def test_a_matched_candidate_is_added_as_an_applicant(console: Console, hiring: Hiring, http: httpx.Client) -> None:
    page = console.page
    console.sign_in(RECRUITER)
    console.goto(f"/recruiter/jobs/{hiring.job_id}/matches")

    matches = _ok(http.get(f"/api/jobs/{hiring.job_id}/matches", headers=hiring.recruiter))
    rows = page.locator("table.matches tbody tr")
    expect(rows).to_have_count(len(matches))
    assert [r.get_attribute("data-resume-id") for r in rows.all()] == [m["resume_id"] for m in matches]
    row = page.locator(f'tr[data-resume-id="{hiring.resume_only}"]')
    assert sum("On the pipeline" in r.inner_text() for r in rows.all()) == 3
    person = next(m["candidate"] for m in matches if m["resume_id"] == hiring.resume_only)
    assert person["name"] and person["name"] in row.locator("th").inner_text(), "a person, not a file name"
    shot(page, "recruiter-matches")
    row.get_by_role("button", name=re.compile("Add .* as an applicant")).click()

    expect(row.get_by_role("link", name="Added: open the application")).to_be_visible()
    expect(page.locator("#messages")).to_contain_text("is now an applicant")
    added = [a for a in _applicants(http, hiring, hiring.recruiter) if a["source"] == "matched"]
    assert len(added) == 1 and added[0]["status"] == "applied"
    row.get_by_role("link", name="Added: open the application").click()
    expect(page.locator("#page-title")).to_contain_text("for Frontend Engineer")
    assert page.url.endswith(f"/recruiter/applications/{added[0]['application_id']}")


def test_jobs_are_searched_edited_and_closed(console: Console, hiring: Hiring, http: httpx.Client) -> None:
    page = console.page
    console.sign_in(RECRUITER)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Jobs").click()
    search = _form(console, "Search jobs")
    search.get_by_label("Keywords").fill("Brightlane")
    search.get_by_role("button", name="Search").click()
    results = page.locator("table.jobs tbody tr")
    expect(results).to_have_count(1)
    assert "Frontend Engineer" in results.first.inner_text()
    shown = _ok(http.get("/api/jobs", headers=hiring.recruiter, params={"q": "Brightlane"}))
    assert [j["id"] for j in shown] == [hiring.job_id]

    search = _form(console, "Search jobs")
    search.get_by_label("Keywords").fill("")
    search.get_by_label("Skills").fill("Cypress, Jest")
    search.get_by_role("button", name="Search").click()
    expect(page.locator("#job-results")).to_contain_text("Jobs 1–")
    by_skills = _ok(http.get("/api/jobs", headers=hiring.recruiter, params={"skills": "Cypress,Jest", "limit": 21}))
    # Waits for the new search's rows: "Jobs 1–" was already on the page from the keyword search before it (the
    # clean-clone CI read the table mid-render once: 0 rows).
    expect(page.locator("table.jobs tbody tr")).to_have_count(min(len(by_skills), 20))
    shot(page, "recruiter-jobs")

    # Edit: the form comes filled in; saving runs the analysis again.
    console.goto(f"/recruiter/jobs/{hiring.job_id}/edit")
    edit = _form(console, "Edit job")
    assert edit.get_by_label("Title").input_value() == "Frontend Engineer"
    assert edit.get_by_label("Salary").input_value() == POSTING["salary"]
    edit.get_by_label("Title").fill("Senior Frontend Engineer")
    edit.get_by_label("Employment type").select_option("full-time")
    shot(page, "recruiter-job-edit")
    edit.get_by_role("button", name="Save changes").click()
    expect(page.locator("#messages")).to_have_text("Saved; the analysis runs again.")
    expect(page.locator("#page-title")).to_have_text("Senior Frontend Engineer")
    assert _ok(http.get(f"/api/jobs/{hiring.job_id}", headers=hiring.recruiter))["title"] == "Senior Frontend Engineer"

    # Close, confirmed in a dialog.
    page.get_by_role("button", name="Close job").click()
    dialog = page.get_by_role("dialog", name="Close Senior Frontend Engineer")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Close job").click()
    expect(page.locator("#job-status")).to_have_text("closed")
    expect(page.get_by_role("button", name="Close job")).to_have_count(0)
    assert _ok(http.get(f"/api/jobs/{hiring.job_id}", headers=hiring.recruiter))["status"] == "closed"
