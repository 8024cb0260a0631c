"""Sourcing runs (issue 14): a recruiter starts a run for an analysed job; the run carries search keywords and
boolean strings generated deterministically from the job's analysis, optionally refined by the configured LLM with
terms grounded in the posting or the taxonomy (hiring.sourcing.refine). Every run is audited in its transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from hiring.adapters.postgres import Database
from hiring.errors import Conflict, InvalidInput, NotFound
from hiring.observability import logger
from hiring.principal import Principal
from hiring.scraping.bots import ScraperPrincipal
from hiring.sourcing.enrichment import EnrichmentPort, EnrichmentRateLimited
from hiring.sourcing.keywords import BooleanStrings, SearchKeywords, boolean_strings, search_keywords, task_queries
from hiring.sourcing.outreach import is_suppressed
from hiring.sourcing.profiles import (
    ProfileUpload,
    ProspectProfile,
    RefusedProfile,
    dedupe_keys,
    refused_evidence,
    validate_profiles,
)
from hiring.sourcing.scoring import DEFAULT_WEIGHTS, FACTORS, TIERS, FactorScore, score_prospect
from hiring.stores import jobs as jobs_store
from hiring.stores import sourcing as store
from hiring.stores import sourcing_outreach as outreach_store
from hiring.stores.audit import bot_actor, record_audit, record_rejection

if TYPE_CHECKING:
    from hiring.llm.config import LlmSettings
    from hiring.llm.ports import LlmCallRecorder, StructuredLlm
    from hiring.llm.prompts import Prompt

DEFAULT_LIMIT = 100
LEASE_S = 2 * 3600  # a task claimed longer ago than this is handed out again (its bot died)
MAX_ATTEMPTS = 3  # failures before a task stays failed
RETRY_BASE_S, RETRY_CAP_S = 60, 3600


class SourcingRun(BaseModel):
    id: str
    job_id: str
    created_by: str | None
    status: str
    locations: list[str]
    limit: int
    keywords: SearchKeywords
    boolean_strings: BooleanStrings
    created_at: dt.datetime


class SourcingTask(BaseModel):
    """What a bot searches for: the boolean string for one place, the run's keywords and how many to bring."""

    id: str
    run_id: str
    job_id: str
    location: str | None
    query: str
    status: str
    attempts: int
    last_error: str | None
    profiles_received: int
    limit: int
    keywords: SearchKeywords
    created_at: dt.datetime


class ProfilesAccepted(BaseModel):
    task_id: str
    received: int
    kept: int  # new prospects of the run
    duplicates: int  # the same person as a prospect the run already holds (profile URL, email, name + company)
    refused: list[RefusedProfile]


class Prospect(BaseModel):
    """A prospect of a run with its six-factor score, tier and the evidence of each factor."""

    id: str
    run_id: str
    task_id: str | None
    name: str
    source: str
    profile: dict[str, Any]
    created_at: dt.datetime
    rank: int
    score: float  # 0-10
    tier: str  # STRONG_MATCH >= 9, GOOD_MATCH >= 8, CONSIDER >= 7, WEAK_MATCH >= 6, REJECT below
    factors: list[FactorScore]
    enrichment: dict[str, Any] | None  # what the enrichment port found (GitHub), {"found": false} if nothing
    outreach_status: str | None = None  # drafted, sent, replied, converted, opted_out; None before any draft


class EnrichmentResult(BaseModel):
    run_id: str
    enriched: int  # prospects with evidence stored now
    not_found: int  # logins the source does not know
    rate_limited: bool  # stopped early: the source's limit is spent until its reset


class SourcingWeights(BaseModel):
    weights: dict[str, float]  # percent per factor, adding to 100
    default: bool  # the defaults (no tenant weights stored)


def _row_numbers(rows: list[dict[str, Any]], held: list[ProspectProfile]) -> list[int]:
    """1-based rows of the upload whose validated profile is one of `held` (matched by profile URL)."""
    urls = {p.profile_url for p in held}
    return [i + 1 for i, row in enumerate(rows) if isinstance(row, dict) and row.get("profile_url") in urls]


