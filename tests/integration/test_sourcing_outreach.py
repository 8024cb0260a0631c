"""Sourcing outreach against real Postgres (issue 14): a deterministic draft citing the prospect's evidence and the
job; statuses drafted -> sent -> replied, opted_out from any, others refused naming the allowed ones, each recorded
with actor and time and audited without personal data; opting out suppresses the person: no draft, not handed out
in a later run, their profile refused as "suppressed" on upload and not stored."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from hiring.errors import Conflict, InvalidInput, NotFound
from hiring.principal import Principal, Role
from hiring.scraping.bots import ScraperPrincipal
from hiring.services.jobs import JobPosting
from hiring.services.sourcing import SourcingService
from hiring.services.sourcing_outreach import OutreachService, prospect_retention_step
from hiring.sourcing.profiles import ProfileUpload

POSTING = "Requirements:\n• Python\n• Kubernetes\n• PostgreSQL\n3+ years of experience."
ADA = {
    "name": "Ada Example",
    "profile_url": "https://example.org/p/ada",
    "email": "Ada@Example.org",
    "github_login": "ada-x",
    "source": "bot",
    "skills": ["Python", "Kubernetes"],
    "experience": [{"title": "Site Reliability Engineer", "company": "Initrode", "current": True}],
}
BOB = {"name": "Bob Other", "profile_url": "https://example.org/p/bob", "source": "bot"}


@pytest.fixture
def world(container: Any) -> dict[str, Any]:
    identity = container.identity
    acme, globex = identity.create_tenant("acme", "Acme"), identity.create_tenant("globex", "Globex")
    staff_id = identity.create_user(acme, "rec@acme.test", "a long password 1", Role.RECRUITER)
    staff = Principal(staff_id, acme, Role.RECRUITER, "rec@acme.test")
    other_id = identity.create_user(globex, "rec@globex.test", "a long password 1", Role.RECRUITER)
    job = container.jobs.create(staff, JobPosting(title="Platform Engineer", description=POSTING, location="Remote"))
    container.jobs.analyze(acme, str(job.id))
    sourcing = SourcingService(container.db)
    bot = ScraperPrincipal(str(uuid.uuid4()), acme, "bot", "abcd1234")

    def run_with(*profiles: dict[str, Any]) -> tuple[str, Any]:
        run = sourcing.start_run(staff, str(job.id), None, 20)
        task = sourcing.next_task(bot)
        assert task is not None and task.run_id == run.id
        upload = ProfileUpload.model_validate({"profiles": list(profiles)})
        return run.id, sourcing.upload_profiles(bot, task.id, upload, json.dumps({"profiles": profiles}).encode())

    return {"staff": staff, "outsider": Principal(other_id, globex, Role.RECRUITER, "rec@globex.test"),
            "sourcing": sourcing, "outreach": OutreachService(container.db), "run_with": run_with,
            "container": container, "job_id": str(job.id)}  # fmt: skip


def _prospect(world: dict[str, Any], run_id: str, name: str) -> str:
    return next(p.id for p in world["sourcing"].prospects(world["staff"], run_id) if p.name == name)


def test_a_draft_cites_the_prospects_evidence_and_the_job_and_is_deterministic(world: dict[str, Any]) -> None:
    run_id, _ = world["run_with"](ADA, BOB)
    outreach, staff = world["outreach"], world["staff"]
    ada = _prospect(world, run_id, "Ada Example")
    first = outreach.draft(staff, ada)
    assert first.status == "drafted" and first.allowed == ["sent", "opted_out"]
    assert first.body.startswith("Hello Ada,") and "Platform Engineer" in first.body
    assert "Site Reliability Engineer at Initrode" in first.body
    skills = next(c for c in first.citations if "asks for" in c.sentence)
    assert "Python" in skills.sentence and "Kubernetes" in skills.sentence and "PostgreSQL" not in skills.sentence
    assert all(c.evidence for c in first.citations)
    again = outreach.draft(staff, ada)  # redrafted while still a draft: the same text
    assert (again.body, again.subject) == (first.body, first.subject) and len(again.history) == 2
    bare = outreach.draft(staff, _prospect(world, run_id, "Bob Other"))
    assert "We came across your profile." in bare.body and bare.citations == []
    with pytest.raises(NotFound):
        world["outreach"].draft(world["outsider"], ada)
    with pytest.raises(NotFound):
        world["outreach"].get(world["outsider"], ada)


def test_statuses_move_only_along_the_allowed_transitions_and_are_recorded(world: dict[str, Any]) -> None:
    run_id, _ = world["run_with"](ADA)
    outreach, staff = world["outreach"], world["staff"]
    ada = _prospect(world, run_id, "Ada Example")
    outreach.draft(staff, ada)
    with pytest.raises(InvalidInput) as wrong:
        outreach.transition(staff, ada, "replied")
    assert "sent, opted_out" in wrong.value.message
    assert outreach.transition(staff, ada, "sent").allowed == ["replied", "opted_out"]
    replied = outreach.transition(staff, ada, "replied")
    assert [e.status for e in replied.history] == ["drafted", "sent", "replied"]
    assert {e.actor for e in replied.history} == {staff.user_id}
    with pytest.raises(Conflict):
        outreach.draft(staff, ada)  # sent already: no new draft
    with pytest.raises(NotFound):
        outreach.transition(world["outsider"], ada, "opted_out")
    with world["container"].db.connect() as conn:
        audits = conn.execute(
            "SELECT kind, detail FROM audit_log WHERE tenant_id = %s AND subject_id = %s ORDER BY created_at",
            (staff.tenant_id, ada),
        ).fetchall()
    assert [a["kind"] for a in audits] == ["outreach_drafted", "outreach_status", "outreach_status"]
    text = json.dumps([a["detail"] for a in audits])
    assert "Ada" not in text and "example.org" not in text.lower() and "ada-x" not in text


def test_an_opted_out_person_is_suppressed_in_every_later_run(world: dict[str, Any]) -> None:
    run_id, _ = world["run_with"](ADA, BOB)
    outreach, staff = world["outreach"], world["staff"]
    ada = _prospect(world, run_id, "Ada Example")
    outreach.draft(staff, ada)
    out = outreach.transition(staff, ada, "opted_out")
    assert out.status == "opted_out" and out.allowed == []
    listed = outreach.suppressions(staff)
    assert sorted(s.kind for s in listed) == ["email", "github_login", "profile_url"]
    assert all(s.reason == "opted_out" and len(s.digest) == 64 and "@" not in s.digest for s in listed)
    with pytest.raises(Conflict) as refused:
        outreach.draft(staff, ada)
    assert refused.value.detail == {"reason": "suppressed"}
    assert [p.name for p in world["sourcing"].prospects(staff, run_id)] == ["Bob Other"]

    again = {**ADA, "profile_url": "https://example.org/p/ada-new", "email": "ADA@example.org"}  # same email
    later, accepted = world["run_with"](again, BOB)
    assert (accepted.kept, [(r.row, r.reason) for r in accepted.refused]) == (1, [(1, "suppressed")])
    with world["container"].db.connect() as conn:
        stored = conn.execute(
            "SELECT count(*) AS n FROM prospects WHERE run_id::text = %s AND name = 'Ada Example'", (later,)
        ).fetchone()
        recorded = conn.execute(
            "SELECT count(*) AS n FROM rejected_inputs WHERE tenant_id = %s AND detail::text ILIKE '%%ada%%'",
            (staff.tenant_id,),
        ).fetchone()
    assert stored is not None and stored["n"] == 0 and recorded is not None and recorded["n"] == 0
    assert world["outreach"].suppressions(world["outsider"]) == []


def test_an_admin_suppresses_a_github_login_for_the_tenant_only(world: dict[str, Any]) -> None:
    outreach, staff = world["outreach"], world["staff"]
    added = outreach.suppress(staff, "github_login", "ADA-X")
    assert added.added and not outreach.suppress(staff, "github_login", "ada-x").added
    _, accepted = world["run_with"](ADA)
    assert [r.reason for r in accepted.refused] == ["suppressed"] and accepted.kept == 0
    with pytest.raises(InvalidInput):
        outreach.suppress(staff, "phone", "123")


def test_retention_erases_old_prospects_but_keeps_converted_ones_and_the_suppression_list(
    world: dict[str, Any],
) -> None:
    run_id, _ = world["run_with"](ADA, BOB, {**BOB, "name": "Cy New", "profile_url": "https://example.org/p/cy"})
    outreach, staff, db = world["outreach"], world["staff"], world["container"].db
    ada, bob = _prospect(world, run_id, "Ada Example"), _prospect(world, run_id, "Bob Other")
    outreach.draft(staff, ada)
    outreach.transition(staff, ada, "opted_out")
    outreach.draft(staff, bob)
    with db.connect() as conn:  # two of them are 200 days old; Bob's outreach reached converted
        conn.execute("UPDATE prospects SET created_at = now() - interval '200 days' WHERE id::text IN (%s, %s)",
                     (ada, bob))  # fmt: skip
        conn.execute("UPDATE prospect_outreach SET status = 'converted' WHERE prospect_id::text = %s", (bob,))
    assert world["container"].settings.prospect_retention_days == 180
    assert prospect_retention_step(world["container"]) == 1
    left = {p.name for p in world["sourcing"].prospects(staff, run_id)}
    assert left == {"Bob Other", "Cy New"}
    with pytest.raises(NotFound):
        outreach.get(staff, ada)
    assert len(outreach.suppressions(staff)) == 3  # Ada's email, profile URL and GitHub login stay suppressed
    assert outreach.apply_retention(180) == 0


def test_a_prospect_who_replied_converts_only_with_consent_linked_or_invited(world: dict[str, Any]) -> None:
    run_id, _ = world["run_with"](ADA, BOB)
    outreach, staff = world["outreach"], world["staff"]
    ada, bob = _prospect(world, run_id, "Ada Example"), _prospect(world, run_id, "Bob Other")
    for prospect in (ada, bob):
        outreach.draft(staff, prospect)
        outreach.transition(staff, prospect, "sent")
    with pytest.raises(InvalidInput) as early:
        outreach.convert(staff, ada, True, "ada@example.org")  # sent, not replied yet
    assert "replied, opted_out" in early.value.message
    outreach.transition(staff, ada, "replied")
    with pytest.raises(InvalidInput) as refused:
        outreach.convert(staff, ada, False, "ada@example.org")
    assert refused.value.detail == {"field": "consent"} and outreach.get(staff, ada).status == "replied"
    with pytest.raises(InvalidInput):
        outreach.convert(staff, ada, True, "not an address")
    with pytest.raises(NotFound):
        outreach.convert(world["outsider"], ada, True, "ada@example.org")

    invited = outreach.convert(staff, ada, True, "Ada@Example.org")
    assert (invited.status, invited.user_id, invited.email) == ("invited", None, "ada@example.org")
    assert invited.outreach.status == "converted" and invited.outreach.history[-1].status == "converted"
    with pytest.raises(InvalidInput):
        outreach.convert(staff, ada, True, "ada@example.org")  # converted already

    account = world["container"].identity.create_user(staff.tenant_id, "bob@acme.test", "a long password 1",
                                                      Role.CANDIDATE)  # fmt: skip
    outreach.transition(staff, bob, "replied")
    linked = outreach.convert(staff, bob, True, "BOB@acme.test")
    assert (linked.status, linked.user_id) == ("linked", account)

    # The invited person registers with the address they gave: their conversion links to the new account, only in
    # this tenant, and the audit log says so; a staff account with that address would not have been linked.
    identity = world["container"].identity
    elsewhere = identity.create_tenant("elsewhere-conv", "Elsewhere")
    identity.create_user(elsewhere, "ada@example.org", "a long password 1", Role.CANDIDATE)
    with world["container"].db.connect() as conn:
        still = conn.execute(
            "SELECT status, user_id FROM prospect_conversions WHERE prospect_id = %s", (ada,)
        ).fetchone()
    assert (still["status"], still["user_id"]) == ("invited", None)
    _tenant, ada_account = identity.register(staff.tenant_id, "ADA@example.org", "a long password 1")
    with world["container"].db.connect() as conn:
        now = conn.execute("SELECT status, user_id::text AS uid FROM prospect_conversions WHERE prospect_id = %s",
                           (ada,)).fetchone()  # fmt: skip
        audit = conn.execute("SELECT count(*) AS n FROM audit_log WHERE kind = 'prospect_conversion_linked'"
                             " AND subject_id = %s", (ada,)).fetchone()  # fmt: skip
    assert (now["status"], now["uid"], audit["n"]) == ("linked", ada_account, 1)


def test_a_grounded_rephrasing_is_stored_beside_the_draft_and_an_ungrounded_one_is_not(world: dict[str, Any]) -> None:
    from types import SimpleNamespace

    from tests.support.rephrasing_llm import RephrasingLlm

    run_id, _ = world["run_with"](ADA)
    ada, staff = _prospect(world, run_id, "Ada Example"), world["staff"]
    good = "Your Python and Kubernetes work as a Site Reliability Engineer at Initrode fits our role."
    service = OutreachService(world["container"].db, SimpleNamespace(client=RephrasingLlm(good), settings=None))  # type: ignore[arg-type]
    drafted = service.draft(staff, ada, rephrase=True)
    assert drafted.rephrased is not None and good in drafted.rephrased.body
    assert drafted.rephrased.body.startswith("Hello Ada,") and drafted.rephrased.body.endswith(drafted.body[-60:])
    assert service.get(staff, ada).rephrased == drafted.rephrased
    liar = OutreachService(world["container"].db, SimpleNamespace(client=RephrasingLlm(good + " You also know Rust."),
                                                                   settings=None))  # type: ignore[arg-type]  # fmt: skip
    assert liar.draft(staff, ada, rephrase=True).rephrased is None
    assert world["outreach"].draft(staff, ada).rephrased is None  # no rephrase asked
    with world["container"].db.connect() as conn:
        calls = conn.execute(
            "SELECT outcome FROM llm_calls WHERE tenant_id = %s AND prompt_id = 'outreach' ORDER BY created_at",
            (staff.tenant_id,),
        ).fetchall()
    assert [c["outcome"] for c in calls] == ["ok", "rejected"]
