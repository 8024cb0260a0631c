"""The audit log (issue 12): append-only for the application and for the tables' owner, behind the tenant wall,
and written by every admin action, stored score and LLM call in the transaction of the change."""

from __future__ import annotations

from typing import Any

import psycopg
import pytest

from hiring.adapters.postgres import current_tenant
from hiring.principal import Principal, Role
from hiring.stores.audit import record_audit


def _entries(container: Any, tenant_id: str, kind: str | None = None) -> list[dict[str, Any]]:
    with container.db.connect() as conn:
        return conn.execute(
            "SELECT * FROM audit_log WHERE tenant_id = %s AND (%s::text IS NULL OR kind = %s) ORDER BY id",
            (tenant_id, kind, kind),
        ).fetchall()


@pytest.fixture
def tenant(container: Any) -> str:
    return str(container.identity.create_tenant("audited", "Audited"))


def test_an_entry_is_appended_with_its_transaction(container: Any, tenant: str) -> None:
    with container.db.connect() as conn:
        record_audit(conn, tenant, "system", "score", "resume", "r1", {"job_id": "j1", "text": "nul\x00here"})
    with pytest.raises(RuntimeError), container.db.connect() as conn:  # rolled back with the change it records
        record_audit(conn, tenant, "system", "score", "resume", "r2", {})
        raise RuntimeError("the change failed")
    rows = _entries(container, tenant)
    assert [(r["actor"], r["kind"], r["subject_kind"], r["subject_id"]) for r in rows] == [
        ("system", "score", "resume", "r1")
    ]
    assert rows[0]["detail"] == {"job_id": "j1", "text": "nul\ufffdhere"}


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log", "TRUNCATE audit_log"]
)
def test_the_application_cannot_change_or_remove_an_entry(container: Any, tenant: str, statement: str) -> None:
    with container.db.connect() as conn:
        record_audit(conn, tenant, "system", "score", "resume", "r1", {})
    with pytest.raises(psycopg.errors.InsufficientPrivilege), container.db.connect() as conn:
        conn.execute(statement)
    assert len(_entries(container, tenant)) == 1


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log", "TRUNCATE audit_log"]
)
def test_even_the_owner_cannot_change_or_remove_an_entry(
    container: Any, settings: Any, tenant: str, statement: str
) -> None:
    with container.db.connect() as conn:
        record_audit(conn, tenant, "system", "score", "resume", "r1", {})
    with psycopg.connect(settings.database_url) as owner:  # the login role, not hiring_app: only the trigger stops it
        assert owner.execute("SELECT current_user <> 'hiring_app'").fetchone() == (True,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            owner.execute(statement)
    assert len(_entries(container, tenant)) == 1


def test_a_tenant_sees_only_its_own_entries(container: Any, tenant: str) -> None:
    other = str(container.identity.create_tenant("other-org", "Other"))
    with container.db.connect() as conn:
        record_audit(conn, tenant, "system", "score", "resume", "mine", {})
        record_audit(conn, other, "system", "score", "resume", "theirs", {})
    token = current_tenant.set(tenant)
    try:
        with container.db.connect() as conn:
            seen = [r["subject_id"] for r in conn.execute("SELECT subject_id FROM audit_log").fetchall()]
        with pytest.raises(psycopg.errors.InsufficientPrivilege), container.db.connect() as conn:
            record_audit(conn, other, "system", "score", "resume", "forged", {})
    finally:
        current_tenant.reset(token)
    assert seen == ["mine"]


# --- what records an entry ------------------------------------------------------------------------------------


@pytest.fixture
def admin(container: Any, tenant: str) -> Principal:
    user_id = container.identity.create_user(tenant, "admin@audited.test", "a long password 1", Role.ADMIN)
    return Principal(user_id, tenant, Role.ADMIN, "admin@audited.test")


def _kinds(container: Any, tenant_id: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(r["actor"], r["kind"], r["subject_kind"], r["subject_id"]) for r in _entries(container, tenant_id)]


def test_admin_actions_on_users_are_audited_with_the_admin_as_actor(container: Any, admin: Principal) -> None:
    tenant = admin.tenant_id
    user = container.identity.create_user(
        tenant, "rec@audited.test", "a long password 2", Role.RECRUITER, actor=admin.user_id
    )
    container.identity.set_disabled(admin, user, disabled=True)
    container.identity.set_disabled(admin, user, disabled=False)
    container.identity.delete_user(admin, user)

    assert _kinds(container, tenant) == [
        (admin.user_id, "user_created", "user", admin.user_id),  # the first admin: created by nobody but itself
        (admin.user_id, "user_created", "user", user),
        (admin.user_id, "user_disabled", "user", user),
        (admin.user_id, "user_enabled", "user", user),
        (admin.user_id, "user_deleted", "user", user),
    ]
    assert _entries(container, tenant, "user_created")[1]["detail"] == {"role": "recruiter"}
    assert "rec@audited.test" not in str(_entries(container, tenant))  # ids, never personal data


def test_api_keys_weights_and_imports_are_audited(container: Any, admin: Principal) -> None:
    from hiring.matching.weights import WeightSettings
    from hiring.scraping.api_keys import ApiKeyService
    from hiring.services.match_weights import MatchWeights

    keys = ApiKeyService(container.db)
    created = keys.create(admin, "bot one", 60)
    keys.revoke(admin, str(created.id))
    profile = MatchWeights(container.db).add(admin, WeightSettings(level="mid", weights={"semantic": 30}))
    rows = [(1, {"id": "a1", "title": "Engineer", "description": "Python"}), (2, "not a row")]
    result = container.jobs.import_rows(admin.tenant_id, "indeed", rows, "api", admin.user_id)

    key_id = str(created.id)
    assert _kinds(container, admin.tenant_id)[1:] == [
        (admin.user_id, "api_key_created", "api_key", key_id),
        (admin.user_id, "api_key_revoked", "api_key", key_id),
        (admin.user_id, "weights_added", "weights", profile.version),
        (admin.user_id, "import", "import_batch", result.batch_id),
    ]
    [imported] = _entries(container, admin.tenant_id, "import")
    assert imported["detail"]["new"] == result.new == 1 and imported["detail"]["failed"] == result.failed == 1
    assert _entries(container, admin.tenant_id, "weights_added")[0]["detail"]["weights"]["semantic"] == 30


def test_an_import_without_a_user_is_audited_as_system(container: Any, tenant: str) -> None:
    result = container.jobs.import_rows(tenant, "indeed", [(1, {"id": "a1", "title": "T", "description": "x"})], "cli")
    assert _kinds(container, tenant) == [("system", "import", "import_batch", result.batch_id)]


def test_every_stored_score_is_audited_once_and_a_rescore_that_changes_nothing_adds_none(
    container: Any, admin: Principal
) -> None:
    from tests.integration.test_matching_store import POSTINGS, _jobs, _resume

    jobs = _jobs(container, admin, POSTINGS)
    resume = _resume(container, admin, "okafor")
    container.matching.match_candidate(admin.tenant_id, resume)
    scores = _entries(container, admin.tenant_id, "score")
    container.matching.match_candidate(admin.tenant_id, resume)

    assert len(scores) == len(jobs) == len(_entries(container, admin.tenant_id, "score"))
    with container.db.connect() as conn:
        stored = {str(r["job_id"]): r for r in conn.execute("SELECT * FROM matches").fetchall()}
    for entry in scores:
        assert (entry["actor"], entry["subject_kind"], entry["subject_id"]) == ("system", "resume", resume)
        match = stored[entry["detail"]["job_id"]]
        assert entry["detail"]["weights_version"] == match["weights_version"] == "default-v1"
        assert entry["detail"]["score"] == float(match["score"])
        assert len(entry["detail"]["inputs_digest"]) == 64
    assert len({e["detail"]["inputs_digest"] for e in scores}) == len(jobs)


def test_an_llm_call_is_audited_with_a_link_to_its_llm_calls_row(container: Any, tenant: str) -> None:
    from hiring.llm.enhance import maybe_enhance
    from hiring.llm.recorder import PostgresLlmCallRecorder
    from hiring.resume.model import ParsedResume
    from tests.integration.test_llm_call_records import REPLY, TEXT, _settings
    from tests.support.fake_openai_server import FakeOpenAIServer, json_reply

    with FakeOpenAIServer() as server:
        server.script(json_reply(REPLY, prompt_tokens=100, completion_tokens=20))
        maybe_enhance(ParsedResume(), TEXT, _settings(server), PostgresLlmCallRecorder(container.db), tenant_id=tenant)

    [entry] = _entries(container, tenant, "llm_call")
    with container.db.connect() as conn:
        [call] = conn.execute("SELECT id::text AS id, outcome, tokens_in FROM llm_calls").fetchall()
    assert (entry["actor"], entry["subject_kind"], entry["subject_id"]) == ("system", "llm_call", call["id"])
    assert entry["detail"] == {"prompt_id": "resume_extraction", "model": "test-model", "outcome": "ok"}


def test_a_bots_upload_is_audited_with_the_key_as_actor(container: Any, admin: Principal) -> None:
    from hiring.scraping.api_keys import ApiKeyService
    from hiring.scraping.scrape_queue import ScrapeQueue, ScrapeUpload

    keys = ApiKeyService(container.db)
    bot = keys.authenticate(keys.create(admin, "bot", 6000).key)
    scrape = ScrapeQueue(container.db, container.queue, container.blobs)
    role = str(scrape.add_role(admin.tenant_id, "Baker", [])[0].id)
    uploaded = scrape.upload(bot, role, ScrapeUpload(platform="indeed", jobs=[{"title": "Baker", "external_id": "1"}]))

    [entry] = _entries(container, admin.tenant_id, "scrape_upload")
    assert (entry["actor"], entry["subject_kind"], entry["subject_id"]) == (
        f"key:{bot.key_id}",
        "scrape_upload",
        str(uploaded.id),
    )
    batch = str(uploaded.batch_id)
    assert entry["detail"] == {"role_id": role, "platform": "indeed", "job_count": 1, "batch_id": batch}
