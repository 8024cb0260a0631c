"""The admin's console in Chromium against the live app: create a scraper API key (shown once, copied, working for
a bot), see it listed and revoke it (the bot is refused at once); read the metrics (the figures and the charts'
tables are the API's numbers) and the audit log with its filters and paging; import batches with their failed
rows, rejected input and alerts; users and roles (the password feedback, a role change, disable, delete).

The data behind the pages is made through the API in the setup: a candidate uploads a real PDF and the local
runtime drains the queue (parse, match); a feed with a bad row is imported."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import httpx
from playwright.sync_api import expect

from hiring.principal import Role
from tests.browser.conftest import Console, shot
from tests.conftest import REPO_ROOT, login
from tests.pdfs import RESUME_TEXT, text_pdf

ADMIN = "admin@example.com"
STRONG_PASSWORD = "copper-meadow-lantern-58"


def _admin(http: httpx.Client) -> dict[str, str]:
    return login(http, ADMIN)


def _activity(http: httpx.Client, runtime: Any, sample_queue: bool = False) -> dict[str, Any]:
    """A parsed resume and a feed import with one failed row, as the metrics and imports pages will show them;
    with sample_queue, the 15-minute schedule samples the queue while the resume's match work waits in it."""
    candidate = login(http, "candidate@example.com")
    pdf = text_pdf(RESUME_TEXT)
    uploaded = http.post("/api/resumes", headers=candidate, files={"file": ("cv.pdf", pdf, "application/pdf")})
    assert uploaded.status_code in (201, 202), uploaded.text
    if sample_queue:
        runtime.scan_inbox()
        assert runtime.fire_schedule("scrape_watchdog")["queue_samples"] >= 1
    runtime.drain()
    feed = b'{"id": "b1", "title": "Data Engineer", "description": "Python and SQL"}\nnot json at all\n'
    imported = http.post("/api/admin/imports", headers=_admin(http), content=feed)
    assert imported.status_code == 201, imported.text
    return dict(imported.json())


def _bot(http: httpx.Client, key: str) -> int:
    return http.get("/api/scrape-queue/next", headers={"X-Scraper-API-Key": key}).status_code


