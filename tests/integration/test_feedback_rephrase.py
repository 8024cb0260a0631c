"""The optional LLM rephrasing of a rejection's feedback, through the real API, Postgres and a local OpenAI-compatible
server that records every request.

Off unless HIRING_MATCH_REPHRASE=on-view (the match explanations' switch) with the LLM on; the deterministic feedback is
always there; a reply naming a skill, number or company the feedback does not hold is refused; a person who refused AI
processing is never sent to the model; one call per application and feedback, recorded and linked from the audit log.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from hiring.config import Settings, reset_settings
from hiring.observability import metrics
from hiring.principal import Principal, Role
from hiring.services.jobs import JobPosting
from tests.conftest import REPO_ROOT, login
from tests.support.fake_openai_server import FakeOpenAIServer, json_reply

PASSWORD = "a long password 1"
BACKEND = "Requirements:\n• Python\n• PostgreSQL\n• Kubernetes\n• Haskell\n5+ years of experience."
FAITHFUL = "Thank you for applying. This role asks for Haskell, which your resume does not show yet."
ON_VIEW = pytest.mark.parametrize("settings", ["on-view"], indirect=True)
World = dict[str, Any]


@pytest.fixture
def settings(settings: Settings, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Settings:
    """The suite's settings with HIRING_MATCH_REPHRASE unset, or set to the value a test is parametrized with."""
    switch = getattr(request, "param", None)
    if switch is None:
        monkeypatch.delenv("HIRING_MATCH_REPHRASE", raising=False)
    else:
        monkeypatch.setenv("HIRING_MATCH_REPHRASE", switch)
    reset_settings()
    return Settings()


def _user(container: Any, tenant_id: str, email: str, role: Role) -> Principal:
    return Principal(container.identity.create_user(tenant_id, email, PASSWORD, role), tenant_id, role, email)


@pytest.fixture
def world(container: Any, http: httpx.Client, llm: FakeOpenAIServer) -> World:
    """Ada applied to a backend job of Acme and was rejected; another job of the tenant is at Initech."""
    tenant_id = container.identity.create_tenant("acme", "Acme")
    staff = _user(container, tenant_id, "rec@acme.test", Role.RECRUITER)
    ada = _user(container, tenant_id, "ada@acme.test", Role.CANDIDATE)
    document = json.loads((REPO_ROOT / "tests" / "fixtures" / "resumes" / "okafor.resume.json").read_text())
    resume = str(container.resumes.import_json_resume(ada, document).id)
    jobs = []
    for company in ("Acme", "Initech"):
        posting = JobPosting(title="Backend Engineer", description=BACKEND, location="Remote", company=company)
        jobs.append(str(container.jobs.create(staff, posting).id))
        container.jobs.analyze(tenant_id, jobs[-1])
    headers = login(http, "ada@acme.test", PASSWORD)
    applied = http.post("/api/applications", headers=headers, json={"job_id": jobs[0], "resume_id": resume})
    assert applied.status_code == 201, applied.text
    application = applied.json()["id"]
    rejected = http.post(f"/api/applications/{application}/status", headers=login(http, "rec@acme.test", PASSWORD),
                         json={"status": "rejected", "reason": "We chose someone with more Haskell."})  # fmt: skip
    assert rejected.status_code == 200, rejected.text
    return {"ada": ada, "headers": headers, "application": application, "path": f"/api/applications/{application}"}


def _feedback(http: httpx.Client, world: World) -> dict[str, Any]:
    response = http.get(world["path"], headers=world["headers"])
    assert response.status_code == 200, response.text
    feedback: dict[str, Any] = response.json()["feedback"]
    return feedback


def _counted() -> dict[str, float]:
    """The feedback rephrasing's EMF metrics recorded since the last clear."""
    counted = {name: sum(entry["Value"]) for name, entry in metrics.metric_set.items() if name.startswith("Feedback")}
    metrics.clear_metrics()
    return counted


def _calls(container: Any) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return conn.execute("SELECT * FROM llm_calls ORDER BY created_at").fetchall()


