"""How stored ESCO links enter the scorer's profiles, both scorers and the explanation (pure: links given as the
matches store hands them over), and which sentences of a posting and a resume are linked."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import numpy as np

from hiring.matching import score as S
from hiring.matching.explain import explain
from hiring.matching.profiles import CandidateProfile, JobProfile, SkillFacts, candidate_profile, job_profile, skill_key
from hiring.matching.score import pair_score, score_pair
from hiring.matching.vectorized import JobMatrix, score_jobs, score_mixed_jobs
from hiring.matching.weights import default_profile
from hiring.resume.model import Evidence, Experience, ParsedResume, Skill
from hiring.skills.esco_matching import job_sentences, resume_sentences
from tests.unit.matching_factories import TODAY, random_candidate, random_job

URI = "http://data.europa.eu/esco/skill/477173ca-5fc2-406b-9122-95d92811f284"
ASK = "Communicate effectively with stakeholders at all levels."
SHOWS = "Presented quarterly results to the board and key stakeholders."
SKILL = "communicate with stakeholders"
JOB_LINK = {"block": "required", "uri": URI, "label": SKILL, "sentence": ASK, "score": 0.654}
RESUME_LINK = {"block": "experience", "uri": URI, "label": SKILL, "sentence": SHOWS, "score": 0.632}


def _job_row(**extra: object) -> dict[str, object]:
    return {"id": "job-1", "title": "Finance Analyst", "required_skills": ["Excel", "Financial reporting"],
            "preferred_skills": ["SQL"], "seniority": "mid", **extra}  # fmt: skip


def _resume(highlight: str) -> ParsedResume:
    return ParsedResume(
        experience=[Experience(company="Northwind", title="Financial Analyst", start="2023-01", current=True,
                               description=f"Prepared monthly reports in Excel.\n{highlight}")],
        skills=[Skill(name="Excel", evidence=[Evidence(section="experience", text="Prepared monthly reports in Excel.",
                                                       start=0, end=34)])],
    )  # fmt: skip


def test_esco_requirements_stay_apart_from_the_dictionarys_lists_and_a_listed_name_is_not_asked_twice() -> None:
    twice = {**JOB_LINK, "label": "Excel", "sentence": "Excel wizardry."}
    preferred = {**JOB_LINK, "block": "preferred", "label": "attend to detail", "sentence": "Attention to detail."}
    job = job_profile(_job_row(esco=[JOB_LINK, twice, preferred]))

    assert job.required == ("Excel", "Financial reporting") and job.preferred == ("SQL",)  # retrieval reads these
    assert job.esco_required == (SKILL,) and job.esco_preferred == ("attend to detail",)
    assert job.esco == ((SKILL, URI, ASK), ("attend to detail", URI, "Attention to detail."))
    assert job_profile(_job_row()).esco_required == ()  # no links: as before


def test_a_resume_sentence_link_is_a_skill_shown_in_its_section_with_the_sentence_as_evidence() -> None:
    person = candidate_profile("r", _resume(SHOWS), dt.date(2026, 12, 1), esco=[RESUME_LINK])
    facts = person.skills[SKILL]

    assert facts.esco_uri == URI and facts.months == 0 and facts.sections == frozenset({"experience"})
    assert facts.evidence == (("experience", SHOWS),) and facts.recent  # a current job
    plain = candidate_profile("r", _resume(SHOWS), dt.date(2026, 12, 1), esco=[{**RESUME_LINK, "label": "Excel"}])
    assert plain.skills["excel"].esco_uri is None  # the dictionary's facts win over a link of the same name


def _breakdown_without_esco(breakdown: dict[str, object]) -> dict[str, object]:
    """The breakdown with the ESCO requirement lists dropped: what scoring without links gives, if they only help."""
    parts = {name: {k: v for k, v in part.items() if k != "esco"} for name, part in breakdown["components"].items()}  # type: ignore[attr-defined]
    return {**breakdown, "components": parts}


def test_a_met_esco_requirement_raises_the_required_component_and_the_explanation_quotes_the_resume() -> None:
    profile = default_profile("mid")
    shows = candidate_profile("a", _resume(SHOWS), TODAY, esco=[RESUME_LINK])
    met = score_pair(shows, job_profile(_job_row(esco=[JOB_LINK])), None, profile, TODAY)
    plain = score_pair(shows, job_profile(_job_row()), None, profile, TODAY)

    required = met.breakdown["components"]["required_skills"]
    assert met.score > plain.score
    assert required["score"] > plain.breakdown["components"]["required_skills"]["score"]
    assert SKILL in met.matched_skills and SKILL not in met.missing_skills
    item = next(m for m in required["matched"] if m["skill"] == SKILL)
    assert item["esco"] == {"uri": URI, "asked": ASK, "resume_dictionary": False}
    assert required["esco"] == [{"skill": SKILL, "uri": URI, "asked": ASK, "met": True, "counted": True}]
    strengths = [s["text"] for s in explain(met.breakdown, "Finance Analyst")["strengths"]]
    assert f"{SKILL} (required): '{SHOWS}'" in strengths


def test_an_unmet_esco_requirement_scores_exactly_as_without_links_and_is_a_note_never_a_gap() -> None:
    profile = default_profile("mid")
    misses = candidate_profile("b", _resume("Built dashboards that track stakeholder requests."), TODAY)
    preferred = {**JOB_LINK, "block": "preferred", "label": "attend to detail", "sentence": "Attention to detail."}
    missed = score_pair(misses, job_profile(_job_row(esco=[JOB_LINK, preferred])), None, profile, TODAY)
    plain = score_pair(misses, job_profile(_job_row()), None, profile, TODAY)

    assert missed.score == plain.score and missed.missing_skills == plain.missing_skills
    assert _breakdown_without_esco(missed.breakdown) == _breakdown_without_esco(plain.breakdown)
    assert missed.breakdown["components"]["required_skills"]["esco"] == [
        {"skill": SKILL, "uri": URI, "asked": ASK, "met": False, "counted": False}
    ]
    told = explain(missed.breakdown, "Finance Analyst")
    said = [g["text"] for g in told["gaps"]] + told["suggestions"] + [s["text"] for s in told["strengths"]]
    assert not any(SKILL in text or "attend to detail" in text for text in said)
    assert told["summary"] == explain(plain.breakdown, "Finance Analyst")["summary"]
    assert [n["text"] for n in told["notes"] if n["kind"] == "esco_not_counted"] == [
        f"{SKILL}: asked in the posting ('{ASK}'), linked by meaning, not counted",
        "attend to detail: asked in the posting ('Attention to detail.'), linked by meaning, not counted",
    ]


def test_a_met_esco_requirement_that_would_lower_the_coverage_is_not_counted() -> None:
    profile = default_profile("mid")
    row = _job_row(required_skills=["Excel"], preferred_skills=[])
    in_summary = {**RESUME_LINK, "block": "summary"}  # listed-only credit (600) beside Excel's full 1000
    person = candidate_profile("c", _resume("Closed the books."), TODAY, esco=[in_summary])
    linked = score_pair(person, job_profile({**row, "esco": [JOB_LINK]}), None, profile, TODAY)
    plain = score_pair(person, job_profile(row), None, profile, TODAY)

    assert plain.breakdown["components"]["required_skills"]["score"] == 100.0
    assert linked.score == plain.score and linked.matched_skills == ["Excel"]
    assert (
        linked.breakdown["components"]["required_skills"]["esco"][0] | {"met": True, "counted": False}
        == (linked.breakdown["components"]["required_skills"]["esco"][0])
    )


def test_a_job_asking_only_esco_skills_rises_from_unknown_by_the_credited_share_of_those_asked() -> None:
    profile = default_profile("mid")
    second = {**JOB_LINK, "uri": URI + "-2", "label": "manage budgets", "sentence": "Own the team budget."}
    row = _job_row(required_skills=[], preferred_skills=[])
    shows = candidate_profile("a", _resume(SHOWS), TODAY, esco=[RESUME_LINK])  # a current job: full credit 1000
    misses = candidate_profile("b", _resume("Closed the books."), TODAY)

    def required(person: object, links: list[dict[str, object]]) -> object:
        result = score_pair(person, job_profile({**row, "esco": links}), None, profile, TODAY)  # type: ignore[arg-type]
        return result.breakdown["components"]["required_skills"]["score"]

    assert required(misses, [JOB_LINK, second]) == required(misses, []) == 50.0
    assert required(shows, [JOB_LINK]) == 75.0  # 1 of 1 met: halfway to 100, not 100
    assert required(shows, [JOB_LINK, second]) == 62.5
    result = score_pair(shows, job_profile({**row, "esco": [JOB_LINK, second]}), None, profile, TODAY)
    assert result.breakdown["components"]["required_skills"]["measured"] == "esco"
    assert result.missing_skills == [] and result.matched_skills == [SKILL]


ESCO_NAMES = [f"esco skill {i}" for i in range(6)]


def _with_esco(rng: random.Random, job: JobProfile) -> JobProfile:
    asked = rng.sample(ESCO_NAMES, rng.randint(0, 4))
    cut = rng.randint(0, len(asked))
    return replace(job, esco_required=tuple(asked[:cut]), esco_preferred=tuple(asked[cut:]),
                   esco=tuple((name, URI, ASK) for name in asked))  # fmt: skip


def _showing_esco(rng: random.Random, person: CandidateProfile) -> CandidateProfile:
    skills = dict(person.skills)
    for name in rng.sample(ESCO_NAMES, rng.randint(0, 3)):
        sections = frozenset(rng.sample(["skills", "experience", "projects", "summary"], rng.randint(1, 2)))
        skills[name] = SkillFacts(name, 0, sections, rng.random() < 0.5, (("summary", SHOWS),), esco_uri=URI)
    return replace(person, skills=skills)


def test_both_scorers_agree_exactly_with_esco_requirements_met_and_unmet_and_links_only_help() -> None:
    rng = random.Random(9)
    jobs = [job_profile(_job_row(id=f"job-{i}", esco=[JOB_LINK] if i % 2 else [])) for i in range(20)]
    jobs += [_with_esco(rng, random_job(rng, i)) for i in range(400)]
    jobs += [replace(_with_esco(rng, random_job(rng, 400 + i)), required=(), preferred=()) for i in range(60)]
    people = [candidate_profile("a", _resume(SHOWS), TODAY, esco=[RESUME_LINK])]
    people += [_showing_esco(rng, random_candidate(rng, i)) for i in range(12)]
    plain_jobs = [replace(job, esco_required=(), esco_preferred=(), esco=()) for job in jobs]
    matrix, levels = JobMatrix(jobs), [default_profile(level) for level in ("entry", "mid", "senior")]
    profile_of = np.array([rng.randrange(3) for _ in jobs], np.int64)
    raised = 0
    for person in people:
        batch = score_jobs(person, matrix, None, levels[1], TODAY)
        mixed = score_mixed_jobs(person, matrix, None, levels, profile_of, TODAY)
        for i, (job, plain_job) in enumerate(zip(jobs, plain_jobs, strict=True)):
            expected = pair_score(person, job, None, levels[1], TODAY)
            assert (None if batch.excluded[i] else float(batch.scores[i])) == expected
            under = levels[profile_of[i]]
            assert (None if mixed.excluded[i] else float(mixed.scores[i])) == pair_score(
                person, job, None, under, TODAY
            )
            components = S.component_scores(person, job, None, levels[1], TODAY)
            for name in ("required_skills", "preferred_skills"):
                value = batch.components[name][i]
                assert (None if np.isnan(value) else float(value)) == components[name]
            without = pair_score(person, plain_job, None, levels[1], TODAY)
            if expected is not None and without is not None:
                meets = {skill_key(n) for n in (*job.esco_required, *job.esco_preferred)} & set(person.skills)
                assert expected >= without and (meets or expected == without)
                raised += expected > without
    assert raised > 20  # the links did raise some scores (the test can fail)


def test_requirement_sentences_are_the_required_and_preferred_blocks_without_headings_marked_when_resolved() -> None:
    posting = (
        "About us\nWe sell furniture online.\n"
        f"Requirements:\n- 3+ years of Excel.\n- {ASK}\n"
        "Nice to have:\n- Attention to detail.\n"
    )
    found = job_sentences(posting)

    assert [(s.block, s.text, s.resolved) for s in found] == [
        ("required", "3+ years of Excel.", True),
        ("required", ASK, False),
        ("preferred", "Attention to detail.", False),
    ]
    assert all(posting[s.start : s.end] == s.text for s in found)


def test_resume_sentences_come_from_the_summary_jobs_projects_and_skills_lines_with_offsets() -> None:
    resume = _resume(SHOWS).model_copy(update={"summary": "Analyst. Calm under pressure."})
    found = resume_sentences(resume)

    assert [(s.block, s.part, s.text) for s in found] == [
        ("summary", 0, "Analyst."),
        ("summary", 0, "Calm under pressure."),
        ("experience", 0, "Prepared monthly reports in Excel."),
        ("experience", 0, SHOWS),
    ]
    description = resume.experience[0].description
    assert description[found[3].start : found[3].end] == SHOWS