def test_an_admin_creates_copies_and_revokes_a_scraper_key_and_finds_both_in_the_audit_log(
    console: Console, demo: Any, http: httpx.Client
) -> None:
    page = console.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    console.sign_in(ADMIN)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="API keys").click()
    expect(page.locator("#page-title")).to_have_text("Scraper API keys")
    expect(page.locator("#key-list")).to_contain_text("No API keys yet")

    create = page.get_by_role("form", name="Create an API key")
    create.get_by_label("Name").fill("crawler on host-7")
    create.get_by_label("Requests per minute").fill("30")
    create.get_by_role("button", name="Create key").click()

    secret = page.get_by_label("Your new API key")
    expect(secret).to_be_focused()
    key = secret.input_value()
    assert page.get_by_text("Copy it now: you will not see this key again.").is_visible()
    page.get_by_role("button", name="Copy key").click()
    expect(page.get_by_text("Copied to the clipboard.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == key
    assert _bot(http, key) in (200, 204), "the key shown is one a bot can use"
    listed = http.get("/api/admin/api-keys", headers=_admin(http)).json()
    assert [(k["name"], k["rate_limit_per_minute"]) for k in listed] == [("crawler on host-7", 30)]
    row = page.locator("#api-keys tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(listed[0]["prefix"])
    assert key.startswith(f"hk_{listed[0]['prefix']}_")
    expect(row).to_contain_text("Active")
    shot(page, "admin-keys-created")

    # Shown once: back on the page, the secret is nowhere.
    console.goto("/admin")
    console.goto("/admin/keys")
    expect(page.locator("#api-keys tbody tr")).to_have_count(1)
    assert key not in page.content()
    assert page.get_by_label("Your new API key").count() == 0

    page.get_by_role("button", name="Revoke crawler on host-7").click()
    page.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("button", name="Revoke crawler on host-7")).to_be_focused()
    assert _bot(http, key) in (200, 204), "cancel revokes nothing"
    page.get_by_role("button", name="Revoke crawler on host-7").click()
    page.get_by_role("button", name="Yes, revoke").click()
    expect(page.locator("#messages")).to_contain_text("revoked")
    expect(page.locator("#api-keys tbody tr")).to_contain_text("Revoked")
    assert _bot(http, key) == 401
    shot(page, "admin-keys")

    # The audit log: both actions, by the admin, about this key; the kind filter keeps one.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Audit log").click()
    filters = page.get_by_role("form", name="Filter the audit log")
    filters.get_by_label("Subject id").fill(listed[0]["id"])
    filters.get_by_role("button", name="Apply filters").click()
    rows = page.locator("#audit-entries tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("api_key_revoked")
    expect(rows.nth(1)).to_contain_text("api_key_created")
    expect(rows.nth(0)).to_contain_text(ADMIN)
    assert "subject=" in page.url
    filters = page.get_by_role("form", name="Filter the audit log")
    expect(filters.get_by_label("Subject id")).to_have_value(listed[0]["id"])
    filters.get_by_label("Kind", exact=True).fill("api_key_created")
    filters.get_by_role("button", name="Apply filters").click()
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_contain_text("api_key_created")
    expect(page.locator(".adm-summary")).to_contain_text("kind: api_key_created")
    shot(page, "admin-audit")

    # The actor filter takes an email; the address carries the user's id.
    filters = page.get_by_role("form", name="Filter the audit log")
    filters.get_by_label("Subject id").fill("")
    filters.get_by_label("Kind", exact=True).fill("api_key_revoked")
    filters.get_by_label("Actor").fill(ADMIN)
    filters.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".adm-summary")).to_contain_text("kind: api_key_revoked")
    expect(rows).to_have_count(1)
    assert f"actor={demo.users[Role.ADMIN]}" in page.url
    expect(page.get_by_role("form", name="Filter the audit log").get_by_label("Actor")).to_have_value(ADMIN)


def test_the_audit_log_pages_and_filters_by_time(console: Console, demo: Any, http: httpx.Client) -> None:
    admin = _admin(http)
    for n in range(27):
        assert http.post("/api/admin/api-keys", headers=admin, json={"name": f"bot {n}"}).status_code == 201
    api_first = http.get("/api/admin/audit", headers=admin, params={"kind": "api_key_created", "limit": 25}).json()
    api_second = http.get(
        "/api/admin/audit", headers=admin, params={"kind": "api_key_created", "limit": 25, "offset": 25}
    ).json()
    assert (len(api_first), len(api_second)) == (25, 2)

    console.sign_in(ADMIN)
    console.goto("/admin/audit?kind=api_key_created")
    page = console.page
    rows = page.locator("#audit-entries tbody tr")
    expect(rows).to_have_count(25)
    expect(page.get_by_text("Showing 1–25")).to_be_visible()
    expect(page.get_by_role("button", name="Previous page")).to_be_disabled()
    page.get_by_role("button", name="Next page").click()
    expect(rows).to_have_count(2)
    expect(page.get_by_text("Showing 26–27")).to_be_visible()
    expect(page.get_by_role("button", name="Next page")).to_be_disabled()
    shown = [rows.nth(i).locator("td").nth(4).inner_text() for i in range(2)]
    assert [f'"prefix":"{e["detail"]["prefix"]}"' in s for e, s in zip(api_second, shown, strict=True)] == [True, True]

    # A time range that ends before the keys were made shows none of them, and says so.
    filters = page.get_by_role("form", name="Filter the audit log")
    filters.get_by_label("Until (date and time)").fill(
        (dt.datetime.now() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    )
    filters.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_text("No entries match these filters.")).to_be_visible()
    assert "until=" in page.url and "offset" not in page.url
    page.get_by_role("button", name="Clear filters").click()
    expect(page.get_by_text("All entries, newest first.")).to_be_visible()


def _card(page: Any, label: str) -> str:
    return str(
        page.locator(".adm-card", has=page.locator(".adm-card-label", has_text=label))
        .locator(".adm-card-value")
        .inner_text()
    )


def test_the_metrics_show_the_apis_figures_charts_with_their_numbers_and_the_queue_now(
    console: Console, demo: Any, http: httpx.Client, runtime: Any
) -> None:
    _activity(http, runtime, sample_queue=True)
    console.sign_in(ADMIN)
    page = console.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Metrics").click()
    expect(page.locator("#metric-cards")).to_be_visible()
    totals = http.get("/api/admin/metrics", headers=_admin(http), params={"since": _ago(48)}).json()

    assert _card(page, "Resumes received") == str(totals["parsing"]["received"]) == "1"
    assert _card(page, "Import rows") == str(totals["imports"]["rows"]) == "2"
    expect(page.locator(".adm-card", has_text="Import rows")).to_contain_text("1 failed in 1 batch")
    assert _card(page, "Scores written") == f"{totals['matches']['scores_written']:,}"
    assert page.locator("figure.adm-chart canvas").count() == 5
    outcomes = page.locator("figure.adm-chart", has_text="Parse outcomes")
    expect(page.locator("#queue-figures")).to_contain_text("Waiting (this organisation)")
    shot(page, "admin-metrics")
    outcomes.locator("summary").click()
    cells = outcomes.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.querySelectorAll('td')].slice(1).map(c => Number(c.textContent)))"
    )
    assert len(cells) in (48, 49)  # one row per hour of the window
    assert sum(sum(r) for r in cells) == 1, "the chart's table sums to the one resume received"
    parsed = [r for r in cells if sum(r)]
    status = max(totals["parsing"]["outcomes"], key=totals["parsing"]["outcomes"].get)
    assert parsed[0][["parsed", "needs_review", "failed"].index(status)] == 1
    expect(page.locator("#queue-figures")).to_contain_text("Waiting (this organisation)")

    # The queue over time: the chart's table holds the API's samples (a dash where none was taken).
    series = http.get(
        "/api/admin/metrics/series", headers=_admin(http), params={"since": _ago(48), "bucket": "hour"}
    ).json()
    sampled = [
        [p["queue_depth"], p["queue_depth_all_tenants"], p["dead_letters"], p["queue_oldest_age_s"]]
        for p in series["points"]
        if p["queue_depth"] is not None
    ]
    assert sampled and sampled[-1][0] >= 1, "the sample saw the resume's match work waiting"
    queue_chart = page.locator("figure.adm-chart", has_text="Work queue")
    queue_chart.locator("summary").click()
    rows = queue_chart.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.querySelectorAll('td')].slice(1).map(c => c.textContent))"
    )
    shown = [[float(c.replace(",", "")) for c in r] for r in rows if r[0] != "—"]
    assert shown == sampled
    assert all(set(r) == {"—"} for r in rows if r[0] == "—") and len(rows) > len(shown)
    expect(page.get_by_text("not stored over time")).to_have_count(0)

    page.get_by_role("form", name="Time range").get_by_label("Time range").select_option("30d")
    page.get_by_role("form", name="Time range").get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Over time (per day)")).to_be_visible()
    assert "range=30d" in page.url
    assert _card(page, "Resumes received") == "1"


