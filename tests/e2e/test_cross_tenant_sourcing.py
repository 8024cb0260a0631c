"""Tenants cannot reach each other through sourcing, outreach, application packs and outcome analytics (issue 14):
every route of sourcing_routes and pack_routes is called by each user of a second tenant, and by that tenant's
scraper bot, with the first tenant's ids. Routes addressed by an id answer 404 to the roles they admit and 403 to
the others; routes on the caller's own data answer the second tenant's own (empty or default) data; no answer holds
a byte of the first tenant's prospects, runs or packs, and the first tenant's data is unchanged afterwards. The
routes come from the app's route table: a new route of those modules without a case here fails
test_every_sourcing_and_pack_route_has_a_case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login
from tests.e2e.test_cross_tenant import World, _world, routes_of
from tests.e2e.test_sourcing_api import KEY_HEADER

MODULES = {"hiring.api.sourcing_routes", "hiring.api.pack_routes"}
C, R, A = Role.CANDIDATE.value, Role.RECRUITER.value, Role.ADMIN.value
BOT = "bot"  # the second tenant's scraper key, a caller of its own
PROSPECT = {"name": "Philippa Quennell-Vasquez", "email": "philippa.qv@example.org", "source": "bot",
            "profile_url": "https://example.org/in/philippa-qv", "headline": "Zorblax Platform Lead",
            "skills": ["Python", "Kubernetes"]}  # fmt: skip


@dataclass
class Sourced:
    """Tenant A's sourcing run, its task, a prospect with drafted outreach and a pack; B's callers by role."""

    world: World
    run: str
    task: str
    prospect: str
    pack: str
    b: dict[str, dict[str, str]]  # role (and BOT) -> headers
    needles: list[str]


def _sourced(http: httpx.Client, runtime: Any) -> Sourced:
    world = _world(http, runtime)
    a_recruiter, a_admin = login(http, DEMO_USERS[Role.RECRUITER]), login(http, DEMO_USERS[Role.ADMIN])
    run = http.post("/api/sourcing/runs", headers=a_recruiter, json={"job_id": world.job, "limit": 10})
    assert run.status_code == 201, run.text
    a_bot = {KEY_HEADER: http.post("/api/admin/api-keys", headers=a_admin, json={"name": "a-bot"}).json()["key"]}
    task = http.get("/api/sourcing/tasks/next", headers=a_bot).json()
    uploaded = http.post(f"/api/sourcing/tasks/{task['id']}/profiles", headers=a_bot, json={"profiles": [PROSPECT]})
    assert uploaded.status_code == 200, uploaded.text
    prospect = http.get(f"/api/sourcing/runs/{run.json()['id']}/prospects", headers=a_recruiter).json()[0]["id"]
    drafted = http.post(f"/api/sourcing/prospects/{prospect}/outreach", headers=a_recruiter, json={})
    assert drafted.status_code == 201, drafted.text
    pack = http.post(f"/api/applications/{world.application}/pack", headers=world.a_candidate)
    assert pack.status_code == 201, pack.text
    b_bot = {KEY_HEADER: http.post("/api/admin/api-keys", headers=world.b_admin, json={"name": "b-bot"}).json()["key"]}
    needles = [*world.needles, run.json()["id"], task["id"], prospect, pack.json()["id"], PROSPECT["name"],
               PROSPECT["email"], PROSPECT["profile_url"], PROSPECT["headline"]]  # fmt: skip
    return Sourced(world, run.json()["id"], task["id"], prospect, pack.json()["id"], {**world.b, BOT: b_bot}, needles)


def _a_ids(template: str, s: Sourced) -> str:
    return template.format(run_id=s.run, task_id=s.task, prospect_id=s.prospect, pack_id=s.pack,
                           application_id=s.world.application)  # fmt: skip


# --- routes addressed by an id of tenant A: B's admitted callers get 404, the others 403 ----------------------------

BY_ID: dict[tuple[str, str], Callable[[Sourced, str], dict[str, Any]]] = {
    ("GET", "/api/sourcing/runs/{run_id}"): lambda s, r: {},
    ("GET", "/api/sourcing/runs/{run_id}/tasks"): lambda s, r: {},
    ("GET", "/api/sourcing/runs/{run_id}/prospects"): lambda s, r: {},
    ("POST", "/api/sourcing/runs/{run_id}/enrich"): lambda s, r: {},
    ("POST", "/api/sourcing/prospects/{prospect_id}/outreach"): lambda s, r: {"json": {}},
    ("GET", "/api/sourcing/prospects/{prospect_id}/outreach"): lambda s, r: {},
    ("POST", "/api/sourcing/prospects/{prospect_id}/outreach/status"): lambda s, r: {"json": {"status": "sent"}},
    ("POST", "/api/sourcing/prospects/{prospect_id}/convert"): lambda s, r: {
        "json": {"consent": True, "email": "philippa.qv@example.org"}
    },
    ("POST", "/api/applications/{application_id}/pack"): lambda s, r: {},
    ("GET", "/api/packs/{pack_id}"): lambda s, r: {},
    ("GET", "/api/packs/{pack_id}/resume.pdf"): lambda s, r: {},
    ("GET", "/api/packs/{pack_id}/resume.docx"): lambda s, r: {},
}
# Routes a scraper bot calls with a task id: B's bot gets 404 for A's task; people (no key) get 401.
BOT_BY_ID: dict[tuple[str, str], Callable[[Sourced], dict[str, Any]]] = {
    ("POST", "/api/sourcing/tasks/{task_id}/profiles"): lambda s: {"json": {"profiles": [PROSPECT]}},
    ("POST", "/api/sourcing/tasks/{task_id}/complete"): lambda s: {},
    ("POST", "/api/sourcing/tasks/{task_id}/fail"): lambda s: {"json": {"error": "gave up"}},
}


# --- routes on the caller's own data: B's own (empty or default), never A's -----------------------------------------


def _staff_only(method: str, path: str, body: Callable[[Sourced], Any] | None, expect: Callable[[Any], bool]) -> Any:
    def call(http: httpx.Client, s: Sourced, role: str) -> list[httpx.Response]:
        answer = http.request(method, path, headers=s.b[role], json=body(s) if body else None)
        if role == C:
            assert answer.status_code == 403, answer.text
        else:
            assert answer.status_code in (200, 201), (role, answer.text)
            assert expect(answer.json()), answer.text
        return [answer]

    return call


def _admin_only(method: str, path: str, body: Any, expect: Callable[[Any], bool]) -> Any:
    def call(http: httpx.Client, s: Sourced, role: str) -> list[httpx.Response]:
        answer = http.request(method, path, headers=s.b[role], json=body)
        if role != A:
            assert answer.status_code == 403, answer.text
        else:
            assert answer.status_code in (200, 201), answer.text
            assert expect(answer.json()), answer.text
        return [answer]

    return call


def _start_run_on_a(http: httpx.Client, s: Sourced, role: str) -> list[httpx.Response]:
    answer = http.post("/api/sourcing/runs", headers=s.b[role], json={"job_id": s.world.job})
    assert answer.status_code == (403 if role == C else 404), answer.text
    return [answer]


def _pack_on_a(http: httpx.Client, s: Sourced, role: str) -> list[httpx.Response]:
    """B's candidate asks for a pack of A's resume for A's job, and of their own resume for A's job."""
    bodies = (
        {"resume_id": s.world.resume, "job_id": s.world.job},
        {"resume_id": s.world.b_resume, "job_id": s.world.job},
    )
    answers = [http.post("/api/packs", headers=s.b[role], json=body) for body in bodies]
    for answer in answers:
        assert answer.status_code == (404 if role == C else 403), answer.text
    return answers


def _own_packs(http: httpx.Client, s: Sourced, role: str) -> list[httpx.Response]:
    """A candidate's own packs, or the tenant's for staff: B has none; A's pack id filters find nothing."""
    answers = [
        http.get("/api/packs", headers=s.b[role]),
        http.get("/api/packs", headers=s.b[role], params={"application_id": s.world.application}),
    ]
    for answer in answers:
        assert answer.status_code == 200, answer.text
        assert answer.json() == [], answer.text
    return answers


