"""The matches store: ALL SQL on matches, match feedback (the lifecycle history), match exclusions, candidate
preferences and tenant weight profiles, plus the job and resume reads matching needs (scorer columns, the warm
caches' stamps and digests, skill retrieval). Every function takes the caller's connection: the matching
services open the transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from hiring.adapters.postgres import Connection, Json
from hiring.matching.explain import explain
from hiring.matching.score import PairResult
from hiring.stores.audit import SYSTEM_ACTOR, record_audits
from hiring.stores.esco_links import CANDIDATE_ESCO, JOB_ESCO
from hiring.stores.resumes import PERSON_COLUMNS

SCORER = "explainable-v1"

# What job_profile reads; the description only for analyses stored before their degree fields.
JOB_COLUMNS = (
    "id, title, CASE WHEN analysis ? 'education_fields' THEN NULL ELSE description END AS description, seniority,"
    " required_skills, preferred_skills, experience_min, experience_max, education_level, occupation_code,"
    " jsonb_build_object('occupation', analysis->'occupation', 'seniority', analysis->'seniority',"
    " 'education_fields', analysis->'education_fields') AS analysis, location_city, location_region,"
    " location_country, work_arrangement, salary_min, salary_max, salary_currency, posted_at, updated_at, "
    + JOB_ESCO  # the ESCO links of requirement sentences the dictionary did not resolve
)
_CANDIDATE_SELECT = (
    "SELECT r.id::text AS id, r.profile, r.skills, p.salary_min AS pref_salary_min, p.salary_currency AS"
    " pref_salary_currency, p.arrangement AS pref_arrangement, p.relocate AS pref_relocate,"
    " c.corrections, " + CANDIDATE_ESCO + " FROM resumes r LEFT JOIN candidate_preferences p ON p.resume_id = r.id"
    " LEFT JOIN resume_corrections c ON c.resume_id = r.id"  # the candidate's corrections: the effective profile
)
_PARSED = (
    "FROM resumes r LEFT JOIN candidate_preferences p ON p.resume_id = r.id"
    " WHERE r.tenant_id = %s AND r.status = 'parsed' AND r.superseded_by IS NULL"
)
_CANDIDATE_STAMP = "r.updated_at::text || '/' || coalesce(p.updated_at::text, '')"
_ACTIVE = "FROM jobs WHERE tenant_id = %s AND status = 'active' AND analysis_status = 'analyzed'"

Row = dict[str, Any]
Pair = tuple[str, PairResult, dict[str, Any]]  # (resume id, scored pair, retrieval ranks or method)


# --- candidates and jobs as the scorer reads them -------------------------------------------------------------


def candidate_row(conn: Connection, tenant_id: str, resume_id: str) -> Row | None:
    """A parsed resume's profile, skills and preferences (None unless parsed)."""
    return conn.execute(
        f"{_CANDIDATE_SELECT} WHERE r.tenant_id = %s AND r.id = %s AND r.status = 'parsed' AND r.superseded_by IS NULL",
        (tenant_id, resume_id),
    ).fetchone()


def candidate_rows(conn: Connection, tenant_id: str, resume_ids: Sequence[str]) -> list[Row]:
    """The parsed ones among these resumes, as candidate_row reads them."""
    return conn.execute(
        f"{_CANDIDATE_SELECT} WHERE r.tenant_id = %s AND r.id = ANY(%s::uuid[]) AND r.status = 'parsed'"
        " AND r.superseded_by IS NULL",
        (tenant_id, list(resume_ids)),
    ).fetchall()


def parsed_digest(conn: Connection, tenant_id: str) -> tuple[int, Any]:
    """The count of the tenant's parsed candidates and a digest of their (id, resume and preference stamps)."""
    head = conn.execute(
        f"SELECT count(*) AS n, coalesce(sum(hashtextextended(r.id::text || {_CANDIDATE_STAMP}, 0)), 0)"
        f" AS digest {_PARSED}",
        (tenant_id,),
    ).fetchone()
    return (int(head["n"]), head["digest"]) if head else (0, 0)