def _ago(hours: int) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(hours=hours)).isoformat()


def test_imports_with_failed_rows_rejections_and_alerts(
    console: Console, demo: Any, http: httpx.Client, runtime: Any
) -> None:
    outcome = _activity(http, runtime)
    console.sign_in(ADMIN)
    page = console.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Imports").click()
    batches = page.locator("#import-batches tbody tr")
    expect(batches).to_have_count(len(http.get("/api/admin/imports", headers=_admin(http)).json()))
    batch = batches.filter(has_text="api").first
    expect(batch).to_contain_text("2")
    shot(page, "admin-imports")
    batch.get_by_role("link").click()
    expect(page.locator("#batch-facts")).to_contain_text("1 new")
    errors = page.locator("#batch-errors tbody tr")
    expect(errors).to_have_count(outcome["failed"])
    reason = http.get(f"/api/admin/imports/{outcome['batch_id']}", headers=_admin(http)).json()["errors"][0]
    expect(errors.nth(0)).to_contain_text(reason["reason"])
    expect(errors.nth(0).locator("td").nth(0)).to_have_text(str(reason["row_number"]))
    shot(page, "admin-import-batch")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Rejections").click()
    expected = http.get("/api/admin/rejections", headers=_admin(http)).json()
    expect(page.locator("#rejections tbody tr")).to_have_count(len(expected))
    expect(page.locator("#rejections")).to_contain_text("feed_row")
    shot(page, "admin-rejections")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Alerts").click()
    alerts = http.get("/api/admin/alerts", headers=_admin(http)).json()
    if alerts:
        expect(page.locator("#alerts tbody tr")).to_have_count(len(alerts))
    else:
        expect(page.get_by_text("No alerts.")).to_be_visible()
    shot(page, "admin-alerts")


