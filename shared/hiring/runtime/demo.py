"""The demo data set: one tenant, one user of each role, and real job postings."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from importlib import resources

from hiring.container import Container
from hiring.principal import Principal, Role
from hiring.services.jobs import JobPosting
from hiring.services.messages import AnalyzeJob
from hiring.stores import identity as identity_store
from hiring.stores import jobs as jobs_store

DEMO_TENANT = "demo"
DEMO_TENANT_NAME = "Demo Recruiting Co."
DEMO_PLATFORM = "microsoft-careers"  # where the demo postings come from (data/demo_jobs.json)
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
    with container.db.connect() as conn:  # a second seeder racing this one finds the tenant the first inserted
        tenant_id = identity_store.insert_tenant(conn, DEMO_TENANT, DEMO_TENANT_NAME)
        tenant_id = tenant_id or identity_store.find_tenant_id(conn, DEMO_TENANT)
        assert tenant_id is not None
    users = {role: identity.ensure_user(tenant_id, email, password, role) for role, email in DEMO_USERS.items()}
    recruiter = Principal(users[Role.RECRUITER], tenant_id, Role.RECRUITER, DEMO_USERS[Role.RECRUITER])
    postings = json.loads((resources.files("hiring") / "data" / "demo_jobs.json").read_text(encoding="utf-8"))
    with container.db.connect() as conn:
        known = jobs_store.external_ids(conn, tenant_id, DEMO_PLATFORM)
        pending = jobs_store.pending_active_ids(conn, tenant_id)
    # Work that an earlier run accepted but never finished is queued again, so nothing accepted is lost.
    container.queue.send_batch(
        [AnalyzeJob.model_validate({"tenant_id": tenant_id, "job_id": job_id}) for job_id in pending]
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
                platform=DEMO_PLATFORM,
            ),
        )
    return DemoSeed(tenant_id, password, generated, users, len(postings))
