"""A bounded fuzz of the whole API: every operation of the OpenAPI document, as each role, with data generated
from the schema (valid and invalid), over real HTTP; no answer may be a server error (schemathesis'
not_a_server_error check).

Each operation is sent generated valid and invalid data, and, where it takes path parameters, valid data against
a resume, job, batch, scrape role and API key that exist. Small by default (a fixed seed, HIRING_FUZZ_EXAMPLES
examples per operation, role and generation mode), so it runs in `make test`; at scale:

    HIRING_FUZZ_EXAMPLES=30 .venv/bin/pytest -s tests/e2e/test_fuzz.py

prints the requests sent and the 5xx answers per role (and writes them as JSON to HIRING_FUZZ_REPORT if set).
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import FailureGroup, not_a_server_error

from hiring.api.app import create_app
from hiring.identity import Role
from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login
from tests.pdfs import RESUME_TEXT, text_pdf

EXAMPLES = int(os.environ.get("HIRING_FUZZ_EXAMPLES", "5"))
SEED = int(os.environ.get("HIRING_FUZZ_SEED", "20261207"))
ROLES = ("anonymous", Role.CANDIDATE.value, Role.RECRUITER.value, Role.ADMIN.value, "scraper")
RELOGIN_AFTER_S = 600  # access tokens live 15 minutes; a long run logs in again


class _Identities:
    """Headers for each role, renewed before the tokens expire."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http
        self.at = 0.0
        self.headers: dict[str, dict[str, str]] = {}
        admin = login(http, DEMO_USERS[Role.ADMIN])
        key = http.post("/api/admin/api-keys", headers=admin, json={"name": "fuzz", "rate_limit_per_minute": 6000})
        assert key.status_code == 201, key.text
        self.scraper = {"X-Scraper-API-Key": key.json()["key"]}

    def renew(self) -> None:
        """Log in again: a fuzzed logout ends the session of the token it was sent with."""
        self.at = 0.0

    def __getitem__(self, role: str) -> dict[str, str]:
        if time.monotonic() - self.at > RELOGIN_AFTER_S:
            self.headers = {r.value: login(self.http, email) for r, email in DEMO_USERS.items()}
            self.headers["anonymous"] = {}
            self.headers["scraper"] = self.scraper
            self.at = time.monotonic()
        return self.headers[role]


def _real_ids(http: httpx.Client, runtime: Any, identities: _Identities) -> dict[str, str]:
    """Path parameters that exist, so generated bodies and queries reach the services behind the 404s."""
    candidate, admin = identities[Role.CANDIDATE.value], identities[Role.ADMIN.value]
    resume = http.post(
        "/api/resumes", headers=candidate, files={"file": ("cv.pdf", text_pdf(RESUME_TEXT), "application/pdf")}
    )
    assert resume.status_code == 202, resume.text
    runtime.drain()
    matched = http.get(f"/api/resumes/{resume.json()['id']}/matches", headers=candidate).json()
    job = matched[0]["job_id"] if matched else http.get("/api/jobs", headers=candidate).json()[0]["id"]
    batch = http.post("/api/admin/imports", headers=admin, content=b'{"id": "f1", "title": "T", "description": "x"}')
    role = http.post("/api/admin/scrape-roles", headers=admin, json={"title": "Fuzz Engineer"})
    key = http.post("/api/admin/api-keys", headers=admin, json={"name": "to revoke"})  # not the fuzz's own key
    other = next(j["id"] for j in http.get("/api/jobs", headers=candidate).json() if j["id"] != job)
    return {"resume_id": resume.json()["id"], "job_id": job, "batch_id": batch.json()["batch_id"],
            "role_id": role.json()["id"], "key_id": key.json()["id"], "closable_job_id": other}  # fmt: skip


def _fuzz(
    operation: Any,
    mode: GenerationMode,
    role: str,
    call_as: Any,
    sent: Counter[str],
    errors: list[dict[str, Any]],
    path_parameters: dict[str, str] | None = None,
) -> None:
    """EXAMPLES generated cases of one operation in one mode, sent as `role`; 5xx answers recorded, not raised."""

    @seed(SEED)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: every 5xx is recorded as it was found
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    def run(case: schemathesis.Case) -> None:
        response = call_as(case, role)
        sent[role] += 1
        sent[f"{response.status_code // 100}xx"] += 1
        sent[f"{operation.label} -> {response.status_code}"] += 1
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except (AssertionError, FailureGroup):  # schemathesis' failures: keep going, report them all
            errors.append(
                {"role": role, "operation": operation.label, "mode": mode.value, "status": response.status_code,
                 "request": case.as_curl_command()[:2000], "body": response.text[:300]}
            )  # fmt: skip

    try:
        run()
    except Unsatisfiable:  # an operation with nothing to make invalid (no parameters, no body) has no negative case
        assert mode is GenerationMode.NEGATIVE, operation.label


def test_no_operation_answers_a_server_error_for_any_role(
    http: httpx.Client, api_base_url: str, demo: Any, runtime: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = schemathesis.openapi.from_dict(create_app().openapi())
    identities = _Identities(http)
    ids = _real_ids(http, runtime, identities)

    def call_as(case: schemathesis.Case, role: str) -> Any:
        return case.call(base_url=api_base_url, headers=identities[role], timeout=60)

    sent: Counter[str] = Counter()
    server_errors: list[dict[str, Any]] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    started = time.monotonic()
    for operation in operations:
        for role in ROLES:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _fuzz(operation, mode, role, call_as, sent, server_errors)
            real = {p.name: ids[p.name] for p in operation.path_parameters if p.name in ids}
            if operation.path.endswith("/close"):  # closing withdraws the job's matches: close another one
                real["job_id"] = ids["closable_job_id"]
            if real:  # and valid data against things that exist
                _fuzz(operation, GenerationMode.POSITIVE, role, call_as, sent, server_errors, real)
            if operation.path.startswith("/api/auth/"):
                identities.renew()
    summary = {
        "operations": len(operations),
        "examples": EXAMPLES,
        "seed": SEED,
        "requests": sum(sent[role] for role in ROLES),
        "by_role": {role: sent[role] for role in ROLES},
        "by_status": {k: v for k, v in sorted(sent.items()) if k.endswith("xx")},
        "server_errors": len(server_errors),
        "seconds": round(time.monotonic() - started, 1),
    }
    with capsys.disabled():
        print(f"\nfuzz: {json.dumps(summary)}")
        for error in server_errors[:50]:
            print(f"  {error['status']} {error['role']} {error['mode']} {error['operation']}: {error['body'][:200]}")
    if os.environ.get("HIRING_FUZZ_REPORT"):
        answers = {k: v for k, v in sorted(sent.items()) if " -> " in k}
        report = {**summary, "answers": answers, "errors": server_errors}
        Path(os.environ["HIRING_FUZZ_REPORT"]).write_text(json.dumps(report, indent=1))
    assert summary["requests"] >= len(operations) * len(ROLES)  # every operation ran as every role
    assert server_errors == [], f"{len(server_errors)} server errors in {summary['requests']} requests"