def _own_outcomes(http: httpx.Client, s: Sourced, role: str) -> list[httpx.Response]:
    answer = http.get("/api/admin/outcomes", headers=s.b[role])
    if role == C:
        assert answer.status_code == 403
    else:
        assert answer.status_code == 200, answer.text
        assert answer.json()["applications"] == 0, answer.text  # A's application is not B's
    return [answer]


def _next_task(http: httpx.Client, s: Sourced, role: str) -> list[httpx.Response]:
    """No person holds a key; B's bot is handed none of A's tasks (A's run has one still open)."""
    answer = http.get("/api/sourcing/tasks/next", headers=s.b[role])
    if role == BOT:
        assert answer.status_code == 204, answer.text
    else:
        assert answer.status_code == 401, answer.text
    return [answer]


OWN: dict[tuple[str, str], Callable[[httpx.Client, Sourced, str], list[httpx.Response]]] = {
    ("POST", "/api/sourcing/runs"): _start_run_on_a,
    ("GET", "/api/sourcing/runs"): _staff_only("GET", "/api/sourcing/runs", None, lambda j: j == []),
    ("GET", "/api/admin/sourcing-weights"): _staff_only(
        "GET", "/api/admin/sourcing-weights", None, lambda j: sum(j["weights"].values()) == 100
    ),
    ("PUT", "/api/admin/sourcing-weights"): _admin_only(
        "PUT",
        "/api/admin/sourcing-weights",
        {
            "weights": {
                "experience": 30,
                "education": 15,
                "career_trajectory": 20,
                "company_relevance": 15,
                "location": 10,
                "tenure": 10,
            }
        },
        lambda j: j["weights"]["experience"] == 30 and j["default"] is False,
    ),  # fmt: skip
    ("GET", "/api/admin/sourcing-suppressions"): _admin_only(
        "GET",
        "/api/admin/sourcing-suppressions",
        None,
        lambda j: len(j) <= 1,  # B's own entry at most
    ),
    ("POST", "/api/admin/sourcing-suppressions"): _admin_only(
        "POST",
        "/api/admin/sourcing-suppressions",
        {"kind": "email", "value": "someone@globex.test"},
        lambda j: j["kind"] == "email",
    ),
    ("POST", "/api/packs"): _pack_on_a,
    ("GET", "/api/packs"): _own_packs,
    ("GET", "/api/admin/outcomes"): _own_outcomes,
    ("GET", "/api/sourcing/tasks/next"): _next_task,
}