def _task(row: dict[str, Any]) -> SourcingTask:
    return SourcingTask.model_validate({**row, "limit": row["result_limit"]})


def _run(row: dict[str, object]) -> SourcingRun:
    return SourcingRun.model_validate({**row, "limit": row["result_limit"]})


@dataclass(frozen=True)
class KeywordRefiner:
    """The configured LLM for keyword refinement: its client, settings (cost, host), prompt and call recorder."""

    client: StructuredLlm
    settings: LlmSettings | None
    prompt: Prompt
    recorder: LlmCallRecorder


def configured_refiner(db: Database) -> KeywordRefiner | str:
    """The refiner from HIRING_LLM_* (the OpenAI-compatible adapter), or why there is none (never raises)."""
    from pydantic import ValidationError

    from hiring.llm.config import get_llm_settings
    from hiring.llm.prompts import PromptError, load_prompt
    from hiring.sourcing.refine import PROMPT_ID, PROMPT_VERSION

    try:
        llm = get_llm_settings()
    except ValidationError as error:
        logger.error("keyword refinement unavailable: HIRING_LLM_* invalid", extra={"errors": error.error_count()})
        return "the LLM settings (HIRING_LLM_*) are invalid"
    if not llm.enabled:
        return "no LLM is configured (HIRING_LLM_ENABLED is off); the keywords are the deterministic ones"
    try:
        prompt = load_prompt(llm.prompts_dir, PROMPT_ID, PROMPT_VERSION)
    except PromptError as error:
        logger.error("keyword refinement unavailable: no prompt", extra={"error": str(error)})
        return f"the prompt {PROMPT_ID}.v{PROMPT_VERSION} is missing"
    from hiring.llm.openai_client import OpenAICompatibleClient
    from hiring.llm.recorder import PostgresLlmCallRecorder

    return KeywordRefiner(OpenAICompatibleClient(llm), llm, prompt, PostgresLlmCallRecorder(db))


