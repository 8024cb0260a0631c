"""The candidate's console in Chromium against the live app: register, drop a real PDF (rendered from Jake's resume
LaTeX template) on the upload box, watch its status move from pending to read while the local runtime drains the
queue, read the parsed skills with their evidence highlighted in the resume text, open a match's breakdown and
apply, and read a rejection's reason and feedback (the recruiter rejects through the API). Then: a file that is not
a PDF fails with its reason; corrections change the profile and the matches; the feed's gap chart and table; the
applications list; privacy choices, the export download and deleting the account."""

from __future__ import annotations

import base64
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import expect

from tests.browser.conftest import Console, shot
from tests.conftest import login
from tests.e2e.test_hiring_journey import POSTING, RESUME_PDF, _ok
from tests.pdfs import image_only_pdf

PASSWORD = "violet-harbour-lantern-42"
EMAIL = "lena.schmidt@example.de"


def _post_job(http: httpx.Client, runtime: Any) -> tuple[str, dict[str, str]]:
    recruiter = login(http, "recruiter@example.com")
    job_id = _ok(http.post("/api/jobs", headers=recruiter, json=POSTING), 202)["id"]
    runtime.drain()
    return str(job_id), recruiter


def _register(console: Console, email: str = EMAIL) -> None:
    console.goto("/register")
    form = console.page.get_by_role("form", name="Register")
    form.get_by_label("Organisation").fill("demo")
    form.get_by_label("Full name").fill("Lena Schmidt")
    form.get_by_label("Email").fill(email)
    form.get_by_label("Password").fill(PASSWORD)
    form.get_by_role("button", name="Create account").click()
    console.page.get_by_text(f"Signed in as {email} (candidate).").wait_for()


