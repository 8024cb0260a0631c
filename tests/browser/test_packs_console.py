"""The candidate's application pack in Chromium against the live app (issue 14): from an application (and from a
match before applying) build the pack; the page shows the API's tailored lines with each line's source on keyboard
focus, the ATS coverage before and after per skill, the cover letter, and downloads the PDF and DOCX through the
API with the session's token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import expect

from tests.browser.conftest import Console, axe_audit, describe_violations, shot
from tests.e2e.test_hiring_journey import _ok
from tests.e2e.test_profile_api import OWNER, PASSWORD, Setup, setup  # noqa: F401 (the fixture)


def _check_pack(console: Console, pack: dict[str, Any]) -> None:
    page = console.page
    c = pack["coverage"]
    counts = page.locator(".pk-coverage-counts")
    expect(counts).to_contain_text(
        f"Required skills covered: {c['required_covered_before']} of {c['required']} before, "
        f"{c['required_covered_after']} of {c['required']} after."
    )
    expect(counts).to_contain_text(f"Near the top: {c['prominent_before']} before, {c['prominent_after']} after.")
    rows = page.locator("table.pk-coverage tbody tr")
    expect(rows).to_have_count(len(c["skills"]))
    for s in c["skills"]:
        cells = page.locator(f"table.pk-coverage tr[data-skill='{s['skill']}'] td")
        flags = [s["covered_before"], s["covered_after"], s["prominent_before"], s["prominent_after"]]
        expect(cells).to_have_text([s["kind"], *["Yes" if f else "No" for f in flags]])
    lines = page.locator(".pk-line")
    expect(lines).to_have_count(len(pack["lines"]))
    expect(page.locator(".pk-line .pk-text")).to_have_text([line["text"] for line in pack["lines"]])
    for paragraph in pack["cover_letter"]["paragraphs"]:
        expect(page.locator(".pk-letter")).to_contain_text(paragraph["text"])


def test_a_candidate_builds_the_pack_of_an_application_and_downloads_it(
    console: Console,
    http: httpx.Client,
    setup: Setup,  # noqa: F811
) -> None:
    s = setup
    application = _ok(
        http.post("/api/applications", headers=s.owner, json={"job_id": s.job_id, "resume_id": s.resume_id}), 201
    )
    page = console.page
    console.sign_in(OWNER, PASSWORD)
    console.goto(f"/candidate/applications/{application['id']}")
    page.get_by_role("link", name="Build a tailored resume and cover letter").click()
    expect(page.locator("#page-title")).to_have_text("Application pack")
    page.get_by_role("button", name="Build the pack").click()
    expect(page.locator(".pk-coverage-counts")).to_be_visible()

    pack_id = page.url.rsplit("pack=", 1)[1]
    pack = _ok(http.get(f"/api/packs/{pack_id}", headers=s.owner))
    assert pack["application_id"] == application["id"]
    _check_pack(console, pack)

    # A line's source: hidden until the line has the keyboard focus (or the pointer), then read as its description.
    bullet = next(i for i, line in enumerate(pack["lines"]) if line["source"].startswith("experience"))
    line = page.locator(".pk-line").nth(bullet)
    source = line.locator(".pk-source")
    expect(source).to_be_hidden()
    line.focus()
    expect(source).to_be_visible()
    expect(source).to_have_text(f"From your resume: {pack['lines'][bullet]['source']}" + (
        " (shortened)" if pack["lines"][bullet]["shortened"] else ""))  # fmt: skip
    expect(line).to_have_accessible_description(source.inner_text())
    shot(page, "candidate-pack")
    page.get_by_label("Show every line's source").check()
    expect(page.locator(".pk-source").first).to_be_visible()

    with page.expect_download() as pdf:
        page.get_by_role("button", name="Download PDF").click()
    assert pdf.value.suggested_filename == "resume.pdf"
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as docx:
        page.get_by_role("button", name="Download DOCX").click()
    assert docx.value.suggested_filename == "resume.docx"
    assert Path(docx.value.path()).read_bytes()[:2] == b"PK"  # a DOCX is a zip
    expect(page.locator("#messages")).to_contain_text("Downloaded resume.docx.")


def test_a_candidate_builds_a_pack_from_a_match_before_applying(
    console: Console,
    http: httpx.Client,
    setup: Setup,  # noqa: F811
) -> None:
    s = setup
    page = console.page
    console.sign_in(OWNER, PASSWORD)
    console.goto(f"/candidate/pack?resume={s.resume_id}&job={s.job_id}")
    page.get_by_role("button", name="Build the pack").click()
    expect(page.locator(".pk-coverage-counts")).to_be_visible()
    pack = _ok(http.get(f"/api/packs/{page.url.rsplit('pack=', 1)[1]}", headers=s.owner))
    assert (pack["application_id"], pack["resume_id"], pack["job_id"]) == (None, s.resume_id, s.job_id)
    _check_pack(console, pack)
    page.set_viewport_size({"width": 375, "height": 800})
    shot(page, "candidate-pack-phone")


def test_a_built_pack_passes_the_wcag_21_aa_audit_at_laptop_and_phone_width(
    audit_console: Console,
    http: httpx.Client,
    setup: Setup,  # noqa: F811
) -> None:
    """The accessibility test audits the pack page before building; this audits a built pack, sources shown."""
    pack = _ok(
        http.post("/api/packs", headers=setup.owner, json={"resume_id": setup.resume_id, "job_id": setup.job_id}), 201
    )
    page = audit_console.page
    audit_console.sign_in(OWNER, PASSWORD)
    audit_console.goto(f"/candidate/pack?pack={pack['id']}")
    expect(page.locator(".pk-line")).to_have_count(len(pack["lines"]))
    page.get_by_label("Show every line's source").check()
    found = describe_violations("pack at 1280 px", axe_audit(page))
    page.set_viewport_size({"width": 375, "height": 800})
    # The coverage table scrolls sideways at phone width: the shell's resize handler makes it keyboard-focusable.
    expect(page.locator(".table-wrap").filter(has=page.locator("table.pk-coverage"))).to_have_attribute("tabindex", "0")
    found += describe_violations("pack at 375 px", axe_audit(page))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert not found, "\n".join(found)
    assert overflow <= 0, f"the page is {overflow} px wider than a phone"
