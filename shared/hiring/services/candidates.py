"""The candidate side: desired roles (mapped to O*NET occupations, fed to the scrape queue), saved job-search
preferences with a company blocklist, the feed of the best current jobs across the desired roles with its gap
analysis, and a match's score history. Each method opens its own transaction."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from hiring.errors import InvalidInput, NotFound
from hiring.observability import logger
from hiring.services.candidate_models import (
    DesiredRole,
    DesiredRoles,
    DesiredRolesIn,
    Feed,
    FeedJob,
    FeedPreferences,
    MatchHistory,
    SearchPreferences,
    SearchPreferencesIn,
    SkillGap,
    SkillHeld,
)
from hiring.services.jobs import JobSearch
from hiring.services.profile import effective_row
from hiring.stores import candidates as store
from hiring.stores import matches as match_store
from hiring.stores import resumes as resume_store

if TYPE_CHECKING:
    from hiring.adapters.postgres import Database
    from hiring.principal import Principal
    from hiring.services.matching import MatchingService
    from hiring.services.resumes import ResumeService

ROLE_JOBS = 200  # the current jobs of the desired roles the gap analysis reads
FEED_SCORED = 60  # of which the newest are scored for the feed when no stored match scores them


def map_title(title: str) -> DesiredRole:
    """A desired title with the O*NET occupation it maps to (None when the index knows no such title)."""
    from hiring.analysis.occupations import occupation_index

    found = occupation_index().match(title)
    return DesiredRole(
        title=title, occupation_code=found.code if found else None, occupation_title=found.title if found else None
    )


class CandidateService:
    def __init__(self, db: Database, matching: MatchingService, resumes: ResumeService) -> None:
        self.db = db
        self.matching = matching
        self.resumes = resumes

    # --- desired roles ------------------------------------------------------------------------------------------

    def roles(self, principal: Principal) -> DesiredRoles:
        with self.db.connect() as conn:
            row = store.settings(conn, principal.tenant_id, principal.user_id)
        return DesiredRoles(roles=row["desired_roles"] if row else [], updated_at=row["updated_at"] if row else None)

    def set_roles(self, principal: Principal, body: DesiredRolesIn) -> DesiredRoles:
        """Store the titles mapped to occupations, then rebuild the tenant's scrape roles (desired titles are a
        source beside the resumes' most recent titles)."""
        from hiring.scraping.scrape_queue import rebuild_scrape_roles

        roles = [map_title(title) for title in body.titles]
        with self.db.connect() as conn:
            row = store.set_roles(conn, principal.tenant_id, principal.user_id, [r.model_dump() for r in roles])
        rebuild_scrape_roles(self.db, principal.tenant_id)
        logger.info(
            "desired roles saved", extra={"roles": len(roles), "mapped": sum(bool(r.occupation_code) for r in roles)}
        )
        return DesiredRoles(roles=roles, updated_at=row["updated_at"])

    # --- saved search preferences -------------------------------------------------------------------------------

    def search_preferences(self, principal: Principal) -> SearchPreferences:
        with self.db.connect() as conn:
            row = store.settings(conn, principal.tenant_id, principal.user_id)
        if row is None:
            return SearchPreferences()
        return SearchPreferences.model_validate(
            {**row["search"], "blocked_companies": row["blocked_companies"], "updated_at": row["updated_at"]}
        )

    def set_search_preferences(self, principal: Principal, body: SearchPreferencesIn) -> SearchPreferences:
        search = body.model_dump(exclude={"blocked_companies"})
        with self.db.connect() as conn:
            row = store.set_search(conn, principal.tenant_id, principal.user_id, body.blocked_companies, search)
        return SearchPreferences.model_validate({**body.model_dump(), "updated_at": row["updated_at"]})

    # --- the feed -----------------------------------------------------------------------------------------------

    def feed(self, principal: Principal, limit: int = 20) -> Feed:
        """The best current jobs across the desired roles for the caller's active resume (stored match scores,
        else scored now), and the skills those roles' jobs require that the resume lacks or shows."""
        with self.db.connect() as conn:
            active = resume_store.active_for_owner(conn, principal.tenant_id, principal.user_id)
            if active is None:
                raise NotFound("you have no parsed resume yet: upload one first")
            active = effective_row(conn, principal.tenant_id, active)  # with the candidate's corrections
            row = store.settings(conn, principal.tenant_id, principal.user_id)
            roles = [DesiredRole.model_validate(r) for r in (row["desired_roles"] if row else [])]
            if not roles:
                raise InvalidInput("no desired roles: set them with PUT /api/me/roles first", field="roles")
            prefs = _feed_preferences(row)
            all_of, any_of = _job_filters(prefs)
            codes = [r.occupation_code for r in roles if r.occupation_code]
            titles = [r.title for r in roles]
            jobs = store.role_jobs(conn, principal.tenant_id, codes, titles, ROLE_JOBS, all_of, any_of)
            stored = {
                str(m["job_id"]): m for m in match_store.matches_for_resume(conn, principal.tenant_id, active["id"])
            }
            scored = [self._scored(conn, principal.tenant_id, active["id"], job, stored) for job in jobs[:FEED_SCORED]]
        floor = prefs.min_score
        ranked = sorted(
            (j for j in scored if j is not None and (floor is None or j.score >= floor)),
            key=lambda j: (-j.score, str(j.job_id)),
        )
        missing, held = _gaps(jobs, active)
        return Feed(
            resume_id=active["id"], roles=roles, preferences=prefs, jobs_considered=len(jobs), jobs=ranked[:limit],
            missing_skills=missing, held_skills=held,
        )  # fmt: skip

    def _scored(
        self, conn: Any, tenant_id: str, resume_id: str, job: dict[str, Any], stored: dict[str, Any]
    ) -> FeedJob | None:
        common = {"job_id": job["id"], "title": job["title"], "company": job["company"], "location": job["location"],
                  "occupation_code": job["occupation_code"]}  # fmt: skip
        match = stored.get(job["id"])
        if match is not None:
            return FeedJob.model_validate({**common, "score": match["score"], "grade": match["grade"],
                                           "matched_skills": match["matched_skills"],
                                           "missing_skills": match["missing_skills"], "stored": True})  # fmt: skip
        fit = self.matching.matcher.fit(conn, tenant_id, resume_id, job["id"])
        if fit.score is None:  # a hard filter (arrangement, salary, ...) keeps the job off their list
            return None
        skills = (fit.breakdown.get("components") or {}).get("required_skills") or {}
        return FeedJob.model_validate({**common, "score": fit.score, "grade": fit.grade,
                                       "matched_skills": [m["skill"] for m in skills.get("matched") or []],
                                       "missing_skills": skills.get("missing") or [], "stored": False})  # fmt: skip

    # --- match history ------------------------------------------------------------------------------------------

    def match_history(self, principal: Principal, resume_id: str, job_id: str) -> MatchHistory:
        with self.db.connect() as conn:
            self.resumes.ensure_visible(conn, principal, resume_id)
            rows = match_store.match_history(conn, principal.tenant_id, resume_id, job_id)
        if not rows:
            raise NotFound("no scores recorded for this resume and job")
        return MatchHistory.model_validate({"resume_id": resume_id, "job_id": job_id, "history": rows})


