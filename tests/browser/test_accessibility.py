"""An automated accessibility audit of every console page: axe-core (tests/browser/vendor, test-only) runs its
WCAG 2.1 A and AA rules on each page the registry holds (app.js's registeredRoutes()), for the role that page is
for, at a laptop's width and at a phone's 375 px, and a serious or critical violation fails the test with the
rule, the element and the rule's help.

Pages with an :id are opened with real ids: the setup makes the data through the API (two jobs posted and
analysed, the demo candidate's resume parsed and applied to both, one application rejected with a reason, a feed
import with a failed row)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Console, axe_audit, describe_violations
from tests.browser.test_admin import REMOTE_POSTING
from tests.conftest import login
from tests.e2e.test_hiring_journey import POSTING, _ok
from tests.pdfs import RESUME_TEXT, text_pdf

USERS = {"candidate": "candidate@example.com", "recruiter": "recruiter@example.com", "admin": "admin@example.com"}
LAPTOP = {"width": 1280, "height": 860}
PHONE = {"width": 375, "height": 740}


def _data(http: httpx.Client, runtime: Any) -> dict[str, str]:
    """The ids the :id pages need, made through the API; keyed by the registered path."""
    recruiter, admin = login(http, USERS["recruiter"]), login(http, USERS["admin"])
    candidate = login(http, USERS["candidate"])
    jobs = [_ok(http.post("/api/jobs", headers=recruiter, json=p), 202)["id"] for p in (POSTING, REMOTE_POSTING)]
    pdf = text_pdf(RESUME_TEXT)
    uploaded = http.post("/api/resumes", headers=candidate, files={"file": ("cv.pdf", pdf, "application/pdf")})
    resume_id = _ok(uploaded, 202)["id"]
    runtime.drain()
    assert _ok(http.get(f"/api/resumes/{resume_id}", headers=candidate))["status"] == "parsed"
    applied = [
        _ok(http.post("/api/applications", headers=candidate, json={"job_id": j, "resume_id": resume_id}), 201)["id"]
        for j in jobs
    ]
    reason = {"status": "rejected", "reason": "We need someone who has shipped test automation."}
    _ok(http.post(f"/api/applications/{applied[1]}/status", headers=recruiter, json=reason))
    runtime.drain()
    feed = b'{"id": "a11y-1", "title": "Data Engineer", "description": "Python and SQL"}\nnot json at all\n'
    imported = _ok(http.post("/api/admin/imports", headers=admin, content=feed), 201)
    return {
        "/candidate/resumes/:id": resume_id,
        "/candidate/applications/:id": applied[1],
        "/recruiter/applications/:id": applied[0],
        "/recruiter/jobs/:id": jobs[0],
        "/recruiter/jobs/:id/edit": jobs[0],
        "/recruiter/jobs/:id/applicants": jobs[0],
        "/recruiter/jobs/:id/pipeline": jobs[0],
        "/recruiter/jobs/:id/funnel": jobs[0],
        "/recruiter/jobs/:id/matches": jobs[0],
        "/admin/imports/:id": imported["batch_id"],
    }


def _routes(console: Console) -> list[dict[str, str]]:
    console.goto("/signin")
    script = "async () => (await import('./app.js')).registeredRoutes().map((r) => ({path: r.path, role: r.role}))"
    return list(console.page.evaluate(script))


def _concrete(path: str, ids: dict[str, str]) -> str:
    if ":" not in path:
        return path
    assert path in ids, f"{path} needs a real id: add it to _data() in tests/browser/test_accessibility.py"
    return "/".join(ids[path] if part.startswith(":") else part for part in path.split("/"))


def _open(console: Console, path: str) -> None:
    """Go to a page and wait until it has rendered: the previous page's content is gone, no loading state left."""
    page = console.page
    if page.url == f"{console.base_url}/#{path}":
        page.reload()  # the same address again: no hashchange, so load it anew
    elif page.url.startswith(console.base_url):
        page.evaluate("document.querySelectorAll('#content > *').forEach((e) => e.setAttribute('data-stale', ''))")
    console.goto(path)
    expect(page.locator("#content > [data-stale]")).to_have_count(0)
    expect(page.locator("#content .loading")).to_have_count(0)


def _audit(console: Console, paths: list[str], width: str) -> list[str]:
    page, found = console.page, []
    for path in paths:
        _open(console, path)
        found += describe_violations(f"{path} at {width}", axe_audit(page))
    return found


def _error_states(console: Console, ids: dict[str, str]) -> list[str]:
    """An error in the live region (a wrong password) and an error under its field (a weak password)."""
    page, found = console.page, []
    _open(console, "/signin")
    signin = page.get_by_role("form", name="Sign in")
    signin.get_by_label("Email").fill(USERS["candidate"])
    signin.get_by_label("Password").fill("not-the-password-1")
    signin.get_by_role("button", name="Sign in").click()
    expect(page.locator("#messages")).not_to_be_empty()
    found += describe_violations("/signin, wrong password", axe_audit(page))
    _open(console, "/register")
    register = page.get_by_role("form", name="Register")
    register.get_by_label("Organisation").fill("demo")
    register.get_by_label("Email").fill("weak@example.org")
    register.get_by_label("Password").fill("password1")
    register.get_by_role("button", name="Create account").click()
    expect(register.locator('[data-field="password"] .field-error')).not_to_be_empty()
    return found + describe_violations("/register, weak password", axe_audit(page))


def _reject_dialog(console: Console, ids: dict[str, str]) -> list[str]:
    """The pipeline's rejection dialog, its required reason left empty."""
    page = console.page
    _open(console, _concrete("/recruiter/jobs/:id/pipeline", ids))
    card = page.locator("#board").get_by_role("listitem").first  # the application that is still open
    card.get_by_label(re.compile(r"^Move .+ to$")).select_option("rejected")
    card.get_by_role("button", name=re.compile(r"^Move ")).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name="Reject").click()
    expect(dialog.locator('[data-field="reason"] .field-error')).not_to_be_empty()
    found = describe_violations("pipeline at 375 px, rejection dialog", axe_audit(page))
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    return found


STATES: dict[str, Callable[[Console, dict[str, str]], list[str]]] = {
    "public": _error_states,
    "recruiter": _reject_dialog,
}  # states a page reaches only by acting on it


@pytest.mark.parametrize("role", ["public", "candidate", "recruiter", "admin"])
def test_every_page_passes_the_wcag_21_aa_audit_at_laptop_and_phone_width(
    audit_console: Console, demo: Any, http: httpx.Client, runtime: Any, role: str
) -> None:
    console, page = audit_console, audit_console.page
    ids = _data(http, runtime) if role != "public" else {}
    routes = _routes(console)
    mine = [r["path"] for r in routes if r["role"] == role or (role != "public" and r["role"] == "any")]
    assert mine, f"no page registered for {role}"
    paths = [_concrete(p, ids) for p in mine]
    if role != "public":
        console.sign_in(USERS[role])
    found = _audit(console, paths, "1280 px")
    page.set_viewport_size(PHONE)
    found += _audit(console, paths, "375 px")
    page.get_by_role("button", name="Menu").click()  # the navigation as a phone shows it, open
    expect(page.locator("#nav-links")).to_be_visible()
    found += describe_violations(f"{paths[-1]} at 375 px, menu open", axe_audit(page))
    found += STATES[role](console, ids) if role in STATES else []
    print(f"{role}: {len(paths)} pages audited at 1280 and 375 px: {paths}")
    assert not found, f"{len(found)} serious or critical WCAG 2.1 A/AA violations:\n" + "\n".join(found)