def _stored(container: Any, world: World) -> dict[str, Any] | None:
    with container.db.connect() as conn:
        row = conn.execute(
            "SELECT feedback_rephrasing FROM applications WHERE id = %s", (world["application"],)
        ).fetchone()
    return row["feedback_rephrasing"]  # type: ignore[no-any-return]


def test_rephrasing_is_off_by_default_and_the_deterministic_feedback_is_there(
    container: Any, http: httpx.Client, llm: FakeOpenAIServer, world: World
) -> None:
    feedback = _feedback(http, world)

    assert feedback["rephrased"] is None and "Haskell" in feedback["summary"]
    assert llm.requests == [] and _calls(container) == [] and _stored(container, world) is None


@ON_VIEW
def test_an_accepted_rephrasing_is_shown_asked_once_recorded_and_linked_from_the_audit_log(
    container: Any, http: httpx.Client, llm: FakeOpenAIServer, world: World
) -> None:
    llm.script(json_reply({"text": FAITHFUL}))
    metrics.clear_metrics()

    first, second = _feedback(http, world), _feedback(http, world)

    assert _counted() == {"FeedbackRephrased": 1.0}
    assert first == second and first["rephrased"] == {"text": FAITHFUL, "model": "test-model", "grounded": True}
    assert "Haskell" in first["summary"] and first["reason"] == "We chose someone with more Haskell."
    [request] = llm.requests  # the second read used the stored outcome
    assert request.body["messages"][0]["content"].startswith("You rewrite the feedback a candidate receives")
    sent = request.body["messages"][1]["content"]
    assert first["summary"] in sent and "okafor" not in sent.lower()  # the feedback, never the resume
    [call] = _calls(container)
    assert (call["prompt_id"], call["prompt_version"], call["outcome"]) == ("rejection_feedback", 1, "ok")
    stored = _stored(container, world)
    assert stored is not None and stored["llm_call_id"] == str(call["id"]) and stored["outcome"] == "ok"
    with container.db.connect() as conn:
        [audit] = conn.execute(
            "SELECT subject_id, detail FROM audit_log WHERE kind = 'llm_call' AND subject_kind = 'llm_call'"
        ).fetchall()
    assert audit["subject_id"] == str(call["id"]) and audit["detail"]["application_id"] == world["application"]


@ON_VIEW
def test_a_reply_naming_a_skill_number_or_company_not_in_the_feedback_is_refused_and_kept_deterministic(
    container: Any, http: httpx.Client, llm: FakeOpenAIServer, world: World
) -> None:
    llm.script(json_reply({"text": "Learn Rust for 4817 hours and apply at Initech instead."}))
    metrics.clear_metrics()

    first, second = _feedback(http, world), _feedback(http, world)

    assert _counted() == {"FeedbackRephraseRefused": 1.0}

    assert first["rephrased"] is None and second == first
    assert len(llm.requests) == 1
    [call] = _calls(container)
    stored = _stored(container, world)
    assert call["outcome"] == "rejected" and stored is not None and stored["outcome"] == "rejected"
    for reason in ("number 4817 is not in the feedback", "skill Rust is not in the feedback",
                   "company Initech is not in the feedback"):  # fmt: skip
        assert reason in call["error"] and reason in stored["error"]


@ON_VIEW
def test_a_person_who_refused_ai_processing_is_never_sent_to_the_model(
    container: Any, http: httpx.Client, llm: FakeOpenAIServer, world: World
) -> None:
    llm.script(json_reply({"text": FAITHFUL}))
    refused = http.put("/api/me/privacy", headers=world["headers"],
                       json={"ai_processing": False, "automated_ranking": True})  # fmt: skip
    assert refused.status_code == 200, refused.text

    reads = [_feedback(http, world) for _ in range(2)]

    assert all(read["rephrased"] is None and read["gaps"] for read in reads)
    assert llm.requests == [] and _calls(container) == [] and _stored(container, world) is None
