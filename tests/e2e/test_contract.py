"""The API contract: /openapi.json types every success response and declares the one error envelope on every error
answer, and the real answers of every route (the endpoint x role walk of test_access) match what it declares."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import jsonschema_rs
import pytest

from hiring.runtime.demo import DEMO_USERS
from tests.conftest import login
from tests.e2e.test_access import TABLE, walk_table

ENVELOPE = "#/components/schemas/ErrorEnvelope"
# The error answers every operation declares (create_app adds them to each router).
ERROR_STATUSES = ("401", "403", "404", "409", "413", "422", "429", "500")
METHODS = {"get", "put", "post", "delete", "patch"}
_ANNOTATIONS = {"title", "description", "examples", "example", "deprecated", "default", "readOnly", "writeOnly"}


@pytest.fixture
def document(http: httpx.Client) -> dict[str, Any]:
    response = http.get("/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method.upper(), path, operation


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        target: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        schema = target
    return schema


def _untyped(schema: dict[str, Any], document: dict[str, Any], seen: frozenset[str] = frozenset()) -> str | None:
    """Why a schema says nothing of its value (`{}`, an array of anything, an object of anything), or None."""
    ref = schema.get("$ref")
    if ref in seen:
        return None
    schema = _resolve(schema, document)
    seen = seen | {ref} if ref else seen
    if not set(schema) - _ANNOTATIONS:
        return "no schema (any value)"
    for union in ("anyOf", "oneOf", "allOf"):
        for part in schema.get(union, []):
            if part.get("type") != "null" and (why := _untyped(part, document, seen)):
                return why
    if schema.get("type") == "array":
        why = _untyped(schema.get("items", {}), document, seen)
        return f"array of {why}" if why else None
    if schema.get("type") == "object" and not schema.get("properties"):
        extra = schema.get("additionalProperties", True)
        if extra is True or (isinstance(extra, dict) and _untyped(extra, document, seen)):
            return "an object of anything"
    return None


def test_every_operation_declares_a_typed_success_and_the_error_envelope(document: dict[str, Any]) -> None:
    """Every problem of every operation, listed at once: a new route without a response model fails here."""
    problems: list[str] = []
    for method, path, operation in _operations(document):
        responses = operation["responses"]
        successes = {status: r for status, r in responses.items() if status.startswith("2")}
        if not successes:
            problems.append(f"{method} {path}: no success response")
        for status, response in successes.items():
            if status == "204":
                if response.get("content"):
                    problems.append(f"{method} {path} {status}: a 204 declares a body")
                continue
            content = response.get("content") or {}
            schema = next(iter(content.values()), {}).get("schema") if content else None
            why = "no content" if schema is None else _untyped(schema, document)
            if why:
                problems.append(f"{method} {path} {status}: success response has {why}")
        for status in ERROR_STATUSES:
            if status not in responses:
                problems.append(f"{method} {path}: no {status} answer declared")
        for status, response in responses.items():
            if status[0] in "45" and not (path == "/health" and status == "503"):
                schema = (response.get("content") or {}).get("application/json", {}).get("schema", {})
                if schema.get("$ref") != ENVELOPE:
                    problems.append(f"{method} {path} {status}: not the error envelope")
    assert not problems, f"{len(problems)} contract problems:\n" + "\n".join(problems)


def _validators(document: dict[str, Any]) -> dict[tuple[str, str, str], Any]:
    """A validator per (method, path template, status) for every declared JSON answer; $refs resolve against
    the document's components."""
    found = {}
    for method, path, operation in _operations(document):
        for status, response in operation["responses"].items():
            schema = (response.get("content") or {}).get("application/json", {}).get("schema")
            if schema is not None:
                rooted = {**schema, "components": document["components"]}
                found[(method, path, status)] = jsonschema_rs.Draft202012Validator(rooted)
    envelope = {"$ref": ENVELOPE, "components": document["components"]}
    found[("*", "*", "error")] = jsonschema_rs.Draft202012Validator(envelope)  # paths the document lacks
    return found


def _template(document: dict[str, Any], method: str, url_path: str) -> str | None:
    """The document's path template that a concrete path matches."""
    parts = url_path.split("/")
    for template, item in document["paths"].items():
        pieces = template.split("/")
        if method.lower() not in item or len(pieces) != len(parts):
            continue
        if all(p == q or (p.startswith("{") and p.endswith("}")) for p, q in zip(pieces, parts, strict=True)):
            return str(template)
    return None


