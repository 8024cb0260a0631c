"""The cover letter's optional LLM rephrasing in a pack, through the real API, Postgres and a local OpenAI-compatible
server recording every request: off by default; on the match rephrasing's switch a grounded reply is kept and
recorded, an ungrounded one refused (the draft stays), and a person who refused AI processing is never sent."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from hiring.config import Settings, reset_settings
from hiring.principal import Principal, Role
from hiring.services.jobs import JobPosting
from tests.conftest import REPO_ROOT, login
from tests.support.fake_openai_server import FakeOpenAIServer, json_reply

PASSWORD = "a long password 1"
FRONTEND = "Requirements:\n• React\n• TypeScript\n• Kubernetes\n\nNice to have:\n• CSS\n"
FAITHFUL = "I would like to join as a Frontend Engineer: I shipped React and TypeScript work. Kubernetes is new to me."
ON_VIEW = pytest.mark.parametrize("settings", ["on-view"], indirect=True)


@pytest.fixture
def settings(settings: Settings, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Settings:
    switch = getattr(request, "param", None)
    if switch is None:
        monkeypatch.delenv("HIRING_MATCH_REPHRASE", raising=False)
    else:
        monkeypatch.setenv("HIRING_MATCH_REPHRASE", switch)
    reset_settings()
    return Settings()


@pytest.fixture
def world(container: Any, http: httpx.Client, llm: FakeOpenAIServer) -> dict[str, Any]:
    tenant_id = container.identity.create_tenant("acme", "Acme")
    staff = container.identity.create_user(tenant_id, "rec@acme.test", PASSWORD, Role.RECRUITER)
    ada_id = container.identity.create_user(tenant_id, "ada@acme.test", PASSWORD, Role.CANDIDATE)
    ada = Principal(ada_id, tenant_id, Role.CANDIDATE, "ada@acme.test")
    document = json.loads((REPO_ROOT / "tests" / "fixtures" / "resumes" / "okafor.resume.json").read_text())
    resume = str(container.resumes.import_json_resume(ada, document).id)
    posting = JobPosting(title="Frontend Engineer", description=FRONTEND, location="Remote", company="Acme")
    job = str(container.jobs.create(Principal(staff, tenant_id, Role.RECRUITER, "rec@acme.test"), posting).id)
    container.jobs.analyze(tenant_id, job)
    return {"headers": login(http, "ada@acme.test", PASSWORD), "body": {"resume_id": resume, "job_id": job}}


def _letter(http: httpx.Client, world: dict[str, Any]) -> dict[str, Any]:
    response = http.post("/api/packs", headers=world["headers"], json=world["body"])
    assert response.status_code == 201, response.text
    letter: dict[str, Any] = response.json()["cover_letter"]
    return letter


def _calls(container: Any) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return conn.execute("SELECT prompt_id, outcome FROM llm_calls ORDER BY created_at").fetchall()


def test_off_by_default_the_draft_is_deterministic(container: Any, http: httpx.Client, llm: FakeOpenAIServer,
                                                   world: dict[str, Any]) -> None:  # fmt: skip
    first, second = _letter(http, world), _letter(http, world)
    assert first == second and first["rephrased"] is None and first["gaps"] == ["Kubernetes"]
    assert llm.requests == [] and _calls(container) == []


@ON_VIEW
def test_a_grounded_rephrasing_is_kept_and_an_ungrounded_one_refused(
    container: Any, http: httpx.Client, llm: FakeOpenAIServer, world: dict[str, Any]
) -> None:
    llm.script(json_reply({"text": FAITHFUL}), json_reply({"text": "I ran Kubernetes and Rust for 9 years."}))
    kept = _letter(http, world)
    assert kept["rephrased"] == {"text": FAITHFUL, "model": "test-model", "grounded": True}
    refused = _letter(http, world)
    assert refused["rephrased"] is None and refused["text"] == kept["text"]
    assert [(c["prompt_id"], c["outcome"]) for c in _calls(container)] == [
        ("cover_letter", "ok"), ("cover_letter", "rejected")
    ]  # fmt: skip
    assert len(llm.requests) == 2 and "Kubernetes" in json.dumps(llm.requests[0].body)


@ON_VIEW
def test_a_person_who_refused_ai_processing_is_never_sent_to_the_model(
    container: Any, http: httpx.Client, llm: FakeOpenAIServer, world: dict[str, Any]
) -> None:
    llm.script(json_reply({"text": FAITHFUL}))
    chosen = http.put("/api/me/privacy", headers=world["headers"], json={"ai_processing": False,
                                                                         "automated_ranking": True})  # fmt: skip
    assert chosen.status_code == 200, chosen.text
    assert _letter(http, world)["rephrased"] is None
    assert llm.requests == [] and _calls(container) == []
