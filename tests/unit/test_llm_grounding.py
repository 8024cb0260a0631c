"""The grounding check: what the resume text does not contain is dropped and counted."""

from __future__ import annotations

from hiring.llm.grounding import SkillMention, SourceText, ground
from hiring.llm.schema import LlmResume
from hiring.llm.vocabulary import SimpleSkillVocabulary, TaxonomySkillVocabulary

RESUME = """JANE  DOE
jane.doe@example.com | (415) 555-0100 | San Francisco, CA

EXPERIENCE
Software Engineer — ACME-CORP Inc.   Jan 2020 – Present
Built services in Python and C++ on k8s; moved billing to Postgres.

EDUCATION
B.S. Computer Science, University of California, Berkeley, 2019

Skills: JS, Node.js, Docker
Languages: English, Spanish
"""


def test_values_match_ignoring_case_punctuation_and_spacing() -> None:
    source = SourceText(RESUME)

    assert source.contains("Jane Doe")
    assert source.contains("acme corp inc")
    assert source.contains("University of California Berkeley")
    assert source.contains("NodeJS")  # "Node.js" run together


def test_a_value_must_appear_as_whole_words() -> None:
    source = SourceText(RESUME)

    assert not source.contains("Jan Doe")
    assert not source.contains("C")  # only "C++" is there
    assert not source.contains("Go")


def test_email_and_phone_are_compared_as_written_and_as_digits() -> None:
    source = SourceText(RESUME)

    assert source.contains_email("Jane.Doe@example.com")
    assert not source.contains_email("jane@example.com")
    assert source.contains_phone("+1 415-555-0100")  # the model added a country code
    assert not source.contains_phone("415-555-0199")


def test_an_invented_company_drops_the_whole_job_and_is_counted() -> None:
    output = LlmResume.model_validate(
        {
            "experience": [
                {"company": "Acme Corp", "title": "Software Engineer"},
                {"company": "Globex", "title": "Staff Engineer"},
            ]
        }
    )

    grounded = ground(output, RESUME)

    assert [job.company for job in grounded.resume.experience] == ["Acme Corp"]
    assert [(h.field, h.value) for h in grounded.hallucinations] == [("experience.company", "Globex")]


def test_an_invented_school_drops_the_education_entry() -> None:
    output = LlmResume.model_validate(
        {"education": [{"institution": "Stanford University", "degree": "MBA"}, {"institution": "UC Berkeley"}]}
    )

    grounded = ground(output, RESUME)

    assert grounded.resume.education == []
    assert {h.value for h in grounded.hallucinations} == {"Stanford University", "UC Berkeley"}


def test_name_email_and_skills_not_in_the_text_are_dropped() -> None:
    output = LlmResume.model_validate(
        {"name": "John Smith", "email": "john@example.com", "skills": ["Python", "Rust", "C"]}
    )

    grounded = ground(output, RESUME, SimpleSkillVocabulary())

    assert (grounded.resume.name, grounded.resume.email) == (None, None)
    assert grounded.resume.skills == ["Python"]
    assert sorted(h.field for h in grounded.hallucinations) == ["email", "name", "skills", "skills"]


def test_a_canonical_skill_is_kept_when_an_alias_of_it_appears() -> None:
    output = LlmResume.model_validate({"skills": ["JavaScript", "Kubernetes", "PostgreSQL"]})

    grounded = ground(output, RESUME, SimpleSkillVocabulary())

    assert [skill.name for skill in grounded.skills] == ["JavaScript", "Kubernetes", "PostgreSQL"]
    assert grounded.hallucinations == []


def test_without_a_vocabulary_an_alias_alone_does_not_ground_a_skill() -> None:
    output = LlmResume.model_validate({"skills": ["Kubernetes"]})

    assert ground(output, RESUME).resume.skills == []


def test_a_verified_skill_carries_its_offsets_in_the_text() -> None:
    grounded = ground(LlmResume.model_validate({"skills": ["docker"]}), RESUME)

    skill = grounded.skills[0]
    assert skill.start is not None and skill.end is not None
    assert RESUME[skill.start : skill.end] == "Docker"


def test_a_vocabulary_span_is_used_when_the_skill_is_not_written_literally() -> None:
    class Spans:
        def find(self, text: str) -> list[SkillMention]:
            at = text.find("k8s")
            return [SkillMention("Kubernetes", "tool", at, at + 3)] if at >= 0 else []

    grounded = ground(LlmResume.model_validate({"skills": ["k8s"]}), RESUME, Spans())

    skill = grounded.skills[0]
    assert (skill.name, skill.category, RESUME[skill.start or 0 : skill.end or 0]) == ("Kubernetes", "tool", "k8s")


def test_a_summary_mostly_made_of_words_not_in_the_text_is_dropped() -> None:
    invented = LlmResume.model_validate({"summary": "Visionary leader with twenty years of fintech expertise."})
    faithful = LlmResume.model_validate({"summary": "Software engineer who built services in Python."})

    assert ground(invented, RESUME).resume.summary is None
    assert ground(faithful, RESUME).resume.summary == "Software engineer who built services in Python."


def test_with_the_taxonomy_an_alias_grounds_the_canonical_skill_at_the_alias_offsets() -> None:
    grounded = ground(LlmResume.model_validate({"skills": ["Kubernetes"]}), RESUME, TaxonomySkillVocabulary())

    [skill] = grounded.skills
    assert skill.name == "Kubernetes" and skill.category is not None
    assert RESUME[skill.start or 0 : skill.end or 0] == "k8s"


def test_an_ambiguous_skill_name_needs_the_extractor_to_read_it_as_a_skill() -> None:
    prose = "Led the go to market plan and helped the team go live. Skills: Excel"
    listed = "Skills: Go, Python"
    output = LlmResume.model_validate({"skills": ["Go"]})

    assert ground(output, prose, TaxonomySkillVocabulary()).resume.skills == []
    assert ground(output, listed, TaxonomySkillVocabulary()).resume.skills == ["Go"]


def test_a_month_the_model_added_to_a_bare_year_is_dropped() -> None:
    text = "Acme Corp, Engineer, Mar 2018 - 2020\nState University, BA, 2014"
    output = LlmResume.model_validate(
        {
            "experience": [{"company": "Acme Corp", "start": "2018-03", "end": "2020-07"}],
            "education": [{"institution": "State University", "end": "2014-05"}],
        }
    )

    grounded = ground(output, text)

    job, school = grounded.resume.experience[0], grounded.resume.education[0]
    assert (job.start, job.end, school.end) == ("2018-03", None, None)
    assert sorted(h.field for h in grounded.hallucinations) == ["education.end", "experience.end"]
