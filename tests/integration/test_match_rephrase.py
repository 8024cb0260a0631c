"""The LLM rephrasing of a match's explanation, through the real API, Postgres and a local OpenAI-compatible server.

HIRING_MATCH_REPHRASE is off by default; on-view asks the model once per explanation, keeps the checked outcome in
the match row, records every call in llm_calls, and asks again only when the match is re-scored.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
import pytest

from hiring.config import Settings, reset_settings
from hiring.principal import Principal, Role
from hiring.services.jobs import JobPosting
from tests.conftest import REPO_ROOT, login
from tests.support.fake_openai_server import FakeOpenAIServer, error_reply, json_reply

PASSWORD = "a long password 1"
FRONTEND = ("Build our web app.\nRequirements:\n• TypeScript\n• JavaScript\nNice to have: Node.js", "Austin, TX")
FAITHFUL = "Your TypeScript and JavaScript work fits this role well."
INVENTED = "Your Rust work and 4817 hours of experience make you a fit."
World = dict[str, Any]
ON_VIEW = pytest.mark.parametrize("settings", ["on-view"], indirect=True)


@pytest.fixture
def settings(settings: Settings, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Settings:
    """The suite's settings with HIRING_MATCH_REPHRASE unset, or set to the value a test is parametrized with."""
    switch = getattr(request, "param", None)
    if switch is None:
        monkeypatch.delenv("HIRING_MATCH_REPHRASE", raising=False)  # the default, whatever the shell has
    else:
        monkeypatch.setenv("HIRING_MATCH_REPHRASE", switch)
    reset_settings()
    return Settings()


@pytest.fixture
def world(container: Any, http: httpx.Client, llm: FakeOpenAIServer) -> World:
    """A tenant with an admin, one frontend job and one frontend developer, matched; the admin logged in."""
    tenant_id = container.identity.create_tenant("acme", "Acme")
    user_id = container.identity.create_user(tenant_id, "admin@acme.test", PASSWORD, Role.ADMIN)
    staff = Principal(user_id, tenant_id, Role.ADMIN, "admin@acme.test")
    document = json.loads((REPO_ROOT / "tests" / "fixtures" / "resumes" / "okafor.resume.json").read_text())
    resume = container.resumes.import_json_resume(staff, document).id
    container.resumes.embed(tenant_id, resume)
    description, location = FRONTEND
    job = str(container.jobs.create(staff, JobPosting(title="Frontend Developer", description=description,
                                                  location=location, company="Acme")).id)  # fmt: skip
    container.jobs.analyze(tenant_id, job)
    container.matching.match_candidate(tenant_id, resume)
    headers = login(http, "admin@acme.test", PASSWORD)
    return {"staff": staff, "resume": resume, "job": job, "headers": headers,
            "path": f"/api/resumes/{resume}/matches/{job}"}  # fmt: skip


def _read(http: httpx.Client, world: World) -> dict[str, Any]:
    response = http.get(world["path"], headers=world["headers"])
    assert response.status_code == 200, response.text
    return response.json()


def _stored(container: Any, world: World) -> dict[str, Any]:
    with container.db.connect() as conn:
        return conn.execute(
            "SELECT explanation, rephrasing FROM matches WHERE resume_id = %s AND job_id = %s",
            (world["resume"], world["job"]),
        ).fetchone()


def _calls(container: Any) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return conn.execute("SELECT * FROM llm_calls ORDER BY created_at").fetchall()


def test_rephrasing_is_off_by_default_and_no_model_is_called(
    container: Any, http: httpx.Client, llm: FakeOpenAIServer, world: World
) -> None:
    first, second = _read(http, world), _read(http, world)

    assert container.settings.match_rephrase == "off"
    assert "rephrased" not in first["explanation"] and second == first
    assert llm.requests == [] and _calls(container) == []
    assert _stored(container, world)["rephrasing"] is None


