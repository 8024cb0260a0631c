"""A candidate's application packs in Chromium against the live app (issue 14): the Packs page lists their packs as
GET /api/packs answers them (newest first, the job, what each was built for, the coverage counts) and opens one; an
application's page shows its newest pack and opens it, or offers to build one while it has none. The recruiter reads
the pack from the application's page, worded for them, and downloads it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import expect

from tests.browser.conftest import Console, axe_audit, describe_violations, shot
from tests.browser.test_packs_console import _check_pack
from tests.e2e.test_hiring_journey import _ok
from tests.e2e.test_profile_api import OWNER, PASSWORD, Setup, setup  # noqa: F401 (the fixture)


def _packs(http: httpx.Client, s: Setup) -> tuple[str, list[dict[str, Any]]]:
    """A pack built before applying, then the application and its pack: (application id, the list, newest first)."""
    _ok(http.post("/api/packs", headers=s.owner, json={"resume_id": s.resume_id, "job_id": s.job_id}), 201)
    applied = _ok(
        http.post("/api/applications", headers=s.owner, json={"job_id": s.job_id, "resume_id": s.resume_id}), 201
    )
    _ok(http.post(f"/api/applications/{applied['id']}/pack", headers=s.owner), 201)
    listed = _ok(http.get("/api/packs", headers=s.owner))
    assert len(listed) == 2 and listed[0]["application_id"] == applied["id"] and listed[1]["application_id"] is None
    return str(applied["id"]), listed


def test_a_candidate_lists_their_packs_and_opens_one_from_the_list_and_from_the_application(
    console: Console,
    http: httpx.Client,
    setup: Setup,  # noqa: F811
) -> None:
    s, page = setup, console.page
    console.sign_in(OWNER, PASSWORD)
    page.locator("#nav-links").get_by_role("link", name="Packs").click()
    expect(page.locator("#page-title")).to_have_text("Your application packs")
    expect(page.locator(".empty")).to_contain_text("You have not built a pack yet")

    application, listed = _packs(http, s)
    page.reload()
    rows = page.locator("table.pk-list tbody tr")
    expect(rows).to_have_count(len(listed))
    for row, p in zip(rows.all(), listed, strict=True):
        expect(row).to_have_attribute("data-pack", p["id"])
        expect(row.locator("th")).to_contain_text(p["job_title"])
        expect(row.locator("td").nth(0)).to_have_text("Your application" if p["application_id"] else "Before applying")
        expect(row.locator("td").nth(1)).to_have_text(f"{p['required_covered_after']} of {p['required']}")
        expect(row.locator("td").nth(2)).to_have_text(str(p["lines"]))
    shot(page, "candidate-packs")

    # The older pack (before applying) opens on the pack page with its own lines.
    rows.nth(1).get_by_role("link", name=listed[1]["job_title"]).click()
    expect(page.locator("#page-title")).to_have_text(f"Application pack: {listed[1]['job_title']}")
    older = _ok(http.get(f"/api/packs/{listed[1]['id']}", headers=s.owner))
    expect(page.locator(".pk-line .pk-text")).to_have_text([line["text"] for line in older["lines"]])
    page.get_by_role("link", name="All your packs").click()
    expect(page.locator("#page-title")).to_have_text("Your application packs")

    # The application's page shows its pack (the newest one for it) and opens it.
    rows.first.get_by_role("link", name="Your application").click()
    expect(page.locator("#page-title")).to_have_text("Your application")
    section = page.get_by_role("region", name="Your application pack")
    expect(section).to_contain_text(f"{listed[0]['required_covered_after']} of {listed[0]['required']} required")
    expect(page.get_by_role("link", name="Build a tailored resume and cover letter")).to_have_count(0)
    section.get_by_role("link", name="Open the pack").click()
    assert page.url.endswith(f"pack={listed[0]['id']}")
    newest = _ok(http.get(f"/api/packs/{listed[0]['id']}", headers=s.owner))
    expect(page.locator(".pk-line")).to_have_count(len(newest["lines"]))
    page.go_back()
    page.get_by_role("region", name="Your application pack").get_by_role("link", name="Build it again").click()
    assert page.url.endswith(f"application={application}")
    expect(page.get_by_role("button", name="Build the pack")).to_be_visible()


def test_an_application_without_a_pack_offers_to_build_one(
    console: Console,
    http: httpx.Client,
    setup: Setup,  # noqa: F811
) -> None:
    s, page = setup, console.page
    applied = _ok(
        http.post("/api/applications", headers=s.owner, json={"job_id": s.job_id, "resume_id": s.resume_id}), 201
    )
    console.sign_in(OWNER, PASSWORD)
    console.goto(f"/candidate/applications/{applied['id']}")
    expect(page.get_by_role("link", name="Build a tailored resume and cover letter")).to_be_visible()
    expect(page.get_by_role("region", name="Your application pack")).to_have_count(0)
    assert _ok(http.get("/api/packs", headers=s.owner, params={"application_id": applied["id"]})) == []


def test_the_recruiter_reads_the_candidates_pack_from_the_application(
    console: Console,
    http: httpx.Client,
    setup: Setup,  # noqa: F811
) -> None:
    s, page = setup, console.page
    application, listed = _packs(http, s)
    pack = _ok(http.get(f"/api/packs/{listed[0]['id']}", headers=s.recruiter))
    console.sign_in("recruiter@example.com")
    console.goto(f"/recruiter/applications/{application}")
    note = page.locator(".application-pack")
    expect(note).to_contain_text(f"({listed[0]['required_covered_after']} of {listed[0]['required']} required skills")
    note.get_by_role("link", name="Read the application pack").click()
    expect(page.locator("#page-title")).to_have_text(f"Application pack: {listed[0]['job_title']}")
    _check_pack(console, pack)
    expect(page.get_by_role("heading", name="The tailored resume")).to_be_visible()
    line = page.locator(".pk-line").first
    line.focus()
    expect(line.locator(".pk-source")).to_have_text(f"From the resume: {pack['lines'][0]['source']}" + (
        " (shortened)" if pack["lines"][0]["shortened"] else ""))  # fmt: skip
    with page.expect_download() as pdf:
        page.get_by_role("button", name="Download PDF").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    page.get_by_role("link", name="The application").click()
    expect(page.locator(".application-pack")).to_be_visible()


def test_the_pack_list_and_an_application_with_its_pack_pass_the_wcag_21_aa_audit(
    audit_console: Console,
    http: httpx.Client,
    setup: Setup,  # noqa: F811
) -> None:
    """The accessibility test audits the pack list empty, applications without packs and the recruiter's pack page
    without a pack; this audits them filled."""
    application, listed = _packs(http, setup)
    page, found = audit_console.page, []
    audit_console.sign_in(OWNER, PASSWORD)
    for path, ready in (
        ("/candidate/packs", "table.pk-list tbody tr"),
        (f"/candidate/applications/{application}", ".pk-of-application"),
    ):
        audit_console.goto(path)
        expect(page.locator(ready).first).to_be_visible()
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 800})
            found += describe_violations(f"{path} at {width} px", axe_audit(page))
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{path} is {overflow} px wider than {width} px"
        page.set_viewport_size({"width": 1280, "height": 860})
    audit_console.sign_in("recruiter@example.com")
    expect(page.locator("#nav-links .who")).to_contain_text("recruiter@example.com")
    audit_console.goto(f"/recruiter/pack?pack={listed[0]['id']}")
    expect(page.locator(".pk-line").first).to_be_visible()
    page.get_by_label("Show every line's source").check()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        found += describe_violations(f"/recruiter/pack at {width} px", axe_audit(page))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"/recruiter/pack is {overflow} px wider than {width} px"
    assert not found, "\n".join(found)