def parsed_stamps(conn: Connection, tenant_id: str) -> list[Row]:
    """Every parsed candidate's id and stamp, by id."""
    return conn.execute(
        f"SELECT r.id::text AS id, {_CANDIDATE_STAMP} AS stamp {_PARSED} ORDER BY r.id", (tenant_id,)
    ).fetchall()


def resumes_by_skill(
    conn: Connection, tenant_id: str, required: Sequence[str], preferred: Sequence[str], k: int
) -> list[str]:
    """The parsed resumes listing most of a job's skills (a required one counts 4), best first, at most k.

    A resume's skills are the effective ones: the parser's, less those its owner removed, plus those they added
    (resume_corrections). Uncorrected resumes go through the GIN index; the corrected few are read apart."""
    names = list(dict.fromkeys([*required, *preferred]))
    if not names:
        return []
    rows = conn.execute(
        "WITH effective AS ("
        " SELECT r.id, r.skills FROM resumes r WHERE r.tenant_id = %(tenant)s AND r.status = 'parsed'"
        " AND r.superseded_by IS NULL AND r.skills ?| %(names)s"
        " AND NOT EXISTS (SELECT 1 FROM resume_corrections c WHERE c.resume_id = r.id)"
        " UNION ALL"
        " SELECT r.id, coalesce((SELECT jsonb_agg(s) FROM jsonb_array_elements_text(r.skills) s"
        "   WHERE lower(s) NOT IN (SELECT lower(x) FROM jsonb_array_elements_text(c.corrections->'skills_removed') x)),"
        "   '[]'::jsonb) || coalesce(c.corrections->'skills_added', '[]'::jsonb)"
        " FROM resumes r JOIN resume_corrections c ON c.resume_id = r.id AND c.tenant_id = r.tenant_id"
        " WHERE r.tenant_id = %(tenant)s AND r.status = 'parsed' AND r.superseded_by IS NULL)"
        " SELECT id::text AS id FROM effective WHERE skills ?| %(names)s ORDER BY"
        " 4 * (SELECT count(*) FROM jsonb_array_elements_text(skills) s WHERE s = ANY(%(req)s))"
        " + (SELECT count(*) FROM jsonb_array_elements_text(skills) s WHERE s = ANY(%(pref)s)) DESC, id"
        " LIMIT %(k)s",
        {"tenant": tenant_id, "names": names, "req": list(required), "pref": list(preferred), "k": k},
    ).fetchall()
    return [r["id"] for r in rows]


def active_job_stamps(conn: Connection, tenant_id: str, ids: Sequence[str]) -> list[Row]:
    """The active analysed jobs among ids, with their updated_at."""
    return conn.execute(
        "SELECT id::text AS id, updated_at FROM jobs WHERE tenant_id = %s AND id = ANY(%s::uuid[])"
        " AND status = 'active' AND analysis_status = 'analyzed'",
        (tenant_id, list(ids)),
    ).fetchall()


def job_rows(conn: Connection, ids: Sequence[str]) -> list[Row]:
    """The scorer's columns of these jobs."""
    return conn.execute(f"SELECT {JOB_COLUMNS} FROM jobs WHERE id = ANY(%s::uuid[])", (list(ids),)).fetchall()


def job_row(conn: Connection, tenant_id: str, job_id: str) -> Row | None:
    """One job of the tenant, active or not, with the scorer's columns and its statuses."""
    return conn.execute(
        f"SELECT {JOB_COLUMNS}, status, analysis_status FROM jobs WHERE tenant_id = %s AND id::text = %s",
        (tenant_id, job_id),
    ).fetchone()