def _drop(page: Any, selector: str, path: Path, mime: str = "application/pdf") -> None:
    """Drop a real file on an element the way a browser does: a DataTransfer holding a File of the bytes."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    transfer = page.evaluate_handle(
        """([data, name, mime]) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: mime }));
            return transfer;
        }""",
        [data, path.name, mime],
    )
    page.dispatch_event(selector, "dragenter", {"dataTransfer": transfer})
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def _upload_in_browser(console: Console, runtime: Any) -> str:
    """Register, drop the PDF on the upload box, drain the queue; returns the resume id."""
    page = console.page
    _register(console)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Resume").click()
    page.get_by_role("form", name="Upload a resume").wait_for()
    with page.expect_response(lambda r: r.url.endswith("/api/resumes") and r.request.method == "POST") as answer:
        _drop(page, "[data-dropzone=resume]", RESUME_PDF)
    resume_id = str(answer.value.json()["id"])
    status = page.locator(".upload-status")
    expect(status).to_have_attribute("data-status", "pending")
    expect(status).to_contain_text("Waiting to be read")
    runtime.drain()  # parse, then match
    expect(status).to_have_attribute("data-status", "parsed")
    return resume_id


def test_a_candidate_uploads_sees_evidence_and_matches_applies_and_reads_the_rejection(
    console: Console, demo: Any, http: httpx.Client, runtime: Any
) -> None:
    job_id, recruiter = _post_job(http, runtime)
    page = console.page

    resume_id = _upload_in_browser(console, runtime)

    me = login(http, EMAIL, PASSWORD)
    resume = _ok(http.get(f"/api/resumes/{resume_id}", headers=me))
    status = page.locator(".upload-status")
    expect(status).to_contain_text(f"{len(resume['skills'])} skills found")
    listed = page.get_by_role("table", name="Your resumes").locator(f"[data-resume='{resume_id}']")
    expect(listed).to_contain_text("Read")
    expect(page.locator("#upload-progress")).to_have_js_property("value", 1)
    shot(page, "candidate-upload")

    # The parsed profile: each skill with its months and evidence, highlighted in the resume text.
    status.get_by_role("link", name="See your profile").click()
    expect(page.locator("#page-title")).to_have_text("Your profile")
    profile = _ok(http.get(f"/api/resumes/{resume_id}/profile", headers=me))["profile"]
    table = page.get_by_role("table", name="Skills")
    expect(table.locator("tbody tr")).to_have_count(len(profile["skills"]))
    react = next(s for s in profile["skills"] if s["name"] == "React")
    row = table.locator("tr[data-skill='React']")
    expect(row).to_contain_text(react["evidence"][0]["text"])
    text = _ok(http.get(f"/api/resumes/{resume_id}/text", headers=me))["text"]
    row.get_by_role("button", name="Show in resume (React)").first.click()
    current = page.locator("#resume-text mark.current")
    ev = react["evidence"][0]
    expect(current).to_have_text(text[ev["start"] : ev["end"]])
    expect(current).to_be_focused()
    marks = page.locator("#resume-text mark")
    assert marks.count() >= len([s for s in profile["skills"] if s["evidence"]])
    timeline = page.get_by_role("list", name="Experience")
    expect(timeline.locator("li")).to_have_count(len(profile["experience"]))
    expect(timeline.locator("li").first).to_contain_text(profile["experience"][0]["company"])
    for school in profile["education"]:
        expect(page.locator(".c-education")).to_contain_text(school["institution"])
    shot(page, "candidate-profile")

    # The matches: the job with its grade; opened, a bar per component, strengths, gaps and suggestions.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Matches").click()
    item = page.locator(f"details[data-job='{job_id}']")
    match = _ok(http.get(f"/api/resumes/{resume_id}/matches/{job_id}", headers=me))
    expect(item.locator("summary")).to_contain_text(match["grade"])
    item.locator("summary").click()
    bars = item.get_by_role("group", name="Score per component")
    expect(bars.locator(".score-row")).to_have_count(len(match["breakdown"]["components"]))
    required = match["breakdown"]["components"]["required_skills"]
    expect(bars.locator(".score-row", has_text="Required skills")).to_contain_text(f"{round(required['score'])} / 100")
    for strength in match["explanation"]["strengths"]:
        expect(item.locator(".c-strengths")).to_contain_text(strength["text"])
    for gap in match["explanation"]["gaps"]:
        expect(item.locator(".c-gaps")).to_contain_text(gap["text"])
    assert match["explanation"]["suggestions"], "the job asks for skills the resume lacks"
    expect(item.locator(".c-suggestions li")).to_have_count(len(match["explanation"]["suggestions"]))
    shot(page, "candidate-matches")

    item.get_by_role("button", name="Apply to Frontend Engineer").click()
    item.get_by_text("You applied.").wait_for()
    applications = _ok(http.get("/api/applications", headers=me))
    assert [(a["job_id"], a["status"]) for a in applications] == [(job_id, "applied")]
    application_id = applications[0]["id"]

    # The recruiter rejects with a reason; the candidate reads it, the gaps and what would close them.
    reason = "We need someone who has shipped test automation for a web app."
    _ok(http.post(f"/api/applications/{application_id}/status", headers=recruiter,
                  json={"status": "rejected", "reason": reason}))  # fmt: skip
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Applications").click()
    listed = page.get_by_role("table", name="Your applications").locator(f"[data-application='{application_id}']")
    expect(listed).to_contain_text("Not selected")
    shot(page, "candidate-applications")
    listed.get_by_role("link", name="Frontend Engineer").click()
    feedback = page.locator(".feedback")
    expect(feedback).to_contain_text(reason)
    detail = _ok(http.get(f"/api/applications/{application_id}", headers=me))
    assert detail["feedback"]["gaps"], "the snapshot has gaps to explain"
    for gap in detail["feedback"]["gaps"]:
        expect(feedback).to_contain_text(gap["text"])
        expect(feedback).to_contain_text(gap["to_close"])
    history = page.locator(".c-history li")
    expect(history).to_have_count(2)
    expect(history.nth(1)).to_contain_text("Not selected")
    expect(history.nth(1)).to_contain_text(reason)
    shot(page, "candidate-application-feedback")


def test_a_file_that_is_not_a_pdf_fails_with_its_reason(
    console: Console, demo: Any, tmp_path: Path, http: httpx.Client
) -> None:
    page = console.page
    _register(console, "not-a-pdf@example.org")
    console.goto("/candidate/resume")
    fake = tmp_path / "resume.pdf"
    fake.write_bytes(b"this is a plain note, not a PDF at all\n" * 20)
    page.get_by_label("Resume file").set_input_files(str(fake))
    page.get_by_role("form", name="Upload a resume").get_by_role("button", name="Upload").click()

    alert = page.locator("#messages [role=alert]")
    alert.wait_for()
    me = login(http, "not-a-pdf@example.org", PASSWORD)
    [stored] = _ok(http.get("/api/resumes", headers=me))
    assert stored["status"] == "failed" and stored["error_code"]
    expect(alert).to_contain_text(stored["error_code"])
    row = page.get_by_role("table", name="Your resumes").locator(f"[data-resume='{stored['id']}']")
    expect(row).to_contain_text("Could not be read")
    expect(row).to_contain_text(stored["status_reason"])
    shot(page, "candidate-upload-failed")


def test_a_scan_without_text_ends_in_review_with_its_reason_while_the_page_polls(
    console: Console, demo: Any, tmp_path: Path, http: httpx.Client, runtime: Any
) -> None:
    page = console.page
    _register(console, "scan@example.org")
    console.goto("/candidate/resume")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_only_pdf())
    page.get_by_label("Resume file").set_input_files(str(scan))
    page.get_by_role("form", name="Upload a resume").get_by_role("button", name="Upload").click()
    status = page.locator(".upload-status")
    expect(status).to_have_attribute("data-status", "pending")

    runtime.drain()

    expect(status).to_have_attribute("data-status", "needs_review")
    [stored] = _ok(http.get("/api/resumes", headers=login(http, "scan@example.org", PASSWORD)))
    assert (stored["status"], stored["error_code"]) == ("needs_review", "no_text_layer")
    expect(status).to_contain_text(f"Read, needs a review: {stored['status_reason']} (no_text_layer)")
    expect(status).to_contain_text("Try another file")
    expect(status.get_by_role("link", name="See your profile")).to_have_count(0)
    shot(page, "candidate-upload-review")


def test_the_upload_box_works_from_the_keyboard_at_phone_width(console: Console, demo: Any, runtime: Any) -> None:
    page = console.page
    page.set_viewport_size({"width": 375, "height": 740})
    _register(console, "phone@example.org")
    console.goto("/candidate/resume")
    file_input = page.get_by_label("Resume file")
    file_input.focus()
    expect(file_input).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Upload")).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, "candidate-upload-phone")


def _api_candidate(http: httpx.Client, runtime: Any, email: str) -> tuple[dict[str, str], str]:
    """A candidate registered and with the PDF uploaded and read through the API; (headers, resume id)."""
    body = {"tenant": "demo", "email": email, "password": PASSWORD, "full_name": "Lena Schmidt"}
    _ok(http.post("/api/auth/register", json=body), 201)
    headers = login(http, email, PASSWORD)
    files = {"file": ("cv.pdf", RESUME_PDF.read_bytes(), "application/pdf")}
    resume_id = str(_ok(http.post("/api/resumes", headers=headers, files=files), 202)["id"])
    runtime.drain()
    return headers, resume_id


TITLE, COMPANY = "Werkstudentin Frontend-Entwicklung", "N26 Bank GmbH"  # a correction of the second entry


def test_corrections_change_the_profile_and_then_the_matches(
    console: Console, demo: Any, http: httpx.Client, runtime: Any
) -> None:
    job_id, _ = _post_job(http, runtime)
    me, resume_id = _api_candidate(http, runtime, EMAIL)
    before = _ok(http.get(f"/api/resumes/{resume_id}/matches/{job_id}", headers=me))
    assert before["missing_skills"], "the parse misses skills the job asks for"
    parsed = _ok(http.get(f"/api/resumes/{resume_id}/profile", headers=me))["profile"]
    wrong = parsed["skills"][1]["name"]
    console.sign_in(EMAIL, PASSWORD)
    page = console.page
    console.goto(f"/candidate/resumes/{resume_id}")
    page.get_by_role("button", name="Correct what we got wrong").click()
    expect(page.locator("#corrections-heading")).to_be_focused()
    assert console.heading() == "Your profile"
    form = page.get_by_role("form", name="Correct your profile")

    # A bad email is refused next to its field; nothing is stored.
    form.get_by_label("Email", exact=True).fill("not an email")
    form.get_by_role("button", name="Save corrections").click()
    error = form.locator('[data-field="email"] .field-error')
    expect(error).to_be_visible()
    expect(form.get_by_label("Email", exact=True)).to_have_attribute("aria-invalid", "true")
    assert _ok(http.get(f"/api/resumes/{resume_id}/corrections", headers=me))["updated_at"] is None

    form.get_by_label("Email", exact=True).fill(parsed["email"])
    # A start after the end is refused under that job's start.
    job = form.locator("fieldset[data-entry='1']")
    job.get_by_label("Start").fill("2024-01")
    form.get_by_role("button", name="Save corrections").click()
    expect(job.locator('[data-field="exp-1-start"] .field-error')).to_contain_text("end is before start")
    expect(job.get_by_label("Start")).to_have_attribute("aria-invalid", "true")
    job.get_by_label("Start").fill(parsed["experience"][1]["start"])
    form.get_by_label("Skills to add").fill(", ".join(s.lower() for s in before["missing_skills"]))
    form.get_by_role("checkbox", name=wrong, exact=True).check()
    # The parser reads this entry right now ("Werkstudentin Webentwicklung", N26): the candidate refines it.
    assert (parsed["experience"][1]["title"], parsed["experience"][1]["company"]) != (TITLE, COMPANY)
    job.get_by_label("Title").fill(TITLE)
    job.get_by_label("Company").fill(COMPANY)
    form.get_by_role("button", name="Save corrections").click()

    expect(page.locator("#messages")).to_contain_text("Saved your corrections")
    stored = _ok(http.get(f"/api/resumes/{resume_id}/corrections", headers=me))
    assert stored["corrections"]["skills_added"] == before["missing_skills"]
    assert stored["corrections"]["skills_removed"] == [wrong] and stored["corrections"]["email"] is None
    assert stored["corrections"]["experience"] == [
        {"index": 1, "title": TITLE, "company": COMPANY, "start": None, "end": None, "current": None}]  # fmt: skip
    skills = page.get_by_role("table", name="Skills")
    for name in before["missing_skills"]:
        expect(skills.locator(f"tr[data-skill='{name}']")).to_contain_text("added by you")
    expect(skills.locator(f"tr[data-skill='{wrong}']")).to_have_count(0)
    expect(page.get_by_role("list", name="Experience").locator("li").nth(1)).to_contain_text(f"{TITLE} at {COMPANY}")
    shot(page, "candidate-corrections")

    runtime.drain()  # the re-match the correction queued
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Matches").click()
    item = page.locator(f"details[data-job='{job_id}']")
    item.locator("summary").click()
    after = _ok(http.get(f"/api/resumes/{resume_id}/matches/{job_id}", headers=me))
    assert after["missing_skills"] == [] and after["score"] > before["score"]
    expect(item.locator("summary")).to_contain_text(f"{round(after['score'])} / 100")
    expect(item).to_contain_text("No gaps: you meet what the job asks.")


def test_the_feed_shows_the_gap_chart_with_a_table_of_the_same_numbers(
    console: Console, demo: Any, http: httpx.Client, runtime: Any
) -> None:
    me, _ = _api_candidate(http, runtime, EMAIL)
    console.sign_in(EMAIL, PASSWORD)
    page = console.page

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Feed").click()
    expect(page.locator("#content")).to_contain_text("Tell us the roles you want first.")
    page.get_by_role("link", name="Set your desired roles").click()
    roles = page.get_by_role("form", name="Desired roles")
    roles.get_by_label("Desired roles").fill("Software Engineer, Data Scientist")
    roles.get_by_role("button", name="Save roles").click()
    page.get_by_text("Saved 2 roles.").wait_for()
    shot(page, "candidate-home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Feed").click()

    feed = _ok(http.get("/api/me/feed", headers=me))
    assert feed["missing_skills"], "the roles' jobs ask for skills the resume lacks"
    table = page.get_by_role("table", name="Most-requested skills you lack")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(len(feed["missing_skills"]))
    for n, gap in enumerate(feed["missing_skills"][:5]):
        expect(rows.nth(n)).to_have_text(re.compile(rf"^{re.escape(gap['skill'])}\s*{gap['jobs']}$"))
    page.wait_for_function("() => window.Chart && window.Chart.getChart(document.getElementById('gap-chart'))")
    drawn = page.evaluate(
        "() => { const c = window.Chart.getChart(document.getElementById('gap-chart'));"
        " return {labels: c.data.labels, data: c.data.datasets[0].data}; }"
    )
    assert drawn == {"labels": [g["skill"] for g in feed["missing_skills"]],
                     "data": [g["jobs"] for g in feed["missing_skills"]]}  # fmt: skip
    jobs = page.locator(".feed-jobs li")
    expect(jobs).to_have_count(len(feed["jobs"]))
    expect(jobs.first).to_contain_text(feed["jobs"][0]["title"])
    shot(page, "candidate-feed")

    prefs = page.get_by_role("form", name="Search preferences")
    prefs.get_by_label("Blocked companies").fill("Microsoft")
    prefs.get_by_role("button", name="Save preferences").click()
    page.get_by_text("Saved your search preferences.").wait_for()
    assert _ok(http.get("/api/me/search-preferences", headers=me))["blocked_companies"] == ["Microsoft"]


def test_privacy_choices_export_and_deleting_the_account(console: Console, demo: Any, http: httpx.Client) -> None:
    email = "leaving@example.org"
    _ok(http.post("/api/auth/register", json={"tenant": "demo", "email": email, "password": PASSWORD}), 201)
    me = login(http, email, PASSWORD)
    console.sign_in(email, PASSWORD)
    page = console.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Privacy").click()

    choices = page.get_by_role("form", name="Privacy choices")
    expect(choices.get_by_label("Let an AI model read my data")).to_be_checked()
    choices.get_by_label("Let an AI model read my data").uncheck()
    choices.get_by_role("button", name="Save choices").click()
    page.get_by_text("Saved your choices.").wait_for()
    assert _ok(http.get("/api/me/privacy", headers=me))["ai_processing"] is False

    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data").click()
    assert re.fullmatch(r"hiring-export-\d{8}\.zip", download.value.suggested_filename)
    with zipfile.ZipFile(download.value.path()) as archive:
        account = json.loads(archive.read("account.json"))
        privacy = json.loads(archive.read("privacy.json"))
    assert account["email"] == email and privacy["ai_processing"] is False
    shot(page, "candidate-privacy")

    delete = page.get_by_role("form", name="Delete your account")
    delete.get_by_label("Type DELETE to confirm").fill("delete")
    delete.get_by_role("button", name="Delete my account").click()
    expect(delete.locator('[data-field="confirm"] .field-error')).to_contain_text("Type DELETE in capitals")
    assert http.get("/api/me", headers=me).status_code == 200, "nothing was deleted"

    delete.get_by_label("Type DELETE to confirm").fill("DELETE")
    delete.get_by_role("button", name="Delete my account").click()
    page.get_by_role("form", name="Sign in").wait_for()
    gone = http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
    assert gone.status_code == 401


def test_the_profile_matches_and_feed_fit_a_phone(
    console: Console, demo: Any, http: httpx.Client, runtime: Any
) -> None:
    job_id, _ = _post_job(http, runtime)
    me, resume_id = _api_candidate(http, runtime, EMAIL)
    _ok(http.put("/api/me/roles", headers=me, json={"titles": ["Frontend Engineer", "Software Engineer"]}))
    page = console.page
    page.set_viewport_size({"width": 375, "height": 740})
    console.sign_in(EMAIL, PASSWORD)

    console.goto(f"/candidate/resumes/{resume_id}")
    page.get_by_role("table", name="Skills").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, "candidate-profile-phone")
    console.goto("/candidate/matches")
    item = page.locator(f"details[data-job='{job_id}']")
    item.locator("summary").click()
    item.get_by_role("group", name="Score per component").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    shot(page, "candidate-matches-phone")
    console.goto("/candidate/feed")
    page.get_by_role("table", name="Most-requested skills you lack").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
