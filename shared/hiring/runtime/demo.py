"""The demo data set: one tenant, one user of each role, and real job postings."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from importlib import resources

from hiring.container import Container
from hiring.principal import Principal, Role
from hiring.services.jobs import JobPosting

DEMO_TENANT = "demo"
DEMO_USERS = {
    Role.ADMIN: "admin@example.com",
    Role.RECRUITER: "recruiter@example.com",
    Role.CANDIDATE: "candidate@example.com",
}


@dataclass(frozen=True)
class DemoSeed:
    tenant_id: str
    password: str
    password_generated: bool
    users: dict[Role, str]  # role -> user id
    jobs: int


def seed_demo(container: Container, password: str | None = None) -> DemoSeed:
    """Create (or refresh) the demo tenant, its three users and its jobs. Safe to run on every start."""
    generated = password is None
    password = password or secrets.token_urlsafe(12)
    identity = container.identity
    with container.db.connect() as conn:
        row = conn.execute(
            "INSERT INTO tenants (slug, name) VALUES (%s, %s) ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name"
            " RETURNING id",
            (DEMO_TENANT, "Demo Recruiting Co."),
        ).fetchone()
        assert row is not None
        tenant_id = str(row["id"])
    users = {role: identity.ensure_user(tenant_id, email, password, role) for role, email in DEMO_USERS.items()}
    recruiter = Principal(users[Role.RECRUITER], tenant_id, Role.RECRUITER, DEMO_USERS[Role.RECRUITER])
    postings = json.loads((resources.files("hiring") / "data" / "demo_jobs.json").read_text(encoding="utf-8"))
    with container.db.connect() as conn:
        known = {
            r["external_id"]
            for r in conn.execute(
                "SELECT external_id FROM jobs WHERE tenant_id = %s AND platform = 'microsoft-careers'", (tenant_id,)
            ).fetchall()
        }
    with container.db.connect() as conn:
        pending = conn.execute(
            "SELECT id FROM jobs WHERE tenant_id = %s AND analysis_status = 'pending' AND status = 'active'",
            (tenant_id,),
        ).fetchall()
    # Work that an earlier run accepted but never finished is queued again, so nothing accepted is lost.
    container.queue.send_batch(
        [{"type": "analyze_job", "tenant_id": tenant_id, "job_id": str(r["id"])} for r in pending]
    )
    for posting in postings:
        if posting["id"] in known:
            continue
        container.jobs.create(
            recruiter,
            JobPosting(
                title=posting["title"],
                description=posting["description"],
                company="Microsoft",
                location=posting.get("state") or None,
                external_id=posting["id"],
                platform="microsoft-careers",
            ),
        )
    return DemoSeed(tenant_id, password, generated, users, len(postings))
