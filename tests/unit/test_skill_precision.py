"""Precision of the skill extractor on real resume and job-ad prose: false positives found in the wild stay fixed,
and the true mentions next to them still match."""

from __future__ import annotations

from datetime import date

import pytest

from hiring.resume.skills import find_mentions, in_skill_list
from hiring.skills.extractor import SkillMention, get_extractor
from hiring.skills.sources import is_field_of_study
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


# Dates: a season or month with a year or a term is a date, not the Spring framework.
@pytest.mark.parametrize(
    "line",
    [
        "Teaching Assistant, Data Structures — Spring 2023",
        "Research Intern (Spring '22), Robotics Lab",
        "Spring semester 2021: Dean's List",
        "Exchange student, Fall 2020 – Spring 2021",
        "Spring/Summer 2021 cohort, Code for America",
        "Software Engineering Intern, Spring term, Acme Corp",
        "Volunteer tutor, Spring, 2019",
    ],
)
def test_a_season_with_a_year_or_term_is_a_date(line: str) -> None:
    assert "Spring" not in _canonical(line)


@pytest.mark.parametrize(
    "text",
    [
        "SKILLS\nJava, Python, SQL\nSummer 2019",
        "Skills: Java, Spring Boot, May 2021",
        "Tools: Git, Jira, Winter",
    ],
)
def test_dates_in_a_skills_block_are_not_unknown_skills(text: str) -> None:
    unknown = [m.text for m in get_extractor().extract(text) if not m.known]
    assert unknown == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Backend: Java, Spring, Hibernate", ["Java", "Spring", "Hibernate"]),
        ("Built payment services in Spring Boot during Spring 2023.", ["Spring"]),
        ("Migrated the monolith to Spring 5 and Spring Cloud.", ["Spring", "Spring"]),
    ],
)
def test_the_spring_framework_still_matches_next_to_dates(text: str, expected: list[str]) -> None:
    assert [c for c in _canonical(text) if c in {"Java", "Spring", "Hibernate"}] == expected


# List labels: the words before a colon (or a dash or bar that opens a line) name the list, they are not skills.
@pytest.mark.parametrize(
    "text",
    [
        "SKILLS\nSoft skills: Communication, Teamwork\nTech: Java, Spring Boot, Kafka",
        "Technical Skills\nTools: Git, Maven\nLanguages: English, Spanish\nOther: Agile\nCore: Java",
        "Skills\nSoft - Communication, Teamwork\nTech - Java, Python",
        "TECHNICAL SKILLS\nLanguages | Java, Python\nTech | Docker",
        "SKILLS\nTech: Java | Soft: Communication | Other: Jira",
        "Environment: Java 8, Oracle 11g, WebLogic, Jenkins",
    ],
)
def test_list_labels_are_not_skills(text: str) -> None:
    labels = {"Soft", "Soft skills", "Tech", "Tools", "Languages", "Other", "Core", "Environment"}
    found = [m.text for m in get_extractor().extract(text)]
    assert found and not labels & set(found)


def test_skills_after_a_label_still_match() -> None:
    assert _canonical("SKILLS\nTech: Java, Spring Boot, Kafka\nSoft skills: Communication, Teamwork") == [
        "Java",
        "Spring",
        "Kafka",
        "Communication",
        "Teamwork",
    ]


# Ordinary words and verb forms that a list split out of prose are not skills.
@pytest.mark.parametrize(
    "text",
    [
        "Skills: Classroom management, Communicated with parents regularly, Lesson planning",
        "Skills: Lesson planning, parents, regularly, Communicated, Curriculum design",
        "Key skills: Patient care, Involved in audits, effectively, colleagues",
    ],
)
def test_ordinary_words_and_verb_forms_in_a_list_are_not_skills(text: str) -> None:
    unknown = {m.text for m in get_extractor().extract(text) if not m.known}
    assert unknown and not unknown & {
        "parents",
        "regularly",
        "Communicated",
        "Communicated with parents regularly",
        "Involved in audits",
        "effectively",
        "colleagues",
    }


def test_unknown_skill_names_in_a_list_are_still_kept() -> None:
    unknown = {
        m.text for m in get_extractor().extract("Skills: Lesson planning, Curriculum design, Phonics") if not m.known
    }
    assert {"Lesson planning", "Curriculum design", "Phonics"} <= unknown


# ESCO labels that are common English phrases need more than a loose phrase match.
@pytest.mark.parametrize(
    "sentence",
    [
        "Redesigned the checkout flow to enhance user experience and cut drop-off by 12%.",
        "Our mission is to entertain people everywhere with stories that matter.",
        "We are a studio that loves to make games and entertain people around the world.",
    ],
)
def test_common_phrases_in_prose_are_not_esco_skills(sentence: str) -> None:
    assert not {"UX Design", "Entertain people"} & set(_canonical(sentence))


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("5 years of user experience design for mobile banking apps.", "UX Design"),
        ("Skills: user experience, Figma, prototyping", "UX Design"),
        ("Requirements:\n- Ability to entertain people at corporate events", "Entertain people"),
        ("• Entertain people at weddings and private parties", "Entertain people"),
        ("You will entertain people on board our cruise ships.", "Entertain people"),
    ],
)
def test_the_same_skills_match_when_the_text_names_them(text: str, skill: str) -> None:
    assert skill in _canonical(text)


