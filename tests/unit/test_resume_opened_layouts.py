"""Failure classes found when Europass, kendall, Awesome-CV and moderncv-banking were opened (issue 9, 2026-12-07):
each test holds one general mechanism with a real-shaped input."""

from __future__ import annotations

from datetime import date

import pymupdf
import pytest

from hiring.parsing.cleanup import clean_line
from hiring.resume import parse_document
from hiring.resume.contact import find_name
from hiring.resume.education import degree_level
from hiring.resume.parser import parse_resume_text
from hiring.resume.sections import heading_kind, split_sections
from tests.unit.test_resume_real_layouts import _FONT, Row, _pdf

TODAY = date(2026, 12, 1)


def _right(text: str, size: float, edge: float = 177) -> float:
    """Where a piece starts when it is right-aligned at `edge`."""
    return edge - pymupdf.Font(fontfile=str(_FONT)).text_length(text, fontsize=size)


def _label_column_rows(name: str, entries: list[tuple[str, str, str, str]], top: float = 60) -> list[Row]:
    """A Europass-like page: right-aligned labels and dates ending at x=177, content from x=187; an open range's
    end sits on the next line, right-aligned, so it starts to the right of where the line above ends."""
    rows: list[Row] = [
        (250, top, "Curriculum vitae", 14),
        (_right("PERSONAL INFORMATION", 8), top + 40, "PERSONAL INFORMATION", 8),
        (187, top + 40, name, 14),
        (187, top + 56, "Sydney, NSW, AU", 9),
        (187, top + 70, "olivia.thompson@example.com.au", 9),
        (_right("WORK EXPERIENCE", 8), top + 100, "WORK EXPERIENCE", 8),
    ]
    y = top + 124
    for start, end, title, employer in entries:
        # The start line ends with the dash and a space TeX leaves: it stops short of the column's edge.
        rows += [(_right(start, 9, 150), y, start, 9), (_right(end, 9), y + 11, end, 9)]
        rows += [(187, y, title, 10), (187, y + 14, employer, 9)]
        rows += [(187, y + 28, "– Opened 35 new enterprise accounts in the DACH region", 9)]
        rows += [(187, y + 40, "– Negotiated a framework agreement with the largest regional distributor", 9)]
        y += 62
    rows += [(_right("EDUCATION AND TRAINING", 8), y, "EDUCATION AND TRAINING", 8)]
    rows += [(_right("2014 – 2017", 9), y + 20, "2014 – 2017", 9)]
    rows += [(187, y + 20, "Bachelor of Commerce in Marketing", 10)]
    rows += [(187, y + 34, "University of New South Wales, Sydney, NSW, Australia", 9)]
    rows += [(35, 815, "December 1, 2026", 7), (187, 815, "© European Union, 2002 – 2026 | europass", 7)]
    return rows