def test_users_and_roles(console: Console, demo: Any, http: httpx.Client) -> None:
    console.sign_in(ADMIN)
    page = console.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Users").click()
    users = page.locator("#users tbody tr")
    expect(users).to_have_count(3)

    create = page.get_by_role("form", name="Create a user")
    create.get_by_label("Email").fill("rita@example.org")
    create.get_by_label("Full name").fill("Rita Recruiter")
    create.get_by_label("Password").fill("password1")
    create.get_by_label("Role").select_option("recruiter")
    create.get_by_role("button", name="Create user").click()
    weak = http.post(
        "/api/users",
        headers=_admin(http),
        json={"email": "x@example.org", "password": "password1", "role": "recruiter"},
    )
    assert weak.status_code == 422
    field_error = create.locator('[data-field="password"] .field-error')
    expect(field_error).to_have_text(weak.json()["error"]["message"])
    expect(create.get_by_label("Password")).to_have_attribute("aria-invalid", "true")
    shot(page, "admin-users-weak-password")

    create.get_by_label("Password").fill(STRONG_PASSWORD)
    create.get_by_role("button", name="Create user").click()
    expect(page.locator("#messages")).to_contain_text("rita@example.org created as recruiter")
    expect(users).to_have_count(4)
    rita = users.filter(has_text="rita@example.org")
    expect(rita).to_contain_text("Rita Recruiter")

    rita.get_by_label("Role of rita@example.org").select_option("admin")
    rita.get_by_role("button", name="Change role").click()
    expect(page.locator("#messages")).to_contain_text("rita@example.org is now admin (was recruiter)")
    by_email = {u["email"]: u for u in http.get("/api/users", headers=_admin(http)).json()}
    assert by_email["rita@example.org"]["role"] == "admin"

    rita.get_by_role("button", name="Disable rita@example.org").click()
    expect(rita).to_contain_text("Disabled")
    refused = http.post("/api/auth/login", json={"email": "rita@example.org", "password": STRONG_PASSWORD})
    assert refused.status_code in (401, 403)
    rita.get_by_role("button", name="Enable rita@example.org").click()
    expect(rita).to_contain_text("Active")
    assert login(http, "rita@example.org", STRONG_PASSWORD)
    shot(page, "admin-users")

    rita.get_by_role("button", name="Delete rita@example.org").click()
    page.get_by_role("button", name="Yes, delete").click()
    expect(users).to_have_count(3)
    assert "rita@example.org" not in {u["email"] for u in http.get("/api/users", headers=_admin(http)).json()}
    you = users.filter(has_text="admin@example.com")
    assert you.get_by_role("button").count() == 0, "an admin cannot disable, delete or demote themself here"


def test_the_admin_pages_fit_a_phone(console: Console, demo: Any, http: httpx.Client, runtime: Any) -> None:
    _activity(http, runtime)
    page = console.page
    page.set_viewport_size({"width": 375, "height": 740})
    console.sign_in(ADMIN)
    pages = (("/admin/metrics", "#metric-cards"), ("/admin/keys", "form"), ("/admin/audit", "form"),
             ("/admin/users", "#users"), ("/admin/imports", "#import-batches"), ("/admin/weights", "form"))  # fmt: skip
    for path, ready in pages:
        console.goto(path)
        page.locator(ready).first.wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        if path in ("/admin/metrics", "/admin/keys"):
            shot(page, f"admin-{path.rsplit('/', 1)[1]}-phone")


COMPONENTS = ("required_skills", "preferred_skills", "experience", "education", "location", "salary", "semantic",
              "title", "recency")  # fmt: skip
LABELS = {"required_skills": "Required skills", "preferred_skills": "Preferred skills", "experience": "Experience",
          "education": "Education", "location": "Location", "salary": "Salary", "semantic": "Text similarity",
          "title": "Job title", "recency": "Posting age"}  # fmt: skip
REMOTE_POSTING = {
    "title": "Platform Engineer",
    "location": "Remote",
    "description": "A fully remote role on our data platform.\n\nRequirements:\n- Python\n- SQL\n- Git\n\n"
    "Nice to have:\n- Docker\n- AWS\n- Machine learning",
}


def _lean(name: str) -> dict[str, float]:
    """A proposal of one component alone."""
    return {n: 1.0 if n == name else 0.0 for n in COMPONENTS}


