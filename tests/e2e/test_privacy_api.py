"""Privacy over HTTP: a candidate exports everything, chooses how they are processed, erases a resume, then leaves;
staff erase resumes of their tenant only; the last admin cannot leave."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

import httpx

from hiring.principal import Role
from hiring.runtime.demo import DEMO_USERS
from hiring.runtime.invoke import invoke
from tests.conftest import EVENTS, login
from tests.pdfs import text_pdf

EMAIL, PASSWORD, NAME = "ines.valderrama@example.net", "a long enough password 9", "Ines Valderrama"
CV = (
    f"{NAME}\n{EMAIL}\n\nSUMMARY\nBackend engineer.\n\nSKILLS\nPython, SQL, Kubernetes, Azure\n\n"
    "EXPERIENCE\nFabrikam - Engineer (2019 - Present)\nBuilt APIs in Python."
)


def _candidate(http: httpx.Client) -> dict[str, str]:
    registered = http.post(
        "/api/auth/register", json={"tenant": "demo", "email": EMAIL, "password": PASSWORD, "full_name": NAME}
    )
    assert registered.status_code == 201, registered.text
    return login(http, EMAIL, PASSWORD)


def _upload(http: httpx.Client, headers: dict[str, str], name: str = "ines-cv.pdf") -> str:
    response = http.post("/api/resumes", headers=headers, files={"file": (name, text_pdf(CV), "application/pdf")})
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


def test_a_candidate_exports_chooses_erases_and_leaves(http: httpx.Client, demo: Any, runtime: Any) -> None:
    me = _candidate(http)
    resume = _upload(http, me)
    runtime.drain()

    assert http.get("/api/me/privacy", headers=me).json()["ai_processing"] is True
    chosen = http.put("/api/me/privacy", headers=me, json={"ai_processing": False, "automated_ranking": False})
    assert chosen.status_code == 200
    assert (chosen.json()["ai_processing"], chosen.json()["automated_ranking"]) == (False, False)
    assert http.get("/api/me/privacy", headers=me).json()["automated_ranking"] is False
    refused = http.put("/api/me/privacy", headers=me, json={"ai_processing": "maybe", "automated_ranking": True})
    assert refused.status_code == 422 and refused.json()["error"]["code"]

    exported = http.get("/api/me/export", headers=me)
    assert exported.status_code == 200 and exported.headers["content-type"] == "application/zip"
    assert exported.headers["content-disposition"].startswith("attachment;")
    archive = zipfile.ZipFile(io.BytesIO(exported.content))
    assert json.loads(archive.read("account.json"))["email"] == EMAIL
    assert json.loads(archive.read("privacy.json"))["ai_processing"] is False
    assert json.loads(archive.read(f"resumes/{resume}/resume.json"))["profile"]["name"] == NAME
    assert archive.read(f"resumes/{resume}/original-ines-cv.pdf").startswith(b"%PDF-")

    assert http.delete(f"/api/resumes/{resume}", headers=me).status_code == 204
    assert http.get(f"/api/resumes/{resume}", headers=me).status_code == 404
    assert http.delete(f"/api/resumes/{resume}", headers=me).status_code == 404

    _upload(http, me, "second.pdf")
    runtime.drain()
    assert http.delete("/api/me", headers=me).status_code == 204
    assert http.get("/api/me", headers=me).status_code == 401  # the account is gone: its tokens stop working
    assert http.post("/api/auth/login", json={"email": EMAIL, "password": PASSWORD}).status_code == 401
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    assert http.get("/api/resumes", headers=recruiter).json() == []


def test_staff_erase_resumes_of_their_tenant_only(http: httpx.Client, demo: Any, runtime: Any) -> None:
    me = _candidate(http)
    resume = _upload(http, me)
    created = http.post(
        "/api/tenants",
        json={"slug": "initech", "name": "Initech", "admin_email": "boss@initech.test", "admin_password": PASSWORD},
    )
    assert created.status_code == 201
    stranger = login(http, "boss@initech.test", PASSWORD)
    other_candidate = http.post(
        "/api/auth/register", json={"tenant": "demo", "email": "other@example.net", "password": PASSWORD}
    )
    assert other_candidate.status_code == 201
    peer = login(http, "other@example.net", PASSWORD)

    for headers in (stranger, peer):
        refused = http.delete(f"/api/resumes/{resume}", headers=headers)
        assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"
    assert http.get(f"/api/resumes/{resume}", headers=me).status_code == 200
    assert http.delete(f"/api/resumes/{resume}", headers=login(http, DEMO_USERS[Role.RECRUITER])).status_code == 204
    assert http.get(f"/api/resumes/{resume}", headers=me).status_code == 404


def test_the_last_admin_cannot_leave(http: httpx.Client, demo: Any) -> None:
    admin = login(http, DEMO_USERS[Role.ADMIN])
    refused = http.delete("/api/me", headers=admin)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "conflict"
    assert http.get("/api/me", headers=admin).status_code == 200


def test_the_daily_housekeeping_erases_resumes_of_candidates_inactive_past_retention(
    http: httpx.Client, container: Any, demo: Any, runtime: Any
) -> None:
    me = _candidate(http)
    stale, kept = _upload(http, me), _upload(http, login(http, DEMO_USERS[Role.CANDIDATE]), "kept.pdf")
    runtime.drain()
    event = json.loads((EVENTS / "eventbridge_expire_jobs.json").read_text())
    assert invoke("expire_jobs", event)["erased"] == 0

    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=container.settings.retention_days + 1)
    with container.db.connect() as conn:
        conn.execute("UPDATE resumes SET updated_at = %s WHERE id = %s", (long_ago, stale))
        quiet = (long_ago, long_ago, EMAIL)
        conn.execute("UPDATE users SET created_at = %s, last_login_at = %s WHERE email = %s", quiet)

    assert invoke("expire_jobs", event)["erased"] == 1
    assert http.get(f"/api/resumes/{stale}", headers=me).status_code == 404
    assert http.get(f"/api/resumes/{kept}", headers=login(http, DEMO_USERS[Role.CANDIDATE])).status_code == 200
    assert container.vectors.get(demo.tenant_id, "resume", [stale]) == {}
    assert [info.key for info in container.blobs.list("") if stale in info.key] == []


def test_erasing_the_active_version_brings_back_the_previous_one_with_its_matches(
    http: httpx.Client, demo: Any, runtime: Any
) -> None:
    me = _candidate(http)
    first = _upload(http, me)
    runtime.drain()
    matched = {m["job_id"] for m in http.get(f"/api/resumes/{first}/matches", headers=me).json()}
    assert matched
    newer = {"file": ("ines-cv-2.pdf", text_pdf(CV, "Projects: Kafka"), "application/pdf")}
    second = http.post("/api/resumes", headers=me, files=newer).json()["id"]
    runtime.drain()
    assert http.get(f"/api/resumes/{first}/matches", headers=me).json() == []  # history is not matched

    assert http.delete(f"/api/resumes/{second}", headers=me).status_code == 204
    versions = http.get(f"/api/resumes/{first}/versions", headers=me).json()
    assert [(v["id"], v["active"], v["superseded_by"], v["superseded_at"]) for v in versions] == [
        (first, True, None, None)
    ]
    runtime.drain()  # the erasure queued the kept version for matching
    again = {m["job_id"] for m in http.get(f"/api/resumes/{first}/matches", headers=me).json()}
    assert again == matched
    recruiter = login(http, DEMO_USERS[Role.RECRUITER])
    assert first in [r["id"] for r in http.get("/api/resumes", headers=recruiter).json()]
    job = next(iter(matched))
    assert first in [m["resume_id"] for m in http.get(f"/api/jobs/{job}/matches", headers=recruiter).json()]

    assert http.delete(f"/api/resumes/{first}", headers=me).status_code == 204  # none left: no resume at all
    assert http.get("/api/resumes", headers=me).json() == []
    assert http.get("/api/me/feed", headers=me).json()["error"]["code"] == "not_found"