class SourcingService:
    def __init__(self, db: Database, refiner: Callable[[], KeywordRefiner | str] | None = None) -> None:
        self.db = db
        self.refiner = refiner or (lambda: configured_refiner(db))  # asked only when a run wants refinement

    def _refined(self, principal: Principal, job: dict[str, Any], keywords: SearchKeywords) -> SearchKeywords:
        """The keywords with the LLM's grounded terms (called outside any transaction), or with `refined` saying
        why there are none; never raises for the model."""
        from hiring.sourcing.refine import refine_keywords, unavailable

        refiner = self.refiner()
        if isinstance(refiner, str):
            return keywords.model_copy(update={"refined": unavailable(refiner)})
        title = str(job["analysis"].get("title") or job["title"])
        return refine_keywords(keywords, title, str(job.get("description") or ""), job["analysis"], refiner.client,
                               refiner.recorder, refiner.prompt, settings=refiner.settings,
                               tenant_id=principal.tenant_id)  # fmt: skip

    def start_run(
        self, principal: Principal, job_id: str, locations: Sequence[str] | None, limit: int | None,
        refine: bool = False,
    ) -> SourcingRun:  # fmt: skip
        """A run for one of the tenant's analysed jobs: 404 for an unknown (or another tenant's) job, 409 while
        its analysis is not done. refine: the configured LLM may add terms, each kept only when grounded in the
        posting or the taxonomy (keywords.refined lists what was accepted and refused); without an LLM the run is
        made with the deterministic keywords and refined.status says "unavailable"."""
        with self.db.connect() as conn:
            job = jobs_store.get_job(conn, principal.tenant_id, job_id)
            if job is None:
                raise NotFound(f"job {job_id} not found")
            if job["analysis_status"] != "analyzed" or not job["analysis"]:
                raise Conflict(f"job {job_id} is not analysed yet (analysis {job['analysis_status']})")
        keywords = search_keywords(job["title"], job["analysis"], locations)
        if refine:
            keywords = self._refined(principal, job, keywords)
        strings = boolean_strings(keywords)
        refined = keywords.refined
        with self.db.connect() as conn:
            row = store.insert_run(
                conn,
                principal.tenant_id,
                str(job["id"]),
                principal.user_id,
                keywords.locations,
                limit or DEFAULT_LIMIT,
                keywords.model_dump(),
                strings.model_dump(),
            )
            store.insert_tasks(conn, principal.tenant_id, row["id"], task_queries(keywords))
            record_audit(
                conn,
                principal.tenant_id,
                principal.user_id,
                "sourcing_run_started",
                "sourcing_run",
                row["id"],
                {"job_id": row["job_id"], "limit": row["result_limit"], "locations": keywords.locations}
                | ({} if refined is None else {"refined": {"status": refined.status, "accepted": len(refined.accepted),
                                                           "refused": len(refined.refused)}}),
            )  # fmt: skip
        return _run(row)

    def get_run(self, principal: Principal, run_id: str) -> SourcingRun:
        with self.db.connect() as conn:
            row = store.get_run(conn, principal.tenant_id, run_id)
        if row is None:
            raise NotFound(f"sourcing run {run_id} not found")
        return _run(row)

    def list_runs(self, principal: Principal, job_id: str | None = None, limit: int = 100) -> list[SourcingRun]:
        with self.db.connect() as conn:
            rows = store.list_runs(conn, principal.tenant_id, job_id, limit)
        return [_run(r) for r in rows]

    def prospects(
        self,
        principal: Principal,
        run_id: str,
        tier: str | None = None,
        min_score: float | None = None,
        today: dt.date | None = None,
    ) -> list[Prospect]:
        """The run's prospects scored against its job with the tenant's weights, best first (then by name), with
        their rank among all of the run's prospects; filtered by tier and lowest score."""
        if tier is not None and tier not in {name for _, name in TIERS} | {"REJECT"}:
            raise InvalidInput(f"unknown tier {tier!r}", field="tier")
        with self.db.connect() as conn:
            run = store.get_run(conn, principal.tenant_id, run_id)
            if run is None:
                raise NotFound(f"sourcing run {run_id} not found")
            job = jobs_store.get_job(conn, principal.tenant_id, run["job_id"])
            weights = store.get_weights(conn, principal.tenant_id) or DEFAULT_WEIGHTS
            rows = store.list_prospects(conn, principal.tenant_id, run_id)
            suppressed = outreach_store.suppressed_digests(conn, principal.tenant_id)
        rows = [r for r in rows if not is_suppressed(principal.tenant_id, r["profile"], suppressed)]
        analysis = (job or {}).get("analysis") or {}
        scored = []
        for row in rows:
            result = score_prospect(ProspectProfile.model_validate(row["profile"]), analysis, run["locations"],
                                    weights, today, row["enrichment"])  # fmt: skip
            scored.append((row, result))
        scored.sort(key=lambda pair: (-pair[1].score, pair[0]["name"].lower(), pair[0]["id"]))
        ranked = [
            Prospect.model_validate({**row, "rank": rank, **result.model_dump()})
            for rank, (row, result) in enumerate(scored, start=1)
        ]
        return [p for p in ranked if (tier is None or p.tier == tier) and (min_score is None or p.score >= min_score)]

    def weights(self, principal: Principal) -> SourcingWeights:
        with self.db.connect() as conn:
            stored = store.get_weights(conn, principal.tenant_id)
        return SourcingWeights(weights=stored or DEFAULT_WEIGHTS, default=stored is None)

    def set_weights(self, principal: Principal, weights: dict[str, float]) -> SourcingWeights:
        """Weights for every one of the six factors, in percent, adding to 100; audited."""
        if set(weights) != set(FACTORS):
            raise InvalidInput(f"weights must name exactly the factors {', '.join(FACTORS)}", field="weights")
        if any(w < 0 for w in weights.values()) or abs(sum(weights.values()) - 100) > 0.01:
            raise InvalidInput("weights must be 0 or more and add up to 100", field="weights")
        with self.db.connect() as conn:
            before = store.get_weights(conn, principal.tenant_id) or DEFAULT_WEIGHTS
            store.set_weights(conn, principal.tenant_id, weights, principal.user_id)
            record_audit(conn, principal.tenant_id, principal.user_id, "sourcing_weights_set", "tenant",
                         principal.tenant_id, {"before": before, "after": weights})  # fmt: skip
        return SourcingWeights(weights=weights, default=False)

    def tasks(self, principal: Principal, run_id: str) -> list[SourcingTask]:
        with self.db.connect() as conn:
            if store.get_run(conn, principal.tenant_id, run_id) is None:
                raise NotFound(f"sourcing run {run_id} not found")
            return [_task(r) for r in store.run_tasks(conn, principal.tenant_id, run_id)]

    # --- bots: next, profiles, complete or fail ---------------------------------------------------------------

    def next_task(self, bot: ScraperPrincipal) -> SourcingTask | None:
        with self.db.connect() as conn:
            row = store.claim_next_task(conn, bot.tenant_id, LEASE_S, bot.key_id)
        if row is None:
            return None
        logger.info("sourcing task handed out", extra={"task_id": row["id"], "prefix": bot.prefix})
        return _task(row)

    def _open_task(self, conn: Any, bot: ScraperPrincipal, task_id: str) -> dict[str, Any]:
        row = store.get_task(conn, bot.tenant_id, task_id, lock=True)
        if row is None:
            raise NotFound(f"sourcing task {task_id} not found")
        if row["status"] != "claimed":
            raise Conflict(f"sourcing task {task_id} is {row['status']}, not claimed")
        return row

    def record_refusal(
        self, bot: ScraperPrincipal, reason: str, raw: bytes, problems: list[dict[str, str]] | None = None,
        refused: list[dict[str, Any]] | None = None,
    ) -> None:  # fmt: skip
        """A refused upload (or its refused rows) is kept as evidence for the admin: which bot, what, why."""
        detail: dict[str, Any] = {"problems": problems or [], "body_prefix": raw[:500].decode("utf-8", "replace")}
        if refused:
            detail["refused"] = refused
        with self.db.connect() as conn:
            record_rejection(conn, bot.tenant_id, "sourcing_upload", f"scraper:{bot.prefix}", reason, detail)

    def upload_profiles(
        self, bot: ScraperPrincipal, task_id: str, upload: ProfileUpload, raw: bytes
    ) -> ProfilesAccepted:
        """Each profile validated alone: refused rows are listed with their reason and recorded; the others are
        kept once per run (a profile URL, email or name + current company already held is a duplicate)."""
        kept, refused = validate_profiles(upload.profiles)
        with self.db.connect() as conn:
            suppressed = outreach_store.suppressed_digests(conn, bot.tenant_id)
        held = [p for p in kept if is_suppressed(bot.tenant_id, p.model_dump(), suppressed)]
        if held:  # people on the suppression list: refused, never stored nor recorded with their data
            kept = [p for p in kept if p not in held]
            already = {r.row for r in refused}
            for row in _row_numbers(upload.profiles, held):
                if row not in already:
                    refused.append(RefusedProfile(row=row, reason="suppressed"))
            refused.sort(key=lambda r: r.row)
        if any(r.reason != "suppressed" for r in refused):
            evidence = refused_evidence(upload.profiles, [r for r in refused if r.reason != "suppressed"])
            self.record_refusal(bot, f"{len(refused)} of {len(upload.profiles)} profiles refused", raw,
                                refused=evidence)  # fmt: skip
        new = 0
        with self.db.connect() as conn:
            task = self._open_task(conn, bot, task_id)
            store.lock_run(conn, task["run_id"])
            for profile in kept:
                keys = dedupe_keys(profile)
                new += store.add_prospect(conn, bot.tenant_id, task["run_id"], task["id"], profile.model_dump(), keys)
            store.count_received(conn, task["id"], len(kept))
            record_audit(conn, bot.tenant_id, bot_actor(bot.key_id), "sourcing_profiles_uploaded", "sourcing_task",
                         task["id"], {"run_id": task["run_id"], "kept": new, "duplicates": len(kept) - new,
                                      "refused": len(refused)})  # fmt: skip
        return ProfilesAccepted(
            task_id=task["id"], received=len(upload.profiles), kept=new, duplicates=len(kept) - new, refused=refused
        )

    def complete(self, bot: ScraperPrincipal, task_id: str) -> SourcingTask:
        with self.db.connect() as conn:
            task = self._open_task(conn, bot, task_id)
            store.finish_task(conn, task["id"], "done", None, None)
            store.close_run_if_finished(conn, bot.tenant_id, task["run_id"])
            record_audit(conn, bot.tenant_id, bot_actor(bot.key_id), "sourcing_task_completed", "sourcing_task",
                         task["id"], {"run_id": task["run_id"]})  # fmt: skip
            row = store.get_task(conn, bot.tenant_id, task["id"])
        assert row is not None
        return _task(row)

    def fail(self, bot: ScraperPrincipal, task_id: str, error: str) -> SourcingTask:
        """Record why; the task is handed out again after a backoff, and stays failed after MAX_ATTEMPTS."""
        with self.db.connect() as conn:
            task = self._open_task(conn, bot, task_id)
            attempts = task["attempts"] + 1
            if attempts >= MAX_ATTEMPTS:
                store.finish_task(conn, task["id"], "failed", error, None)
                store.close_run_if_finished(conn, bot.tenant_id, task["run_id"])
            else:
                retry = min(RETRY_CAP_S, RETRY_BASE_S * 2 ** (attempts - 1))
                store.finish_task(conn, task["id"], "pending", error, retry)
            record_audit(conn, bot.tenant_id, bot_actor(bot.key_id), "sourcing_task_failed", "sourcing_task",
                         task["id"], {"run_id": task["run_id"], "attempts": attempts})  # fmt: skip
            row = store.get_task(conn, bot.tenant_id, task["id"])
        assert row is not None
        return _task(row)

    # --- enrichment -------------------------------------------------------------------------------------------

    def enrich_run(self, principal: Principal, run_id: str, port: EnrichmentPort) -> EnrichmentResult:
        """Evidence for each prospect with a GitHub login and none yet, one transaction per prospect (the source is
        called outside any); a spent rate limit stops the pass, which a later call resumes."""
        with self.db.connect() as conn:
            if store.get_run(conn, principal.tenant_id, run_id) is None:
                raise NotFound(f"sourcing run {run_id} not found")
            rows = store.list_prospects(conn, principal.tenant_id, run_id)
        enriched = not_found = 0
        limited = False
        for row in rows:
            login = row["profile"].get("github_login")
            if not login or row["enrichment"] is not None:
                continue
            try:
                evidence = port.enrich(login)
            except EnrichmentRateLimited:
                limited = True
                break
            with self.db.connect() as conn:
                store.set_enrichment(conn, principal.tenant_id, row["id"],
                                     None if evidence is None else evidence.model_dump(mode="json"))  # fmt: skip
            enriched, not_found = enriched + (evidence is not None), not_found + (evidence is None)
        with self.db.connect() as conn:
            record_audit(conn, principal.tenant_id, principal.user_id, "sourcing_run_enriched", "sourcing_run", run_id,
                         {"enriched": enriched, "not_found": not_found, "rate_limited": limited})  # fmt: skip
        return EnrichmentResult(run_id=run_id, enriched=enriched, not_found=not_found, rate_limited=limited)
