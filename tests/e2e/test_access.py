"""Who may call what: every endpoint x role, and tenants that cannot see each other."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from hiring.api.app import PUBLIC_PATHS, create_app
from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import REPO_ROOT, login
from tests.pdfs import RESUME_TEXT, text_pdf

ANON = "anonymous"
C, R, A = Role.CANDIDATE.value, Role.RECRUITER.value, Role.ADMIN.value

# (method, path, body kind) -> expected status for anonymous, candidate, recruiter, admin.
# "{resume}" is the candidate's own resume, "{job}" a demo job. Writes that succeed use fresh data per call.
TABLE: list[tuple[str, str, str, dict[str, int]]] = [
    ("GET", "/api/me", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("POST", "/api/users", "user", {ANON: 401, C: 403, R: 403, A: 201}),
    # "{user}" is a fresh recruiter of the demo tenant per call.
    ("POST", "/api/users/{user}/disable", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    ("POST", "/api/users/{user}/enable", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    ("DELETE", "/api/users/{user}", "none", {ANON: 401, C: 403, R: 403, A: 204}),
    ("POST", "/api/resumes", "file", {ANON: 401, C: 202, R: 202, A: 202}),
    ("GET", "/api/resumes", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/resumes/{resume}", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/resumes/{resume}/matches", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/resumes/{resume}/profile", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/resumes/{resume}/jsonresume", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("POST", "/api/resumes/jsonresume", "jsonresume", {ANON: 401, C: 201, R: 201, A: 201}),
    ("POST", "/api/jobs", "job", {ANON: 401, C: 403, R: 202, A: 202}),
    ("PUT", "/api/jobs/{job}", "job", {ANON: 401, C: 403, R: 202, A: 202}),
    ("GET", "/api/jobs", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/jobs/{job}", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/jobs/{job}/matches", "none", {ANON: 401, C: 403, R: 200, A: 200}),
    # "{match_job}" is a job the candidate's resume was matched with.
    ("GET", "/api/resumes/{resume}/matches/{match_job}", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("POST", "/api/resumes/{resume}/matches/{match_job}/status", "match_status", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/resumes/{resume}/exclusions", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/resumes/{resume}/jobs/{match_job}/fit", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/resumes/{resume}/preferences", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    # A candidate's pay and arrangement preferences drive their filters and matches: only they write them.
    ("PUT", "/api/resumes/{resume}/preferences", "preferences", {ANON: 401, C: 200, R: 403, A: 403}),
    ("GET", "/api/admin/match-weights", "none", {ANON: 401, C: 403, R: 200, A: 200}),
    ("POST", "/api/admin/match-weights", "weights", {ANON: 401, C: 403, R: 403, A: 201}),
    ("POST", "/api/jobs/{job}/close", "none", {ANON: 401, C: 403, R: 200, A: 200}),
    ("GET", "/api/admin/rejections", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    ("POST", "/api/admin/imports", "feed", {ANON: 401, C: 403, R: 403, A: 201}),
    ("GET", "/api/admin/imports/{batch}", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    ("GET", "/api/admin/security-events", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    ("POST", "/api/admin/api-keys", "api_key", {ANON: 401, C: 403, R: 403, A: 201}),
    ("GET", "/api/admin/api-keys", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    ("POST", "/api/admin/api-keys/{api_key}/revoke", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    ("POST", "/api/admin/scrape-roles", "scrape_role", {ANON: 401, C: 403, R: 403, A: 201}),
    ("GET", "/api/admin/scrape-roles", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    ("POST", "/api/admin/scrape-roles/rebuild", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    ("GET", "/api/admin/alerts", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    # Privacy (W3): the caller's choices and export; erasures run on fresh data, so each call has its own subject:
    # "fresh_resume" a new upload of the demo candidate, "fresh_account" a new account of the caller's role.
    ("GET", "/api/me/privacy", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("PUT", "/api/me/privacy", "privacy", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/me/export", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("DELETE", "/api/resumes/{resume}", "fresh_resume", {ANON: 401, C: 204, R: 204, A: 204}),
    ("DELETE", "/api/me", "fresh_account", {ANON: 401, C: 204, R: 204, A: 204}),
    # Bots call with X-Scraper-API-Key, never a user's token (the key column: tests/e2e/test_scraper_bots.py).
    ("GET", "/api/scrape-queue/next", "none", {ANON: 401, C: 401, R: 401, A: 401}),
    ("POST", "/api/scrape-queue/{role}/jobs", "scrape_upload", {ANON: 401, C: 401, R: 401, A: 401}),
    ("POST", "/api/scrape-queue/{role}/complete", "none", {ANON: 401, C: 401, R: 401, A: 401}),
    ("POST", "/api/scrape-queue/{role}/fail", "scrape_failure", {ANON: 401, C: 401, R: 401, A: 401}),
    ("GET", "/api/scrape-queue/status", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    # Admin (W4): audit log, metrics, users, import batches. The role change reuses the "user" body, whose
    # role (recruiter) is read and its other fields ignored; "{user}" is a fresh recruiter, so 200 with no change.
    ("GET", "/api/admin/audit", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    ("GET", "/api/admin/metrics", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    ("GET", "/api/users", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    ("PATCH", "/api/users/{user}", "user", {ANON: 401, C: 403, R: 403, A: 200}),
    ("GET", "/api/admin/imports", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    # Applications (W1): "{application}" is the candidate's application to a second matched job.
    ("POST", "/api/applications", "application", {ANON: 401, C: 201, R: 403, A: 403}),
    ("GET", "/api/applications", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/applications/{application}", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    # A candidate may only withdraw: asking for screening is a 422; staff move it, and again is a no-op 200.
    ("POST", "/api/applications/{application}/status", "app_status", {ANON: 401, C: 422, R: 200, A: 200}),
    ("POST", "/api/applications/bulk-status", "bulk_status", {ANON: 401, C: 403, R: 200, A: 200}),
    ("GET", "/api/jobs/{job}/applicants", "none", {ANON: 401, C: 403, R: 200, A: 200}),
    ("GET", "/api/jobs/{job}/funnel", "none", {ANON: 401, C: 403, R: 200, A: 200}),
    ("GET", "/api/admin/funnel", "none", {ANON: 401, C: 403, R: 200, A: 200}),
    # Staff-created applications (A5, issue 12 sources): a fresh import without an account per call, added to a
    # matched (so analysed) job; a candidate cannot add people.
    ("POST", "/api/jobs/{match_job}/applicants", "staff_applicant", {ANON: 401, C: 403, R: 201, A: 201}),
    # Candidate side (W5): desired roles, saved search and the feed are the candidate's own (staff have no resume);
    # the roles row runs before the feed's, so the feed has roles. Versions and score history: anyone who sees it.
    ("GET", "/api/me/roles", "none", {ANON: 401, C: 200, R: 403, A: 403}),
    ("PUT", "/api/me/roles", "desired_roles", {ANON: 401, C: 200, R: 403, A: 403}),
    ("GET", "/api/me/search-preferences", "none", {ANON: 401, C: 200, R: 403, A: 403}),
    ("PUT", "/api/me/search-preferences", "search_preferences", {ANON: 401, C: 200, R: 403, A: 403}),
    ("GET", "/api/me/feed", "none", {ANON: 401, C: 200, R: 403, A: 403}),
    ("GET", "/api/resumes/{resume}/versions", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/resumes/{resume}/matches/{match_job}/history", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    # Admin console pages (issue 13, admin helper): the metrics per hour/day.
    ("GET", "/api/admin/metrics/series", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    # ... and the match-weights preview (writes nothing; a POST for its body): the matched job re-ranked.
    ("POST", "/api/admin/match-weights/preview", "weights_preview", {ANON: 401, C: 403, R: 403, A: 200}),
    # Candidate pages (issue 13, candidate helper): the text the parser read and the corrections of what it got
    # wrong; the owner and the tenant's staff read them, only the owner corrects.
    ("GET", "/api/resumes/{resume}/text", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/resumes/{resume}/corrections", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("PUT", "/api/resumes/{resume}/corrections", "corrections", {ANON: 401, C: 200, R: 403, A: 403}),
    # issue 14 sourcing: runs for an analysed job (recruiter/admin)
    ("POST", "/api/sourcing/runs", "sourcing_run", {ANON: 401, C: 403, R: 201, A: 201}),
    ("GET", "/api/sourcing/runs", "none", {ANON: 401, C: 403, R: 200, A: 200}),
    ("GET", "/api/sourcing/runs/{sourcing_run}", "none", {ANON: 401, C: 403, R: 200, A: 200}),
    ("GET", "/api/sourcing/runs/{sourcing_run}/tasks", "none", {ANON: 401, C: 403, R: 200, A: 200}),
    ("GET", "/api/sourcing/runs/{sourcing_run}/prospects", "none", {ANON: 401, C: 403, R: 200, A: 200}),
    ("GET", "/api/sourcing/tasks/next", "none", {ANON: 401, C: 401, R: 401, A: 401}),
    ("POST", "/api/sourcing/tasks/{sourcing_task}/profiles", "sourcing_profiles", {ANON: 401, C: 401, R: 401, A: 401}),
    ("POST", "/api/sourcing/tasks/{sourcing_task}/complete", "none", {ANON: 401, C: 401, R: 401, A: 401}),
    ("POST", "/api/sourcing/tasks/{sourcing_task}/fail", "scrape_failure", {ANON: 401, C: 401, R: 401, A: 401}),
    ("GET", "/api/admin/sourcing-weights", "none", {ANON: 401, C: 403, R: 200, A: 200}),
    ("PUT", "/api/admin/sourcing-weights", "sourcing_weights", {ANON: 401, C: 403, R: 403, A: 200}),
    ("POST", "/api/sourcing/runs/{sourcing_run}/enrich", "none", {ANON: 401, C: 403, R: 200, A: 200}),
    # issue 14 sourcing outreach (S14d): staff draft and move outreach (an unknown prospect: 404 for staff), admins
    # keep the suppression list.
    ("POST", "/api/sourcing/prospects/{prospect}/outreach", "none", {ANON: 401, C: 403, R: 404, A: 404}),
    ("GET", "/api/sourcing/prospects/{prospect}/outreach", "none", {ANON: 401, C: 403, R: 404, A: 404}),
    ("POST", "/api/sourcing/prospects/{prospect}/outreach/status", "outreach", {ANON: 401, C: 403, R: 404, A: 404}),
    ("POST", "/api/sourcing/prospects/{prospect}/convert", "convert", {ANON: 401, C: 403, R: 404, A: 404}),
    ("GET", "/api/admin/sourcing-suppressions", "none", {ANON: 401, C: 403, R: 403, A: 200}),
    ("POST", "/api/admin/sourcing-suppressions", "suppression", {ANON: 401, C: 403, R: 403, A: 201}),
    # issue 14 application packs: only the resume's owner builds one (for their application, or a resume and a job).
    ("POST", "/api/applications/{application}/pack", "none", {ANON: 401, C: 201, R: 403, A: 403}),
    ("POST", "/api/packs", "pack", {ANON: 401, C: 201, R: 403, A: 403}),
    # issue 14 console (S14h): the pack list (a candidate's own packs, the tenant's for staff)
    ("GET", "/api/packs", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/packs/{pack}", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/packs/{pack}/resume.pdf", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/packs/{pack}/resume.docx", "none", {ANON: 401, C: 200, R: 200, A: 200}),
    ("GET", "/api/admin/outcomes", "none", {ANON: 401, C: 403, R: 200, A: 200}),  # outcome analytics
    ("GET", "/health", "none", {ANON: 200, C: 200, R: 200, A: 200}),
]


def _body(kind: str, counter: list[int]) -> dict[str, Any]:
    counter[0] += 1
    if kind == "file":
        return {"files": {"file": ("cv.pdf", text_pdf(RESUME_TEXT), "application/pdf")}}
    if kind == "jsonresume":
        return {"json": {"basics": {"name": f"Ada Lovelace {counter[0]}", "email": "ada@example.org"}}}
    if kind == "feed":
        return {"content": json.dumps([{"id": f"f{counter[0]}", "title": "T", "description": "Python"}])}
    if kind == "job":
        return {"json": {"title": "Engineer", "description": "Python and SQL"}}
    if kind == "api_key":
        return {"json": {"name": f"bot {counter[0]}"}}
    if kind == "scrape_role":
        return {"json": {"title": f"Table role r{counter[0]}", "location_hints": ["Remote"]}}
    if kind == "scrape_upload":
        return {"json": {"platform": "indeed", "jobs": []}}
    if kind == "scrape_failure":
        return {"json": {"error": "blocked by the board"}}
    if kind == "match_status":
        return {"json": {"status": "viewed"}}
    if kind == "app_status":
        return {"json": {"status": "screening"}}
    if kind == "bulk_status":
        return {"json": {"application_ids": [str(uuid.uuid4())], "status": "screening"}}
    if kind == "desired_roles":
        return {"json": {"titles": ["Software Engineer"]}}
    if kind == "search_preferences":
        return {"json": {"blocked_companies": [f"Blocked Co {counter[0]}"]}}
    if kind == "preferences":
        return {"json": {"arrangement": "remote"}}
    if kind == "weights":
        return {"json": {"level": "mid", "weights": {"semantic": 10 + counter[0]}}}
    if kind == "user":
        return {
            "json": {"email": f"new{counter[0]}@example.com", "password": "long enough password", "role": "recruiter"}
        }
    if kind == "privacy":
        return {"json": {"ai_processing": counter[0] % 2 == 0, "automated_ranking": True}}
    if kind == "corrections":
        return {"json": {"location": f"Berlin {counter[0]}"}}
    return {}


def _fresh_user(http: httpx.Client, admin: dict[str, str], counter: list[int]) -> str:
    counter[0] += 1
    created = http.post(
        "/api/users",
        headers=admin,
        json={"email": f"staff{counter[0]}@example.com", "password": "long enough password", "role": "recruiter"},
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def _erasure_subject(
    http: httpx.Client, tokens: dict[str, dict[str, str]], kind: str, who: str, counter: list[int], resume: str
) -> tuple[dict[str, str], str]:
    """The caller's headers and the {resume} of one call: an erasure (W3 privacy) gets a fresh subject each time,
    so it never takes the walk's shared resume or demo accounts with it."""
    if kind == "fresh_resume":
        pdf = ("cv.pdf", text_pdf(RESUME_TEXT), "application/pdf")
        upload = http.post("/api/resumes", headers=tokens[C], files={"file": pdf})
        return tokens[who], str(upload.json()["id"])
    if kind == "fresh_account" and who != ANON:
        counter[0] += 1
        email, password = f"leaving{counter[0]}@example.com", "long enough password"
        body = {"email": email, "password": password, "role": who}
        assert http.post("/api/users", headers=tokens[A], json=body).status_code == 201
        return login(http, email, password), resume
    return tokens[who], resume