def _feed_preferences(row: dict[str, Any] | None) -> FeedPreferences:
    """The saved preferences as the feed applies them: each saved skill under its taxonomy name (as the jobs'
    skills are stored), kept as typed when the taxonomy does not know it as one skill."""
    from hiring.skills import skill_names

    row = row or {}
    saved = SearchPreferences.model_validate(
        {**(row.get("search") or {}), "blocked_companies": row.get("blocked_companies") or []}
    )
    skills: dict[str, None] = {}
    for skill in saved.skills:
        names = skill_names(skill)
        skills.setdefault(names[0] if len(names) == 1 else skill, None)
    values: dict[str, Any] = {"q": saved.q, "skills": list(skills), "location": saved.location,
                              "remote": saved.remote, "blocked_companies": saved.blocked_companies,
                              "min_score": saved.min_score}  # fmt: skip
    applied = [name for name, value in values.items() if value not in (None, [])]
    return FeedPreferences.model_validate({**values, "applied": applied})


def _job_filters(prefs: FeedPreferences) -> tuple[JobSearch, list[JobSearch]]:
    """The job search's filters for the preferences: every one of the first, and one of the rest (a location
    with remote true means jobs there or remote ones, as a candidate who would move or work remotely means)."""
    near_or_remote = bool(prefs.location) and prefs.remote is True
    all_of = JobSearch(
        q=prefs.q, skills=prefs.skills, blocked_companies=prefs.blocked_companies,
        location=None if near_or_remote else prefs.location, remote=None if near_or_remote else prefs.remote,
    )  # fmt: skip
    any_of = [JobSearch(location=prefs.location), JobSearch(remote=True)] if near_or_remote else []
    return all_of, any_of


def _gaps(jobs: list[dict[str, Any]], resume: dict[str, Any]) -> tuple[list[SkillGap], list[SkillHeld]]:
    """Skills the jobs require, most asked first: the ones the resume lacks, and the ones it shows with evidence."""
    asked: Counter[str] = Counter()
    for job in jobs:
        asked.update(set(job["required_skills"] or []))
    have = {str(s).casefold() for s in resume["skills"] or []}
    evidence: dict[str, list[str]] = {}
    for skill in (resume["profile"] or {}).get("skills") or []:
        lines = [f"{e['section']}: {e['text']}" for e in skill.get("evidence") or []][:3]
        evidence[str(skill.get("name", "")).casefold()] = lines
    order = sorted(asked.items(), key=lambda kv: (-kv[1], kv[0]))
    missing = [SkillGap(skill=s, jobs=n) for s, n in order if s.casefold() not in have][:20]
    held = [SkillHeld(skill=s, jobs=n, evidence=evidence.get(s.casefold(), [])) for s, n in order
            if s.casefold() in have][:20]  # fmt: skip
    return missing, held