def test_a_label_column_with_ranges_ended_on_the_next_line_is_read_row_by_row() -> None:
    # Given a Europass page: labels and dates right-aligned in a left column, each range's end under its start
    rows = _label_column_rows(
        "Olivia Thompson",
        [
            ("Jan 2021 –", "Present", "Account Executive", "Atlassian, Sydney, NSW"),
            ("Feb 2019 –", "Dec 2020", "Business Development Representative", "Canva, Sydney, NSW"),
            ("Nov 2016 –", "Jan 2019", "Retail Sales Assistant", "JB Hi-Fi, Sydney, NSW"),
        ],
    )
    document, parsed = parse_document(_pdf(rows), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then every range stays whole beside its title, the columns are not read one after the other
    assert "Jan 2021 – Present | Account Executive" in document.text
    jobs = [(e.title, e.company, e.start, e.end, e.current) for e in parsed.experience]
    assert jobs == [
        ("Account Executive", "Atlassian", "2021-01", None, True),
        ("Business Development Representative", "Canva", "2019-02", "2020-12", False),
        ("Retail Sales Assistant", "JB Hi-Fi", "2016-11", "2019-01", False),
    ]
    assert parsed.name == "Olivia Thompson"
    assert [e.institution for e in parsed.education] == ["University of New South Wales"]
    # And the class's footer (its date and copyright line) is no entry
    assert "December 1, 2026" not in document.text and "European Union" not in document.text


def test_a_footer_on_every_page_is_dropped_from_the_first_page_too() -> None:
    # Given a two-page CV whose footer names a date that reads like a job's start on each page
    entries = [("Jan 2021 –", "Present", "Account Executive", "Atlassian, Sydney, NSW")]
    first = _label_column_rows("Olivia Thompson", entries)
    first = [row for row in first if "©" not in row[2]]
    second: list[Row] = [(105, 80, "PERSONAL SKILLS", 8), (187, 80, "Salesforce, HubSpot, Cold Calling", 9)]
    second += [(35, 815, "December 1, 2026", 7)]
    document, parsed = parse_document(_pdf(first, second), "cv.pdf", 5_000_000, 10, today=TODAY)

    assert "December 1, 2026" not in document.text
    assert [(e.title, e.start) for e in parsed.experience] == [("Account Executive", "2021-01")]


def test_a_footer_with_the_email_is_kept_even_when_it_repeats() -> None:
    rows: list[Row] = [(56, 60, "Tomasz Nowak", 20), (56, 110, "EXPERIENCE", 13)]
    rows += [(56, 130, "Warehouse Supervisor, DHL, Poznań, 2019 – Present", 10)]
    footer = (56, 815, "tomasz.nowak@example.pl | +48 512 345 678", 8)
    document, parsed = parse_document(_pdf([*rows, footer], [(56, 80, "EDUCATION", 13), footer]), "cv.pdf",
                                      5_000_000, 10, today=TODAY)  # fmt: skip

    assert parsed.email == "tomasz.nowak@example.pl"


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("PERSONAL INFORMATION Mariana Fernandes", "Mariana Fernandes"),
        ("Personal details: Jonas Müller", "Jonas Müller"),
        ("PERSONAL INFORMATION", None),
    ],
)
def test_the_name_shares_its_line_with_a_personal_information_label(line: str, name: str | None) -> None:
    assert find_name([line]) == name


def test_an_employer_above_its_place_and_dates_is_the_employer_not_the_city() -> None:
    # kendall: a boxed header of the employer, its place and the dates on three lines; the title below it
    text = (
        "Wei Chen\nwei.chen@example.ca\n\nWORK EXPERIENCE\n\nScotiabank\nToronto, ON\nMarch 2024 – June 2024\n\n"
        "Data Analyst Intern\nCut the nightly ETL runtime from 6 hours to 50 minutes with Spark\n\n"
        "McMaster University\nHamilton, ON\nSeptember 2023 – March 2024\n\nResearch Assistant (part-time)\n"
        "Presented findings to non-technical stakeholders in monthly business reviews\n"
    )
    parsed = parse_resume_text(text, today=TODAY)

    assert [(e.company, e.title, e.location) for e in parsed.experience] == [
        ("Scotiabank", "Data Analyst Intern", "Toronto, ON"),
        ("McMaster University", "Research Assistant (part-time)", "Hamilton, ON"),
    ]


