"""The recruiter's sourcing page in Chromium against the live app (issue 14): from a job's page start a run for two
places, read its keywords and boolean strings, watch a bot (simulated through the API with a scraper key) take a
task and upload profiles, and see the prospects ranked with the API's tiers, scores and each factor's evidence;
filter by tier and lowest score; enrich them from a local GitHub server."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.browser.conftest import Console, axe_audit, describe_violations, shot
from tests.conftest import login
from tests.integration.test_sourcing_github import FakeGitHub

POSTING = (
    "We build data platforms for logistics companies.\nRequirements:\n• Python\n• Kubernetes\n• PostgreSQL\n"
    "5+ years of experience as a backend or platform engineer.\nNice to have: Terraform."
)
KEY_HEADER = "X-Scraper-API-Key"
PROFILES = [
    {
        "name": "Octo Cat",
        "headline": "Senior Platform Engineer",
        "location": "Lisbon",
        "profile_url": "https://example.org/p/octo",
        "github_login": "octo",
        "source": "bot",
        "skills": ["Python", "Kubernetes", "PostgreSQL", "Terraform"],
        "experience": [
            {
                "title": "Senior Platform Engineer",
                "company": "Freightly",
                "industry": "Logistics",
                "start": "2019-01",
                "current": True,
                "description": "Python services on Kubernetes, PostgreSQL",
            },
            {
                "title": "Backend Engineer",
                "company": "Shipco",
                "industry": "Logistics",
                "start": "2015-03",
                "end": "2018-12",
            },
        ],  # fmt: skip
        "education": [
            {"institution": "Universidade de Lisboa", "degree": "MSc", "field": "Computer Science", "end": "2015"}
        ],  # fmt: skip
    },
    {
        "name": "Dana Junior",
        "headline": "Graduate developer",
        "location": "Porto",
        "profile_url": "https://example.org/p/dana",
        "source": "bot",
        "skills": ["Java"],
        "experience": [{"title": "Intern", "company": "Bakery", "industry": "Food", "start": "2024-06"}],
    },
]


@pytest.fixture
def github(container: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGitHub]:
    server = FakeGitHub()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(container.settings, "github_api_url", f"http://127.0.0.1:{server.server_address[1]}")
    yield server
    server.shutdown()
    server.server_close()


def _job(http: httpx.Client, recruiter: dict[str, str], runtime: Any) -> str:
    created = http.post(
        "/api/jobs",
        headers=recruiter,
        json={"title": "Platform Engineer", "description": POSTING, "location": "Remote"},
    )
    assert created.status_code == 202, created.text
    runtime.drain()
    return str(created.json()["id"])


def _prospect_headings(console: Console) -> list[str]:
    return [t.strip() for t in console.page.locator(".sourcing-prospect h3").all_inner_texts()]


def test_a_recruiter_sources_a_job_and_reads_the_ranked_prospects(
    console: Console, demo: Any, http: httpx.Client, runtime: Any, github: FakeGitHub
) -> None:
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    admin = login(http, DEMO_USERS[Role.ADMIN])
    bot = {KEY_HEADER: http.post("/api/admin/api-keys", headers=admin, json={"name": "sourcer"}).json()["key"]}
    job = _job(http, recruiter, runtime)
    page = console.page

    console.sign_in(DEMO_USERS[Role.RECRUITER])
    console.goto(f"/recruiter/jobs/{job}")
    page.get_by_role("link", name="Source candidates").click()
    start = page.get_by_role("form", name="Start a sourcing run")
    expect(start.get_by_label("Job")).to_have_value(job)
    start.get_by_label("Locations").fill("Lisbon, Porto")
    start.get_by_role("button", name="Start sourcing").click()
    expect(page.locator("#page-title")).to_have_text("Sourcing: Platform Engineer")

    [run] = http.get("/api/sourcing/runs", headers=recruiter, params={"job_id": job}).json()
    assert run["locations"] == ["Lisbon", "Porto"]
    assert re.search(rf"run={run['id']}$", page.url)
    expect(page.locator(".sourcing-copy code").first).to_have_text(run["boolean_strings"]["strict"])
    expect(page.locator(".sourcing-copy code").nth(1)).to_have_text(run["boolean_strings"]["broad"])
    for skill in run["keywords"]["skills"]:
        expect(page.locator(".sourcing-keywords")).to_contain_text(skill["skill"])
    states = page.locator("table.sourcing-tasks tbody td[data-state]")
    expect(states).to_have_text(["Waiting for a bot", "Waiting for a bot"])
    expect(page.locator(".sourcing-prospects")).to_have_count(0)
    expect(page.get_by_text("No prospect yet")).to_be_visible()

    # A bot takes the first task, uploads two people and completes it; the second task stays waiting.
    task = http.get("/api/sourcing/tasks/next", headers=bot).json()
    uploaded = http.post(f"/api/sourcing/tasks/{task['id']}/profiles", headers=bot, json={"profiles": PROFILES})
    assert uploaded.json()["kept"] == 2, uploaded.text
    assert http.post(f"/api/sourcing/tasks/{task['id']}/complete", headers=bot).status_code == 200
    page.reload()
    row = page.locator(f"tr[data-task-id='{task['id']}']")
    expect(row.locator("td[data-state]")).to_have_text("Done")
    expect(row.locator("td").nth(2)).to_have_text("2")

    prospects = http.get(f"/api/sourcing/runs/{run['id']}/prospects", headers=recruiter).json()
    assert [p["name"] for p in prospects] == ["Octo Cat", "Dana Junior"] and prospects[0]["score"] > prospects[1][
        "score"
    ]
    cards = page.locator(".sourcing-prospect")
    expect(cards).to_have_count(2)
    for card, p in zip(cards.all(), prospects, strict=True):
        expect(card.locator("h3")).to_contain_text(f"{p['rank']}. {p['name']}")
        expect(card.locator("[data-tier]")).to_have_attribute("data-tier", p["tier"])
        expect(card.locator(".sourcing-score")).to_have_text(f"{round(float(p['score']), 2):g} / 10")
    top = cards.first
    top.locator("summary", has_text="the six factors").click()  # keyboard-operable <details>
    for factor in prospects[0]["factors"]:
        item = top.locator(f"li[data-factor='{factor['factor']}']")
        expect(item).to_be_visible()
        for evidence in factor["evidence"]:
            expect(item).to_contain_text(evidence)
    shot(page, "recruiter-sourcing")

    # Filters: the API's answer for the same tier and lowest score.
    tier = prospects[1]["tier"]
    same_tier = http.get(f"/api/sourcing/runs/{run['id']}/prospects", headers=recruiter, params={"tier": tier}).json()
    filters = page.get_by_role("form", name="Filter prospects")
    filters.get_by_label("Tier").select_option(tier)
    filters.get_by_role("button", name="Filter").click()
    expect(cards).to_have_count(len(same_tier))
    expect(cards.locator("h3")).to_contain_text([p["name"] for p in same_tier])
    floor = prospects[0]["score"]
    filters = page.get_by_role("form", name="Filter prospects")
    filters.get_by_label("Tier").select_option(label="All tiers")
    filters.get_by_label("Lowest score (0-10)").fill(str(floor))
    filters.get_by_role("button", name="Filter").click()
    above = http.get(f"/api/sourcing/runs/{run['id']}/prospects", headers=recruiter, params={"min_score": floor}).json()
    expect(cards.locator("h3")).to_contain_text([p["name"] for p in above])
    assert "min_score=" in page.url and "tier=" not in page.url
    expect(page.locator(".sourcing-count")).to_contain_text(f"{len(above)} prospect")

    # GitHub evidence for the one with a login, from the local server.
    page.get_by_role("button", name="Enrich from GitHub").click()
    expect(page.locator("#messages")).to_contain_text("GitHub: 1 enriched, 0 not found")
    enriched = http.get(f"/api/sourcing/runs/{run['id']}/prospects", headers=recruiter).json()[0]["enrichment"]
    github_line = page.locator(".sourcing-github")
    expect(github_line).to_contain_text(f"GitHub octo: {enriched['public_repos']} public repositories")
    for skill in enriched["skills"]:
        expect(github_line).to_contain_text(skill)
    shot(page, "recruiter-sourcing-enriched")


def test_the_runs_list_links_each_run_of_the_organisation(
    console: Console, demo: Any, http: httpx.Client, runtime: Any
) -> None:
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    job = _job(http, recruiter, runtime)
    run = http.post("/api/sourcing/runs", headers=recruiter, json={"job_id": job, "locations": ["Remote"]}).json()
    console.sign_in(DEMO_USERS[Role.RECRUITER])
    console.page.locator("#nav-links").get_by_role("link", name="Sourcing").click()
    expect(console.page.locator("#page-title")).to_have_text("Sourcing")
    runs = console.page.locator(".sourcing-runs li")
    expect(runs).to_have_count(1)
    expect(runs.first).to_contain_text(f"Platform Engineer · Remote · {run['status']}")
    runs.first.get_by_role("link").click()
    expect(console.page.locator("#page-title")).to_have_text("Sourcing: Platform Engineer")
    expect(console.page.locator("table.sourcing-tasks tbody tr")).to_have_count(1)


def test_a_run_with_prospects_passes_the_wcag_21_aa_audit_at_laptop_and_phone_width(
    audit_console: Console, demo: Any, http: httpx.Client, runtime: Any
) -> None:
    """The accessibility test audits the sourcing page empty (no run in its address); this audits a run with
    ranked prospects and one's factors open."""
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    admin = login(http, DEMO_USERS[Role.ADMIN])
    bot = {KEY_HEADER: http.post("/api/admin/api-keys", headers=admin, json={"name": "sourcer"}).json()["key"]}
    run = http.post("/api/sourcing/runs", headers=recruiter, json={"job_id": _job(http, recruiter, runtime)}).json()
    task = http.get("/api/sourcing/tasks/next", headers=bot).json()
    http.post(f"/api/sourcing/tasks/{task['id']}/profiles", headers=bot, json={"profiles": PROFILES})
    page = audit_console.page
    audit_console.sign_in(DEMO_USERS[Role.RECRUITER])
    audit_console.goto(f"/recruiter/sourcing?run={run['id']}")
    expect(page.locator(".sourcing-prospect")).to_have_count(2)
    page.locator(".sourcing-prospect summary").first.click()
    found = describe_violations("sourcing run at 1280 px", axe_audit(page))
    page.set_viewport_size({"width": 375, "height": 800})
    found += describe_violations("sourcing run at 375 px", axe_audit(page))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert not found, "\n".join(found)
    assert overflow <= 0, f"the page is {overflow} px wider than a phone"
