"""A bounded fuzz of the whole API: every operation of the OpenAPI document, as each role, with data generated
from the schema (valid and invalid), over real HTTP; no answer may be a server error (schemathesis'
not_a_server_error check).

Small by default (a fixed seed, HIRING_FUZZ_EXAMPLES examples per operation, role and generation mode), so it
runs in `make test`; at scale:

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

    def __getitem__(self, role: str) -> dict[str, str]:
        if time.monotonic() - self.at > RELOGIN_AFTER_S:
            self.headers = {r.value: login(self.http, email) for r, email in DEMO_USERS.items()}
            self.headers["anonymous"] = {}
            self.headers["scraper"] = self.scraper
            self.at = time.monotonic()
        return self.headers[role]


def _fuzz(
    operation: Any, mode: GenerationMode, role: str, call_as: Any, sent: Counter[str], errors: list[dict[str, Any]]
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
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: schemathesis.Case) -> None:
        response = call_as(case, role)
        sent[role] += 1
        sent[f"{response.status_code // 100}xx"] += 1
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
    http: httpx.Client, api_base_url: str, demo: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = schemathesis.openapi.from_dict(create_app().openapi())
    identities = _Identities(http)

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
        Path(os.environ["HIRING_FUZZ_REPORT"]).write_text(json.dumps({**summary, "errors": server_errors}, indent=1))
    assert summary["requests"] >= len(operations) * len(ROLES)  # every operation ran as every role
    assert server_errors == [], f"{len(server_errors)} server errors in {summary['requests']} requests"