def _check(document: dict[str, Any], validators: dict[tuple[str, str, str], Any], response: httpx.Response) -> str:
    """'' when the answer matches what the document declares for its operation and status, else why not."""
    method, url_path = response.request.method, response.request.url.path
    template = _template(document, method, url_path)
    where = f"{method} {template or url_path} {response.status_code}"
    if template is None and response.status_code >= 400:  # the framework's 404 and 405: the envelope too
        errors = [e.message for e in validators[("*", "*", "error")].iter_errors(response.json())]
        return f"{where}: {errors}" if errors else ""
    if template is None:
        return f"{where}: not in the document"
    operation = document["paths"][template][method.lower()]
    if str(response.status_code) not in operation["responses"]:
        return f"{where}: status not declared"
    if not response.content:
        return "" if response.status_code == 204 else f"{where}: empty body"
    declared = operation["responses"][str(response.status_code)].get("content") or {}
    if "application/json" not in declared and response.headers.get("content-type", "").split(";")[0] in declared:
        return ""  # a declared binary answer (the privacy export's zip), not JSON to validate
    validator = validators.get((method, template, str(response.status_code)))
    if validator is None:
        return f"{where}: a body where none is declared"
    errors = [f"{e.instance_path}: {e.message}"[:300] for e in validator.iter_errors(response.json())]
    error = response.json().get("error") if response.status_code >= 400 else None
    if isinstance(error, dict) and error.get("detail") != error.get("details"):  # the deprecated alias, same value
        errors.append("error.detail differs from error.details")
    return f"{where}: {errors[:5]}" if errors else ""


def test_every_real_answer_matches_its_declared_schema(  # type: ignore[no-untyped-def]
    http: httpx.Client, demo, runtime, document: dict[str, Any]
) -> None:
    """The endpoint x role walk (every route, each caller, real data), the public routes, and some refusals: each
    body validates against the schema of its operation and status."""
    validators = _validators(document)
    answers = [response for *_, response in walk_table(http, runtime)]
    assert len(answers) == len(TABLE) * 4
    answers += _public_and_refused(http)
    problems = sorted({why for why in (_check(document, validators, a) for a in answers) if why})
    assert not problems, f"{len(problems)} answers do not match the contract:\n" + "\n".join(problems)


def _public_and_refused(http: httpx.Client) -> list[httpx.Response]:
    """The routes outside the walk's table (sign-up, registration, tokens) and refusals of several kinds."""
    password = "a long contract password"
    answers = [
        http.post(
            "/api/tenants",
            json={"slug": "acme", "name": "Acme", "admin_email": "a@acme.test", "admin_password": password},
        ),
        http.post("/api/auth/register", json={"tenant": "demo", "email": "c@cand.test", "password": password}),
        http.post("/api/auth/register", json={"tenant": "demo", "email": "c@cand.test", "password": password}),  # 409
        http.post("/api/auth/register", json={"tenant": "demo", "email": "x@cand.test", "password": "password"}),  # 422
        http.post("/api/auth/login", json={"email": "c@cand.test", "password": "wrong password"}),  # 401
        http.post("/api/auth/login", json={"email": "c@cand.test"}),  # 422 from the framework's validation
        http.get("/api/no-such-route"),  # 404 from the framework
    ]
    tokens = http.post("/api/auth/login", json={"email": "c@cand.test", "password": password})
    refreshed = http.post("/api/auth/refresh", json={"refresh_token": tokens.json()["refresh_token"]})
    headers = login(http, DEMO_USERS[next(iter(DEMO_USERS))])
    answers += [
        tokens,
        refreshed,
        http.post("/api/auth/refresh", json={"refresh_token": tokens.json()["refresh_token"]}),  # 401: reused
        http.post("/api/auth/logout", json={"refresh_token": refreshed.json()["refresh_token"]}),  # 204
        http.get("/api/resumes/00000000-0000-0000-0000-000000000000", headers=headers),  # 404
        http.get("/api/jobs", params={"q": "a\x00b"}, headers=headers),  # 422 invalid_text from the guard
    ]
    return answers