def active_digest(conn: Connection, tenant_id: str) -> tuple[int, Any]:
    """The count of the tenant's active analysed jobs and a digest of their (id, updated_at)."""
    head = conn.execute(
        f"SELECT count(*) AS n, coalesce(sum(hashtextextended(id::text || updated_at::text, 0)), 0) AS digest"
        f" {_ACTIVE}",
        (tenant_id,),
    ).fetchone()
    return (int(head["n"]), head["digest"]) if head else (0, 0)


def active_stamps(conn: Connection, tenant_id: str) -> list[Row]:
    """Every active analysed job's id and updated_at, by id."""
    return conn.execute(f"SELECT id::text AS id, updated_at {_ACTIVE} ORDER BY id", (tenant_id,)).fetchall()


def parsed_resumes_by_tenant(conn: Connection) -> list[Row]:
    """Every parsed resume of every tenant (the nightly refresh), by tenant then age."""
    return conn.execute(
        "SELECT tenant_id, id FROM resumes WHERE status = 'parsed' AND superseded_by IS NULL"
        " ORDER BY tenant_id, created_at"
    ).fetchall()


# --- storing scored pairs and exclusions -----------------------------------------------------------------------


def store_pairs(conn: Connection, tenant_id: str, pairs: list[Pair], titles: dict[str, str]) -> None:
    """Upsert scored pairs; a row whose score and breakdown did not change is not rewritten (idempotent). Each
    score written is audited (resume, job, weights version, inputs digest) in one multi-row insert."""
    if not pairs:
        return
    written: set[tuple[str, str]] = set()
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO matches (tenant_id, resume_id, job_id, score, matched_skills, missing_skills, scorer,"
            " breakdown, explanation, grade, recommended, weights_version, retrieval)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (resume_id, job_id) DO UPDATE SET score = EXCLUDED.score,"
            " matched_skills = EXCLUDED.matched_skills, missing_skills = EXCLUDED.missing_skills,"
            " scorer = EXCLUDED.scorer, breakdown = EXCLUDED.breakdown, explanation = EXCLUDED.explanation,"
            " grade = EXCLUDED.grade, recommended = EXCLUDED.recommended,"
            " weights_version = EXCLUDED.weights_version, retrieval = EXCLUDED.retrieval, scored_at = now()"
            " WHERE (matches.score, matches.breakdown, matches.explanation, matches.weights_version,"
            " matches.scorer) IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.breakdown, EXCLUDED.explanation,"
            " EXCLUDED.weights_version, EXCLUDED.scorer) RETURNING resume_id::text, job_id::text",
            [
                (tenant_id, resume_id, r.job_id, r.score, Json(r.matched_skills), Json(r.missing_skills), SCORER,
                 Json(r.breakdown), Json(explain(r.breakdown, titles.get(r.job_id, "this"))), r.grade,
                 r.recommended, r.breakdown["weights_version"], Json(retrieval))
                for resume_id, r, retrieval in pairs
            ],
            returning=True,
        )  # fmt: skip
        while True:
            written.update((row["resume_id"], row["job_id"]) for row in cur.fetchall())
            if not cur.nextset():
                break
    record_audits(conn, [
        (tenant_id, SYSTEM_ACTOR, "score", "resume", resume_id,
         {"job_id": r.job_id, "score": r.score, "weights_version": r.breakdown["weights_version"],
          "inputs_digest": _inputs_digest(r, retrieval)})
        for resume_id, r, retrieval in pairs if (str(resume_id), str(r.job_id)) in written
    ])  # fmt: skip


def _inputs_digest(result: PairResult, retrieval: dict[str, Any]) -> str:
    """SHA-256 of what the scorer saw and concluded: the breakdown (evidence, weights version), skills, retrieval."""
    inputs = {"breakdown": result.breakdown, "matched": result.matched_skills, "missing": result.missing_skills,
              "retrieval": retrieval}  # fmt: skip
    return hashlib.sha256(json.dumps(inputs, sort_keys=True, default=str).encode()).hexdigest()