def _routes() -> set[tuple[str, str, frozenset[str]]]:
    return routes_of(MODULES)


def test_every_sourcing_and_pack_route_has_a_case() -> None:
    routes = {(method, path) for method, path, _ in _routes()}
    assert len(routes) >= 20  # the walk reaches both routers' endpoints
    cases = set(BY_ID) | set(BOT_BY_ID) | set(OWN)
    assert not routes - cases, f"routes without a cross-tenant case: {sorted(routes - cases)}"
    assert not cases - routes, f"cases for routes that no longer exist: {sorted(cases - routes)}"


def _a_state(http: httpx.Client, s: Sourced) -> dict[str, Any]:
    """What tenant A's recruiter and candidate see of A's sourcing and packs."""
    staff = login(http, DEMO_USERS[Role.RECRUITER])
    run = http.get(f"/api/sourcing/runs/{s.run}", headers=staff).json()
    tasks = http.get(f"/api/sourcing/runs/{s.run}/tasks", headers=staff).json()
    outreach = http.get(f"/api/sourcing/prospects/{s.prospect}/outreach", headers=staff).json()
    pack = http.get(f"/api/packs/{s.pack}", headers=s.world.a_candidate)
    return {
        "run": (run["id"], run.get("status")),
        "tasks": sorted((t["id"], t["status"]) for t in tasks),
        "outreach": (outreach["status"], len(outreach.get("history", []))),
        "pack": pack.status_code,
    }


@pytest.mark.parametrize("role", [C, R, A, BOT])
def test_a_second_tenants_users_and_bot_never_reach_the_first_tenants_sourcing_or_packs(
    http: httpx.Client, demo: Any, runtime: Any, role: str
) -> None:
    s = _sourced(http, runtime)
    before = _a_state(http, s)
    for method, path, admitted in sorted(_routes()):
        if (method, path) in BY_ID:
            answer = http.request(method, _a_ids(path, s), headers=s.b[role], **BY_ID[(method, path)](s, role))
            expected = 401 if role == BOT else 404 if role in admitted else 403
            assert answer.status_code == expected, (method, path, role, answer.text)
            answers = [answer]
        elif (method, path) in BOT_BY_ID:
            answer = http.request(method, _a_ids(path, s), headers=s.b[role], **BOT_BY_ID[(method, path)](s))
            assert answer.status_code == (404 if role == BOT else 401), (method, path, role, answer.text)
            answers = [answer]
        elif role == BOT:
            continue  # the routes on one's own data are people's; their answers to a key are checked above
        else:
            answers = OWN[(method, path)](http, s, role)
        for answer in answers:
            asked = str(answer.request.url) + answer.request.content.decode("utf-8", "replace")
            leaked = [n for n in s.needles if n in answer.text and n not in asked]
            assert not leaked, (method, path, role, leaked)
    assert _a_state(http, s) == before  # nothing of A changed
