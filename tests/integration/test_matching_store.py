"""Matching against real Postgres: retrieval, storage with breakdowns, idempotency, events, lifecycle, tenants."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import numpy as np
import pytest

from hiring.adapters.pgvector_index import PgVectorIndex
from hiring.errors import InvalidInput
from hiring.matching.profiles import Preferences
from hiring.matching.score import score_pair
from hiring.matching.weights import WeightSettings, role_level
from hiring.ports import VectorHit
from hiring.principal import Principal, Role
from hiring.services.jobs import JobPosting
from hiring.services.match_engine import Matcher
from hiring.services.matching import MatchingService, RefreshIncomplete
from tests.conftest import REPO_ROOT

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "resumes"
POSTINGS = [
    ("Frontend Developer", "Build our web app.\nRequirements:\n• React\n• TypeScript\n• JavaScript\n"
     "Nice to have: Node.js", "Austin, TX", "$110,000 - $130,000"),
    ("Backend Engineer", "Requirements:\n• Python\n• PostgreSQL\n• Kubernetes\n3+ years of experience.",
     "Remote", None),
    ("Registered Nurse", "Requirements:\n• Patient care\n• Nursing\nBLS certification.", "Austin, TX", None),
]  # fmt: skip


def _staff(container: Any, slug: str) -> Principal:
    tenant_id = container.identity.create_tenant(slug, slug.title())
    user_id = container.identity.create_user(tenant_id, f"admin@{slug}.test", "a long password 1", Role.ADMIN)
    return Principal(user_id, tenant_id, Role.ADMIN, f"admin@{slug}.test")


def _resume(container: Any, principal: Principal, name: str) -> str:
    document = json.loads((FIXTURES / f"{name}.resume.json").read_text())
    result = container.resumes.import_json_resume(principal, document)
    assert result.status == "parsed", result
    assert container.resumes.embed(principal.tenant_id, result.id)  # the worker does this before matching
    return result.id


def _jobs(container: Any, principal: Principal, postings: list[tuple[str, str, str, str | None]]) -> list[str]:
    ids = []
    for title, description, location, salary in postings:
        job = container.jobs.create(principal, JobPosting(title=title, description=description, location=location,
                                                          salary=salary, company="Acme"))  # fmt: skip
        container.jobs.analyze(principal.tenant_id, str(job.id))
        ids.append(str(job.id))
    return ids


def _rows(container: Any, sql: str, *params: Any) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def world(container: Any) -> dict[str, Any]:
    staff = _staff(container, "acme")
    jobs = _jobs(container, staff, POSTINGS)
    okafor = _resume(container, staff, "okafor")
    return {"staff": staff, "jobs": jobs, "okafor": okafor}


def test_a_candidate_gets_best_first_matches_with_breakdown_explanation_and_version(container, world) -> None:  # type: ignore[no-untyped-def]
    pairs = container.matching.match_candidate(world["staff"].tenant_id, world["okafor"])

    assert pairs == 3
    rows = _rows(container, "SELECT * FROM matches WHERE resume_id = %s ORDER BY score DESC", world["okafor"])
    assert str(rows[0]["job_id"]) == world["jobs"][0]  # the frontend job for the frontend developer
    top = rows[0]
    assert top["weights_version"] == "default-v1" and top["grade"] in {"A+", "A", "B", "C", "D", "F"}
    assert {"TypeScript", "JavaScript"} <= set(top["matched_skills"]) and top["missing_skills"] == []
    assert top["breakdown"]["score"] == float(top["score"])
    react = top["breakdown"]["components"]["required_skills"]["matched"][0]
    assert react["evidence"], "every matched skill carries where it was shown"
    assert top["explanation"]["summary"].startswith(("An excellent", "A strong", "A good", "A partial"))
    assert top["retrieval"] == {"direction": "candidate", "method": "exhaustive", "jobs_scored": 3}
    assert [float(r["score"]) for r in rows] == sorted((float(r["score"]) for r in rows), reverse=True)


def test_matching_the_same_candidate_again_rewrites_nothing(container, world) -> None:  # type: ignore[no-untyped-def]
    tenant = world["staff"].tenant_id
    container.matching.match_candidate(tenant, world["okafor"])
    snapshot = (
        "SELECT job_id, score, breakdown, explanation, scored_at, xmin::text AS version FROM matches ORDER BY job_id"
    )
    before = _rows(container, snapshot)

    container.matching.match_candidate(tenant, world["okafor"])
    container.matching.match_candidate(tenant, world["okafor"])

    assert _rows(container, snapshot) == before  # same rows, same row versions: not even rewritten


def test_a_new_job_is_scored_only_for_the_candidates_retrieval_finds(container, world) -> None:  # type: ignore[no-untyped-def]
    staff = world["staff"]
    others = [_resume(container, staff, name) for name in ("hendriks", "lindqvist", "raman")]
    narrow = MatchingService(container.db, top_n=50, retrieve_k=1, exact_candidates_limit=0)
    [job] = _jobs(container, staff, [("React Engineer", "Requirements:\n• React\n• TypeScript", "Remote", None)])

    scored = narrow.match_job(staff.tenant_id, job)

    assert scored <= 2 < len(others) + 1  # one vector hit and one skill hit at most, not all four candidates
    stored = {str(r["resume_id"]) for r in _rows(container, "SELECT resume_id FROM matches WHERE job_id = %s", job)}
    assert world["okafor"] in stored
    assert stored <= {world["okafor"], *others}


def test_skill_retrieval_reads_the_skills_the_owner_corrected(container, world) -> None:  # type: ignore[no-untyped-def]
    from hiring.stores import profiles
    from hiring.stores.matches import resumes_by_skill

    staff, okafor = world["staff"], world["okafor"]
    [parsed] = _rows(container, "SELECT skills FROM resumes WHERE id = %s", okafor)
    kept, removed = parsed["skills"][0], parsed["skills"][1]
    tenant = staff.tenant_id
    with container.db.connect() as conn:
        assert resumes_by_skill(conn, tenant, ["Fortran"], [], 10) == []
        assert okafor in resumes_by_skill(conn, tenant, [removed], [], 10)
        values = {"skills_added": ["Fortran"], "skills_removed": [removed.upper()], "experience": []}
        profiles.save_corrections(conn, tenant, okafor, values, staff.user_id)
        assert resumes_by_skill(conn, tenant, ["Fortran"], [], 10) == [okafor]  # added: found before any re-match
        assert okafor not in resumes_by_skill(conn, tenant, [removed], [], 10)  # removed (any case): not found
        assert resumes_by_skill(conn, tenant, [kept], ["Fortran"], 10) == [okafor]  # the rest still counts


def test_a_closed_job_leaves_the_list_and_a_rematch_does_not_bring_it_back(container, world) -> None:  # type: ignore[no-untyped-def]
    staff = world["staff"]
    container.matching.match_candidate(staff.tenant_id, world["okafor"])
    while container.queue.receive(10):  # drain what setting up the world queued
        pass
    container.jobs.close(staff, world["jobs"][0])
    refill = {"type": "refresh_batch", "tenant_id": staff.tenant_id, "resume_ids": [world["okafor"]]}
    assert [m.body for m in container.queue.receive(10)] == [refill]  # the list it left gets re-matched

    container.matching.match_candidate(staff.tenant_id, world["okafor"])

    with container.db.connect() as conn:
        listed = container.matching.matches_for_resume(conn, staff.tenant_id, world["okafor"])
    assert world["jobs"][0] not in {str(m["job_id"]) for m in listed}
    assert not _rows(container, "SELECT 1 FROM matches WHERE job_id = %s", world["jobs"][0])


def test_status_changes_keep_feedback_and_survive_rescoring(container, world) -> None:  # type: ignore[no-untyped-def]
    staff = world["staff"]
    matching = container.matching
    matching.match_candidate(staff.tenant_id, world["okafor"])
    job = world["jobs"][0]
    with container.db.connect() as conn:
        matching.update_status(conn, staff, world["okafor"], job, "shortlisted", "strong React", 5)
        matching.update_status(conn, staff, world["okafor"], job, "shortlisted")  # the same again: no new record
    container.jobs.update(staff, job, JobPosting(title="Frontend Developer", description="Requirements:\n• Angular"))
    container.jobs.analyze(staff.tenant_id, job)
    matching.match_candidate(staff.tenant_id, world["okafor"])  # now a poor fit, but a person acted on it

    with container.db.connect() as conn:
        detail = matching.match_detail(conn, staff.tenant_id, world["okafor"], job)
    assert detail["status"] == "shortlisted"
    assert [(f["from_status"], f["to_status"], f["rating"]) for f in detail["feedback"]] == [
        ("suggested", "shortlisted", 5)
    ]


def test_roles_may_set_only_their_own_statuses(container, world) -> None:  # type: ignore[no-untyped-def]
    staff = world["staff"]
    container.matching.match_candidate(staff.tenant_id, world["okafor"])
    with container.db.connect() as conn, pytest.raises(InvalidInput, match="may set the status to"):
        container.matching.update_status(conn, staff, world["okafor"], world["jobs"][0], "applied")


def test_a_hard_filter_records_the_excluded_job_with_its_reason(container, world) -> None:  # type: ignore[no-untyped-def]
    staff = world["staff"]
    with container.db.connect() as conn:
        container.matching.set_preferences(conn, staff.tenant_id, world["okafor"],
                                           {"salary_min": 250_000, "salary_currency": "USD"})  # fmt: skip
    container.matching.match_candidate(staff.tenant_id, world["okafor"])

    with container.db.connect() as conn:
        excluded = container.matching.exclusions_for_resume(conn, staff.tenant_id, world["okafor"])
    assert [str(e["job_id"]) for e in excluded] == [world["jobs"][0]]
    assert excluded[0]["reasons"][0]["filter"] == "salary" and "48% below" in excluded[0]["reasons"][0]["reason"]
    assert not _rows(container, "SELECT 1 FROM matches WHERE job_id = %s", world["jobs"][0])


def test_a_tenant_weight_profile_gets_a_new_version_stored_with_each_score(container, world) -> None:  # type: ignore[no-untyped-def]
    staff = world["staff"]
    first = container.matching.set_weights(staff, WeightSettings(level="mid", weights={"semantic": 0}))
    second = container.matching.set_weights(staff, WeightSettings(level="mid", weights={"semantic": 5}))
    container.matching.match_candidate(staff.tenant_id, world["okafor"])

    assert (first.version, second.version) == ("tenant-mid-v1", "tenant-mid-v2")
    versions = {r["weights_version"] for r in _rows(container, "SELECT weights_version FROM matches")}
    assert "tenant-mid-v2" in versions and "tenant-mid-v1" not in versions


def test_a_refresh_batch_finishes_the_good_candidates_and_reports_the_failed_one(  # type: ignore[no-untyped-def]
    container, world, monkeypatch
) -> None:
    staff = world["staff"]
    other = _resume(container, staff, "raman")
    original = Matcher.candidate

    def flaky(self, conn, tenant_id, resume_id):  # type: ignore[no-untyped-def]
        if resume_id == other:
            raise RuntimeError("boom")
        return original(self, conn, tenant_id, resume_id)

    monkeypatch.setattr(Matcher, "candidate", flaky)

    with pytest.raises(RefreshIncomplete) as failure:
        container.matching.refresh_batch(staff.tenant_id, [other, world["okafor"]])

    assert failure.value.failed == [other]
    assert _rows(container, "SELECT 1 FROM matches WHERE resume_id = %s", world["okafor"])


def test_one_tenant_never_sees_another_tenants_jobs(container, world) -> None:  # type: ignore[no-untyped-def]
    rival = _staff(container, "globex")
    rival_jobs = _jobs(container, rival, POSTINGS[:1])
    container.matching.match_candidate(world["staff"].tenant_id, world["okafor"])

    stored = {str(r["job_id"]) for r in _rows(container, "SELECT job_id FROM matches")}
    assert stored and not stored & set(rival_jobs)


class _MemoryIndex:
    """A VectorIndex that is not pgvector (as OpenSearch in the cloud): the service must go through the port."""

    def __init__(self) -> None:
        self.vectors: dict[tuple[str, str, str], list[float]] = {}

    def upsert(self, tenant_id: str, kind: str, ref_id: str, vector: Any) -> None:
        self.vectors[(tenant_id, kind, ref_id)] = [float(x) for x in vector]

    def delete(self, tenant_id: str, kind: str, ref_id: str) -> None:
        self.vectors.pop((tenant_id, kind, ref_id), None)

    def search(self, tenant_id: str, kind: str, vector: Any, k: int) -> list[VectorHit]:
        query = np.asarray(vector)
        hits = [VectorHit(ref, float(np.dot(query, v) / np.linalg.norm(query) / np.linalg.norm(v)))
                for (t, kd, ref), v in self.vectors.items() if t == tenant_id and kd == kind]  # fmt: skip
        return sorted(hits, key=lambda h: (-h.score, h.ref_id))[:k]

    def get(self, tenant_id: str, kind: str, ref_ids: Any) -> dict[str, list[float]]:
        return {ref: self.vectors[(tenant_id, kind, ref)] for ref in ref_ids if (tenant_id, kind, ref) in self.vectors}


@pytest.mark.parametrize("exact_limit", [200_000, 0], ids=["exhaustive", "two-stage"])
def test_the_semantic_component_comes_through_the_vector_index_port_not_the_embeddings_table(  # type: ignore[no-untyped-def]
    container, world, exact_limit
) -> None:
    tenant = world["staff"].tenant_id
    pg = PgVectorIndex(container.db)
    memory = _MemoryIndex()
    for kind, refs in (("job", world["jobs"]), ("resume", [world["okafor"]])):
        for ref, vector in pg.get(tenant, kind, refs).items():
            memory.upsert(tenant, kind, ref, vector)
    assert len(memory.vectors) == len(world["jobs"]) + 1
    local = MatchingService(container.db, vectors=pg, exact_limit=exact_limit)
    local.match_candidate(tenant, world["okafor"])
    stored = _rows(container, "SELECT job_id, breakdown FROM matches WHERE resume_id = %s", world["okafor"])
    expected = {str(r["job_id"]): r["breakdown"]["components"]["semantic"] for r in stored}
    with container.db.connect() as conn:
        conn.execute("DELETE FROM matches")
        conn.execute("DELETE FROM embeddings")  # the cloud has no embeddings table to read

    MatchingService(container.db, vectors=memory, exact_limit=exact_limit).match_candidate(tenant, world["okafor"])

    rows = _rows(container, "SELECT job_id, breakdown, retrieval FROM matches WHERE resume_id = %s", world["okafor"])
    assert {str(r["job_id"]) for r in rows} == set(expected)
    for row in rows:
        semantic = row["breakdown"]["components"]["semantic"]
        assert semantic["score"] is not None and semantic == expected[str(row["job_id"])]
        assert row["retrieval"].get("vector_rank") is not None or row["retrieval"]["method"] == "exhaustive"


def test_a_third_first_stage_list_ranks_active_jobs_by_the_structured_components(container, world) -> None:  # type: ignore[no-untyped-def]
    tenant = world["staff"].tenant_id
    narrow = MatchingService(container.db, top_n=50, retrieve_k=1, vectors=_MemoryIndex(), exact_limit=0)  # no vectors

    scored = narrow.match_candidate(tenant, world["okafor"])

    assert scored <= 2  # the skill top-1 and the structured top-1, nothing else
    rows = _rows(container, "SELECT retrieval FROM matches WHERE resume_id = %s", world["okafor"])
    ranks = [r["retrieval"] for r in rows]
    assert all(r["vector_rank"] is None for r in ranks)
    assert any(r["structured_rank"] == 1 for r in ranks), ranks


def test_a_job_a_hard_filter_excludes_never_enters_any_first_stage_list(container, world) -> None:  # type: ignore[no-untyped-def]
    tenant = world["staff"].tenant_id
    service = MatchingService(container.db, vectors=PgVectorIndex(container.db), exact_limit=0)
    query = service.matcher.stored_vector(tenant, "resume", world["okafor"])
    with container.db.connect() as conn:
        candidate = service.matcher.candidate(conn, tenant, world["okafor"])
        assert candidate is not None
        everything = service.retrieve_jobs(conn, tenant, candidate, query)
        wants = Preferences(salary_min=10_000_000.0, salary_currency="USD")
        demanding = dataclasses.replace(candidate, preferences=wants)
        filtered = service.retrieve_jobs(conn, tenant, demanding, query)  # posted salaries far below it

    assert world["jobs"][0] in everything.vector_rank and world["jobs"][0] in everything.skill_rank
    assert world["jobs"][0] not in filtered.ids  # the frontend job posts a salary; the other two do not
    assert set(filtered.ids) == set(world["jobs"][1:]) & set(everything.ids)


class _CountingIndex(PgVectorIndex):
    """pgvector, counting which job vectors the service asks for."""

    def __init__(self, db: Any) -> None:
        super().__init__(db)
        self.asked: list[str] = []

    def get(self, tenant_id: str, kind: str, ref_ids: Any) -> dict[str, list[float]]:
        if kind == "job":
            self.asked += list(ref_ids)
        return super().get(tenant_id, kind, ref_ids)


def test_exhaustive_matching_keeps_the_true_top_n_where_a_narrow_retrieval_would_not(container, world) -> None:  # type: ignore[no-untyped-def]
    staff = world["staff"]
    more = _jobs(container, staff, [
        ("React Engineer", "Requirements:\n• React\n• TypeScript\n• CSS", "Austin, TX", None),
        ("UI Developer", "Requirements:\n• JavaScript\n• HTML\n• CSS", "Remote", None),
        ("Data Analyst", "Requirements:\n• SQL\n• Excel", "Chicago, IL", None),
    ])  # fmt: skip
    exhaustive = MatchingService(container.db, top_n=2, retrieve_k=1, vectors=PgVectorIndex(container.db))
    scored = exhaustive.match_candidate(staff.tenant_id, world["okafor"])

    assert scored == len(world["jobs"]) + len(more)  # every active job was scored
    with container.db.connect() as conn:
        candidate = exhaustive.matcher.candidate(conn, staff.tenant_id, world["okafor"])
        profiles = exhaustive.weight_profiles(staff.tenant_id)
        jobs = exhaustive.caches.job_profiles(conn, staff.tenant_id, world["jobs"] + more)
    assert candidate is not None
    query = np.asarray(exhaustive.matcher.stored_vector(staff.tenant_id, "resume", world["okafor"]))
    vectors = PgVectorIndex(container.db).get(staff.tenant_id, "job", list(jobs))
    truth = []
    for ref, job in jobs.items():
        v = np.asarray(vectors[ref])
        similarity = round(float(np.dot(query, v) / np.linalg.norm(query) / np.linalg.norm(v)), 6)
        result = score_pair(candidate, job, similarity, profiles[role_level(job.seniority)], exhaustive.today)
        if not result.excluded_by:
            truth.append((-result.score, ref))
    best = [ref for _, ref in sorted(truth)[:2]]
    stored = _rows(container, "SELECT job_id::text AS id, score FROM matches WHERE resume_id = %s ORDER BY score DESC,"
                              " job_id", world["okafor"])  # fmt: skip
    assert [r["id"] for r in stored] == best


def test_the_warm_job_cache_fetches_only_what_changed(container, world) -> None:  # type: ignore[no-untyped-def]
    staff = world["staff"]
    index = _CountingIndex(container.db)
    service = MatchingService(container.db, vectors=index)
    service.match_candidate(staff.tenant_id, world["okafor"])
    assert sorted(index.asked) == sorted(world["jobs"])  # the first match fills the cache

    index.asked.clear()
    service.match_candidate(staff.tenant_id, world["okafor"])
    assert index.asked == []  # nothing changed: no job vector is fetched again

    [added] = _jobs(container, staff, [("TypeScript Engineer", "Requirements:\n• TypeScript\n• React", "Remote", None)])
    service.match_candidate(staff.tenant_id, world["okafor"])
    assert index.asked == [added]  # only the new job
    listed = {str(r["job_id"]) for r in _rows(container, "SELECT job_id FROM matches WHERE resume_id = %s",
                                                 world["okafor"])}  # fmt: skip
    assert added in listed

    index.asked.clear()
    container.jobs.close(staff, world["jobs"][0])
    service.match_candidate(staff.tenant_id, world["okafor"])
    assert index.asked == []  # a closed job leaves the set; the others keep their vectors
    listed = {str(r["job_id"]) for r in _rows(container, "SELECT job_id FROM matches WHERE resume_id = %s",
                                                 world["okafor"])}  # fmt: skip
    assert world["jobs"][0] not in listed and added in listed


def test_a_new_job_enters_exactly_the_lists_it_beats_and_leaves_the_others(container, world) -> None:  # type: ignore[no-untyped-def]
    staff = world["staff"]
    raman = _resume(container, staff, "raman")
    container.jobs.close(staff, world["jobs"][0])  # the frontend job goes: the lists hold weaker ones
    [javascript] = _jobs(container, staff, [("JavaScript Developer", "Requirements:\n• JavaScript\n• HTML",
                                             "Remote", None)])  # fmt: skip
    service = MatchingService(container.db, top_n=1, vectors=PgVectorIndex(container.db))
    for resume in (world["okafor"], raman):
        service.match_candidate(staff.tenant_id, resume)
    lists = _rows(container, "SELECT resume_id::text AS r, job_id::text AS j, score FROM matches")
    before = {row["r"]: (row["j"], float(row["score"])) for row in lists}  # top 1 each (or nothing)
    [job] = _jobs(container, staff, [("Senior Frontend Engineer", "Requirements:\n• React\n• TypeScript\n"
                                      "• JavaScript\n• CSS\n• HTML", "Austin, TX", "$110,000 - $130,000")])  # fmt: skip

    scored = service.match_job(staff.tenant_id, job)

    assert scored == 2  # both candidates were scored
    with container.db.connect() as conn:
        candidates = {ref: service.matcher.candidate(conn, staff.tenant_id, ref) for ref in (world["okafor"], raman)}
        [profile] = service.caches.job_profiles(conn, staff.tenant_id, [job]).values()
    vector = PgVectorIndex(container.db).get(staff.tenant_id, "job", [job])[job]
    people = PgVectorIndex(container.db).get(staff.tenant_id, "resume", list(candidates))
    after: dict[str, set[str]] = {}
    for row in _rows(container, "SELECT resume_id::text AS r, job_id::text AS j FROM matches"):
        after.setdefault(row["r"], set()).add(row["j"])
    for ref, candidate in candidates.items():
        assert candidate is not None
        cosine = float(np.dot(vector, people[ref]) / np.linalg.norm(vector) / np.linalg.norm(people[ref]))
        result = score_pair(candidate, profile, round(cosine, 6), service.weight_profiles(staff.tenant_id)[
            role_level(profile.seniority)], service.today)  # fmt: skip
        old_job, bar = before.get(ref, (None, -1.0))
        enters = not result.excluded_by and result.score > bar
        assert after.get(ref, set()) == ({job} if enters else {old_job} - {None}), (ref, result.score, bar)
    assert after[world["okafor"]] == {job}  # the frontend developer's list took it, trimming the other job

    with container.db.connect() as conn:  # the job is rewritten into a nurse posting
        conn.execute("UPDATE jobs SET title = 'Night Nurse', description = 'Requirements:\n• Patient care\n"
                     "• Nursing' WHERE id = %s", (job,))  # fmt: skip
    container.jobs.analyze(staff.tenant_id, job)
    service.match_job(staff.tenant_id, job)
    snapshot = "SELECT resume_id, job_id, score FROM matches ORDER BY resume_id, job_id"
    event = _rows(container, snapshot)
    fresh = MatchingService(container.db, top_n=1, vectors=PgVectorIndex(container.db))
    for resume in (world["okafor"], raman):  # what a full re-match of every candidate gives
        fresh.match_candidate(staff.tenant_id, resume)
    assert _rows(container, snapshot) == event  # the lists the event left equal the full re-match's
    okafor = {str(r["job_id"]) for r in _rows(container, "SELECT job_id FROM matches WHERE resume_id = %s",
                                              world["okafor"])}  # fmt: skip
    assert okafor == {javascript}  # the job trimmed for it came back when it turned into a nurse posting


def test_a_list_a_job_leaves_is_refilled_through_the_work_queue(container, world) -> None:  # type: ignore[no-untyped-def]
    staff = world["staff"]
    service = MatchingService(container.db, top_n=1, vectors=PgVectorIndex(container.db), queue=container.queue)
    service.match_candidate(staff.tenant_id, world["okafor"])
    [top] = [str(r["job_id"]) for r in _rows(container, "SELECT job_id FROM matches WHERE resume_id = %s",
                                             world["okafor"])]  # fmt: skip
    while container.queue.receive(10):  # drain what setting up the world queued
        pass
    with container.db.connect() as conn:
        conn.execute("UPDATE jobs SET description = 'Requirements:\\n• Patient care\\n• Nursing' WHERE id = %s", (top,))
    container.jobs.analyze(staff.tenant_id, top)

    service.match_job(staff.tenant_id, top)

    bodies = [m.body for m in container.queue.receive(10)]
    assert {"type": "refresh_batch", "tenant_id": staff.tenant_id, "resume_ids": [world["okafor"]]} in bodies


def test_a_tenant_without_active_jobs_gets_an_empty_list_not_an_error(container) -> None:  # type: ignore[no-untyped-def]
    staff = _staff(container, "empty")
    resume = _resume(container, staff, "okafor")

    assert container.matching.match_candidate(staff.tenant_id, resume) == 0
    assert not _rows(container, "SELECT 1 FROM matches WHERE resume_id = %s", resume)