def store_exclusions(
    conn: Connection, tenant_id: str, resume_id: str, excluded: list[PairResult], replace_all: bool
) -> None:
    """The candidate's exclusions (replace_all: and no others); an excluded job leaves the untouched suggestions."""
    if replace_all:
        conn.execute(
            "DELETE FROM match_exclusions WHERE tenant_id = %s AND resume_id = %s AND NOT (job_id = ANY(%s::uuid[]))",
            (tenant_id, resume_id, [r.job_id for r in excluded]),
        )
    if excluded:
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO match_exclusions (tenant_id, resume_id, job_id, reasons, weights_version)"
                " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (resume_id, job_id) DO UPDATE SET"
                " reasons = EXCLUDED.reasons, weights_version = EXCLUDED.weights_version, evaluated_at = now()"
                " WHERE (match_exclusions.reasons, match_exclusions.weights_version)"
                " IS DISTINCT FROM (EXCLUDED.reasons, EXCLUDED.weights_version)",
                [(tenant_id, resume_id, r.job_id, Json([e.as_dict() for e in r.excluded_by]),
                  r.breakdown["weights_version"]) for r in excluded],
            )  # fmt: skip
        conn.execute(
            "DELETE FROM matches WHERE tenant_id = %s AND resume_id = %s AND status = 'suggested'"
            " AND job_id = ANY(%s::uuid[])",
            (tenant_id, resume_id, [r.job_id for r in excluded]),
        )


def store_job_exclusions(conn: Connection, tenant_id: str, job_id: str, excluded: list[tuple[str, PairResult]]) -> None:
    """The job's exclusions after an exhaustive pass: these candidates', and no stale ones."""
    conn.execute(
        "DELETE FROM match_exclusions WHERE tenant_id = %s AND job_id = %s AND NOT (resume_id = ANY(%s::uuid[]))",
        (tenant_id, job_id, [ref for ref, _ in excluded]),
    )
    for ref, result in excluded:
        store_exclusions(conn, tenant_id, ref, [result], replace_all=False)


def drop_candidate_suggestions(conn: Connection, tenant_id: str, resume_id: str, keep_job_ids: list[str]) -> None:
    """The candidate's untouched suggestions that are not among the jobs kept."""
    conn.execute(
        "DELETE FROM matches WHERE tenant_id = %s AND resume_id = %s AND status = 'suggested'"
        " AND NOT (job_id = ANY(%s::uuid[]))",
        (tenant_id, resume_id, keep_job_ids),
    )


def job_suggestion_scores(
    conn: Connection, tenant_id: str, job_id: str, keep_resume_ids: list[str]
) -> dict[str, float]:
    """Drop the job's untouched suggestions outside keep_resume_ids; every suggestion's score before this pass."""
    before = {
        r["id"]: float(r["score"])
        for r in conn.execute(
            "DELETE FROM matches WHERE tenant_id = %s AND job_id = %s AND status = 'suggested'"
            " AND NOT (resume_id = ANY(%s::uuid[])) RETURNING resume_id::text AS id, score",
            (tenant_id, job_id, keep_resume_ids),
        ).fetchall()
    }
    return before | {
        r["id"]: float(r["score"])
        for r in conn.execute(
            "SELECT resume_id::text AS id, score FROM matches WHERE tenant_id = %s AND job_id = %s"
            " AND status = 'suggested'",
            (tenant_id, job_id),
        ).fetchall()
    }


def list_floors(conn: Connection, tenant_id: str, job_id: str) -> dict[str, tuple[int, float]]:
    """Per candidate: how many suggestions other than this job, and the lowest of their scores.

    Every list holds at most top_n suggestions (a candidate's match stores that many, trim cuts to it), so a full
    list's floor is its minimum: a plain aggregate, ~3x cheaper than ranking every row."""
    return {
        str(r["resume_id"]): (int(r["n"]), float(r["score"]))
        for r in conn.execute(
            "SELECT resume_id, count(*) AS n, min(score) AS score FROM matches"
            " WHERE tenant_id = %s AND status = 'suggested' AND job_id <> %s GROUP BY resume_id",
            (tenant_id, job_id),
        ).fetchall()
    }


