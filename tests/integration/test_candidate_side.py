"""The candidate side on real Postgres: one candidate is one person (versions), job search by keywords and skills,
desired roles and the feed, saved search preferences with a company blocklist, match history."""

from __future__ import annotations

from typing import Any

import pytest

from hiring.errors import InvalidInput, NotFound
from hiring.principal import Principal, Role
from hiring.runtime.demo import DEMO_USERS
from hiring.services.candidate_models import DesiredRolesIn, SearchPreferencesIn
from hiring.services.candidates import CandidateService
from hiring.services.jobs import JobPosting, JobSearch
from tests.fixtures.resumes.generate import render
from tests.pdfs import RESUME_TEXT, text_pdf


def _principal(container: Any, role: Role = Role.CANDIDATE) -> Principal:
    with container.db.connect() as conn:
        user = conn.execute(
            "SELECT id, tenant_id, role, email FROM users WHERE email = %s", (DEMO_USERS[role],)
        ).fetchone()
    return Principal(str(user["id"]), str(user["tenant_id"]), Role(user["role"]), user["email"])


def _candidates(container: Any) -> CandidateService:
    return CandidateService(container.db, container.matching, container.resumes)


def _resume(container: Any, resume_id: str) -> dict[str, Any]:
    with container.db.connect() as conn:
        row = conn.execute(
            "SELECT id::text AS id, status, previous_id::text AS previous_id, superseded_by::text AS superseded_by"
            " FROM resumes WHERE id = %s",
            (resume_id,),
        ).fetchone()
    assert row is not None
    return dict(row)


def _suggested(container: Any, resume_id: str) -> int:
    with container.db.connect() as conn:
        row = conn.execute(
            "SELECT count(*) AS n FROM matches WHERE resume_id = %s AND status = 'suggested'", (resume_id,)
        ).fetchone()
    return int(row["n"])


def _job_lists(container: Any, tenant_id: str) -> list[list[str]]:
    """Every job's listed candidates (resume ids), as recruiters see them."""
    with container.db.connect() as conn:
        jobs = conn.execute("SELECT id::text AS id FROM jobs WHERE tenant_id = %s", (tenant_id,)).fetchall()
        return [
            [str(m["resume_id"]) for m in container.matching.matches_for_job(conn, tenant_id, j["id"])] for j in jobs
        ]


# --- one candidate is one person ---------------------------------------------------------------------------------


