"""Precision of the skill extractor on real resume and job-ad prose: false positives found in the wild stay fixed,
and the true mentions next to them still match."""

from __future__ import annotations

import pytest

from hiring.skills.build import is_field_of_study
from hiring.skills.extractor import SkillMention, get_extractor
from hiring.skills.taxonomy import get_taxonomy


def _found(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.canonical) for m in get_extractor().extract(text)]


def _known(text: str) -> list[SkillMention]:
    return [m for m in get_extractor().extract(text) if m.known]


def _canonical(text: str) -> list[str]:
    return [m.canonical for m in _known(text)]


# Product names that are ordinary words: in prose they are the words, not the products.
@pytest.mark.parametrize(
    "sentence",
    [
        "Software Engineer, Acme Corp (Less than 1 year)",
        "Reduced page load time to less than 2 seconds.",
        "WORK EXPERIENCE (LESS THAN 1 YEAR)",
        "Make sure every release is documented before it ships.",
        "Shipped a box of spare parts to each site.",
        "Leave no notes behind when handing over a shift.",
        "Built some slack into the delivery schedule.",
        "Access to healthcare for underserved communities.",
        "Word of mouth referrals grew 30% year over year.",
        "Managed the project from kickoff to launch.",
        "Worked with teams across three regions.",
        "Accepted a Square payment at the Terminal.",
        "Graduated with honours (Spring 2020 semester).",
        "MANAGED A TEAM OF FIVE IN SPRING AND SUMMER",
    ],
)
def test_ordinary_words_in_prose_are_not_products(sentence: str) -> None:
    assert _found(sentence) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Go developer with 5 years of experience.", ["Go"]),
        ("Built reports in Microsoft Access and MS Access.", ["Microsoft Access", "Microsoft Access"]),
        ("Styled with LESS and Sass.", ["Less", "CSS"]),
        ("Themes in Less.js and LESS CSS.", ["Less", "Less"]),
        ("Integrated the Slack API for alerts.", ["Slack", "API"]),
        ("Planned releases in MS Project; chat in Microsoft Teams.", ["Microsoft Project", "Microsoft Teams"]),
        ("Wrote specs in Microsoft Word and MS Word.", ["Microsoft Word", "Microsoft Word"]),
    ],
)
def test_product_names_still_match_in_their_full_or_technical_form(text: str, expected: list[str]) -> None:
    assert _canonical(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Skills: Word, Excel, PowerPoint, Access, Outlook",
        "Proficient in Word, Excel, PowerPoint, Access and Outlook.",
    ],
)
def test_office_products_match_in_a_skills_list(text: str) -> None:
    assert _canonical(text) == [
        "Microsoft Word",
        "Excel",
        "Microsoft PowerPoint",
        "Microsoft Access",
        "Microsoft Outlook",
    ]


def test_less_is_the_css_preprocessor_not_a_database() -> None:
    less = get_taxonomy().find("Less.js")
    assert less is not None and (less.name, less.category) == ("Less", "language")


def test_a_capitalised_ordinary_word_needs_a_cue_even_mid_sentence() -> None:
    # "Slack" alone could be the product, but the spelling of an ordinary word is weak evidence.
    assert _canonical("Some Slack in the schedule helps.") == []
    assert _canonical("Alerts posted to Slack via webhooks; Slack, Jira, Confluence daily.") == [
        "Slack",
        "Jira",
        "Confluence",
    ]


# Citations: a capitalised word followed by ", X." initials is a person, and the initials are not C or R.
@pytest.mark.parametrize(
    "citation",
    [
        "Macbeth, J., & Dudley, K. (2019). Leading change in schools. Journal of Management, 12(3), 45-67.",
        "Spring, A. B., Rust, C., & Swift, R. (2020). Notes on teams.",
        "Oracle, R. (2018). Forecasting demand. Harvard Business Review.",
        "Ruby, T., Jones, C. et al. (2021) A study of hiring.",
    ],
)
def test_author_names_in_citations_are_not_skills(citation: str) -> None:
    assert _found(citation) == []


def test_a_citation_does_not_hide_the_skills_around_it() -> None:
    text = "Publications: Spring, A., & Rust, C. (2020). Scaling Python services with Kafka."
    assert _canonical(text) == ["Python", "Kafka"]


def test_a_skills_list_ending_in_an_initial_is_not_a_citation() -> None:
    assert _canonical("Languages: Python, Go, R.") == ["Python", "Go", "R"]


# Fields of study are not tools.
@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("B.S. in Computer Science, 2015", "Computer science"),
        ("Minor in Political Science", "Political science"),
        ("BA Anthropology, University of Leeds", "Anthropology"),
        ("MSc Mechanical Engineering", "Mechanical engineering"),
    ],
)
def test_academic_disciplines_are_fields_of_study(text: str, field: str) -> None:
    found = {m.canonical: m.category for m in _known(text)}
    assert found.get(field) == "field_of_study"


def test_a_degree_line_is_not_mined_as_a_skills_list() -> None:
    assert all(m.known for m in get_extractor().extract("B.S. in Computer Science, 2015. Minor in Political Science."))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Computer science", True),
        ("Political science", True),
        ("Criminology", True),
        ("Gender studies", True),
        ("Technology", False),
        ("Network topology", False),
        ("History of art", False),
        ("Python", False),
        ("Data engineering pipelines", False),
    ],
)
def test_field_of_study_rule(name: str, expected: bool) -> None:
    assert is_field_of_study(name) is expected


def test_curated_skills_keep_their_category() -> None:
    found = {m.canonical: m.category for m in _known("Skills: Data Science, Statistics, Machine Learning")}
    assert found == {"Data Science": "domain", "Statistics": "domain", "Machine Learning": "domain"}


def test_social_media_is_an_activity_not_a_tool() -> None:
    mentions = _known("Grew our social media presence; scheduled posts with social media software.")
    assert [(m.canonical, m.category) for m in mentions] == [("Social media", "domain"), ("Social media", "domain")]


def test_software_classes_stay_tools() -> None:
    skill = get_taxonomy().find("spreadsheet software")
    assert skill is not None and skill.category == "tool"


# ESCO paraphrases made of common words are generic prose, not skills.
@pytest.mark.parametrize(
    "sentence",
    [
        "Join us and shape the future of retail.",
        "Shape the future with a team that cares.",
        "We check facts before we publish.",
    ],
)
def test_generic_esco_paraphrases_are_not_skills(sentence: str) -> None:
    assert _found(sentence) == []


def test_esco_skill_names_still_match() -> None:
    assert _canonical("Strong project management and stakeholder management.") == [
        "Project Management",
        "Stakeholder Management",
    ]


def test_phrases_on_a_line_with_skills_are_not_unknown_skills() -> None:
    mentions = get_extractor().extract("Managed the project. Microsoft Project and MS Project.")
    assert [m.canonical for m in mentions] == ["Microsoft Project", "Microsoft Project"]