def trim(conn: Connection, tenant_id: str, resume_ids: list[str], top_n: int) -> None:
    """Keep each candidate's untouched suggestions to their top-N."""
    if resume_ids:
        conn.execute(
            "DELETE FROM matches m USING (SELECT resume_id, job_id, row_number() OVER (PARTITION BY resume_id"
            " ORDER BY score DESC, job_id) AS rank FROM matches WHERE tenant_id = %s"
            " AND resume_id = ANY(%s::uuid[]) AND status = 'suggested') r"
            " WHERE m.resume_id = r.resume_id AND m.job_id = r.job_id AND r.rank > %s",
            (tenant_id, resume_ids, top_n),
        )


# --- reads -----------------------------------------------------------------------------------------------------


def matches_for_resume(conn: Connection, tenant_id: str, resume_id: str) -> list[Row]:
    """The candidate's matches on active jobs, best first."""
    return conn.execute(
        "SELECT m.job_id, m.score::float AS score, m.grade, m.recommended, m.matched_skills, m.missing_skills,"
        " m.explanation->>'summary' AS summary, m.scorer, m.weights_version, m.status, m.scored_at, j.title,"
        " j.company, j.location FROM matches m JOIN jobs j ON j.id = m.job_id"
        " WHERE m.tenant_id = %s AND m.resume_id = %s AND j.status = 'active'"
        " ORDER BY m.score DESC, j.posted_at DESC, m.job_id",
        (tenant_id, resume_id),
    ).fetchall()


def matches_for_job(conn: Connection, tenant_id: str, job_id: str) -> list[Row]:
    """The job's ranked candidates with each one's percentile among them (100: the best)."""
    return conn.execute(
        "SELECT m.resume_id, m.score::float AS score,"
        " round((cume_dist() OVER (ORDER BY m.score) * 100)::numeric, 1)::float AS percentile, m.grade,"
        " m.recommended, m.matched_skills, m.missing_skills,"
        f" m.explanation->>'summary' AS summary, m.scorer, m.weights_version, m.status, m.scored_at, r.filename,"
        f" {PERSON_COLUMNS} FROM matches m JOIN resumes r ON r.id = m.resume_id"
        " LEFT JOIN users u ON u.id = r.owner_user_id"
        " WHERE m.tenant_id = %s AND m.job_id = %s AND r.status = 'parsed' AND r.superseded_by IS NULL"
        " ORDER BY m.score DESC, m.resume_id",
        (tenant_id, job_id),
    ).fetchall()


def match_detail(conn: Connection, tenant_id: str, resume_id: str, job_id: str) -> Row | None:
    """One match with its breakdown, explanation, retrieval ranks and feedback history (None: no such match)."""
    row = conn.execute(
        "SELECT m.resume_id, m.job_id, m.score::float AS score, m.grade, m.recommended, m.matched_skills,"
        " m.missing_skills, m.breakdown, m.explanation, m.retrieval, m.scorer, m.weights_version, m.status,"
        " m.status_changed_at, m.scored_at, j.title, j.company, j.location, j.status AS job_status"
        " FROM matches m JOIN jobs j ON j.id = m.job_id"
        " WHERE m.tenant_id = %s AND m.resume_id = %s AND m.job_id::text = %s",
        (tenant_id, resume_id, job_id),
    ).fetchone()
    if row is not None:
        row["feedback"] = conn.execute(
            "SELECT role, from_status, to_status, reason, rating, created_at FROM match_feedback"
            " WHERE tenant_id = %s AND resume_id = %s AND job_id = %s ORDER BY id",
            (tenant_id, resume_id, row["job_id"]),
        ).fetchall()
    return row