def test_a_second_upload_is_a_new_version_and_the_person_is_one_candidate(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate, recruiter = _principal(container), _principal(container, Role.RECRUITER)
    first = container.resumes.upload(candidate, "cv.pdf", text_pdf(RESUME_TEXT), "application/pdf").id
    runtime.drain()
    assert _suggested(container, first) > 0
    assert any(first in listed for listed in _job_lists(container, candidate.tenant_id))

    second = container.resumes.upload(candidate, "cv-2.pdf", text_pdf(RESUME_TEXT, "Projects: Kubernetes"), None).id
    runtime.drain()

    old, new = _resume(container, first), _resume(container, second)
    assert (old["status"], new["status"]) == ("parsed", "parsed")
    assert old["superseded_by"] == second and new["superseded_by"] is None
    assert new["previous_id"] == first  # the existing version link
    assert _suggested(container, first) == 0 and _suggested(container, second) > 0
    lists = _job_lists(container, candidate.tenant_id)
    assert not any(first in listed for listed in lists)
    assert any(second in listed for listed in lists)
    staff = [str(r.id) for r in container.resumes.list(recruiter)]
    assert second in staff and first not in staff  # one row per person for recruiters
    own = [str(r.id) for r in container.resumes.list(candidate)]
    assert {first, second} <= set(own)  # the candidate keeps their history
    versions = container.resumes.versions(recruiter, first)
    assert [str(v["id"]) for v in versions] == [second, first]
    assert [v["active"] for v in versions] == [True, False]


def test_a_new_upload_that_fails_leaves_the_earlier_version_active(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate = _principal(container)
    first = container.resumes.upload(candidate, "cv.pdf", text_pdf(RESUME_TEXT), "application/pdf").id
    runtime.drain()
    broken = container.resumes.upload(candidate, "cv2.pdf", b"%PDF-1.4 not really a pdf", "application/pdf")
    runtime.drain()

    assert _resume(container, broken.id)["status"] in {"failed", "needs_review"}
    assert _resume(container, first)["superseded_by"] is None
    assert _suggested(container, first) > 0


def test_an_inbox_redrop_supersedes_the_version_it_replaced(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    key = "inbox/demo/resume.pdf"
    container.blobs.put(key, text_pdf(RESUME_TEXT))
    runtime.drain()
    container.blobs.put(key, render("raman", "sidebar"))
    runtime.drain()
    with container.db.connect() as conn:
        rows = conn.execute(
            "SELECT id::text AS id, superseded_by::text AS superseded_by, previous_id::text AS previous_id"
            " FROM resumes WHERE inbox_key = %s ORDER BY created_at",
            (key,),
        ).fetchall()
    first, second = rows
    assert second["previous_id"] == first["id"] and first["superseded_by"] == second["id"]
    assert second["superseded_by"] is None and _suggested(container, first["id"]) == 0


# --- job search -------------------------------------------------------------------------------------------------


def test_keyword_search_ranks_title_hits_above_description_hits(container, demo) -> None:  # type: ignore[no-untyped-def]
    recruiter = _principal(container, Role.RECRUITER)
    in_text = container.jobs.create(
        recruiter,
        JobPosting(title="Platform Engineer", company="Acme", description="You will build Zorblax pipelines in Go."),
    )
    in_title = container.jobs.create(
        recruiter, JobPosting(title="Zorblax Developer", company="Initech", description="Python and SQL services.")
    )
    found = container.jobs.search(recruiter, JobSearch(q="zorblax"))
    assert [str(j.id) for j in found] == [str(in_title.id), str(in_text.id)]
    by_company = container.jobs.search(recruiter, JobSearch(q="initech"))
    assert [str(j.id) for j in by_company] == [str(in_title.id)]
    newest = container.jobs.search(recruiter, JobSearch(q="zorblax", sort="posted_at"))
    assert {str(j.id) for j in newest} == {str(in_title.id), str(in_text.id)}
    assert container.jobs.search(recruiter, JobSearch(q="zorblax nonexistentword")) == []


# --- desired roles, the feed, preferences -----------------------------------------------------------------------


def _analysed_job(container: Any, tenant_id: str) -> dict[str, Any]:
    with container.db.connect() as conn:
        row = conn.execute(
            "SELECT title, occupation_code, company FROM jobs WHERE tenant_id = %s AND status = 'active'"
            " AND analysis_status = 'analyzed' AND occupation_code IS NOT NULL ORDER BY title LIMIT 1",
            (tenant_id,),
        ).fetchone()
    assert row is not None
    return dict(row)


def test_desired_roles_map_to_occupations_and_become_scrape_roles(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate = _principal(container)
    service = _candidates(container)
    saved = service.set_roles(candidate, DesiredRolesIn(titles=["Data Engineer", " data  engineer ", "Qwxzv Zzq"]))
    assert [r.title for r in saved.roles] == ["Data Engineer", "Qwxzv Zzq"]
    assert saved.roles[0].occupation_code and saved.roles[0].occupation_code.startswith("15-")
    assert saved.roles[1].occupation_code is None
    assert service.roles(candidate).roles == saved.roles
    with container.db.connect() as conn:
        titles = {r["title"] for r in conn.execute("SELECT title FROM scrape_roles WHERE active").fetchall()}
    assert "Data Engineer" in titles


def test_the_feed_ranks_role_jobs_for_the_active_resume_with_a_gap_analysis(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate = _principal(container)
    service = _candidates(container)
    with pytest.raises(NotFound):
        service.feed(candidate)
    resume_id = container.resumes.upload(candidate, "cv.pdf", text_pdf(RESUME_TEXT), "application/pdf").id
    runtime.drain()
    with pytest.raises(InvalidInput):
        service.feed(candidate)  # no roles yet
    job = _analysed_job(container, candidate.tenant_id)
    service.set_roles(candidate, DesiredRolesIn(titles=[job["title"]]))

    feed = service.feed(candidate)
    assert str(feed.resume_id) == resume_id and feed.jobs_considered >= 1 and feed.jobs
    scores = [j.score for j in feed.jobs]
    assert scores == sorted(scores, reverse=True)
    with container.db.connect() as conn:
        skills = conn.execute("SELECT skills FROM resumes WHERE id = %s", (resume_id,)).fetchone()["skills"]
    have = {s.casefold() for s in skills}
    assert all(g.skill.casefold() not in have for g in feed.missing_skills)
    assert all(h.skill.casefold() in have and h.evidence for h in feed.held_skills)
    counts = [g.jobs for g in feed.missing_skills]
    assert counts == sorted(counts, reverse=True) and all(1 <= n <= feed.jobs_considered for n in counts)

    blocked = feed.jobs[0].company
    assert blocked
    service.set_search_preferences(candidate, SearchPreferencesIn(blocked_companies=[blocked.upper()]))
    assert service.search_preferences(candidate).blocked_companies == [blocked.upper()]
    after = service.feed(candidate)
    assert all((j.company or "").lower() != blocked.lower() for j in after.jobs)
    listed = container.matching.resume_matches(candidate, resume_id)
    assert all((m.company or "").lower() != blocked.lower() for m in listed)


def _job_rows(container: Any, ids: set[str]) -> dict[str, dict[str, Any]]:
    with container.db.connect() as conn:
        rows = conn.execute(
            "SELECT id::text AS id, location, work_arrangement, company,"
            " required_skills || preferred_skills || skills AS asked FROM jobs WHERE id::text = ANY(%s)",
            (list(ids),),
        ).fetchall()
    return {r["id"]: dict(r) for r in rows}


def test_the_feed_applies_every_saved_search_preference(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate, recruiter = _principal(container), _principal(container, Role.RECRUITER)
    service = _candidates(container)
    remote = container.jobs.create(recruiter, JobPosting(
        title="Software Engineer", company="Fernweh GmbH", location="Berlin, Germany", work_arrangement="remote",
        description="Build Python and C++ services for our platform; fully remote within the EU.",
    ))  # fmt: skip
    container.resumes.upload(candidate, "cv.pdf", text_pdf(RESUME_TEXT), "application/pdf")
    runtime.drain()
    service.set_roles(candidate, DesiredRolesIn(titles=["Software Engineer", "Data Scientist", "Program Manager"]))

    def feed_ids(**prefs: Any) -> set[str]:
        service.set_search_preferences(candidate, SearchPreferencesIn(**prefs))
        feed = service.feed(candidate, limit=100)
        assert feed.preferences.applied == [name for name in prefs if name != "blocked_companies"] + (
            ["blocked_companies"] if "blocked_companies" in prefs else []
        )
        assert feed.jobs_considered >= len(feed.jobs)
        return {str(j.job_id) for j in feed.jobs}

    everything = feed_ids()
    jobs = _job_rows(container, everything)
    assert str(remote.id) in everything and len(everything) >= 10  # the demo postings of those roles

    # keywords: the job search's own full text (q=), over the role jobs
    searched = {str(j.id) for j in container.jobs.search(recruiter, JobSearch(q="quantum", limit=200))}
    quantum = feed_ids(q="quantum")
    assert quantum == everything & searched and 0 < len(quantum) < len(everything)

    # skills: every one asked by each job, as typed by the candidate (the taxonomy's names are applied)
    both = feed_ids(skills=["python", "machine learning"])
    assert both == {i for i, j in jobs.items() if {"Python", "Machine Learning"} <= set(j["asked"])}
    assert 0 < len(both) < len({i for i, j in jobs.items() if "Python" in j["asked"]})
    assert service.feed(candidate).preferences.skills == ["Python", "Machine Learning"]

    # place: the location, remote jobs, or either when both are saved
    assert feed_ids(location="berlin") == {str(remote.id)}
    assert (
        feed_ids(remote=True) == {i for i, j in jobs.items() if j["work_arrangement"] == "remote"} == {str(remote.id)}
    )
    assert feed_ids(location="Washington", remote=True) == everything
    assert feed_ids(location="Washington", remote=False) == everything - {str(remote.id)}

    # all at once, with the blocklist
    assert feed_ids(q="engineer", skills=["Python"], blocked_companies=["MICROSOFT"]) == {str(remote.id)}
    assert feed_ids(q="engineer", skills=["Python"], location="Berlin", remote=False) == set()


def test_match_history_lists_the_score_at_each_rescoring(container, demo, runtime) -> None:  # type: ignore[no-untyped-def]
    candidate = _principal(container)
    resume_id = container.resumes.upload(candidate, "cv.pdf", text_pdf(RESUME_TEXT), "application/pdf").id
    runtime.drain()
    job_id = str(container.matching.resume_matches(candidate, resume_id)[0].job_id)
    with container.db.connect() as conn:  # an older scoring, as a refresh under other weights would leave
        conn.execute(
            "UPDATE matches SET score = 12.5, grade = 'F', scored_at = now() - interval '1 day'"
            " WHERE resume_id = %s AND job_id = %s",
            (resume_id, job_id),
        )
    container.matching.match_candidate(candidate.tenant_id, resume_id)  # the refresh scores it again

    history = _candidates(container).match_history(candidate, resume_id, job_id).history
    assert len(history) == 3
    assert history[1].score == 12.5 and history[0].score == history[2].score != 12.5
    with pytest.raises(NotFound):
        _candidates(container).match_history(candidate, resume_id, "00000000-0000-0000-0000-000000000000")
