"""Tenants cannot reach each other through the candidate side, privacy and applications: every route of
candidate_routes, privacy_routes and application_routes (the resume version and score history routes among them)
is called by each user of a second tenant with the first tenant's ids. They get 404 (403 where their role is not
admitted at all), their own empty lists and settings, and never a byte of the first tenant's data; the first
tenant's data is unchanged afterwards. The routes come from the app's route table: a new route of those modules
without a case here fails test_every_route_of_the_candidate_privacy_and_application_modules_has_a_case."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from hiring.api.app import create_app
from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login
from tests.e2e.test_access import _api_routes
from tests.pdfs import RESUME_TEXT, text_pdf

MODULES = {"hiring.api.candidate_routes", "hiring.api.privacy_routes", "hiring.api.application_routes"}
C, R, A = Role.CANDIDATE.value, Role.RECRUITER.value, Role.ADMIN.value
B_PASSWORD = "globex password 12"
B_CV = (
    "Otto Brenner\notto.brenner@globex.test\n\nSUMMARY\nData engineer.\n\nSKILLS\nPython, SQL, Kafka, Azure\n\n"
    "EXPERIENCE\nGlobex - Data Engineer (2020 - Present)\nBuilt streaming pipelines in Python."
)
A_ROLE, A_BLOCKED = "Zorblax Wrangler", "Initrode Secretive"  # tenant A's settings, to be found nowhere in B


@dataclass
class World:
    """Tenant A (demo) with a candidate's resume, match, application and settings; tenant B's three users."""

    a_candidate: dict[str, str]
    resume: str
    job: str
    application: str
    b: dict[str, dict[str, str]]  # role -> headers
    b_resume: str
    b_admin: dict[str, str]
    needles: list[str] = field(default_factory=list)  # strings of A's that no answer to B may hold
    fresh: int = 0


def _world(http: httpx.Client, runtime: Any) -> World:
    a_candidate = login(http, DEMO_USERS[Role.CANDIDATE])
    resume = http.post(
        "/api/resumes", headers=a_candidate, files={"file": ("jane.pdf", text_pdf(RESUME_TEXT), "application/pdf")}
    ).json()["id"]
    runtime.drain()
    job = http.get(f"/api/resumes/{resume}/matches", headers=a_candidate).json()[0]["job_id"]
    applied = http.post("/api/applications", headers=a_candidate, json={"job_id": job, "resume_id": resume})
    assert applied.status_code == 201, applied.text
    settings = (
        ("/api/me/roles", {"titles": [A_ROLE]}),
        ("/api/me/search-preferences", {"blocked_companies": [A_BLOCKED], "q": "quokkaflow"}),
        ("/api/me/privacy", {"ai_processing": False, "automated_ranking": True}),
    )
    for path, body in settings:
        assert http.put(path, headers=a_candidate, json=body).status_code == 200, path

    tenant = {"slug": "globex", "name": "Globex", "admin_email": "boss@globex.test", "admin_password": B_PASSWORD}
    assert http.post("/api/tenants", json=tenant).status_code == 201
    b_admin = login(http, "boss@globex.test", B_PASSWORD)
    b = {A: b_admin, R: _staff(http, b_admin, "rec@globex.test", R)}
    registered = http.post(
        "/api/auth/register", json={"tenant": "globex", "email": "otto@globex.test", "password": B_PASSWORD}
    )
    assert registered.status_code == 201, registered.text
    b[C] = login(http, "otto@globex.test", B_PASSWORD)
    b_resume = http.post(
        "/api/resumes", headers=b[C], files={"file": ("otto.pdf", text_pdf(B_CV), "application/pdf")}
    ).json()["id"]
    runtime.drain()
    needles = [resume, job, applied.json()["id"], DEMO_USERS[Role.CANDIDATE], "Jane Doe", A_ROLE, A_BLOCKED]
    return World(a_candidate, resume, job, applied.json()["id"], b, b_resume, b_admin, needles)


def _staff(http: httpx.Client, admin: dict[str, str], email: str, role: str) -> dict[str, str]:
    created = http.post("/api/users", headers=admin, json={"email": email, "password": B_PASSWORD, "role": role})
    assert created.status_code == 201, created.text
    return login(http, email, B_PASSWORD)


def _fresh_b_user(http: httpx.Client, world: World, role: str) -> dict[str, str]:
    """A new user of tenant B with this role (for an erasure of one's own account)."""
    world.fresh += 1
    email = f"leaver{world.fresh}@globex.test"
    if role == C:
        body = {"tenant": "globex", "email": email, "password": B_PASSWORD}
        assert http.post("/api/auth/register", json=body).status_code == 201
        return login(http, email, B_PASSWORD)
    return _staff(http, world.b_admin, email, role)


# --- the cases: (method, path) -> the calls B's user makes and what they must get ---------------------------------

Call = tuple[str, str, dict[str, Any]]  # method, path with A's ids, request kwargs (json=...)
Check = Callable[[httpx.Client, World, str, httpx.Response], None]


def _a_ids(template: str, world: World) -> str:
    return template.format(resume_id=world.resume, job_id=world.job, application_id=world.application)


def _status_body(world: World, role: str) -> dict[str, Any]:
    return {"json": {"status": "withdrawn" if role == C else "screening"}}


# Routes addressed by an id of tenant A: B's admitted users get 404 (the body, when any, is B's own valid one).
BY_ID: dict[tuple[str, str], Callable[[World, str], dict[str, Any]]] = {
    ("GET", "/api/applications/{application_id}"): lambda w, r: {},
    ("POST", "/api/applications/{application_id}/status"): _status_body,
    ("GET", "/api/jobs/{job_id}/applicants"): lambda w, r: {},
    ("POST", "/api/jobs/{job_id}/applicants"): lambda w, r: {"json": {"resume_id": w.b_resume, "source": "sourced"}},
    ("GET", "/api/jobs/{job_id}/funnel"): lambda w, r: {},
    ("GET", "/api/resumes/{resume_id}/versions"): lambda w, r: {},
    ("GET", "/api/resumes/{resume_id}/matches/{job_id}/history"): lambda w, r: {},
    ("DELETE", "/api/resumes/{resume_id}"): lambda w, r: {},
}


def _apply_to_a(http: httpx.Client, world: World, role: str) -> list[httpx.Response]:
    """B's candidate applies to A's job with their own resume, and with A's resume: neither exists for them."""
    bodies = ({"job_id": world.job, "resume_id": world.b_resume}, {"job_id": world.job, "resume_id": world.resume})
    answers = [http.post("/api/applications", headers=world.b[role], json=body) for body in bodies]
    for answer in answers:
        assert answer.status_code == (404 if role == C else 403), answer.text
    return answers


def _bulk_on_a(http: httpx.Client, world: World, role: str) -> list[httpx.Response]:
    body = {"application_ids": [world.application], "status": "screening"}
    answer = http.post("/api/applications/bulk-status", headers=world.b[role], json=body)
    if role == C:
        assert answer.status_code == 403
    else:
        assert answer.status_code == 200, answer.text
        assert answer.json()["changed"] == 0
        assert [o["outcome"] for o in answer.json()["results"]] == ["not_found"]
    return [answer]


def _own_list(path: str) -> Callable[[httpx.Client, World, str], list[httpx.Response]]:
    def call(http: httpx.Client, world: World, role: str) -> list[httpx.Response]:
        answer = http.get(path, headers=world.b[role])
        assert answer.status_code == 200, answer.text
        assert answer.json() == []
        return [answer]

    return call


def _own_funnel(http: httpx.Client, world: World, role: str) -> list[httpx.Response]:
    answer = http.get("/api/admin/funnel", headers=world.b[role])
    if role == C:
        assert answer.status_code == 403
    else:
        assert answer.status_code == 200, answer.text
        assert answer.json()["total"] == 0 and all(n == 0 for n in answer.json()["sources"].values())
    return [answer]


def _candidate_own(method: str, path: str, body: dict[str, Any] | None, expect: Callable[[Any], bool]) -> Any:
    """A route on the caller's own settings: B's candidate gets theirs (expect holds), staff get 403."""

    def call(http: httpx.Client, world: World, role: str) -> list[httpx.Response]:
        answer = http.request(method, path, headers=world.b[role], json=body)
        if role != C:
            assert answer.status_code == 403
        else:
            assert answer.status_code == 200, answer.text
            assert expect(answer.json()), answer.text
        return [answer]

    return call


def _everyone_own(method: str, path: str, body: dict[str, Any] | None, expect: Callable[[Any], bool]) -> Any:
    def call(http: httpx.Client, world: World, role: str) -> list[httpx.Response]:
        answer = http.request(method, path, headers=world.b[role], json=body)
        assert answer.status_code == 200, answer.text
        assert expect(answer.json()), answer.text
        return [answer]

    return call


def _feed(http: httpx.Client, world: World, role: str) -> list[httpx.Response]:
    """B's candidate wants A's role too: their feed considers B's jobs only (none), never A's."""
    if role == C:
        put = http.put("/api/me/roles", headers=world.b[C], json={"titles": ["Software Engineer"]})
        assert put.status_code == 200
    answer = http.get("/api/me/feed", headers=world.b[role])
    if role != C:
        assert answer.status_code == 403
    else:
        assert answer.status_code == 200, answer.text
        assert answer.json()["resume_id"] == world.b_resume
        assert (answer.json()["jobs_considered"], answer.json()["jobs"]) == (0, [])
    return [answer]


def _export(http: httpx.Client, world: World, role: str) -> list[httpx.Response]:
    answer = http.get("/api/me/export", headers=world.b[role])
    assert answer.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    for name in archive.namelist():
        text = archive.read(name).decode("utf-8", "replace")
        assert not [n for n in world.needles if n in text or n in name], name
    return []  # the archive was searched member by member


def _erase_me(http: httpx.Client, world: World, role: str) -> list[httpx.Response]:
    answer = http.delete("/api/me", headers=_fresh_b_user(http, world, role))
    assert answer.status_code == 204, answer.text
    return [answer]


OWN: dict[tuple[str, str], Callable[[httpx.Client, World, str], list[httpx.Response]]] = {
    ("POST", "/api/applications"): _apply_to_a,
    ("GET", "/api/applications"): _own_list("/api/applications"),
    ("POST", "/api/applications/bulk-status"): _bulk_on_a,
    ("GET", "/api/admin/funnel"): _own_funnel,
    ("GET", "/api/me/roles"): _candidate_own(
        "GET", "/api/me/roles", None, lambda j: A_ROLE not in [r["title"] for r in j["roles"]]
    ),
    ("PUT", "/api/me/roles"): _candidate_own(
        "PUT",
        "/api/me/roles",
        {"titles": ["Data Engineer"]},
        lambda j: [r["title"] for r in j["roles"]] == ["Data Engineer"],
    ),
    ("GET", "/api/me/search-preferences"): _candidate_own(
        "GET",
        "/api/me/search-preferences",
        None,
        lambda j: j["blocked_companies"] in ([], ["Umbrella"]) and j["q"] is None,
    ),
    ("PUT", "/api/me/search-preferences"): _candidate_own(
        "PUT", "/api/me/search-preferences", {"blocked_companies": ["Umbrella"]}, lambda j: j["q"] is None
    ),
    ("GET", "/api/me/feed"): _feed,
    ("GET", "/api/me/privacy"): _everyone_own("GET", "/api/me/privacy", None, lambda j: j["ai_processing"] is True),
    ("PUT", "/api/me/privacy"): _everyone_own(
        "PUT", "/api/me/privacy", {"ai_processing": True, "automated_ranking": False}, lambda j: True
    ),
    ("GET", "/api/me/export"): _export,
    ("DELETE", "/api/me"): _erase_me,
}


def routes_of(modules: set[str]) -> set[tuple[str, str, frozenset[str]]]:
    """(method, path, admitted roles) of every route of these API modules, from the app's route table."""
    found = set()
    for route in _api_routes(create_app().routes):
        assert isinstance(route, APIRoute)
        if route.endpoint.__module__ not in modules:
            continue
        roles = [d.call.roles for d in route.dependant.dependencies if hasattr(d.call, "roles")]
        admitted = frozenset(getattr(r, "value", r) for r in roles[0]) if roles else frozenset()
        found |= {(method, route.path, admitted) for method in route.methods}
    return found


def _routes() -> set[tuple[str, str, frozenset[str]]]:
    return routes_of(MODULES)


def test_every_route_of_the_candidate_privacy_and_application_modules_has_a_case() -> None:
    routes = {(method, path) for method, path, _ in _routes()}
    assert len(routes) >= 20  # the walk reaches the routers' endpoints
    missing = routes - set(BY_ID) - set(OWN)
    assert not missing, f"routes without a cross-tenant case: {sorted(missing)}"
    assert not (set(BY_ID) | set(OWN)) - routes, "cases for routes that no longer exist"


@pytest.mark.parametrize("role", [C, R, A])
def test_a_second_tenants_users_never_reach_the_first_tenants_data(
    http: httpx.Client, demo: Any, runtime: Any, role: str
) -> None:
    world = _world(http, runtime)
    before = _a_state(http, world)
    for method, path, admitted in sorted(_routes()):
        if (method, path) in BY_ID:
            kwargs = BY_ID[(method, path)](world, role)
            answers = [http.request(method, _a_ids(path, world), headers=world.b[role], **kwargs)]
            expected = 404 if role in admitted else 403
            assert answers[0].status_code == expected, (method, path, role, answers[0].text)
        else:
            answers = OWN[(method, path)](http, world, role)
        for answer in answers:
            asked = str(answer.request.url) + answer.request.content.decode("utf-8", "replace")
            leaked = [n for n in world.needles if n in answer.text and n not in asked]
            assert not leaked, (method, path, role, leaked)
    assert _a_state(http, world) == before  # nothing of A changed


def _a_state(http: httpx.Client, world: World) -> dict[str, Any]:
    """What tenant A's candidate and recruiter see of A's data."""
    me, staff = world.a_candidate, login(http, DEMO_USERS[Role.RECRUITER])
    application = http.get(f"/api/applications/{world.application}", headers=me).json()
    applicants = f"/api/jobs/{world.job}/applicants"
    return {
        "resume": http.get(f"/api/resumes/{world.resume}", headers=me).json()["status"],
        "versions": http.get(f"/api/resumes/{world.resume}/versions", headers=me).json(),
        "application": (application["status"], len(application["history"])),
        "applicants": [a["application_id"] for a in http.get(applicants, headers=staff).json()],
        "roles": http.get("/api/me/roles", headers=me).json(),
        "search": http.get("/api/me/search-preferences", headers=me).json(),
        "privacy": http.get("/api/me/privacy", headers=me).json(),
        "funnel": http.get("/api/admin/funnel", headers=staff).json()["total"],
    }
