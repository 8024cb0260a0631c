"""The demo seed is safe to run on every start: a second run finds the tenant, users and jobs the first made."""

from __future__ import annotations

from hiring.runtime.demo import DEMO_PLATFORM, DEMO_TENANT, seed_demo


def _counts(container, tenant_id: str) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    with container.db.connect() as conn:
        tenants = conn.execute("SELECT count(*) AS n FROM tenants WHERE slug = %s", (DEMO_TENANT,)).fetchone()["n"]
        users = conn.execute("SELECT count(*) AS n FROM users WHERE tenant_id = %s", (tenant_id,)).fetchone()["n"]
        jobs = conn.execute(
            "SELECT count(*) AS n FROM jobs WHERE tenant_id = %s AND platform = %s", (tenant_id, DEMO_PLATFORM)
        ).fetchone()["n"]
    return tenants, users, jobs


def test_seeding_twice_finds_the_same_tenant_users_and_jobs(container, demo) -> None:  # type: ignore[no-untyped-def]
    before = _counts(container, demo.tenant_id)
    again = seed_demo(container, "demo-password-123")
    assert again.tenant_id == demo.tenant_id
    assert again.users == demo.users
    assert _counts(container, demo.tenant_id) == before
    assert before[0] == 1 and before[2] == demo.jobs