def test_a_column_that_opens_right_under_a_heading_continues_that_section() -> None:
    # A sidebar ends with "EDUCATION"; the next region (the column's continuation) starts with the entry
    head = "Jonas Müller\njonas.mueller@example.de\n\nCONTACT\nMünchen, Bayern 80802 DE\nEDUCATION\n"
    body = "2010\n2013\n\nTechnische Universität\nMünchen\nMaster of Science\nInformatics\n\nSKILLS\nScala | Kafka\n"
    text = head + body
    parsed = parse_resume_text(text, regions=(0, len(head)), today=TODAY)

    assert [(e.institution, e.level) for e in parsed.education] == [("Technische Universität München", "master")]
    names = [s.name for s in split_sections(text, (0, len(head)))]
    assert names.count("header") == 1


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("SENiOR BACKEND ENGiNEER | 2021‑04 – Present", "SENIOR BACKEND ENGINEER | 2021-04 – Present"),
        ("BSC iN INFORMATiON SCiENCE", "BSC IN INFORMATION SCIENCE"),
        ("The Co‑operative Bank", "The Co-operative Bank"),
        ("Built the iOS app for iPhone users", "Built the iOS app for iPhone users"),
    ],
)
def test_small_caps_capital_i_and_non_breaking_hyphens_read_as_typed(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


def test_small_caps_job_header_with_non_breaking_hyphens_gives_whole_dates() -> None:
    text = (
        "Kenji Nakamura\nkenji.nakamura@example.com\n\nProfessional Experience\nMercari | Tokyo, Japan\n"
        "SENiOR BACKEND ENGiNEER | 2021‑04 – Present\n• Designed the GraphQL schema used by the web clients\n"
    )
    from hiring.parsing.cleanup import clean_text

    parsed = parse_resume_text(clean_text(text), today=TODAY)
    assert [(e.company, e.title, e.start, e.current) for e in parsed.experience] == [
        ("Mercari", "SENIOR BACKEND ENGINEER", "2021-04", True)
    ]


@pytest.mark.parametrize(
    ("studied", "level"),
    [
        ("BSC IN INFORMATION SCIENCE", "bachelor"),
        ("BSC (HONS) NURSING", "bachelor"),
        ("MENG MECHANICAL ENGINEERING", "master"),
        ("PHD IN ECONOMICS", "doctorate"),
        ("MARCH 2020", None),
    ],
)
def test_degree_abbreviations_written_in_capitals_name_their_level(studied: str, level: str | None) -> None:
    assert degree_level(studied)[0] == level


def test_duty_lines_without_bullets_are_not_the_next_entrys_header() -> None:
    # moderncv banking: the list's bullets are drawn, not text; the next employer's line follows the last duty
    text = (
        "Priya Iyer\npriya.iyer@example.com\n\nWork Experience\nFlipkart | Bengaluru\n"
        "Data Scientist | Jul 2021 till date\n"
        "Forecast store-level demand for 1,200 SKUs with a hierarchical time-series model\n"
        "Ran A/B tests for pricing pages and wrote the experimentation playbook\n"
        "Mu Sigma | Bengaluru\nAssociate Data Analyst | Jul 2018 - Jun 2021\n"
        "Built a churn model in Python (XGBoost) that lifted retention campaign ROI by 18%\n"
    )
    parsed = parse_resume_text(text, today=TODAY)

    assert [(e.company, e.title) for e in parsed.experience] == [
        ("Flipkart", "Data Scientist"),
        ("Mu Sigma", "Associate Data Analyst"),
    ]


def test_a_page_that_breaks_inside_a_sentence_or_before_an_entry_does_not_open_a_new_header() -> None:
    # kendall: the experience runs over a page; the next region opens mid-sentence or on an employer with dates
    first = (
        "Stefan Hoffmann\nstefan.hoffmann@example.de\n\nWORK EXPERIENCE\n\nOtto Group\nHamburg\n"
        "January 2017 – Present\n\nHead of Logistics\nImproved on-time delivery from 91% to 98% by re-\n"
    )
    second = "planning routes\n\nDB Schenker\nBremen\nFebruary 2008 – March 2012\n\nWarehouse Manager\n\n"
    third = "NYU Langone Health\nNew York, NY\nMay 2005 – February 2008\n\nCharge Nurse\n"
    text = first + second + third
    parsed = parse_resume_text(text, regions=(0, len(first), len(first) + len(second)), today=TODAY)

    assert [(e.company, e.title) for e in parsed.experience] == [
        ("Otto Group", "Head of Logistics"),
        ("DB Schenker", "Warehouse Manager"),
        ("NYU Langone Health", "Charge Nurse"),
    ]
    assert parsed.name == "Stefan Hoffmann"


def test_an_employer_whose_name_holds_a_title_word_above_a_title_line() -> None:
    text = (
        "Chidi Okonkwo\nchidi.okonkwo@example.co.uk\n\nWORK EXPERIENCE\n\nAuto Trader UK\nManchester\n"
        "January 2023 – Present\n\nBusiness Intelligence Analyst\nCreated Tableau dashboards used weekly\n"
    )
    parsed = parse_resume_text(text, today=TODAY)

    assert [(e.company, e.title) for e in parsed.experience] == [("Auto Trader UK", "Business Intelligence Analyst")]


@pytest.mark.parametrize(
    ("block", "institution", "level"),
    [
        ("2017\n2021\n\nCarnegie Mellon\nUniversity\nDoctor of Philosophy\nRobotics\n", "Carnegie Mellon University",
         "doctorate"),
        ("1994\n1998\n\nUniversity of North\nCarolina at Chapel Hill\nBachelor of Arts\nCommunication Studies\n",
         "University of North Carolina at Chapel Hill", "bachelor"),
        ("2009\n2011\n\nEscuela Universitaria de\nHostelería y Turismo\nDiploma\nHospitality Management\n",
         "Escuela Universitaria de Hostelería y Turismo", "diploma"),
        ("2010 – 2012\nMaster of Education\nUniversity of Wisconsin–Madison, Madison, WI\n",
         "University of Wisconsin–Madison", "master"),
        ("2012 – 2016\nComputer Science\nStanford University\nBachelor of Science\n", "Stanford University",
         "bachelor"),
    ],
)  # fmt: skip
def test_a_school_name_broken_by_a_narrow_column_or_holding_a_dash_is_one_name(
    block: str, institution: str, level: str
) -> None:
    text = f"Ana Ruiz\nana.ruiz@example.es\n\nEDUCATION\n{block}"
    parsed = parse_resume_text(text, today=TODAY)

    assert [(e.institution, e.level) for e in parsed.education] == [(institution, level)]


@pytest.mark.parametrize("heading", ["PERSONAL SKILLS", "Job-related skills", "DIGITAL SKILLS", "Digital competence"])
def test_europass_skill_headings_open_a_skills_section(heading: str) -> None:
    text = (
        "Mariana Fernandes\nmariana.fernandes@example.pt\n\nWORK EXPERIENCE\n\nMay 2019 – Current | Office Manager\n"
        f"Farfetch, Lisbon\n\n{heading}\n\nSoftware: Microsoft Office, Google Workspace, Notion\n"
    )
    assert heading_kind(heading) == "skills"
    assert [s.name for s in split_sections(text)][-1] == "skills"
    assert {"Microsoft Office", "Notion"} <= {s.name for s in parse_resume_text(text, today=TODAY).skills}


@pytest.mark.parametrize(
    ("block", "institution", "level"),
    [
        ("Coláiste Chríost Rí\nLeaving Certificate | 2014 – 2020\n", "Coláiste Chríost Rí", "high_school"),
        ("Sri Chaitanya Junior College\nIntermediate (MPC) | 2019 – 2021\n", "Sri Chaitanya Junior College",
         "high_school"),
        ("Fundação Getulio Vargas\nBacharelado em Administração | 2008 – 2012\n", "Fundação Getulio Vargas",
         "bachelor"),
    ],
)  # fmt: skip
def test_schools_named_in_their_own_language_and_indian_intermediate(block: str, institution: str, level: str) -> None:
    text = f"Aoife Murphy\naoife.murphy@example.ie\n\nEDUCATION\n{block}"
    parsed = parse_resume_text(text, today=TODAY)

    assert [(e.institution, e.level) for e in parsed.education] == [(institution, level)]


def test_a_duty_whose_bullet_was_drawn_is_not_the_next_entrys_employer() -> None:
    # macchiato: "Employer | dates", the title, a gap, then duties whose bullets are drawn, not text
    text = (
        "Lucía Ortiz\nlucia.ortiz@example.es\n\nExperience\n\nGrupo Dani García | 04/2021 - Present\n"
        "Restaurant Manager\n\nCoordinated banquets and weddings of up to 300 guests\n\n"
        "Ibérica | 03/2018 - 03/2021\nAssistant Restaurant Manager\n\n"
        "Trained and scheduled a team of 18 servers and bartenders\n"
        "Led a team of 35 pickers, packers and forklift operators\n"
    )
    parsed = parse_resume_text(text, today=TODAY)

    assert [(e.company, e.title) for e in parsed.experience] == [
        ("Grupo Dani García", "Restaurant Manager"),
        ("Ibérica", "Assistant Restaurant Manager"),
    ]


@pytest.mark.parametrize(
    ("header", "title", "company"),
    [
        ("Registered Nurse, Emergency Department | 08/2019 – Present\nBaylor Scott & White Medical Center, Dallas, TX",
         "Registered Nurse, Emergency Department", "Baylor Scott & White Medical Center"),
        ("Office Administrator, Cork City Council, Cork | 2019 – Present", "Office Administrator", "Cork City Council"),
    ],
)  # fmt: skip
def test_a_unit_after_the_title_belongs_to_the_title(header: str, title: str, company: str) -> None:
    text = f"Alicia Johnson\nalicia.johnson@example.com\n\nEXPERIENCE\n{header}\n• Triaged 40 patients a shift\n"
    parsed = parse_resume_text(text, today=TODAY)

    assert [(e.title, e.company) for e in parsed.experience] == [(title, company)]
