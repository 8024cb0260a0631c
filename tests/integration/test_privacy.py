"""Privacy by design on the real embedded Postgres: erasure leaves nothing of the person, the export holds all of it,
the AI-processing choice keeps every LLM away, and retention erases the inactive."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

import pytest

from hiring.errors import Conflict, NotFound
from hiring.principal import Principal, Role
from hiring.runtime.demo import DEMO_USERS
from hiring.services.privacy import PrivacyService
from tests.integration.test_candidate_side import _suggested
from tests.pdfs import text_pdf
from tests.support.fake_openai_server import FakeOpenAIServer

NAME, EMAIL = "Zelda Quixotica", "zelda.quixotica@example.net"
PASSWORD = "a long enough password 7"
CV = (
    f"{NAME}\n{EMAIL}\n\nSUMMARY\nSenior data engineer.\n\n"
    "SKILLS\nPython, SQL, Kubernetes, machine learning, Azure, distributed systems\n\n"
    "EXPERIENCE\nContoso Ltd - Senior Engineer (2018 - Present)\nBuilt data pipelines in Python on Azure."
)
EVIDENCE = "Built data pipelines"  # a line of the resume the match's evidence quotes


def _staff(container: Any, role: Role) -> Principal:
    with container.db.connect() as conn:
        user = conn.execute("SELECT id, tenant_id, email FROM users WHERE email = %s", (DEMO_USERS[role],)).fetchone()
    return Principal(str(user["id"]), str(user["tenant_id"]), role, user["email"])


def _privacy(container: Any) -> PrivacyService:
    from hiring.api.deps import privacy_service

    return privacy_service()


def _applications(container: Any) -> Any:
    from hiring.api.deps import application_service

    return application_service()


def _person(container: Any, runtime: Any) -> tuple[Principal, str]:
    """A registered candidate with a parsed, embedded, matched resume; a recruiter's feedback on one match; a failed
    login of their email (a throttle row); an active session."""
    tenant_id, user_id = container.identity.register("demo", EMAIL, PASSWORD, full_name=NAME)
    person = Principal(user_id, tenant_id, Role.CANDIDATE, EMAIL)
    resume = container.resumes.upload(person, "zelda-quixotica-cv.pdf", text_pdf(CV), "application/pdf").id
    runtime.drain()
    matches = container.matching.resume_matches(person, resume)
    assert matches, "the resume should have been matched"
    recruiter = _staff(container, Role.RECRUITER)
    container.matching.change_status(recruiter, resume, str(matches[0].job_id), "shortlisted", f"{NAME} fits", 5)
    applied = _applications(container).apply(person, str(matches[1].job_id), resume)
    _applications(container).change_status(recruiter, str(applied.id), "screening", f"call {NAME} back")
    container.identity.login(EMAIL, PASSWORD)
    with pytest.raises(Exception):  # noqa: B017 - the failure itself does not matter, the throttle row does
        container.identity.login(EMAIL, "a wrong password entirely")
    return person, resume


def _everywhere(container: Any, needles: list[str]) -> list[str]:
    """Every (table.column) of the public schema holding any needle, case-insensitively: text, varchar, jsonb,
    json and array columns of every table, found through information_schema."""
    found = []
    with container.db.connect() as conn:
        columns = conn.execute(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c"
            " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
            " WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'"
            " AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')"
        ).fetchall()
        assert len(columns) > 50  # the walk really covers the schema
        for column in columns:
            for needle in needles:
                hit = conn.execute(
                    f'SELECT 1 FROM "{column["table_name"]}" WHERE "{column["column_name"]}"::text ILIKE %s LIMIT 1',
                    (f"%{needle}%",),
                ).fetchone()
                if hit:
                    found.append(f"{column['table_name']}.{column['column_name']} holds {needle!r}")
    return found


def _blob_keys(container: Any) -> list[str]:
    return [info.key for info in container.blobs.list("")]


def test_deleting_an_account_leaves_nothing_of_the_person(container: Any, demo: Any, runtime: Any) -> None:
    person, resume = _person(container, runtime)
    needles = [EMAIL, NAME, "Quixotica", EVIDENCE]
    before = _everywhere(container, needles)
    assert any(hit.startswith("users.") for hit in before) and any(hit.startswith("resumes.") for hit in before)
    assert any(hit.startswith("applications.") and EVIDENCE in hit for hit in before), "the snapshot quotes the resume"
    assert any(hit.startswith("match_feedback.") for hit in before)
    assert any(resume in key for key in _blob_keys(container))
    assert container.vectors.get(person.tenant_id, "resume", [resume])
    with container.db.connect() as conn:
        throttled = conn.execute("SELECT count(*) AS n FROM login_throttle").fetchone()["n"]
    assert throttled >= 1

    with container.db.connect() as conn:
        applications = conn.execute("SELECT id, job_id, status FROM applications").fetchall()
    assert len(applications) == 1

    erasure = _privacy(container).erase_account(person)

    assert _everywhere(container, needles) == []
    assert [key for key in _blob_keys(container) if resume in key or "quixotica" in key.lower()] == []
    assert container.vectors.get(person.tenant_id, "resume", [resume]) == {}
    with container.db.connect() as conn:
        assert conn.execute("SELECT 1 FROM users WHERE id = %s", (person.user_id,)).fetchone() is None
        left = conn.execute(
            "SELECT (SELECT count(*) FROM refresh_tokens WHERE user_id = %(u)s) AS sessions,"
            " (SELECT count(*) FROM status_events WHERE entity_id = %(r)s) AS history,"
            " (SELECT count(*) FROM matches WHERE resume_id = %(r)s) AS matches,"
            " (SELECT count(*) FROM queue_messages WHERE body->>'resume_id' = %(r)s::text) AS work,"
            " (SELECT count(*) FROM login_throttle) AS throttled",
            {"u": person.user_id, "r": resume},
        ).fetchone()
        tombstone = conn.execute("SELECT * FROM erasures WHERE subject = 'account'").fetchone()
    assert left == {"sessions": 0, "history": 0, "matches": 0, "work": 0, "throttled": throttled - 1}
    with container.db.connect() as conn:  # the funnel still counts the application, which names nobody
        anonymised = conn.execute(
            "SELECT id, job_id, status, resume_id, candidate_user_id FROM applications"
        ).fetchall()
        audit = conn.execute("SELECT kind, subject_kind, subject_id, detail FROM audit_log WHERE kind = 'erasure'")
        [entry] = audit.fetchall()
    assert [{k: r[k] for k in ("id", "job_id", "status")} for r in anonymised] == applications
    assert anonymised[0]["resume_id"] is None and anonymised[0]["candidate_user_id"] is None
    assert (entry["subject_kind"], entry["subject_id"]) == ("account", person.user_id)
    assert entry["detail"]["counts"]["resumes"] == 1
    assert str(tombstone["subject_id"]) == person.user_id and tombstone["trigger"] == "request"
    assert EMAIL not in json.dumps(tombstone, default=str) and NAME not in json.dumps(tombstone, default=str)
    assert erasure.counts["resumes"] == 1 and erasure.counts["users"] == 1 and erasure.counts["vectors"] == 1
    assert erasure.counts["blobs"] >= 1


def test_a_resume_is_erased_by_its_owner_or_staff_and_by_nobody_else(container: Any, demo: Any, runtime: Any) -> None:
    person, resume = _person(container, runtime)
    other = container.identity.register("demo", "someone.else@example.net", PASSWORD)[1]
    stranger = Principal(other, person.tenant_id, Role.CANDIDATE, "someone.else@example.net")
    privacy = _privacy(container)

    with pytest.raises(NotFound):
        privacy.erase_resume(stranger, resume)
    with pytest.raises(NotFound):
        privacy.erase_resume(person, "not-a-uuid")
    privacy.erase_resume(_staff(container, Role.RECRUITER), resume)

    with pytest.raises(NotFound):
        container.resumes.get(person, resume)
    with pytest.raises(NotFound):
        privacy.erase_resume(person, resume)  # gone: a second erasure finds nothing
    assert container.vectors.get(person.tenant_id, "resume", [resume]) == {}
    with container.db.connect() as conn:
        tombstone = conn.execute("SELECT trigger, actor_role FROM erasures WHERE subject_id = %s", (resume,)).fetchone()
        still = conn.execute("SELECT count(*) AS n FROM users WHERE id = %s", (person.user_id,)).fetchone()["n"]
    assert tombstone == {"trigger": "staff", "actor_role": "recruiter"}
    assert still == 1  # erasing a resume keeps the account


def test_the_last_admin_cannot_erase_their_account(container: Any, demo: Any) -> None:
    admin = _staff(container, Role.ADMIN)
    with pytest.raises(Conflict):
        _privacy(container).erase_account(admin)
    second = container.identity.create_user(admin.tenant_id, "second.admin@example.com", PASSWORD, Role.ADMIN)
    _privacy(container).erase_account(admin)
    with container.db.connect() as conn:
        admins = conn.execute("SELECT id FROM users WHERE role = 'admin' AND tenant_id = %s", (admin.tenant_id,))
        assert [str(r["id"]) for r in admins.fetchall()] == [second]


def test_the_export_holds_the_account_resumes_originals_matches_and_feedback(
    container: Any, demo: Any, runtime: Any
) -> None:
    person, resume = _person(container, runtime)

    archive = zipfile.ZipFile(io.BytesIO(_privacy(container).export(person)))

    names = set(archive.namelist())
    folder = f"resumes/{resume}/"
    assert {"account.json", "privacy.json", "security_events.json", folder + "resume.json",
            folder + "matches.json", folder + "feedback.json"} <= names  # fmt: skip
    account = json.loads(archive.read("account.json"))
    assert (account["email"], account["full_name"], account["role"]) == (EMAIL, NAME, "candidate")
    record = json.loads(archive.read(folder + "resume.json"))
    assert record["profile"]["name"] == NAME and "Kubernetes" in record["skills"]
    assert [h["status"] for h in record["history"]][-1] == "parsed"
    [original] = [n for n in names if n.startswith(folder + "original-")]
    kept = container.blobs.get(_blob_key(container, resume))
    assert archive.read(original) == kept and kept.startswith(b"%PDF-")
    matches = json.loads(archive.read(folder + "matches.json"))
    assert matches and all(m["score"] for m in matches)
    feedback = json.loads(archive.read(folder + "feedback.json"))
    assert ("shortlisted", f"{NAME} fits") in {(f["to_status"], f["reason"]) for f in feedback}
    kinds = {e["kind"] for e in json.loads(archive.read("security_events.json"))}
    assert "user_created" in kinds
    [application] = json.loads(archive.read("applications.json"))
    assert application["status"] == "screening" and application["resume_id"] == resume
    assert [step["to"] for step in application["history"]] == ["applied", "screening"]
    again = zipfile.ZipFile(io.BytesIO(_privacy(container).export(person)))
    exports = [e for e in json.loads(again.read("audit.json")) if e["kind"] == "export"]
    assert [(e["actor"], e["subject_id"], e["detail"]) for e in exports] == [
        (person.user_id, person.user_id, {"resumes": 1})
    ]  # the first export, recorded in the audit log


def _blob_key(container: Any, resume: str) -> str:
    with container.db.connect() as conn:
        return str(conn.execute("SELECT blob_key FROM resumes WHERE id = %s", (resume,)).fetchone()["blob_key"])


def test_with_ai_processing_refused_no_llm_sees_the_resume(
    container: Any, demo: Any, runtime: Any, llm: FakeOpenAIServer
) -> None:
    tenant_id, user_id = container.identity.register("demo", EMAIL, PASSWORD, full_name=NAME)
    person = Principal(user_id, tenant_id, Role.CANDIDATE, EMAIL)
    _privacy(container).set_choices(person, ai_processing=False, automated_ranking=True)

    refused = container.resumes.upload(person, "cv.pdf", text_pdf(CV), "application/pdf").id
    runtime.drain()
    assert llm.requests == []
    with container.db.connect() as conn:
        row = conn.execute("SELECT status, parser FROM resumes WHERE id = %s", (refused,)).fetchone()
    assert row == {"status": "parsed", "parser": "rules"}

    _privacy(container).set_choices(person, ai_processing=True, automated_ranking=True)
    container.resumes.upload(person, "cv2.pdf", text_pdf(CV + "\nGo"), "application/pdf")
    runtime.drain()
    assert len(llm.requests) >= 1  # allowed again: the same path asks the model


def test_with_ai_processing_refused_no_match_is_rephrased(
    container: Any, demo: Any, runtime: Any, llm: FakeOpenAIServer
) -> None:
    from hiring.llm.config import get_llm_settings
    from hiring.llm.openai_client import OpenAICompatibleClient
    from hiring.llm.recorder import PostgresLlmCallRecorder
    from hiring.matching.rephrase import load_rephrase_prompt
    from hiring.services.match_rephrase import MatchRephraser

    person, resume = _person(container, runtime)
    requests_before = len(llm.requests)  # the parse's enhancement, which this person allowed
    _privacy(container).set_choices(person, ai_processing=False, automated_ranking=True)
    job = str(container.matching.resume_matches(person, resume)[0].job_id)
    with container.db.connect() as conn:
        detail = container.matching.match_detail(conn, person.tenant_id, resume, job)
    config = get_llm_settings()
    rephraser = MatchRephraser(
        container.db, OpenAICompatibleClient(config), PostgresLlmCallRecorder(container.db), load_rephrase_prompt(),
        settings=config,
    )  # fmt: skip

    assert rephraser.with_rephrasing(person.tenant_id, detail) == detail
    assert len(llm.requests) == requests_before

    _privacy(container).set_choices(person, ai_processing=True, automated_ranking=True)
    rephraser.with_rephrasing(person.tenant_id, detail)
    assert len(llm.requests) == requests_before + 1  # allowed: the same call reaches the model


def test_retention_erases_resumes_of_inactive_candidates_only(container: Any, demo: Any, runtime: Any) -> None:
    person, resume = _person(container, runtime)
    active = container.resumes.upload(_staff(container, Role.CANDIDATE), "cv.pdf", text_pdf(CV), "application/pdf").id
    runtime.drain()
    privacy = PrivacyService(container.db, container.blobs, container.vectors, retention_days=30)
    now = dt.datetime.now(dt.UTC)

    assert privacy.apply_retention(now) == 0  # everyone was active today
    long_ago = now - dt.timedelta(days=31)
    with container.db.connect() as conn:
        conn.execute("UPDATE resumes SET updated_at = %s WHERE id = %s", (long_ago, resume))
        conn.execute(
            "UPDATE users SET created_at = %s, last_login_at = %s WHERE id = %s", (long_ago, long_ago, person.user_id)
        )
    assert privacy.apply_retention(now) == 1

    with container.db.connect() as conn:
        left = {str(r["id"]) for r in conn.execute("SELECT id FROM resumes").fetchall()}
        tombstone = conn.execute("SELECT trigger FROM erasures WHERE subject_id = %s", (resume,)).fetchone()
    assert resume not in left and active in left
    assert tombstone == {"trigger": "retention"}
    assert container.vectors.get(person.tenant_id, "resume", [resume]) == {}


def test_with_automated_ranking_refused_recruiters_see_the_candidate_unranked_for_review(
    container: Any, demo: Any, runtime: Any
) -> None:
    person, resume = _person(container, runtime)
    ranked = container.resumes.upload(_staff(container, Role.CANDIDATE), "cv.pdf", text_pdf(CV), "application/pdf").id
    runtime.drain()
    job = str(container.matching.resume_matches(person, resume)[0].job_id)
    before = {str(c.resume_id): c for c in container.matching.job_matches(person.tenant_id, job)}
    assert before[resume].percentile is not None and not before[resume].manual_review

    _privacy(container).set_choices(person, ai_processing=True, automated_ranking=False)

    listed = container.matching.job_matches(person.tenant_id, job)
    mine = [c for c in listed if str(c.resume_id) == resume]
    assert len(mine) == 1 and mine[0].manual_review and mine[0].percentile is None
    assert listed[-1] is mine[0]  # after every ranked candidate
    others = [c for c in listed if str(c.resume_id) != resume]
    assert str(ranked) in {str(c.resume_id) for c in others}
    assert all(not c.manual_review and c.percentile is not None for c in others)


def test_work_queued_before_an_erasure_finds_nothing_to_do_after_it(container: Any, demo: Any, runtime: Any) -> None:
    """SQS cannot be searched: a match message sent before the erasure is delivered after it. It must end quietly,
    store nothing and bring nothing back; warm matching caches that held the candidate drop them."""
    from hiring.services.messages import MatchCandidate

    person, resume = _person(container, runtime)
    job = str(container.matching.resume_matches(person, resume)[0].job_id)
    container.matching.match_job(person.tenant_id, job)  # the warm caches now hold the candidate
    _privacy(container).erase_resume(person, resume)
    container.matching.match_job(person.tenant_id, job)  # and must drop them: no match comes back
    message = MatchCandidate.model_validate({"tenant_id": person.tenant_id, "resume_id": resume})
    container.queue.send(message)

    totals = runtime.drain()

    assert totals["messages"] == 1 and totals["failed"] == 0
    with container.db.connect() as conn:
        left = conn.execute(
            "SELECT (SELECT count(*) FROM matches WHERE resume_id = %(r)s) AS matches,"
            " (SELECT count(*) FROM queue_messages WHERE status = 'dead') AS dead,"
            " (SELECT count(*) FROM embeddings WHERE ref_id = %(r)s) AS vectors",
            {"r": resume},
        ).fetchone()
    assert left == {"matches": 0, "dead": 0, "vectors": 0}


def _versions(container: Any, person: Principal) -> dict[str, tuple[str | None, bool]]:
    """Each of the person's resumes: (superseded_by, active)."""
    with container.db.connect() as conn:
        rows = conn.execute(
            "SELECT id::text AS id, superseded_by::text AS superseded_by, superseded_at FROM resumes"
            " WHERE owner_user_id = %s",
            (person.user_id,),
        ).fetchall()
    return {r["id"]: (r["superseded_by"], r["superseded_at"] is None and r["superseded_by"] is None) for r in rows}