def test_match_weights_preview_a_reordering_and_save_it(
    console: Console, demo: Any, http: httpx.Client, runtime: Any
) -> None:
    admin = _admin(http)
    for name in ("hendriks", "lindqvist", "okafor", "raman"):
        person = json.loads((REPO_ROOT / f"tests/fixtures/resumes/{name}.resume.json").read_text())
        assert http.post("/api/resumes/jsonresume", headers=admin, json=person).status_code == 201
    candidate = login(http, "candidate@example.com")
    pdf = text_pdf(RESUME_TEXT)
    assert http.post("/api/resumes", headers=candidate, files={"file": ("cv.pdf", pdf, "application/pdf")}).is_success
    job = http.post("/api/jobs", headers=login(http, "recruiter@example.com"), json=REMOTE_POSTING).json()
    runtime.drain()
    level = "senior" if job.get("seniority") in ("senior", "lead", "executive") else job.get("seniority") or "mid"
    # The proposal: all weight on the one component that moves the most candidates (asked of the API first).
    previews = {
        name: http.post(
            "/api/admin/match-weights/preview",
            headers=admin,
            json={"job_id": job["id"], "weights": _lean(name)},
        ).json()
        for name in COMPONENTS
    }

    def moves(name: str) -> int:  # candidates moved to a score no one else has: not a tie broken by id
        found = previews[name]["candidates"]
        scores = [c["score_after"] for c in found]
        return sum(1 for c in found if c["moved"] and scores.count(c["score_after"]) == 1)

    chosen = max(COMPONENTS, key=moves)
    expected = previews[chosen]
    assert moves(chosen) >= 2, "a proposal that reorders"

    console.sign_in(ADMIN)
    page = console.page
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Match weights").click()
    if level != "mid":
        page.get_by_role("form", name="Role level").get_by_label("Role level").select_option(level)
        page.get_by_role("form", name="Role level").get_by_role("button", name="Show").click()
    page.get_by_label("Job to preview").select_option(job["id"])
    weights = page.get_by_role("form", name="Weights")
    for name in COMPONENTS:
        weights.get_by_label(LABELS[name], exact=True).fill("1" if name == chosen else "0")
    weights.get_by_role("button", name="Preview the ranking").click()

    rows = page.locator("#preview tbody tr")
    expect(rows).to_have_count(len(expected["candidates"]))
    moved = sum(1 for c in expected["candidates"] if c["moved"])
    expect(page.locator("#preview-summary")).to_contain_text(f"{moved} of {len(expected['candidates'])} candidates")
    for n, c in enumerate(expected["candidates"]):
        cells = rows.nth(n).locator("td")
        expect(cells.nth(0)).to_have_text(str(c["rank_after"]))
        expect(cells.nth(1)).to_have_text(str(c["rank_before"]))
        expect(cells.nth(3)).to_contain_text(c["name"])
        expect(cells.nth(5)).to_have_text(f"{c['score_after']:.2f}")
    assert http.get("/api/admin/match-weights", headers=admin).json()[level]["version"] == "default-v1"
    shot(page, "admin-weights-preview")

    weights.get_by_role("button", name="Save as a new version").click()
    expect(page.locator("#messages")).to_contain_text(f"Saved: {level}-level jobs now score with version")
    stored = http.get("/api/admin/match-weights", headers=admin).json()[level]
    assert stored["version"] != "default-v1"
    assert stored["weights"] == _lean(chosen)
    expect(page.locator("#weights-version")).to_contain_text(stored["version"])
    expect(page.get_by_role("form", name="Weights").get_by_label(LABELS[chosen], exact=True)).to_have_value("1")


def test_a_refused_proposal_is_explained(console: Console, demo: Any, http: httpx.Client, runtime: Any) -> None:
    job = http.post("/api/jobs", headers=login(http, "recruiter@example.com"), json=REMOTE_POSTING).json()
    runtime.drain()
    console.sign_in(ADMIN)
    page = console.page
    console.goto("/admin/weights")
    level = "senior" if job.get("seniority") in ("senior", "lead", "executive") else job.get("seniority") or "mid"
    if level != "mid":
        console.goto(f"/admin/weights?level={level}")
    weights = page.get_by_role("form", name="Weights")
    for name in COMPONENTS:
        weights.get_by_label(LABELS[name], exact=True).fill("0")
    weights.get_by_role("button", name="Save as a new version").click()
    expect(page.locator("#messages [role=alert]")).to_contain_text("at least one weight must be positive")
    shot(page, "admin-weights-refused")