def stored_match(conn: Connection, tenant_id: str, resume_id: str, job_id: str) -> Row | None:
    """The stored pair's score and status, if the pair is stored."""
    return conn.execute(
        "SELECT score::float AS score, status FROM matches WHERE tenant_id = %s AND resume_id = %s AND job_id = %s",
        (tenant_id, resume_id, job_id),
    ).fetchone()


def exclusions_for_resume(conn: Connection, tenant_id: str, resume_id: str) -> list[Row]:
    """Active jobs a hard filter keeps off the candidate's list, with the reasons."""
    return conn.execute(
        "SELECT x.job_id, x.reasons, x.weights_version, x.evaluated_at, j.title, j.company FROM match_exclusions x"
        " JOIN jobs j ON j.id = x.job_id WHERE x.tenant_id = %s AND x.resume_id = %s AND j.status = 'active'"
        " ORDER BY j.title, x.job_id",
        (tenant_id, resume_id),
    ).fetchall()


# --- the lifecycle ---------------------------------------------------------------------------------------------


def lock_match(conn: Connection, tenant_id: str, resume_id: str, job_id: str) -> Row | None:
    """The pair's job id, status, score and weights version, locked for a status change."""
    return conn.execute(
        "SELECT job_id, status, score, weights_version FROM matches WHERE tenant_id = %s AND resume_id = %s"
        " AND job_id::text = %s FOR UPDATE",
        (tenant_id, resume_id, job_id),
    ).fetchone()


def record_feedback(
    conn: Connection,
    tenant_id: str,
    resume_id: str,
    match: Row,
    user_id: str,
    role: str,
    status: str,
    reason: str | None,
    rating: int | None,
) -> None:
    """One feedback record: who moved the match (locked by lock_match) from what to what, and why."""
    conn.execute(
        "INSERT INTO match_feedback (tenant_id, resume_id, job_id, user_id, role, from_status, to_status,"
        " reason, rating, score, weights_version) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
        (tenant_id, resume_id, match["job_id"], user_id, role, match["status"], status, reason, rating,
         match["score"], match["weights_version"]),
    )  # fmt: skip


def set_status(conn: Connection, resume_id: str, job_id: Any, status: str) -> None:
    conn.execute(
        "UPDATE matches SET status = %s, status_changed_at = now() WHERE resume_id = %s AND job_id = %s",
        (status, resume_id, job_id),
    )


# --- preferences -----------------------------------------------------------------------------------------------


def preferences(conn: Connection, resume_id: str) -> Row | None:
    return conn.execute(
        "SELECT salary_min::float AS salary_min, salary_currency, arrangement, relocate, updated_at"
        " FROM candidate_preferences WHERE resume_id = %s",
        (resume_id,),
    ).fetchone()


def set_preferences(conn: Connection, tenant_id: str, resume_id: str, values: dict[str, Any]) -> None:
    conn.execute(
        "INSERT INTO candidate_preferences (resume_id, tenant_id, salary_min, salary_currency, arrangement,"
        " relocate) VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (resume_id) DO UPDATE SET"
        " salary_min = EXCLUDED.salary_min, salary_currency = EXCLUDED.salary_currency,"
        " arrangement = EXCLUDED.arrangement, relocate = EXCLUDED.relocate, updated_at = now()",
        (resume_id, tenant_id, values.get("salary_min"), values.get("salary_currency"), values.get("arrangement"),
         bool(values.get("relocate"))),
    )  # fmt: skip


# --- weight profiles -------------------------------------------------------------------------------------------


def current_weights(conn: Connection, tenant_id: str) -> list[Row]:
    """The tenant's newest stored settings per level."""
    return conn.execute(
        "SELECT DISTINCT ON (level) level, version, settings FROM match_weight_profiles WHERE tenant_id = %s"
        " ORDER BY level, created_at DESC, version DESC",
        (tenant_id,),
    ).fetchall()