def test_erasing_a_version_keeps_one_line_of_versions_and_the_kept_one_matched(
    container: Any, demo: Any, runtime: Any
) -> None:
    person, v1 = _person(container, runtime)
    v2 = container.resumes.upload(person, "cv-2.pdf", text_pdf(CV, "Projects: Kafka streams"), None).id
    runtime.drain()
    v3 = container.resumes.upload(person, "cv-3.pdf", text_pdf(CV, "Projects: Spark on Azure"), None).id
    runtime.drain()
    assert _versions(container, person) == {v1: (v2, False), v2: (v3, False), v3: (None, True)}
    assert _suggested(container, v1) == 0 and _suggested(container, v3) > 0

    _privacy(container).erase_resume(person, v2)  # a middle version: the active one stays, v1 is its history
    assert _versions(container, person) == {v1: (v3, False), v3: (None, True)}
    assert _suggested(container, v1) == 0

    _privacy(container).erase_resume(person, v3)  # the active one: the version before it is active again
    assert _versions(container, person) == {v1: (None, True)}
    runtime.drain()  # the re-match queued by the erasure
    assert _suggested(container, v1) > 0
    assert [str(m.job_id) for m in container.matching.resume_matches(person, v1)]
    with container.db.connect() as conn:
        history = [r["reason"] for r in conn.execute(
            "SELECT reason FROM status_events WHERE entity = 'resume' AND entity_id = %s ORDER BY id", (v1,)
        ).fetchall()]  # fmt: skip
        detail = conn.execute(
            "SELECT detail FROM audit_log WHERE kind = 'erasure' AND subject_id = %s", (v3,)
        ).fetchone()["detail"]
    assert history[-1] == "the active version again: the newer one was erased"
    assert detail["active_again"] == v1

    _privacy(container).erase_resume(person, v1)  # none left: the person has no resume
    assert _versions(container, person) == {}
    with pytest.raises(NotFound):
        container.resumes.versions(person, v1)