def _table_path(template: str) -> str:
    """A TABLE path with the route's own parameter names."""
    for mine, theirs in (
        ("{resume}", "{resume_id}"),
        ("{match_job}", "{job_id}"),
        ("{job}", "{job_id}"),
        ("{batch}", "{batch_id}"),
        ("{role}", "{role_id}"),
        ("{api_key}", "{key_id}"),
        ("{user}", "{user_id}"),
        ("{application}", "{application_id}"),
        ("{sourcing_run}", "{run_id}"),
        ("{pack}", "{pack_id}"),
        ("{sourcing_task}", "{task_id}"),
        ("{prospect}", "{prospect_id}"),
    ):
        template = template.replace(mine, theirs)
    return template


def _api_routes(routes: list[Any]) -> list[APIRoute]:
    """Every endpoint of the app, through the included routers (FastAPI keeps them nested)."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found += _api_routes(route.original_router.routes)
        elif hasattr(route, "routes"):
            found += _api_routes(route.routes)
    return found


def walk_table(http: httpx.Client, runtime: Any) -> Iterator[tuple[str, str, str, int, httpx.Response]]:
    """Call every TABLE row as each caller, with real data: (method, template, caller, expected, response).
    The contract test (tests/e2e/test_contract.py) validates the same responses against /openapi.json."""
    tokens = {role.value: login(http, email) for role, email in DEMO_USERS.items()}
    tokens[ANON] = {}
    resume = http.post(
        "/api/resumes", headers=tokens[C], files={"file": ("cv.pdf", text_pdf(RESUME_TEXT), "application/pdf")}
    ).json()["id"]
    runtime.drain()
    matched = http.get(f"/api/resumes/{resume}/matches", headers=tokens[C]).json()
    match_job = matched[0]["job_id"]
    application = http.post(
        "/api/applications", headers=tokens[C], json={"job_id": matched[1]["job_id"], "resume_id": resume}
    ).json()["id"]
    batch = http.post(
        "/api/admin/imports", headers=tokens[A], content=b'{"id": "b1", "title": "T", "description": "x"}'
    ).json()["batch_id"]
    role = http.post("/api/admin/scrape-roles", headers=tokens[A], json={"title": "Table role"}).json()["id"]
    api_key = http.post("/api/admin/api-keys", headers=tokens[A], json={"name": "table"}).json()["id"]
    sourcing_run = http.post("/api/sourcing/runs", headers=tokens[R], json={"job_id": match_job}).json()["id"]
    pack = http.post("/api/packs", headers=tokens[C], json={"job_id": match_job, "resume_id": resume}).json()["id"]
    counter = [0]
    for method, template, kind, expected in TABLE:
        for who, status in expected.items():
            job = http.post("/api/jobs", headers=tokens[R], json={"title": "T", "description": "Python"}).json()["id"]
            user = _fresh_user(http, tokens[A], counter) if "{user}" in template else ""
            headers, subject = _erasure_subject(http, tokens, kind, who, counter, resume)
            filled = template.replace("{sourcing_run}", sourcing_run).replace("{pack}", pack)
            filled = filled.replace("{sourcing_task}", sourcing_run)  # bots only: any id answers 401 to users
            filled = filled.replace("{prospect}", "00000000-0000-4000-8000-000000000014")  # S14d: unknown
            path = filled.replace("{application}", application).format(
                resume=subject, job=job, batch=batch, role=role, api_key=api_key, match_job=match_job, user=user
            )
            body = _body(kind, counter)
            if kind == "application":  # the candidate's own resume, to a matched (so analysed) job
                body = {"json": {"job_id": match_job, "resume_id": resume}}
            if kind == "sourcing_run":  # issue 14: a run for the matched (so analysed) job
                body = {"json": {"job_id": match_job, "limit": 10}}
            if kind == "sourcing_profiles":  # issue 14: bots only (an X-Scraper-API-Key), so 401 for every user
                body = {"json": {"profiles": []}}
            if kind == "outreach":  # issue 14 outreach: a move on from drafted
                body = {"json": {"status": "sent"}}
            if kind == "convert":  # issue 14: a prospect's consent and the address they gave
                body = {"json": {"consent": True, "email": "prospect@example.org"}}
            if kind == "suppression":  # issue 14 suppression list: one more email per call
                body = {"json": {"kind": "email", "value": f"gone{counter[0]}@example.org"}}
            if kind == "sourcing_weights":  # issue 14: the six factors in percent, adding to 100
                body = {"json": {"weights": {"experience": 25, "education": 20, "career_trajectory": 20,
                                             "company_relevance": 15, "location": 10, "tenure": 10}}}  # fmt: skip
            if kind == "pack":  # issue 14 packs: the candidate's own resume and a matched (so analysed) job
                body = {"json": {"job_id": match_job, "resume_id": resume}}
            if kind == "weights_preview":  # issue 13 admin console: the matched job under proposed weights
                body = {"json": {"job_id": match_job, "weights": {"semantic": 30}}}
            if kind == "staff_applicant":  # A5: a fresh import with no account behind it (one person per call)
                sourced = json.loads((REPO_ROOT / "tests/fixtures/resumes/raman.resume.json").read_text())
                counter[0] += 1
                sourced["basics"]["name"] = f"Sourced Person {counter[0]}"
                imported = http.post("/api/resumes/jsonresume", headers=tokens[A], json=sourced).json()["id"]
                body = {"json": {"resume_id": imported, "source": "sourced"}}
            yield method, template, who, status, http.request(method, path, headers=headers, **body)


def test_every_endpoint_and_role(http: httpx.Client, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    seen = 0
    for method, template, who, status, response in walk_table(http, runtime):
        seen += 1
        assert response.status_code == status, (method, template, who, response.text)
    assert seen == len(TABLE) * 4


def test_the_table_covers_every_route_and_every_route_declares_roles() -> None:
    app = create_app()
    in_table = {(m, _table_path(p)) for m, p, _, _ in TABLE}
    routes = _api_routes(app.routes)
    assert len(routes) >= len(TABLE)  # the walk reaches the endpoints inside the included routers
    for route in routes:
        path = route.path
        if not path.startswith("/api") or path in PUBLIC_PATHS:
            continue
        for method in route.methods:
            assert (method, path) in in_table, f"{method} {path} is missing from the endpoint x role table"
        declared = [d.call for d in route.dependant.dependencies if hasattr(d.call, "roles")]
        assert declared, f"{path} declares no roles"


@pytest.fixture
def other_tenant(http: httpx.Client) -> dict[str, str]:
    created = http.post(
        "/api/tenants",
        json={
            "slug": "globex",
            "name": "Globex",
            "admin_email": "boss@globex.test",
            "admin_password": "globex password 1",
        },
    )
    assert created.status_code == 201
    admin = login(http, "boss@globex.test", "globex password 1")
    http.post(
        "/api/users",
        headers=admin,
        json={"email": "rec@globex.test", "password": "globex password 2", "role": "recruiter"},
    )
    return login(http, "rec@globex.test", "globex password 2")


def test_one_tenant_cannot_read_another_tenants_resume_job_or_match(  # type: ignore[no-untyped-def]
    http: httpx.Client, demo, runtime, other_tenant: dict[str, str]
) -> None:
    demo_recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    resume = http.post(
        "/api/resumes", headers=demo_recruiter, files={"file": ("cv.pdf", text_pdf(RESUME_TEXT), "application/pdf")}
    ).json()["id"]
    runtime.drain()
    job = http.get(f"/api/resumes/{resume}/matches", headers=demo_recruiter).json()[0]["job_id"]

    for path in (
        f"/api/resumes/{resume}",
        f"/api/resumes/{resume}/matches",
        f"/api/jobs/{job}",
        f"/api/jobs/{job}/matches",
        f"/api/resumes/{resume}/matches/{job}",
        f"/api/resumes/{resume}/exclusions",
    ):
        response = http.get(path, headers=other_tenant)
        assert response.status_code == 404, path
    assert http.post(f"/api/jobs/{job}/close", headers=other_tenant).status_code == 404
    assert http.get("/api/resumes", headers=other_tenant).json() == []
    assert http.get("/api/jobs", headers=other_tenant).json() == []
    assert http.get(f"/api/jobs/{job}", headers=demo_recruiter).json()["status"] == "active"


def test_a_candidate_sees_only_their_own_resumes(http: httpx.Client, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    sourced = http.post(
        "/api/resumes", headers=recruiter, files={"file": ("other.pdf", text_pdf(RESUME_TEXT), "application/pdf")}
    ).json()["id"]
    candidate = login(http, DEMO_USERS[Role.CANDIDATE])
    assert http.get(f"/api/resumes/{sourced}", headers=candidate).status_code == 404
    assert http.get(f"/api/resumes/{sourced}/matches", headers=candidate).status_code == 404
    assert http.get("/api/resumes", headers=candidate).json() == []


def test_register_login_refresh_over_http(http: httpx.Client, demo) -> None:  # type: ignore[no-untyped-def]
    registered = http.post(
        "/api/auth/register", json={"tenant": "demo", "email": "new@cand.test", "password": "a long password"}
    )
    assert registered.status_code == 201 and registered.json()["role"] == "candidate"
    tokens = http.post("/api/auth/login", json={"email": "new@cand.test", "password": "a long password"}).json()
    assert {"access_token", "refresh_token"} <= tokens.keys()
    rotated = http.post("/api/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert rotated.status_code == 200
    replay = http.post("/api/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert replay.status_code == 401
    wrong = http.post("/api/auth/login", json={"email": "new@cand.test", "password": "nope nope nope"})
    assert wrong.status_code == 401 and wrong.headers["WWW-Authenticate"] == "Bearer"


WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def test_every_write_route_refuses_each_role_it_does_not_admit(http: httpx.Client, demo) -> None:  # type: ignore[no-untyped-def]
    """Walk the app: every write in the OpenAPI document is public or has a TABLE row that agrees with the roles
    its dependency admits, and each other role is refused over HTTP (401 or 403). A new write route without a
    row, or a row that lets through a role the route does not admit, fails here."""
    app = create_app()
    documented = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
        if method.upper() in WRITES
    }
    rows = {(method, _table_path(template)): (kind, expected) for method, template, kind, expected in TABLE}
    tokens = {role.value: login(http, email) for role, email in DEMO_USERS.items()}
    tokens[ANON] = {}
    counter = [0]
    walked: set[tuple[str, str]] = set()
    for route in _api_routes(app.routes):
        for method in sorted(route.methods & WRITES):
            walked.add((method, route.path))
            if route.path in PUBLIC_PATHS:
                continue
            assert (method, route.path) in rows, f"{method} {route.path} is missing from the endpoint x role table"
            kind, expected = rows[(method, route.path)]
            admitted = set().union(*(d.call.roles for d in route.dependant.dependencies if hasattr(d.call, "roles")))
            assert admitted, f"{method} {route.path} declares no roles"
            for who in (C, R, A):
                if who in admitted:
                    assert expected[who] not in (401, 403), (method, route.path, who, "admitted but refused in TABLE")
                else:
                    assert expected[who] in (401, 403), (method, route.path, who, "not admitted, TABLE says allowed")
            # Any id will do: the refusal comes before the handler looks anything up.
            path = re.sub(r"\{[^}]+\}", lambda _: str(uuid.uuid4()), route.path)
            for who in (ANON, C, R, A):
                if who in admitted:
                    continue
                response = http.request(method, path, headers=tokens[who], **_body(kind, counter))
                assert response.status_code in (401, 403), (method, route.path, who, response.status_code)
    assert walked == documented  # the walk saw exactly the documented writes
