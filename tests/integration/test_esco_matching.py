"""ESCO links in matching, end to end against the embedded Postgres with the real int8 MiniLM model and the
shipped ESCO index: a posting's requirement the dictionary cannot name is met by a resume sentence linked to the
same ESCO skill (and not by a near miss), the explanation quotes that sentence, erasure takes the links, and the
same inputs give the same score while new links change the digest the warm caches key on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from hiring.principal import Principal, Role
from hiring.services.esco_links import link_resume
from hiring.services.jobs import JobPosting
from hiring.services.messages import MatchCandidate
from hiring.services.work import handle_work
from hiring.skills.esco_matching import MATCH_THRESHOLD
from hiring.stores import esco_links as links_store
from hiring.stores import matches as matches_store

ASK = "Communicate effectively with stakeholders at all levels."
POSTING = (
    "We run the finance operations of a retail group.\n"
    "Requirements:\n"
    "- 3+ years of experience with Excel and financial reporting.\n"
    f"- {ASK}\n"
)
SHOWS = "Presented quarterly results to the board and key stakeholders."
NEAR_MISS = "Built dashboards that track stakeholder requests."
SKILL = "communicate with stakeholders"


def _resume(name: str, highlight: str) -> dict[str, Any]:
    return {
        "basics": {"name": name, "email": f"{name.split()[0].lower()}@example.com", "location": {"city": "Austin"}},
        "work": [{"name": "Northwind Traders", "position": "Financial Analyst", "startDate": "2019-01",
                  "endDate": "2024-06", "highlights": ["Prepared monthly reports in Excel for finance.", highlight]}],
        "skills": [{"name": "Excel"}],
    }  # fmt: skip


@pytest.fixture
def onnx_container(settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """The default runtime's embedder (onnx), where ESCO linking is on; the suite's hashing embedder keeps it off."""
    from hiring.config import Settings, reset_settings
    from hiring.container import build_container, set_container

    monkeypatch.setenv("HIRING_EMBEDDER", "onnx")
    reset_settings()
    built = build_container(Settings())
    set_container(built)
    yield built
    set_container(None)
    built.close()
    reset_settings()


def _staff(container: Any) -> Principal:
    tenant_id = container.identity.create_tenant("ledger", "Ledger")
    user_id = container.identity.create_user(tenant_id, "admin@ledger.test", "a long password 1", Role.ADMIN)
    return Principal(user_id, tenant_id, Role.ADMIN, "admin@ledger.test")


def _job(container: Any, staff: Principal) -> str:
    job = container.jobs.create(staff, JobPosting(title="Finance Analyst", description=POSTING, location="Austin, TX",
                                                  company="Acme"))  # fmt: skip
    assert container.jobs.analyze(staff.tenant_id, str(job.id))
    return str(job.id)


def _candidate(container: Any, staff: Principal, name: str, highlight: str) -> str:
    result = container.resumes.import_json_resume(staff, _resume(name, highlight))
    assert result.status == "parsed", result
    message = MatchCandidate.model_validate({"tenant_id": staff.tenant_id, "resume_id": result.id})
    handle_work(container, message)  # as the worker: embed, link to ESCO, match
    return str(result.id)


def _stored(container: Any, staff: Principal, resume_id: str, job_id: str) -> dict[str, Any]:
    with container.db.connect() as conn:
        row = conn.execute(
            "SELECT score::float AS score, breakdown, explanation, missing_skills FROM matches"
            " WHERE tenant_id = %s AND resume_id = %s AND job_id = %s",
            (staff.tenant_id, resume_id, job_id),
        ).fetchone()
    assert row is not None
    return dict(row)


@pytest.fixture
def world(onnx_container: Any) -> dict[str, Any]:
    staff = _staff(onnx_container)
    job = _job(onnx_container, staff)
    shows = _candidate(onnx_container, staff, "Ada Obi", SHOWS)
    near = _candidate(onnx_container, staff, "Ben Cole", NEAR_MISS)
    return {"staff": staff, "job": job, "shows": shows, "near": near}


def test_a_requirement_the_dictionary_cannot_name_is_stored_with_its_esco_link_and_sentence(
    onnx_container: Any, world: dict[str, Any]
) -> None:
    with onnx_container.db.connect() as conn:
        links = links_store.links_of(conn, world["staff"].tenant_id, "job", world["job"])
    asked = [link for link in links if link["sentence"] == ASK]
    assert asked and asked[0]["rank"] == 1 and asked[0]["label"] == SKILL and asked[0]["block"] == "required"
    assert not asked[0]["resolved"] and asked[0]["score"] >= MATCH_THRESHOLD
    assert POSTING[asked[0]["sentence_start"] : asked[0]["sentence_end"]] == ASK  # offsets into the posting text
    excel = [link for link in links if "Excel" in link["sentence"]]
    assert excel and all(link["resolved"] for link in excel)  # the dictionary names Excel: that line is measured


def test_a_soft_skill_is_met_only_through_esco_with_the_resume_sentence_as_evidence(
    onnx_container: Any, world: dict[str, Any]
) -> None:
    match = _stored(onnx_container, world["staff"], world["shows"], world["job"])
    required = match["breakdown"]["components"]["required_skills"]
    met = {m["skill"]: m for m in required["matched"]}
    assert SKILL in met, required
    assert met[SKILL]["evidence"] == [{"section": "experience", "text": SHOWS}]
    assert met[SKILL]["esco"]["asked"] == ASK and met[SKILL]["esco"]["uri"].startswith("http://data.europa.eu/esco/")
    assert required["esco"] == [
        {"skill": SKILL, "uri": met[SKILL]["esco"]["uri"], "asked": ASK, "met": True, "counted": True}
    ]
    texts = [s["text"] for s in match["explanation"]["strengths"]]
    assert f"{SKILL} (required): '{SHOWS}'" in texts, texts


def test_a_near_miss_sentence_does_not_meet_the_requirement_which_is_a_note_and_never_a_gap(
    onnx_container: Any, world: dict[str, Any]
) -> None:
    match = _stored(onnx_container, world["staff"], world["near"], world["job"])
    required = match["breakdown"]["components"]["required_skills"]
    assert SKILL not in required["missing"] and SKILL not in match["missing_skills"]
    assert SKILL not in {m["skill"] for m in required["matched"]}
    assert [(e["skill"], e["met"], e["counted"]) for e in required["esco"]] == [(SKILL, False, False)]
    explanation = match["explanation"]
    told = [g["text"] for g in explanation["gaps"]] + explanation["suggestions"]
    assert not any(SKILL in text for text in told), told
    notes = [n["text"] for n in explanation["notes"]]
    assert f"{SKILL}: asked in the posting ('{ASK}'), linked by meaning, not counted" in notes, notes
    shows = _stored(onnx_container, world["staff"], world["shows"], world["job"])
    assert shows["score"] > match["score"]  # the same resumes but for that one line


def test_the_esco_requirement_only_helps_unmet_it_scores_as_without_links_met_it_scores_more(
    onnx_container: Any, world: dict[str, Any]
) -> None:
    staff, job = world["staff"], world["job"]
    linked = {who: onnx_container.matching.fit(staff, world[who], job) for who in ("near", "shows")}
    assert linked["near"].score == _stored(onnx_container, staff, world["near"], job)["score"]
    with onnx_container.db.connect() as conn:  # the posting without its links: what the dictionary alone asks
        conn.execute("DELETE FROM esco_links WHERE tenant_id = %s AND job_id = %s", (staff.tenant_id, job))
    plain = {who: onnx_container.matching.fit(staff, world[who], job) for who in ("near", "shows")}
    assert plain["near"].breakdown["components"]["required_skills"]["esco"] == []
    assert linked["near"].score == plain["near"].score
    assert linked["shows"].score > plain["shows"].score
    near, bare = linked["near"].breakdown["components"], plain["near"].breakdown["components"]
    assert {k: v["score"] for k, v in near.items()} == {k: v["score"] for k, v in bare.items()}


def test_the_same_inputs_give_the_same_score_and_new_links_move_the_digest(
    onnx_container: Any, world: dict[str, Any]
) -> None:
    staff, resume_id = world["staff"], world["shows"]
    first = onnx_container.matching.fit(staff, resume_id, world["job"])
    assert onnx_container.matching.fit(staff, resume_id, world["job"]) == first
    with onnx_container.db.connect() as conn:
        before = matches_store.parsed_digest(conn, staff.tenant_id)
    assert link_resume(onnx_container.db, onnx_container.embedder, staff.tenant_id, resume_id) == 0  # unchanged
    with onnx_container.db.connect() as conn:
        assert matches_store.parsed_digest(conn, staff.tenant_id) == before
        conn.execute("UPDATE esco_links SET index_version = 'an-older-index' WHERE resume_id = %s", (resume_id,))
    assert link_resume(onnx_container.db, onnx_container.embedder, staff.tenant_id, resume_id)  # a new index: again
    with onnx_container.db.connect() as conn:
        assert matches_store.parsed_digest(conn, staff.tenant_id) != before  # the warm caches rebuild this profile
    assert onnx_container.matching.fit(staff, resume_id, world["job"]) == first


def test_linking_resumes_with_the_same_sentences_asks_the_model_nothing_even_in_a_cold_worker(
    onnx_container: Any, world: dict[str, Any]
) -> None:
    from hiring.services.esco_links import sentence_linker

    linker = sentence_linker(onnx_container.embedder)
    assert linker is not None
    computed = linker.computed
    twin = _candidate(onnx_container, world["staff"], "Cy Obi", SHOWS)
    assert linker.computed == computed  # every sentence came from the process cache
    linker.forget()  # a cold worker: nothing in the process cache, the links stored before are in Postgres
    third = _candidate(onnx_container, world["staff"], "Di Obi", SHOWS)
    assert linker.computed == computed
    with onnx_container.db.connect() as conn:
        first = links_store.links_of(conn, world["staff"].tenant_id, "resume", world["shows"])
        for resume_id in (twin, third):
            again = links_store.links_of(conn, world["staff"].tenant_id, "resume", resume_id)
            assert [(r["sentence"], r["uri"], r["score"]) for r in again] == [
                (r["sentence"], r["uri"], r["score"]) for r in first
            ]


def test_erasing_a_resume_removes_its_links_and_their_sentences(onnx_container: Any, world: dict[str, Any]) -> None:
    staff, resume_id = world["staff"], world["shows"]
    with onnx_container.db.connect() as conn:
        assert links_store.links_of(conn, staff.tenant_id, "resume", resume_id)
    from hiring.api.deps import privacy_service

    erasure = privacy_service().erase_resume(staff, resume_id)
    assert erasure is not None
    with onnx_container.db.connect() as conn:
        left = conn.execute("SELECT count(*) AS n FROM esco_links WHERE sentence = %s", (SHOWS,)).fetchone()
        assert links_store.links_of(conn, staff.tenant_id, "resume", resume_id) == []
    assert left is not None and left["n"] == 0


def test_the_suite_embedder_links_nothing_and_scores_as_before(container: Any) -> None:
    staff = _staff(container)
    job = _job(container, staff)
    resume_id = _candidate(container, staff, "Ada Obi", SHOWS)
    assert link_resume(container.db, container.embedder, staff.tenant_id, resume_id) is None
    with container.db.connect() as conn:
        assert conn.execute("SELECT count(*) AS n FROM esco_links").fetchone() == {"n": 0}
    match = _stored(container, staff, resume_id, job)
    assert match["breakdown"]["components"]["required_skills"]["esco"] == []


def test_another_tenant_sees_none_of_the_links(onnx_container: Any, world: dict[str, Any]) -> None:
    from hiring.adapters.postgres import current_tenant

    other = onnx_container.identity.create_tenant("other", "Other")
    token = current_tenant.set(other)  # as a request of the other tenant: row-level security binds
    try:
        with onnx_container.db.connect() as conn:
            seen = conn.execute("SELECT count(*) AS n FROM esco_links").fetchone()
    finally:
        current_tenant.reset(token)
    with onnx_container.db.connect() as conn:
        everything = conn.execute("SELECT count(*) AS n FROM esco_links").fetchone()
    assert seen == {"n": 0} and everything is not None and everything["n"] > 0