def add_weights(conn: Connection, tenant_id: str, level: str, settings: dict[str, Any], user_id: str) -> str:
    """Store the next version of the tenant's settings for a level (serialised per tenant); returns the version."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"weights:{tenant_id}",))
    row = conn.execute(
        "SELECT count(*) AS n FROM match_weight_profiles WHERE tenant_id = %s AND level = %s", (tenant_id, level)
    ).fetchone()
    version = f"tenant-{level}-v{(row['n'] if row else 0) + 1}"
    conn.execute(
        "INSERT INTO match_weight_profiles (tenant_id, level, version, settings, created_by)"
        " VALUES (%s, %s, %s, %s, %s)",
        (tenant_id, level, version, Json(settings), user_id),
    )
    return version


# --- LLM rephrasings of explanations ---------------------------------------------------------------------------

_PAIR = "tenant_id = %(tenant)s AND resume_id = %(resume)s AND job_id = %(job)s"


def rephrasing(conn: Connection, pair: dict[str, str]) -> dict[str, Any] | None:
    """The stored rephrasing outcome of a pair ({tenant, resume, job}), if any."""
    row = conn.execute(f"SELECT rephrasing FROM matches WHERE {_PAIR}", pair).fetchone()
    return None if row is None else row["rephrasing"]


def claim_rephrasing(conn: Connection, pair: dict[str, str], source: str, claim_s: float) -> bool:
    """Mark the match as being rephrased for this fingerprint, unless that is already stored or under way."""
    row = conn.execute(
        "UPDATE matches SET rephrasing = jsonb_build_object('source_sha256', %(source)s::text,"
        " 'outcome', 'pending', 'at', now())"
        f" WHERE {_PAIR} AND (rephrasing IS NULL OR rephrasing->>'source_sha256' IS DISTINCT FROM %(source)s"
        " OR (rephrasing->>'outcome' = 'pending'"
        " AND (rephrasing->>'at')::timestamptz < now() - make_interval(secs => %(claim_s)s)))"
        " RETURNING job_id",
        {**pair, "source": source, "claim_s": claim_s},
    ).fetchone()
    return row is not None


def store_rephrasing(conn: Connection, pair: dict[str, str], outcome: dict[str, Any]) -> None:
    """Replace our claim with the outcome, unless another reader has since claimed the match for another source."""
    conn.execute(
        "UPDATE matches SET rephrasing = %(outcome)s || jsonb_build_object('at', now())"
        f" WHERE {_PAIR} AND rephrasing->>'source_sha256' = %(source)s AND rephrasing->>'outcome' = 'pending'",
        {**pair, "outcome": outcome, "source": outcome["source_sha256"]},
    )


def withdraw_resume_suggestions(conn: Connection, tenant_id: str, resume_ids: Sequence[str]) -> int:
    """The untouched suggestions of resumes a newer version superseded, deleted; how many."""
    if not resume_ids:
        return 0
    cur = conn.execute(
        "DELETE FROM matches WHERE tenant_id = %s AND resume_id = ANY(%s::uuid[]) AND status = 'suggested'",
        (tenant_id, list(resume_ids)),
    )
    return cur.rowcount


def match_history(conn: Connection, tenant_id: str, resume_id: str, job_id: str) -> list[Row]:
    """The pair's score at each (re)scoring, oldest first."""
    return conn.execute(
        "SELECT score::float AS score, grade, weights_version, scored_at FROM match_history"
        " WHERE tenant_id = %s AND resume_id = %s AND job_id::text = %s ORDER BY id",
        (tenant_id, resume_id, job_id),
    ).fetchall()


def withdraw_suggestions(conn: Connection, job_ids: Sequence[Any]) -> list[Row]:
    """Suggested matches of jobs that left the market (closed, expired), deleted; (tenant_id, resume_id) of each,
    to re-match."""
    if not job_ids:
        return []
    return conn.execute(
        "DELETE FROM matches WHERE status = 'suggested' AND job_id = ANY(%s) RETURNING tenant_id, resume_id",
        (list(job_ids),),
    ).fetchall()
