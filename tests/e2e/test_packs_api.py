"""Application packs over real HTTP (issue 14): the owner builds a pack before applying and for their application;
every line traces to the effective profile (corrections included); the PDF and DOCX hold the lines; staff read it,
other candidates and other tenants get 404; it is audited without personal data, exported and erased with the
resume."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import httpx
import pymupdf

from hiring.packs.render import blocks
from hiring.packs.tailor import PackLine, source_lines
from hiring.resume.model import ParsedResume
from tests.conftest import login
from tests.e2e.test_hiring_journey import POSTING, _ok
from tests.e2e.test_profile_api import PASSWORD, Setup, _candidate, setup  # noqa: F401 (the fixture)


def _pack(http: httpx.Client, s: Setup) -> dict[str, Any]:
    return _ok(http.post("/api/packs", headers=s.owner, json={"resume_id": s.resume_id, "job_id": s.job_id}), 201)


def test_the_owner_builds_a_traceable_pack_and_staff_read_it(http: httpx.Client, setup: Setup) -> None:  # noqa: F811
    s = setup
    corrected = {"skills_added": ["Cypress"]}  # the effective profile, not the parser's, is what gets tailored
    _ok(http.put(f"/api/resumes/{s.resume_id}/corrections", headers=s.owner, json=corrected))
    profile = ParsedResume.model_validate(
        _ok(http.get(f"/api/resumes/{s.resume_id}/corrections", headers=s.owner))["profile"]
    )
    pack = _pack(http, s)
    sources = source_lines(profile)
    lines = [PackLine.model_validate(line) for line in pack["lines"]]
    assert len(lines) > 10
    for line in lines:
        assert sources[line.source] == line.text or (line.shortened and sources[line.source].startswith(line.text))
    skills = [line.text for line in lines if line.section == "skills"]
    assert "Cypress" in skills and sorted(skills) == sorted(sk.name for sk in profile.skills)
    asked = {item["skill"]: item for item in pack["coverage"]["skills"]}
    assert {"JavaScript", "TypeScript", "React"} <= set(asked) and asked["Cypress"]["kind"] == "preferred"
    assert asked["Cypress"]["covered_before"] and asked["Cypress"]["covered_after"]
    letter = pack["cover_letter"]
    assert "Frontend Engineer" in letter["text"] and letter["rephrased"] is None  # no LLM configured
    for gap in letter["gaps"]:
        assert gap in letter["text"] and not asked[gap]["covered_before"]
    assert pack["resume"]["basics"]["name"] == profile.name

    for who in (s.owner, s.recruiter, login(http, "admin@example.com")):
        assert _ok(http.get(f"/api/packs/{pack['id']}", headers=who)) == pack
    pdf = http.get(pack["files"]["pdf"], headers=s.recruiter)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    with pymupdf.open(stream=pdf.content, filetype="pdf") as doc:
        text = " ".join(page.get_text() for page in doc)
    assert " ".join(text.split()) == " ".join(" ".join(t for _, t in blocks(lines)).split())
    docx = http.get(pack["files"]["docx"], headers=s.owner)
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    import docx as python_docx

    paragraphs = [p.text for p in python_docx.Document(io.BytesIO(docx.content)).paragraphs]
    assert paragraphs == [t for _, t in blocks(lines)]

    other = _candidate(http, "someone.else@example.org")
    for path in (f"/api/packs/{pack['id']}", pack["files"]["pdf"], pack["files"]["docx"]):
        refused = http.get(path, headers=other)
        assert refused.status_code == 404 and refused.json()["error"]["code"] == "not_found"
    stolen = http.post("/api/packs", headers=other, json={"resume_id": s.resume_id, "job_id": s.job_id})
    assert stolen.status_code == 404
    assert (
        http.post("/api/packs", headers=s.recruiter, json={"resume_id": s.resume_id, "job_id": s.job_id}).status_code
        == 403
    )

    audit = _ok(http.get("/api/admin/audit", headers=login(http, "admin@example.com"), params={"kind": "pack_created"}))
    assert [(e["subject_kind"], e["subject_id"]) for e in audit] == [("pack", pack["id"])]
    said = json.dumps(audit[0]["detail"])
    assert profile.name and profile.name not in said and (profile.email or "@") not in said
    assert all(line.text not in said for line in lines if len(line.text) > 12)


def test_a_pack_for_an_application_is_the_applicants_own(http: httpx.Client, setup: Setup) -> None:  # noqa: F811
    s = setup
    application = _ok(http.post("/api/applications", headers=s.owner,
                                json={"job_id": s.job_id, "resume_id": s.resume_id}), 201)  # fmt: skip
    pack = _ok(http.post(f"/api/applications/{application['id']}/pack", headers=s.owner), 201)
    assert (pack["application_id"], pack["job_id"], pack["resume_id"]) == (application["id"], s.job_id, s.resume_id)
    other = _candidate(http, "someone.else@example.org")
    assert http.post(f"/api/applications/{application['id']}/pack", headers=other).status_code == 404
    assert http.post(f"/api/applications/{application['id']}/pack", headers=s.recruiter).status_code == 403
    assert http.post("/api/applications/not-an-id/pack", headers=s.owner).status_code == 404


def test_an_unknown_or_unanalysed_job_is_refused(http: httpx.Client, setup: Setup) -> None:  # noqa: F811
    s = setup
    missing = http.post("/api/packs", headers=s.owner,
                        json={"resume_id": s.resume_id, "job_id": "00000000-0000-0000-0000-000000000000"})  # fmt: skip
    assert missing.status_code == 404 and missing.json()["error"]["message"] == "job not found"
    fresh = _ok(http.post("/api/jobs", headers=s.recruiter, json=POSTING), 202)["id"]  # not analysed until drained
    waiting = http.post("/api/packs", headers=s.owner, json={"resume_id": s.resume_id, "job_id": fresh})
    assert waiting.status_code == 409 and waiting.json()["error"]["code"] == "conflict"


def test_packs_are_exported_and_erased_with_the_resume(http: httpx.Client, setup: Setup) -> None:  # noqa: F811
    s = setup
    pack = _pack(http, s)
    export = http.get("/api/me/export", headers=s.owner)
    archive = zipfile.ZipFile(io.BytesIO(export.content))
    exported = json.loads(archive.read(f"resumes/{s.resume_id}/packs.json"))
    assert [p["id"] for p in exported] == [pack["id"]] and exported[0]["content"]["lines"] == pack["lines"]
    assert http.delete(f"/api/resumes/{s.resume_id}", headers=s.owner).status_code == 204
    assert http.get(f"/api/packs/{pack['id']}", headers=s.recruiter).status_code == 404


def test_another_tenant_cannot_read_or_build_the_pack(http: httpx.Client, setup: Setup) -> None:  # noqa: F811
    s = setup
    pack = _pack(http, s)
    tenant = {"slug": "globex", "name": "Globex", "admin_email": "boss@globex.test", "admin_password": PASSWORD}
    _ok(http.post("/api/tenants", json=tenant), 201)
    outsider_admin = login(http, "boss@globex.test", PASSWORD)
    outsider = _candidate(http, "otto@globex.test", "globex")
    for headers in (outsider_admin, outsider):
        for path in (f"/api/packs/{pack['id']}", pack["files"]["pdf"], pack["files"]["docx"]):
            assert http.get(path, headers=headers).status_code == 404
    built = http.post("/api/packs", headers=outsider, json={"resume_id": s.resume_id, "job_id": s.job_id})
    assert built.status_code == 404
    assert _ok(http.get(f"/api/packs/{pack['id']}", headers=s.owner)) == pack  # unchanged


def test_outcome_analytics_count_the_tenants_applications_and_withhold_a_thin_auc(
    http: httpx.Client,
    setup: Setup,  # noqa: F811
) -> None:
    s = setup
    before = _ok(http.get("/api/admin/outcomes", headers=s.recruiter))
    application = _ok(http.post("/api/applications", headers=s.owner,
                                json={"job_id": s.job_id, "resume_id": s.resume_id}), 201)  # fmt: skip
    path = f"/api/applications/{application['id']}/status"
    for status in ("screening", "interview"):
        _ok(http.post(path, headers=s.recruiter, json={"status": status}))
    _ok(http.post(path, headers=s.recruiter, json={"status": "rejected", "reason": "We chose another applicant."}))
    after = _ok(http.get("/api/admin/outcomes", headers=login(http, "admin@example.com")))
    assert after["applications"] == before["applications"] + 1
    reached = {q["question"]: q for q in after["predictiveness"]}["reached interview"]
    earlier = {q["question"]: q for q in before["predictiveness"]}["reached interview"]
    assert (
        reached["positives"] == earlier["positives"] + 1 and reached["auc"] is None and "too little" in reached["note"]
    )
    grade = {g["key"]: g for g in after["by_grade"]}[application["grade"]]
    assert grade["by_status"]["rejected"] >= 1 and grade["reached_interview"] >= 1
    assert http.get("/api/admin/outcomes", headers=s.owner).status_code == 403
