"""The application-pack aggregate's SQL (application_packs, migration 0026) and the reads it builds from: the job's
title, company and analysis, and an application's resume and job. Every query filters the tenant; the service owns
the transaction. Pack content is personal data: stored and answered, never logged."""

from __future__ import annotations

from typing import Any

from psycopg.types.json import Jsonb

from hiring.adapters.postgres import Connection

Row = dict[str, Any]
_COLUMNS = "id, resume_id, job_id, application_id, owner_user_id, content, created_at"


def job(conn: Connection, tenant_id: str, job_id: str) -> Row | None:
    """The job's title, company, status and analysis (None: not in the tenant)."""
    return conn.execute(
        "SELECT id, title, company, status, analysis_status, analysis FROM jobs WHERE tenant_id = %s AND id::text = %s",
        (tenant_id, job_id),
    ).fetchone()


def application(conn: Connection, tenant_id: str, application_id: str) -> Row | None:
    """An application's resume, job and candidate (None: not in the tenant)."""
    return conn.execute(
        "SELECT id, resume_id, job_id, candidate_user_id FROM applications WHERE tenant_id = %s AND id::text = %s",
        (tenant_id, application_id),
    ).fetchone()


def insert(conn: Connection, tenant_id: str, values: Row) -> Row:
    row = conn.execute(
        "INSERT INTO application_packs (tenant_id, resume_id, job_id, application_id, owner_user_id, content)"
        f" VALUES (%s, %s, %s, %s, %s, %s) RETURNING {_COLUMNS}",
        (tenant_id, values["resume_id"], values["job_id"], values["application_id"], values["owner_user_id"],
         Jsonb(values["content"])),
    ).fetchone()  # fmt: skip
    assert row is not None
    return row


def get(conn: Connection, tenant_id: str, pack_id: str) -> Row | None:
    return conn.execute(
        f"SELECT {_COLUMNS} FROM application_packs WHERE tenant_id = %s AND id::text = %s", (tenant_id, pack_id)
    ).fetchone()


def listed(conn: Connection, tenant_id: str, owner_user_id: str | None, filters: dict[str, str | None],
           limit: int) -> list[Row]:  # fmt: skip
    """Packs of the tenant, newest first, with their job's title and company and the counts the list shows: the
    owner's only when owner_user_id is given; filters: application_id, resume_id and job_id (None: any)."""
    where, params = ["p.tenant_id = %s"], [tenant_id]
    if owner_user_id is not None:
        where.append("p.owner_user_id = %s")
        params.append(owner_user_id)
    for column in ("application_id", "resume_id", "job_id"):
        if filters.get(column) is not None:
            where.append(f"p.{column} = %s")
            params.append(str(filters[column]))
    return conn.execute(
        "SELECT p.id, p.resume_id, p.job_id, p.application_id, p.created_at, j.title AS job_title, j.company,"
        " jsonb_array_length(p.content->'lines') AS lines, p.content->'coverage' AS coverage"
        " FROM application_packs p LEFT JOIN jobs j ON j.tenant_id = p.tenant_id AND j.id = p.job_id"
        f" WHERE {' AND '.join(where)} ORDER BY p.created_at DESC, p.id DESC LIMIT %s",
        (*params, limit),
    ).fetchall()


def for_export(conn: Connection, tenant_id: str, resume_id: str) -> list[Row]:
    """The resume's packs, for the owner's GDPR export."""
    return conn.execute(
        f"SELECT {_COLUMNS} FROM application_packs WHERE tenant_id = %s AND resume_id = %s ORDER BY created_at",
        (tenant_id, resume_id),
    ).fetchall()


def outcomes(conn: Connection, tenant_id: str) -> list[Row]:
    """Every application's score, grade, source, status and whether it ever reached an interview, with its
    snapshotted components' scores and weights and whether a hard filter excluded it (outcome analytics and the
    learned weights' offline evaluation; no personal data)."""
    return conn.execute(
        "SELECT a.score::float AS score, a.grade, a.source, a.status, (a.status IN ('interview', 'offer', 'hired')"
        " OR EXISTS (SELECT 1 FROM application_events e WHERE e.tenant_id = a.tenant_id AND e.application_id = a.id"
        " AND e.to_status IN ('interview', 'offer', 'hired'))) AS reached_interview, a.id::text AS id,"
        " (SELECT jsonb_object_agg(c.key, jsonb_build_object('score', c.value->'score', 'weight', c.value->'weight'))"
        "  FROM jsonb_each(CASE WHEN jsonb_typeof(a.breakdown->'components') = 'object'"
        "   THEN a.breakdown->'components' ELSE '{}'::jsonb END) c"
        "  WHERE jsonb_typeof(c.value) = 'object') AS components,"
        " COALESCE(jsonb_typeof(a.breakdown->'excluded_by') = 'array'"
        "  AND jsonb_array_length(a.breakdown->'excluded_by') > 0, false) AS excluded"
        " FROM applications a WHERE a.tenant_id = %s ORDER BY a.created_at, a.id",
        (tenant_id,),
    ).fetchall()
