"""How stored ESCO links enter the scorer's profiles, both scorers and the explanation (pure: links given as the
matches store hands them over), and which sentences of a posting and a resume are linked."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from hiring.matching.explain import explain
from hiring.matching.profiles import candidate_profile, job_profile
from hiring.matching.score import pair_score, score_pair
from hiring.matching.vectorized import JobMatrix, score_jobs
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


def test_an_esco_requirement_is_added_after_the_dictionarys_and_a_listed_name_is_not_added_twice() -> None:
    twice = {**JOB_LINK, "label": "Excel", "sentence": "Excel wizardry."}
    preferred = {**JOB_LINK, "block": "preferred", "label": "attend to detail", "sentence": "Attention to detail."}
    job = job_profile(_job_row(esco=[JOB_LINK, twice, preferred]))

    assert job.required == ("Excel", "Financial reporting", SKILL)
    assert job.preferred == ("SQL", "attend to detail")
    assert job.esco == ((SKILL, URI, ASK), ("attend to detail", URI, "Attention to detail."))
    assert job_profile(_job_row()).required == ("Excel", "Financial reporting")  # no links: as before


def test_a_resume_sentence_link_is_a_skill_shown_in_its_section_with_the_sentence_as_evidence() -> None:
    person = candidate_profile("r", _resume(SHOWS), dt.date(2026, 12, 1), esco=[RESUME_LINK])
    facts = person.skills[SKILL]

    assert facts.esco_uri == URI and facts.months == 0 and facts.sections == frozenset({"experience"})
    assert facts.evidence == (("experience", SHOWS),) and facts.recent  # a current job
    plain = candidate_profile("r", _resume(SHOWS), dt.date(2026, 12, 1), esco=[{**RESUME_LINK, "label": "Excel"}])
    assert plain.skills["excel"].esco_uri is None  # the dictionary's facts win over a link of the same name


def test_the_required_component_counts_an_esco_requirement_like_any_skill_and_the_explanation_quotes_it() -> None:
    job = job_profile(_job_row(esco=[JOB_LINK]))
    profile = default_profile("mid")
    shows = candidate_profile("a", _resume(SHOWS), TODAY, esco=[RESUME_LINK])
    misses = candidate_profile("b", _resume("Built dashboards that track stakeholder requests."), TODAY)

    met, missed = score_pair(shows, job, None, profile, TODAY), score_pair(misses, job, None, profile, TODAY)
    required = met.breakdown["components"]["required_skills"]
    assert SKILL in met.matched_skills and SKILL in missed.missing_skills
    assert required["score"] > missed.breakdown["components"]["required_skills"]["score"]
    item = next(m for m in required["matched"] if m["skill"] == SKILL)
    assert item["esco"] == {"uri": URI, "asked": ASK, "resume_dictionary": False}
    strengths = [s["text"] for s in explain(met.breakdown, "Finance Analyst")["strengths"]]
    assert f"{SKILL} (required): '{SHOWS}'" in strengths
    told = explain(missed.breakdown, "Finance Analyst")
    assert f"{SKILL} is required ('{ASK}') and no line of the resume shows it" in [g["text"] for g in told["gaps"]]
    assert f"The posting asks: '{ASK}'; describe a job or project that shows it." in told["suggestions"]
    assert not any("If you have used communicate" in s for s in told["suggestions"])


def test_both_scorers_agree_exactly_with_esco_requirements_and_skills() -> None:
    rng = random.Random(9)
    jobs = [job_profile(_job_row(id=f"job-{i}", esco=[JOB_LINK] if i % 2 else [])) for i in range(20)]
    jobs += [random_job(rng, i) for i in range(200)]
    people = [candidate_profile("a", _resume(SHOWS), TODAY, esco=[RESUME_LINK]), random_candidate(rng)]
    profile = default_profile("mid")
    batches = [score_jobs(person, JobMatrix(jobs), None, profile, TODAY) for person in people]
    for person, batch in zip(people, batches, strict=True):
        for i, job in enumerate(jobs):
            expected = pair_score(person, job, None, profile, TODAY)
            assert (None if batch.excluded[i] else float(batch.scores[i])) == expected
    with_link, without = batches[0].scores[1], batches[0].scores[0]  # job-1 asks the ESCO skill, job-0 does not
    assert not np.isnan([with_link, without]).any() and with_link != without


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