@ON_VIEW
def test_an_accepted_rephrasing_is_shown_stored_and_not_asked_for_twice(
    container: Any, http: httpx.Client, llm: FakeOpenAIServer, world: World
) -> None:
    llm.script(json_reply({"text": FAITHFUL}))

    first, second = _read(http, world), _read(http, world)

    deterministic = _stored(container, world)["explanation"]
    for read in (first, second):
        assert read["explanation"] == {**deterministic, "rephrased": FAITHFUL, "rephrased_by": "test-model"}
    [request] = llm.requests  # the second read used the stored text
    system = request.body["messages"][0]["content"]
    assert system.startswith("You rewrite a job-match explanation") and '"title": "Rephrased"' in system
    assert deterministic["summary"] in request.body["messages"][1]["content"]
    [call] = _calls(container)
    assert (call["prompt_id"], call["prompt_version"], call["outcome"], call["model"]) == (
        "match_explanation", 1, "ok", "test-model")  # fmt: skip
    assert (str(call["tenant_id"]), str(call["resume_id"])) == (world["staff"].tenant_id, world["resume"])
    assert _stored(container, world)["rephrasing"]["text"] == FAITHFUL


@ON_VIEW
def test_a_reply_inventing_a_skill_and_a_number_is_rejected_recorded_not_retried(
    container: Any, http: httpx.Client, llm: FakeOpenAIServer, world: World
) -> None:
    llm.script(json_reply({"text": INVENTED}))

    first, second = _read(http, world), _read(http, world)

    deterministic = _stored(container, world)["explanation"]
    assert first["explanation"] == deterministic and second["explanation"] == deterministic
    assert len(llm.requests) == 1
    [call] = _calls(container)
    assert call["outcome"] == "rejected"
    assert "number 4817 is not in the breakdown" in call["error"] and "skill Rust is not" in call["error"]
    stored = _stored(container, world)["rephrasing"]
    assert (stored["outcome"], stored["text"]) == ("rejected", None)


@ON_VIEW
def test_a_failed_call_keeps_the_deterministic_text_and_is_not_retried_on_each_view(
    container: Any, http: httpx.Client, llm: FakeOpenAIServer, world: World
) -> None:
    llm.script(error_reply(503))

    reads = [_read(http, world) for _ in range(3)]

    assert all("rephrased" not in read["explanation"] for read in reads)
    assert len(llm.requests) == 1
    assert [c["outcome"] for c in _calls(container)] == ["server_error"]


@ON_VIEW
def test_rescoring_drops_the_stored_rephrasing_and_asks_once_for_the_new_explanation(
    container: Any, http: httpx.Client, llm: FakeOpenAIServer, world: World
) -> None:
    rescored = "Your TypeScript work fits; Rust is the gap."
    llm.script(json_reply({"text": FAITHFUL}), json_reply({"text": rescored}))
    before = _read(http, world)
    staff, (_, location) = world["staff"], FRONTEND
    container.jobs.update(staff, world["job"], JobPosting(
        title="Frontend Developer", description="Requirements:\n• TypeScript\n• JavaScript\n• Rust", location=location,
        company="Acme"))  # fmt: skip
    container.jobs.analyze(staff.tenant_id, world["job"])
    container.matching.match_candidate(staff.tenant_id, world["resume"])

    after, again = _read(http, world), _read(http, world)

    assert before["explanation"]["rephrased"] == FAITHFUL
    assert after["score"] != before["score"] and after["explanation"]["summary"] != before["explanation"]["summary"]
    assert after["explanation"]["rephrased"] == rescored and again["explanation"]["rephrased"] == rescored
    assert len(llm.requests) == 2
    assert [c["outcome"] for c in _calls(container)] == ["ok", "ok"]


@ON_VIEW
def test_a_reader_during_the_call_gets_the_deterministic_text_and_makes_no_call(
    container: Any, http: httpx.Client, llm: FakeOpenAIServer, world: World
) -> None:
    llm.script(json_reply({"text": FAITHFUL}, delay_s=1.5))
    slow: dict[str, Any] = {}
    first = threading.Thread(target=lambda: slow.update(_read(http, world)))
    first.start()
    deadline = time.monotonic() + 10
    while not llm.requests and time.monotonic() < deadline:
        time.sleep(0.02)

    meanwhile = _read(http, world)
    first.join(timeout=15)

    assert "rephrased" not in meanwhile["explanation"]
    assert slow["explanation"]["rephrased"] == FAITHFUL
    assert len(llm.requests) == 1
