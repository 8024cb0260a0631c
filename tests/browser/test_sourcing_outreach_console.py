"""Outreach in the recruiter's console against the live app (issue 14): on a run's prospect, draft outreach (the
rephrase toggle says whether the LLM's wording was kept, or refused and why), read the draft with the evidence each
sentence cites as the API answers it, move it drafted -> sent -> replied, convert with consent (refused without it,
under the checkbox), and opt a person out, which puts them on the suppression list the admin reads and extends in
the console; a person on the list cannot be drafted to (the error envelope shown). The LLM is an in-process double
(tests/support/rephrasing_llm.py) set on the live container; bots are simulated through the API."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from playwright.sync_api import Locator, expect

from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.browser.conftest import Console, axe_audit, describe_violations, shot
from tests.browser.test_sourcing_console import KEY_HEADER, PROFILES, _job
from tests.conftest import login
from tests.support.rephrasing_llm import RephrasingLlm

STATUS = {
    "drafted": "Drafted",
    "sent": "Sent",
    "replied": "Replied",
    "converted": "Converted",
    "opted_out": "Opted out",
}


def _run(http: httpx.Client, runtime: Any) -> tuple[dict[str, str], str, list[dict[str, Any]]]:
    """A run with the two prospects of the sourcing console's test, uploaded by a bot: (recruiter, run, prospects)."""
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    admin = login(http, DEMO_USERS[Role.ADMIN])
    bot = {KEY_HEADER: http.post("/api/admin/api-keys", headers=admin, json={"name": "sourcer"}).json()["key"]}
    run = http.post("/api/sourcing/runs", headers=recruiter, json={"job_id": _job(http, recruiter, runtime)}).json()
    task = http.get("/api/sourcing/tasks/next", headers=bot).json()
    uploaded = http.post(f"/api/sourcing/tasks/{task['id']}/profiles", headers=bot, json={"profiles": PROFILES})
    assert uploaded.json()["kept"] == 2, uploaded.text
    prospects = http.get(f"/api/sourcing/runs/{run['id']}/prospects", headers=recruiter).json()
    return recruiter, str(run["id"]), prospects


def _panel(console: Console, prospect: dict[str, Any]) -> Locator:
    """A prospect's outreach panel, opened (it loads on first opening)."""
    panel = console.page.locator(f"details.sourcing-outreach[data-prospect-id='{prospect['id']}']")
    panel.locator("summary").click()
    expect(panel.locator(".loading")).to_have_count(0)
    return panel


def _llm(container: Any, monkeypatch: pytest.MonkeyPatch, reply: str) -> None:
    """The configured LLM the outreach service asks when rephrase=true (the container's match rephraser)."""
    monkeypatch.setattr(container, "match_rephraser", SimpleNamespace(client=RephrasingLlm(reply), settings=None))