# Months of a soft or domain skill come from the jobs whose text shows it, never from the whole career.
_JAVA_DEVELOPER = """John Carter
john.carter@example.com | +1 415 555 0134 | San Francisco, CA

EXPERIENCE
Senior Java Developer, Acme Corp — San Francisco, CA
Jan 2015 – Dec 2023
• Built REST APIs with Java and Spring Boot for 2M daily users
• Cut p99 latency by 40% with Kafka consumers and Redis caching

Support Engineer, Globex Inc — Austin, TX
Jan 2010 – Dec 2014
• Customer service for enterprise clients: 30 tickets a day
• Wrote Java tools to triage support tickets

SKILLS
Tech: Java, Spring, Kafka
Soft skills: Communication, Customer service
"""


def test_soft_and_domain_skills_get_months_only_from_the_jobs_that_show_them() -> None:
    from hiring.resume.parser import parse_resume_text

    skills = {s.name: s.months for s in parse_resume_text(_JAVA_DEVELOPER, today=date(2024, 6, 1)).skills}
    assert skills["Java"] == 168  # named in both jobs: the whole career
    assert skills["Customer service"] == 60  # shown in the support job only
    assert skills["Communication"] == 0  # claimed in the skills list, shown in no job
    assert "Tech" not in skills and "Soft skills" not in skills


_UNKNOWN_HEADING_LIST = """Jane Doe
jane@example.com

EXPERIENCE
Senior Java Developer, Initech
Jan 2010 - Dec 2023
• Built Java microservices with Spring Boot and Kafka.

Personal Qualities
Customer service, Communication, Teamwork
"""


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        (_UNKNOWN_HEADING_LIST, {"Customer service": True, "Communication": True, "Teamwork": True}),
        ("Highlights\nCustomer service\nCommunication\nTeamwork\n", {"Customer service": True, "Teamwork": True}),
        ("Strengths: Customer service; Teamwork", {"Customer service": True, "Teamwork": True}),
        ("• Customer service for enterprise clients: 30 tickets a day", {"Customer service": False}),
        ("• Customer service\n• Trained 5 new hires on the billing system", {"Customer service": False}),
        ("• Built Java microservices with Spring Boot and Kafka.", {"Java": False, "Kafka": False}),
    ],
)
def test_a_bare_list_of_skills_is_told_from_a_sentence_about_work(text: str, listed: dict[str, bool]) -> None:
    mentions = find_mentions(text)
    found = {m.canonical: in_skill_list(text, m, mentions) for m in mentions}
    assert {name: found.get(name) for name in listed} == listed


def test_a_soft_skill_list_under_an_unknown_heading_gets_no_job_months() -> None:
    from hiring.resume.parser import parse_resume_text

    skills = {s.name: s.months for s in parse_resume_text(_UNKNOWN_HEADING_LIST, today=date(2024, 6, 1)).skills}
    assert skills["Java"] == 168
    assert (skills["Customer service"], skills["Communication"], skills["Teamwork"]) == (0, 0, 0)


def test_an_outcome_is_not_the_skill_that_serves_it() -> None:
    # "customer satisfaction" is what customer service aims at; a sales director who raised it claims no skill.
    assert _canonical("Improved customer satisfaction, sales team performance and overall sales.") == []
    assert _canonical("Provided customer service to 40 clients a day.") == ["Customer service"]


def test_durations_after_listed_skills_are_not_skills() -> None:
    text = "SKILLS\nECLIPSE (Less than 1 year), ESSBASE (Less than 1 year), python (3 years), Zorbflow (10+ years)"
    mentions = get_extractor().extract(text)
    assert [m.text for m in mentions] == ["ECLIPSE", "ESSBASE", "python", "Zorbflow"]


@pytest.mark.parametrize(
    "sentence",
    [
        "I did the testing and the team did well.",
        "Supported POS terminals and GPS trackers in 40 stores.",
    ],
)
def test_english_words_and_wrong_abbreviations_are_not_esco_skills(sentence: str) -> None:
    assert _found(sentence) == []


def test_esco_abbreviations_in_capitals_still_match() -> None:
    assert _canonical("Configured DID numbers; GDPR and HPLC; BIM models.") == [
        "Direct inward dialing",
        "GDPR",
        "High-performance liquid chromatography",
        "Building information modelling",
    ]


def test_delighting_customers_is_not_entertaining_people() -> None:
    text = "We build solutions that delight our customers. Create beautiful UI that will delight users."
    assert "Entertain people" not in _canonical(text)
    assert _canonical(text) == ["UI Design"]


def test_a_company_name_is_not_a_misspelt_product() -> None:
    text = "Maple Ledger builds accounting software. Our platform runs on AWS and Kubernates."
    assert _canonical(text) == ["Accounting software", "AWS", "Kubernetes"]
