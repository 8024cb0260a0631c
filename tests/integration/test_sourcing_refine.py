"""LLM keyword refinement of a sourcing run through the real API, Postgres and a local OpenAI-compatible server
(issue 14): without an LLM the run is made deterministically and says refinement was unavailable; a grounded term
is kept in the keywords, boolean strings and tasks while a hallucinated one is refused with its reason; a bad answer
(not JSON, wrong shape) is refused with a stored reason and the run still works; each call is an llm_calls row and
an audit entry."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from hiring.principal import Principal, Role
from hiring.scraping.bots import ScraperPrincipal
from hiring.services.jobs import JobPosting
from hiring.services.sourcing import SourcingService
from hiring.sourcing.refine import PROMPT_ID, REFUSED_UNGROUNDED
from tests.conftest import login
from tests.support.fake_openai_server import FakeOpenAIServer, json_reply, text_reply

PASSWORD = "a long password 1"
POSTING = "Requirements:\n• 5+ years of Python\n• Kubernetes in production\n• PostgreSQL\nNice to have: Terraform."


@pytest.fixture
def world(container: Any, http: httpx.Client) -> dict[str, Any]:
    tenant_id = container.identity.create_tenant("acme", "Acme")
    user_id = container.identity.create_user(tenant_id, "rec@acme.test", PASSWORD, Role.RECRUITER)
    staff = Principal(user_id, tenant_id, Role.RECRUITER, "rec@acme.test")
    posting = JobPosting(title="Senior Backend Engineer", description=POSTING, location="Berlin, Germany")
    job = str(container.jobs.create(staff, posting).id)
    container.jobs.analyze(tenant_id, job)
    return {"headers": login(http, "rec@acme.test", PASSWORD), "job_id": job, "tenant_id": tenant_id}


def _run(http: httpx.Client, world: dict[str, Any], **extra: Any) -> dict[str, Any]:
    response = http.post("/api/sourcing/runs", headers=world["headers"], json={"job_id": world["job_id"], **extra})
    assert response.status_code == 201, response.text
    run: dict[str, Any] = response.json()
    return run


def _tasks(http: httpx.Client, world: dict[str, Any], run_id: str) -> list[dict[str, Any]]:
    response = http.get(f"/api/sourcing/runs/{run_id}/tasks", headers=world["headers"])
    assert response.status_code == 200, response.text
    tasks: list[dict[str, Any]] = response.json()
    return tasks


def _calls(container: Any) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return conn.execute(
            "SELECT id::text AS id, tenant_id::text AS tenant_id, prompt_id, prompt_version, outcome, tokens_in,"
            " tokens_out, hallucinations, dropped, error FROM llm_calls ORDER BY created_at"
        ).fetchall()


def _audits(container: Any, kind: str) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return conn.execute(
            "SELECT subject_id, detail FROM audit_log WHERE kind = %s ORDER BY created_at", (kind,)
        ).fetchall()


def test_without_an_llm_the_run_is_deterministic_and_says_refinement_was_unavailable(
    container: Any, http: httpx.Client, world: dict[str, Any]
) -> None:
    plain = _run(http, world)
    assert plain["keywords"]["refined"] is None and plain["keywords"]["terms"] == []
    asked = _run(http, world, refine=True)
    refined = asked["keywords"]["refined"]
    assert refined["status"] == "unavailable" and "HIRING_LLM_ENABLED" in refined["reason"]
    assert refined["accepted"] == [] and refined["refused"] == []
    assert asked["boolean_strings"] == plain["boolean_strings"]
    assert {k: v for k, v in asked["keywords"].items() if k != "refined"} == {
        k: v for k, v in plain["keywords"].items() if k != "refined"
    }
    assert [t["query"] for t in _tasks(http, world, asked["id"])] == [
        t["query"] for t in _tasks(http, world, plain["id"])
    ]
    assert _calls(container) == []
    stored = http.get(f"/api/sourcing/runs/{asked['id']}", headers=world["headers"]).json()
    assert stored["keywords"]["refined"]["status"] == "unavailable"


def test_grounded_terms_are_kept_in_the_strings_and_tasks_and_a_hallucinated_one_is_refused(
    container: Any, http: httpx.Client, world: dict[str, Any], llm: FakeOpenAIServer
) -> None:
    plain = _run(http, world)
    llm.script(json_reply({"titles": ["Web Software Engineer", "Chief Happiness Officer"],
                           "skills": ["k8s", "Rust", "Terraform"], "terms": ["in production"]}))  # fmt: skip
    run = _run(http, world, refine=True)
    refined = run["keywords"]["refined"]
    assert refined["status"] == "refined" and refined["model"] == "test-model"
    assert refined["prompt"] == f"{PROMPT_ID}.v1"
    assert {(a["term"], a["source"]) for a in refined["accepted"]} == {
        ("Web Software Engineer", "onet"),
        ("k8s", "taxonomy"),
        ("Terraform", "posting"),
        ("in production", "posting"),
    }
    assert {r["term"]: r["reason"] for r in refined["refused"]} == {
        "Chief Happiness Officer": REFUSED_UNGROUNDED,
        "Rust": REFUSED_UNGROUNDED,
    }
    keywords = run["keywords"]
    assert keywords["occupation"].startswith("15-1254.00")  # Web Developers: "web software engineer" is an alternate
    assert keywords["titles"] == [*plain["keywords"]["titles"], "Web Software Engineer"]  # the deterministic ones kept
    assert "Rust" not in str(run["boolean_strings"]) and "Happiness" not in str(run["boolean_strings"])
    assert '"k8s"' in run["boolean_strings"]["strict"] and '"in production"' in run["boolean_strings"]["broad"]
    assert all('"k8s"' in t["query"] for t in _tasks(http, world, run["id"]))
    stored = http.get(f"/api/sourcing/runs/{run['id']}", headers=world["headers"]).json()
    assert stored["keywords"]["refined"] == refined and stored["boolean_strings"] == run["boolean_strings"]

    assert len(llm.requests) == 1 and "Kubernetes in production" in str(llm.requests[0].body)
    (call,) = _calls(container)
    assert (call["prompt_id"], call["outcome"], call["tokens_in"], call["tokens_out"]) == (PROMPT_ID, "ok", 100, 50)
    assert call["tenant_id"] == world["tenant_id"] and call["hallucinations"] == 2
    assert sorted(d["value"] for d in call["dropped"]) == ["Chief Happiness Officer", "Rust"]
    assert [a["subject_id"] for a in _audits(container, "llm_call")] == [call["id"]]
    started = [a["detail"] for a in _audits(container, "sourcing_run_started") if a["subject_id"] == run["id"]]
    assert started == [{"job_id": world["job_id"], "limit": 100, "locations": keywords["locations"],
                        "refined": {"status": "refined", "accepted": 4, "refused": 2}}]  # fmt: skip


@pytest.mark.parametrize(
    "answer",
    [text_reply("Sure! Try searching for Kubernetes people."), json_reply({"keywords": ["Kubernetes"]}),
     json_reply({"titles": "Web Software Engineer"})],
    ids=["not-json", "unknown-field", "wrong-type"],
)  # fmt: skip
def test_a_bad_answer_is_refused_with_a_stored_reason_and_the_run_still_works(
    container: Any, http: httpx.Client, world: dict[str, Any], llm: FakeOpenAIServer, answer: Any
) -> None:
    plain = _run(http, world)
    llm.script(answer)
    run = _run(http, world, refine=True, locations=["Berlin", "Remote"])
    refined = run["keywords"]["refined"]
    assert refined["status"] == "failed" and "invalid_output" in refined["reason"]
    assert refined["accepted"] == [] and refined["refused"] == []
    assert run["keywords"]["titles"] == plain["keywords"]["titles"]
    assert run["keywords"]["skills"] == plain["keywords"]["skills"] and run["keywords"]["terms"] == []
    assert run["status"] == "open" and len(_tasks(http, world, run["id"])) == 2
    bot = ScraperPrincipal(str(uuid.uuid4()), world["tenant_id"], "bot", "abcd1234")
    handed = [SourcingService(container.db).next_task(bot) for _ in range(3)]  # the plain run's task, then these
    assert [t.run_id if t else None for t in handed] == [plain["id"], run["id"], run["id"]]
    assert handed[1] is not None and handed[1].query == _tasks(http, world, plain["id"])[0]["query"]
    stored = http.get(f"/api/sourcing/runs/{run['id']}", headers=world["headers"]).json()
    assert stored["keywords"]["refined"]["reason"] == refined["reason"]
    (call,) = _calls(container)
    assert (call["prompt_id"], call["outcome"]) == (PROMPT_ID, "invalid_output") and call["error"]
    started = [a["detail"] for a in _audits(container, "sourcing_run_started") if a["subject_id"] == run["id"]]
    assert started[0]["refined"] == {"status": "failed", "accepted": 0, "refused": 0}