def _outreach(http: httpx.Client, recruiter: dict[str, str], prospect: dict[str, Any]) -> dict[str, Any]:
    answer = http.get(f"/api/sourcing/prospects/{prospect['id']}/outreach", headers=recruiter)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_a_recruiter_drafts_moves_and_converts_outreach_with_consent(
    console: Console, container: Any, demo: Any, http: httpx.Client, runtime: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    recruiter, run, prospects = _run(http, runtime)
    top = prospects[0]
    page = console.page
    console.sign_in(DEMO_USERS[Role.RECRUITER])
    console.goto(f"/recruiter/sourcing?run={run}")
    panel = _panel(console, top)
    expect(panel).to_contain_text("No outreach yet.")

    # The template's draft, no LLM asked: the page shows the API's subject, paragraphs and every citation.
    panel.get_by_role("button", name="Draft outreach").click()
    expect(panel.locator("[data-outreach-status]")).to_have_text("Drafted")
    drafted = _outreach(http, recruiter, top)
    expect(panel.locator(".outreach-subject")).to_have_text(drafted["subject"])
    expect(panel.locator(".outreach-body p")).to_have_text(drafted["body"].split("\n\n"))
    assert drafted["citations"], "the top prospect's draft cites evidence"
    for citation in drafted["citations"]:
        expect(panel.locator(".outreach-citations")).to_contain_text(citation["sentence"])
        for evidence in citation["evidence"]:
            expect(panel.locator(".outreach-citations")).to_contain_text(f"Evidence: {evidence}")
    expect(panel.locator(".outreach-rephrasing")).to_have_count(0)
    expect(panel.locator("summary")).to_have_text("Outreach: drafted")

    # Redraft asking the LLM: a grounded wording (the draft's own sentences, reordered) is kept and shown.
    grounded = " ".join(reversed([c["sentence"] for c in drafted["citations"]]))
    _llm(container, monkeypatch, grounded)
    panel.get_by_label("Also ask the LLM to reword the evidence").check()
    panel.get_by_role("button", name="Redraft").click()
    expect(panel.locator(".outreach-rephrasing")).to_contain_text("passed the grounding check")
    kept = _outreach(http, recruiter, top)["rephrased"]
    assert kept is not None and grounded in kept["body"]
    expect(panel.locator(".outreach-rephrased")).to_contain_text(grounded)
    shot(page, "recruiter-sourcing-outreach")

    # An ungrounded wording (a skill the draft does not hold) is refused: the page says so and why.
    _llm(container, monkeypatch, grounded + " You also know Rust.")
    panel.get_by_label("Also ask the LLM to reword the evidence").check()
    panel.get_by_role("button", name="Redraft").click()
    refused = panel.locator(".outreach-rephrasing.refused")
    expect(refused).to_contain_text("The LLM's wording was not used: rejected:")
    expect(refused).to_contain_text("Rust")
    expect(panel.locator(".outreach-rephrased")).to_have_count(0)
    assert _outreach(http, recruiter, top)["rephrased"] is None

    # drafted -> sent -> replied, each move offered only while the API allows it.
    expect(panel.locator("[data-move]")).to_have_count(2)
    panel.get_by_role("button", name="Mark as sent").click()
    expect(panel.locator("[data-outreach-status]")).to_have_text("Sent")
    expect(panel.get_by_role("button", name="Redraft")).to_have_count(0)
    panel.get_by_role("button", name="Mark as replied").click()
    expect(panel.locator("[data-outreach-status]")).to_have_text("Replied")
    replied = _outreach(http, recruiter, top)
    assert replied["status"] == "replied" and replied["allowed"] == ["converted", "opted_out"]
    expect(panel.locator(".outreach-history li")).to_have_count(len(replied["history"]))

    # Converting needs their consent: without it the API's 422 is shown under the checkbox, nothing changes.
    convert = panel.get_by_role("form", name=f"Convert {top['name']} with their consent")
    convert.get_by_label("Their email address").fill(DEMO_USERS[Role.CANDIDATE])
    convert.get_by_role("button", name="Convert to a candidate").click()
    consent_error = convert.locator("[data-field='consent'] .field-error")
    expect(consent_error).to_contain_text("consent")
    expect(console.page.locator("#messages")).to_contain_text("consent")
    assert _outreach(http, recruiter, top)["status"] == "replied"
    convert.get_by_label("They agreed to become a candidate").check()
    convert.get_by_role("button", name="Convert to a candidate").click()
    expect(panel.locator(".outreach-conversion")).to_have_attribute("data-conversion", "linked")
    expect(panel.locator(".outreach-conversion")).to_contain_text(DEMO_USERS[Role.CANDIDATE])
    expect(panel.locator("[data-outreach-status]")).to_have_text("Converted")
    assert _outreach(http, recruiter, top)["status"] == "converted"

    # Reloaded later: the list says where each outreach stands before any panel opens, and the panel shows the
    # conversion read back from the API.
    page.reload()
    reloaded = page.locator(f"details.sourcing-outreach[data-prospect-id='{top['id']}'] summary")
    expect(reloaded).to_have_text("Outreach: converted")
    expect(page.locator(f"details.sourcing-outreach[data-prospect-id='{prospects[1]['id']}'] summary")).to_have_text(
        "Outreach"
    )
    panel = _panel(console, top)
    expect(panel.locator(".outreach-conversion")).to_have_attribute("data-conversion", "linked")


def test_an_opt_out_suppresses_the_person_and_the_admin_reads_and_extends_the_list(
    console: Console, container: Any, demo: Any, http: httpx.Client, runtime: Any
) -> None:
    recruiter, run, prospects = _run(http, runtime)
    octo, dana = prospects[0], prospects[1]
    admin = login(http, DEMO_USERS[Role.ADMIN])
    page = console.page
    console.sign_in(DEMO_USERS[Role.RECRUITER])
    console.goto(f"/recruiter/sourcing?run={run}")

    # No LLM is configured here: asking for a rewording says so, the template's draft stands.
    panel = _panel(console, dana)
    panel.get_by_label("Also ask the LLM to reword the evidence").check()
    panel.get_by_role("button", name="Draft outreach").click()
    expect(panel.locator(".outreach-rephrasing.refused")).to_contain_text("no LLM is configured")
    panel.get_by_role("button", name="Mark opted out").click()
    expect(panel.locator("[data-outreach-status]")).to_have_text("Opted out")
    expect(panel.locator(".outreach-suppressed")).to_be_visible()
    expect(panel.locator("[data-move]")).to_have_count(0)
    assert _outreach(http, recruiter, dana)["status"] == "opted_out"
    page.reload()  # a suppressed person leaves the run's prospects, as the API lists them
    expect(page.locator(".sourcing-prospect")).to_have_count(1)
    assert [p["id"] for p in http.get(f"/api/sourcing/runs/{run}/prospects", headers=recruiter).json()] == [octo["id"]]
    listed = http.get("/api/admin/sourcing-suppressions", headers=admin).json()
    assert {s["kind"] for s in listed} == {"profile_url"}  # Dana's profile has a URL only

    # The admin puts Octo's GitHub login on the list; the recruiter's draft to Octo is then refused (409).
    octo_login = PROFILES[0]["github_login"]
    added = http.post(
        "/api/admin/sourcing-suppressions", headers=admin, json={"kind": "github_login", "value": octo_login}
    )
    assert added.status_code == 201, added.text
    panel = _panel(console, octo)
    panel.get_by_role("button", name="Draft outreach").click()
    refusal = http.post(f"/api/sourcing/prospects/{octo['id']}/outreach", headers=recruiter).json()["error"]
    expect(page.locator("#messages")).to_contain_text(f"{refusal['message']} ({refusal['code']})")
    expect(panel.locator(".outreach-error")).to_contain_text(refusal["message"])
    expect(panel).to_contain_text("No outreach yet.")

    # The admin's suppression list: the API's rows, newest first, and one added through the form.
    console.sign_in(DEMO_USERS[Role.ADMIN])
    expect(page.locator("#nav-links .who")).to_contain_text(DEMO_USERS[Role.ADMIN])  # the recruiter's session replaced
    page.locator("#nav-links").get_by_role("link", name="Suppression list").click()
    expect(page.locator("#page-title")).to_have_text("Sourcing suppression list")
    rows = page.locator("table#suppressions tbody tr")
    expect(rows).to_have_count(2)
    listed = http.get("/api/admin/sourcing-suppressions", headers=admin).json()
    expect(rows.locator("code")).to_have_text([s["digest"] for s in listed])
    expect(rows.last).to_contain_text("Opted out of outreach")  # Dana's profile URL, by the recruiter who marked it
    expect(rows.last).to_contain_text(DEMO_USERS[Role.RECRUITER])
    expect(rows.first).to_contain_text("GitHub login")
    add = page.get_by_role("form", name="Add to the suppression list")
    add.get_by_role("button", name="Add").click()  # an empty value: the API's 422 under the field
    expect(add.locator("[data-field='value'] .field-error")).not_to_be_empty()
    add.get_by_label("Kind").select_option("email")
    add.get_by_label("Value").fill("gone@example.org")
    add.get_by_role("button", name="Add").click()
    expect(page.locator("#messages")).to_contain_text("Email added")
    expect(rows).to_have_count(3)
    newest = http.get("/api/admin/sourcing-suppressions", headers=admin).json()[0]
    assert newest["kind"] == "email" and newest["reason"] == "admin"
    expect(rows.first.locator("code")).to_have_text(newest["digest"])
    expect(rows.first).to_contain_text("Added by an admin")
    add.get_by_label("Kind").select_option("email")
    add.get_by_label("Value").fill("GONE@example.org ")
    add.get_by_role("button", name="Add").click()
    expect(page.locator("#messages")).to_contain_text("Email was already on the list")
    expect(rows).to_have_count(3)
    shot(page, "admin-suppressions")


def test_the_outreach_panel_and_the_suppression_list_pass_the_wcag_21_aa_audit(
    audit_console: Console, demo: Any, http: httpx.Client, runtime: Any
) -> None:
    """The accessibility test audits the sourcing page without a run and the suppression list empty; this audits
    an open outreach panel with its draft, citations, convert form and a field error, and a filled list."""
    recruiter, run, prospects = _run(http, runtime)
    top, other = prospects[0], prospects[1]
    base = f"/api/sourcing/prospects/{top['id']}"
    assert http.post(f"{base}/outreach", headers=recruiter).status_code == 201
    for status in ("sent", "replied"):
        assert http.post(f"{base}/outreach/status", headers=recruiter, json={"status": status}).status_code == 200
    assert http.post(f"/api/sourcing/prospects/{other['id']}/outreach", headers=recruiter).status_code == 201
    page, found = audit_console.page, []
    audit_console.sign_in(DEMO_USERS[Role.RECRUITER])
    audit_console.goto(f"/recruiter/sourcing?run={run}")
    panel = _panel(audit_console, top)
    opted = _panel(audit_console, other)
    opted.get_by_role("button", name="Mark opted out").click()
    expect(opted.locator(".outreach-suppressed")).to_be_visible()
    convert = panel.get_by_role("form", name=f"Convert {top['name']} with their consent")
    convert.get_by_role("button", name="Convert to a candidate").click()  # no address: the API's 422 under it
    expect(convert.locator("[data-field='email'] .field-error")).not_to_be_empty()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        found += describe_violations(f"outreach panels at {width} px", axe_audit(page))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the sourcing page is {overflow} px wider than {width} px"
    audit_console.sign_in(DEMO_USERS[Role.ADMIN])
    expect(page.locator("#nav-links .who")).to_contain_text(DEMO_USERS[Role.ADMIN])
    audit_console.goto("/admin/suppressions")
    expect(page.locator("table#suppressions tbody tr")).to_have_count(1)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        found += describe_violations(f"suppression list at {width} px", axe_audit(page))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the suppression list is {overflow} px wider than {width} px"
    assert not found, "\n".join(found)
