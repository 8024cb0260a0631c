"""Failure classes found on real layouts (issue 9): each test holds one mechanism with a real-shaped input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pymupdf
import pytest

from hiring.parsing.cleanup import clean_line, clean_text
from hiring.resume import parse_document
from hiring.resume.contact import find_name, find_phone
from hiring.resume.dates import continues_range, find_ranges
from hiring.resume.education import degree_level, education_pieces
from hiring.resume.parser import parse_resume_text

TODAY = date(2026, 12, 1)
_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # has the en dash the base-14 fonts lack
Row = tuple[float, float, str, float]  # x, baseline y, text, font size


def _pdf(*pages: list[Row]) -> bytes:
    """A real PDF with each page's text placed where a layout would put it (DejaVu Sans)."""
    doc = pymupdf.open()
    for rows in pages:
        page = doc.new_page()
        for x, y, text, size in rows:
            page.insert_text((x, y), text, fontsize=size, fontname="dejavu", fontfile=str(_FONT))
    data = doc.tobytes()
    doc.close()
    return data


def _left_date_column_pdf() -> bytes:
    """A moderncv-like page: a narrow date column whose ranges wrap ('June 2020 –' over 'Present')."""
    rows: list[Row] = [
        (56, 60, "Maria Gonzalez", 20),
        (56, 90, "maria.gonzalez@example.com | +1 415 555 0132", 10),
        (56, 130, "Experience", 14),
    ]
    y = 160
    entries = [
        ("June 2020 –", "Present", "Senior Software Engineer, Google, Mountain View, CA",
         "Built distributed systems in Java and Go for the storage tier."),
        ("Jan 2014 –", "May 2020", "Software Engineer, Oracle, Redwood City",
         "Worked on database internals in C++ and query planning."),
    ]  # fmt: skip
    for start, end, header, body in entries:
        rows += [(56, y, start, 9), (56, y + 12, end, 9), (150, y, header, 10), (150, y + 12, body, 10)]
        y += 48
    rows += [(56, y, "Education", 14), (56, y + 30, "2010 – 2014", 9)]
    rows += [(150, y + 30, "Bachelor of Science, Stanford University, Stanford, CA, USA", 10)]
    return _pdf(rows)


def test_a_range_wrapped_in_a_left_date_column_dates_the_whole_job() -> None:
    # Given a PDF whose date column breaks each range over two lines
    _, parsed = parse_document(_left_date_column_pdf(), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then each job keeps its whole range, and the end word stays out of the description
    jobs = [(e.company, e.title, e.start, e.end, e.current) for e in parsed.experience]
    assert jobs == [
        ("Google", "Senior Software Engineer", "2020-06", None, True),
        ("Oracle", "Software Engineer", "2014-01", "2020-05", False),
    ]
    assert not parsed.experience[0].description.startswith("Present")
    assert parsed.total_experience_months >= 150
    assert parsed.seniority == "senior"


def test_an_institution_with_its_city_is_the_institution_not_the_field() -> None:
    _, parsed = parse_document(_left_date_column_pdf(), "cv.pdf", 5_000_000, 10, today=TODAY)

    school = parsed.education[0]
    assert (school.institution, school.level, school.degree) == (
        "Stanford University",
        "bachelor",
        "Bachelor of Science",
    )
    assert school.field is None


@pytest.mark.parametrize(
    ("upper", "lower", "joined"),
    [
        ("June 2020 –", "Present", True),
        ("Jan 2014 -", "May 2020", True),
        ("2019", "– 2021", True),
        ("Summer 2020 to", "Now", True),
        ("Sep 2018 –", "Current", True),
        ("03/2017 -", "12/2019", True),
        ("2019", "2021", False),  # two dates on two rows: two entries, not one range
        ("2019 –", "– 2021", False),
        ("June 2020 –", "Toronto", False),
        ("2019 -", "2021 Built the billing service", False),
    ],
)
def test_a_range_continues_on_the_next_line_only_when_one_side_carries_the_dash(
    upper: str, lower: str, joined: bool
) -> None:
    assert continues_range(upper, lower) is joined


@pytest.mark.parametrize(
    ("piece", "expected"),
    [
        ("Bachelor of Science, Stanford University, Stanford, CA, USA", ["Bachelor of Science", "Stanford University"]),
        ("Stanford University, Stanford, CA, USA", ["Stanford University"]),
        ("University of California, Berkeley", ["University of California, Berkeley"]),
        ("MBA, Harvard Business School, Boston, MA", ["MBA", "Harvard Business School"]),
        ("M.A. in History, Tufts University", ["M.A. in History", "Tufts University"]),
        ("B.Tech in Mechanical Engineering", ["B.Tech in Mechanical Engineering"]),
    ],
)
def test_education_headers_split_degree_institution_and_place(piece: str, expected: list[str]) -> None:
    assert education_pieces(piece) == expected


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Cambridge, MA", None),
        ("Boston, MA, USA", None),
        ("Jackson, MS 39201", None),
        ("MA in English Literature", "master"),
        ("MS, Computer Science", "master"),
        ("M.D., Johns Hopkins", "doctorate"),
    ],
)
def test_a_state_after_a_city_is_not_a_degree(text: str, level: str | None) -> None:
    assert degree_level(text)[0] == level


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["Maria Gonzalez", "Silicon Valley"], "Maria Gonzalez"),
        (["Silicon Valley", "Google HQ"], None),
        (["José Álvarez-Ruiz", "Madrid, Spain"], "José Álvarez-Ruiz"),
        (["Zoë O'Brien-Müller"], "Zoë O'Brien-Müller"),
        (["Dr. Amara Okafor"], "Amara Okafor"),
        (["Jane Doe\tjane.doe@example.com\t(415) 555-0132"], "Jane Doe"),
        (["Jane Doe jane.doe@example.com (415) 555-0132"], "Jane Doe"),
        (["Sample Nurse Resume  Priya Nair  14 Lake Road, Kochi"], "Priya Nair"),
        (["Sample Accountant Resume Tom Baker 12 Main Street"], "Tom Baker"),
        (["RÉSUMÉ SAMPLE : HIGHER EDUCATION  Wilmer Kristan Romaguera  2136 G Street NW"], "Wilmer Kristan Romaguera"),
        (["Curriculum Vitae", "Ana María de la Cruz"], "Ana María de la Cruz"),
        (["Edmund Israel Stehr", "Decker St., Detroit, Michigan"], "Edmund Israel Stehr"),
        (["Morris Plains, NJ 07950"], None),
        (["Lucina Hall Room 220", "Shawnna Nikolaus"], "Shawnna Nikolaus"),
        (["Allen Neal King ESB Integration Developer - Cisco Systems"], "Allen Neal King"),
        (["Jane Smith, PhD"], "Jane Smith"),
        (["Font Size for Name: 14-16", "Kim Lee"], "Kim Lee"),
    ],
)
def test_the_name_is_a_person_not_a_place_title_or_document_label(lines: list[str], name: str | None) -> None:
    assert find_name(lines) == name


def test_a_tab_separated_name_line_in_a_text_resume_gives_the_name() -> None:
    text = "Jane\tDoe\njane.doe@example.com\n\nEXPERIENCE\nAnalyst, Acme Corp, 2019 - 2021\n"
    assert parse_resume_text(text, today=TODAY).name == "Jane Doe"


def _two_pages_with_footers() -> bytes:
    doc = pymupdf.open()
    font = {"fontname": "dejavu", "fontfile": str(_FONT)}
    first = doc.new_page()
    for top, text, size in [
        (60, "Amara Okafor", 20),
        (84, "amara.okafor@example.org | +234 803 555 0101", 10),
        (130, "EDUCATION", 13),
        (152, "Bachelor of Science in Nursing, University of Lagos, 2012 – 2016", 10),
        (200, "PROJECTS", 13),
        (222, "Ward Handover App", 10),
        (236, "A shift handover checklist used by 40 nurses.", 10),
    ]:
        first.insert_text((56, top), text, fontsize=size, **font)
    first.insert_text((280, 815), "1/2", fontsize=9, **font)
    second = doc.new_page()
    second.insert_text((56, 30), "Amara Okafor – Curriculum Vitae", fontsize=9, **font)
    for top, text, size in [
        (80, "EXPERIENCE", 13),
        (102, "Staff Nurse, Lagos University Teaching Hospital, 2016 – Present", 10),
        (116, "Cared for 12 patients per shift on a surgical ward.", 10),
    ]:
        second.insert_text((56, top), text, fontsize=size, **font)
    second.insert_text((280, 815), "2/2", fontsize=9, **font)
    data = doc.tobytes()
    doc.close()
    return data


def test_page_footers_and_running_headers_are_not_content() -> None:
    document, parsed = parse_document(_two_pages_with_footers(), "cv.pdf", 5_000_000, 10, today=TODAY)

    assert "1/2" not in document.text and "2/2" not in document.text
    assert [e.institution for e in parsed.education] == ["University of Lagos"]
    assert [p.title for p in parsed.projects] == ["Ward Handover App"]
    assert [(e.title, e.start, e.current) for e in parsed.experience] == [("Staff Nurse", "2016-01", True)]


@pytest.mark.parametrize("mark", ["1/2", "Page 2 of 3", "- 2 -", "Page 3"])
def test_a_line_that_is_only_a_page_number_is_dropped_from_text_resumes(mark: str) -> None:
    text = f"Jane Doe\njane@example.com\n\nPROJECTS\nInventory Tracker\nBuilt in Python.\n{mark}\n"
    parsed = parse_document(text.encode(), "cv.txt", 5_000_000, 10, today=TODAY)[1]
    assert [p.title for p in parsed.projects] == ["Inventory Tracker"]


def test_the_name_is_read_from_the_largest_type_before_a_location_line() -> None:
    # Given a page whose name is set large and whose first small line is a place
    rows: list[Row] = []
    rows.append((56, 50, "Silicon Valley · Open to relocation", 9))
    rows.append((56, 80, "Kwame Mensah-Boateng", 24))
    rows.append((56, 100, "kwame.mb@example.com · +1 650 555 0199", 9))
    rows.append((56, 140, "EXPERIENCE", 12))
    rows.append((56, 160, "Data Engineer, Stripe, 2019 – Present", 10))
    data = _pdf(rows)

    document, parsed = parse_document(data, "cv.pdf", 5_000_000, 10, today=TODAY)

    assert document.prominent[0] == "Kwame Mensah-Boateng"
    assert parsed.name == "Kwame Mensah-Boateng"


def _word_table_resume() -> bytes:
    """A Word resume laid out as a table: dates and place in the left cell, the job in the right one."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Riya Patel\tBirmingham, UK", style="Title")
    document.add_paragraph("riya.patel@example.co.uk · +44 121 496 0123")
    document.add_paragraph("WORK EXPERIENCE")
    table = document.add_table(rows=0, cols=2)
    for start, end, city, title, company, bullets in [
        ("02/2023 –", "Present", "London", "Junior Graphic Designer", "Wonderbly",
         ["Redesigned the onboarding flow, raising activation from 31% to 44%", "Ran 60 usability sessions"]),
        ("06/2022 –", "09/2022", "Birmingham", "Design Intern", "Mettle Studio",
         ["Designed packaging for an organic food line"]),
    ]:  # fmt: skip
        left, right = table.add_row().cells
        left.paragraphs[0].text = start
        left.add_paragraph(end)
        left.add_paragraph(city)
        right.paragraphs[0].text = title
        right.add_paragraph(company)
        for bullet in bullets:
            right.add_paragraph(bullet, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_table_keeps_each_job_with_its_dates_and_its_city_is_not_the_employer() -> None:
    _, parsed = parse_document(_word_table_resume(), "cv.docx", 5_000_000, 10, today=TODAY)

    assert parsed.name == "Riya Patel"
    assert [(e.company, e.title, e.start, e.end, e.current) for e in parsed.experience] == [
        ("Wonderbly", "Junior Graphic Designer", "2023-02", None, True),
        ("Mettle Studio", "Design Intern", "2022-06", "2022-09", False),
    ]
    assert parsed.experience[0].location == "London"


@pytest.mark.parametrize(
    ("studied", "level"),
    [
        ("QQI Level 5 Certificate in Office Administration", "certificate"),
        ("Certificate III in Refrigeration and Air Conditioning", "certificate"),
        ("PGCE Secondary Mathematics", "certificate"),
        ("City & Guilds Level 3 NVQ Diploma in Electrotechnical Services", "diploma"),
        ("National Diploma in Biomedical Technology", "diploma"),
        ("HND Computing", "diploma"),
        ("Leaving Certificate", "high_school"),
        ("Higher School Certificate", "high_school"),
        ("Ontario Secondary School Diploma", "high_school"),
        ("Postgraduate Diploma in Management", "master"),
    ],
)
def test_diplomas_and_certificates_are_levels_of_their_own(studied: str, level: str) -> None:
    assert degree_level(studied)[0] == level


def test_typeset_apostrophe_years_and_a_subtitle_row_after_a_gap() -> None:
    # Jake's Resume: "Title | Mar ’20 – Present", a row gap, then "Employer | City"
    text = (
        "Erik Holm\nerik.holm@example.dk\n\nEmployment History\n"
        "Chief Technology Officer | Mar ’20 – Present\n\nPleo | Copenhagen\n• Shipped offline sync\n"
        "Student Programmer | Sep ’98 – Jul ’00\n\nDTU Compute | Lyngby\n• Wrote lab tooling\n"
    )
    parsed = parse_resume_text(text, today=TODAY)
    assert [(e.company, e.title, e.start, e.end) for e in parsed.experience] == [
        ("Pleo", "Chief Technology Officer", "2020-03", None),
        ("DTU Compute", "Student Programmer", "1998-09", "2000-07"),
    ]


def test_a_footer_across_the_gutter_does_not_merge_two_columns() -> None:
    # Given a two-column page whose footer "Name – Page 1" runs over the gap between the columns
    rows: list[Row] = []
    rows.append((50, 60, "Jonas Müller", 20))
    rows.append((50, 90, "jonas.mueller@example.de | +49 89 2345678 | 80802 München", 9))
    left = ["PROFESSIONAL EXPERIENCE", "Senior Data Engineer", "Celonis, München", "01/2020 – Present",
            "• Forecast store-level demand for 1,200 SKUs with a", "hierarchical time-series model",
            "Data Engineer", "Allianz, München", "05/2016 – 12/2019", "• Built a churn model in Python that lifted",
            "retention campaign ROI by 18%"]  # fmt: skip
    right = ["ACADEMIC BACKGROUND", "Technische Universität München", "Master of Science in Informatics",
             "2010 – 2013", "TECHNICAL SKILLS", "Engineering: Scala, Apache Spark", "Cloud: AWS, Docker",
             "LANGUAGES", "• German (Native)", "• English (Fluent)"]  # fmt: skip
    for n, text in enumerate(left):
        rows.append((50, 140 + 14 * n, text, 9))
    for n, text in enumerate(right):
        rows.append((345, 140 + 14 * n, text, 9))
    rows.append((255, 815, "Jonas Müller – Page 1", 8))
    data = _pdf(rows)

    document, parsed = parse_document(data, "cv.pdf", 5_000_000, 10, today=TODAY)

    assert "Page 1" not in document.text
    assert [(e.company, e.title, e.start) for e in parsed.experience] == [
        ("Celonis", "Senior Data Engineer", "2020-01"),
        ("Allianz", "Data Engineer", "2016-05"),
    ]
    assert [(e.institution, e.level) for e in parsed.education] == [("Technische Universität München", "master")]


@pytest.mark.parametrize(
    ("studied", "level"),
    [
        ("BNSc Nursing Science", "bachelor"),
        ("B.Ed. Mathematics Education", "bachelor"),
        ("Licence Économie-Gestion", "bachelor"),
        ("Licenciatura em Ciências da Comunicação", "bachelor"),
        ("Master in Management", "master"),
        ("MSN Nursing Administration", "master"),
        ("Doctor of Nursing Practice", "doctorate"),
        ("PharmD", "doctorate"),
    ],
)
def test_degrees_named_as_other_countries_and_professions_name_them(studied: str, level: str) -> None:
    assert degree_level(studied)[0] == level


@pytest.mark.parametrize(
    "institution",
    ["Vrije Universiteit Amsterdam", "Universidade Nova de Lisboa", "Universitat Pompeu Fabra", "Università di Bologna",
     "École hôtelière de Lausanne", "Instituto Politécnico Nacional", "South Metropolitan TAFE"],
)  # fmt: skip
def test_institutions_are_recognised_in_their_own_language(institution: str) -> None:
    text = f"Ana Souza\nana@example.org\n\nEDUCATION\n{institution}\nBachelor of Arts | 2012 – 2016\n"
    assert [e.institution for e in parse_resume_text(text, today=TODAY).education] == [institution]


def test_long_month_names_wrapped_over_four_lines_of_a_date_column_are_one_range() -> None:
    # moderncv with full month names: "September" / "2021 –" / "December" / "2022" beside one entry
    rows: list[Row] = []
    rows.append((56, 60, "Chidi Okonkwo", 22))
    rows.append((56, 84, "chidi.okonkwo@example.co.uk", 9))
    rows.append((56, 120, "Professional Experience", 13))
    for n, piece in enumerate(["September", "2021 –", "December", "2022"]):
        rows.append((56, 150 + 11 * n, piece, 9))
    rows.append((130, 150, "Graduate Data Analyst, The Co-operative Bank, Manchester", 10))
    rows.append((130, 162, "Forecast store-level demand for 1,200 SKUs", 10))
    rows.append((130, 174, "Built a churn model in Python", 10))
    data = _pdf(rows)

    _, parsed = parse_document(data, "cv.pdf", 5_000_000, 10, today=TODAY)

    assert [(e.company, e.title, e.location, e.start, e.end) for e in parsed.experience] == [
        ("The Co-operative Bank", "Graduate Data Analyst", "Manchester", "2021-09", "2022-12")
    ]
    assert parsed.experience[0].description.startswith("Forecast store-level demand")


@pytest.mark.parametrize(
    ("block", "phone"),
    [
        ("Tel: +33 6 12 34 56 78\n75012 Paris", "+33 6 12 34 56 78"),
        ("+31 20 555 0123\n1016 AB Amsterdam", "+31 20 555 0123"),
        ("06 12 34 56 78\n69002 Lyon", "06 12 34 56 78"),
        ("+49 (0)89 2345678", "+49 (0)89 2345678"),
        ("(11) 91234-5678", "(11) 91234-5678"),
    ],
)
def test_a_phone_number_ends_at_its_line(block: str, phone: str) -> None:
    assert find_phone(block) == phone


def test_section_labels_in_a_left_column_beside_their_first_entry() -> None:
    # jsonresume-even style: "Work" and "Education" sit in a label column on the row of the section's first line
    rows: list[Row] = [(56, 60, "Mariana Fernandes", 22), (56, 84, "mariana.fernandes@example.pt", 9)]
    entries = [
        (120, "Work", "Executive Assistant to the CEO"), (132, None, "Farfetch"), (144, None, "May 2019 – Present"),
        (160, None, "Coordinated due diligence data rooms for two acquisitions"),
        (180, None, "Office Manager"), (192, None, "Talkdesk"), (204, None, "Oct 2016 – Apr 2019"),
        (220, None, "Prepared court bundles and filed documents electronically"),
        (250, "Education", "Universidade Nova de Lisboa"), (262, None, "Licenciatura in Communication Sciences"),
        (274, None, "2010 – 2013"),
    ]  # fmt: skip
    for top, label, content in entries:
        if label:
            rows.append((56, top, label, 11))
        rows.append((140, top, content, 10))
    data = _pdf(rows)

    _, parsed = parse_document(data, "cv.pdf", 5_000_000, 10, today=TODAY)

    assert [(e.company, e.title, e.start) for e in parsed.experience] == [
        ("Farfetch", "Executive Assistant to the CEO", "2019-05"),
        ("Talkdesk", "Office Manager", "2016-10"),
    ]
    assert [(e.institution, e.level) for e in parsed.education] == [("Universidade Nova de Lisboa", "bachelor")]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("June 2015 January 2019", [("2015-06", "2019-01", False)]),
        ("Acme | 03/2012 07/2014", [("2012-03", "2014-07", False)]),
        ("2019 2020", [("2019-01", "2019-01", True), ("2020-01", "2020-01", True)]),
    ],
)
def test_two_month_dates_with_only_space_between_are_a_range(
    written: str, expected: list[tuple[str, str, bool]]
) -> None:
    found = find_ranges(written)
    assert [(r.start.iso(), r.end.iso() if r.end else None, r.single) for r in found] == expected


def test_a_school_name_a_narrow_column_wrapped_is_read_whole() -> None:
    text = (
        "Farhan Rahman\nfarhan@example.ca\n\nEDUCATION\nUniversity of British\nColumbia, Vancouver, BC,\nCanada\n"
        "Doctor of Pharmacy\nSeptember 2013 – May 2017\n\nTechnische Universität\nMünchen\nMaster of Science\n"
        "2010 – 2013\n\nStanford University\nStanford, CA\nBachelor of Arts\n2006 – 2010\n"
    )
    schools = [(e.institution, e.level) for e in parse_resume_text(text, today=TODAY).education]
    assert schools == [
        ("University of British Columbia", "doctorate"),
        ("Technische Universität München", "master"),
        ("Stanford University", "bachelor"),
    ]


@pytest.mark.parametrize(
    ("header", "company", "title"),
    [
        ("Barista (part-time) | Starbucks | 09/2019 – 08/2021", "Starbucks", "Barista (part-time)"),
        ("Laboratory Technician | Stellenbosch University | Stellenbosch | 2022 – Present",
         "Stellenbosch University", "Laboratory Technician"),
        ("QA Automation Engineer | Accenture Philippines | Taguig City | 2022 – Present",
         "Accenture Philippines", "QA Automation Engineer"),
        ("Registered Nurse, Emergency Department | Baylor Scott & White Medical Center | 2019 – Present",
         "Baylor Scott & White Medical Center", "Registered Nurse, Emergency Department"),
        ("Waitress | Café de Oriente | 2015 – 2018", "Café de Oriente", "Waitress"),
    ],
)  # fmt: skip
def test_job_headers_with_places_qualifiers_and_one_word_titles(header: str, company: str, title: str) -> None:
    text = f"Ana Ortiz\nana@example.org\n\nEXPERIENCE\n{header}\n• Served 40 tables a shift\n"
    jobs = parse_resume_text(text, today=TODAY).experience
    assert [(j.company, j.title) for j in jobs] == [(company, title)]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["HEC Paris, Jouy-en-Josas, France", "Master in Management | 2012 – 2014"], [("HEC Paris", "master")]),
        (["University of Toronto, Toronto", "MDes | 2014 – 2016"], [("University of Toronto", "master")]),
        (["Technical University of Denmark, Kongens Lyngby", "MSc in Computer Science | 1995 – 2000"],
         [("Technical University of Denmark", "master")]),
        (["Westdale Secondary School", "Ontario Secondary School Diploma | 2014 – 2018"],
         [("Westdale Secondary School", "high_school")]),
        (["Pasadena High School | 2003 – 2007"], [("Pasadena High School", "high_school")]),
    ],
)  # fmt: skip
def test_schools_without_their_places_and_high_schools_by_name(
    lines: list[str], expected: list[tuple[str, str]]
) -> None:
    text = "Ana Ortiz\nana@example.org\n\nEDUCATION\n" + "\n".join(lines) + "\n"
    assert [(e.institution, e.level) for e in parse_resume_text(text, today=TODAY).education] == expected


def test_entry_headers_set_as_list_items_with_dates_in_a_right_column() -> None:
    # sb2nov-style: "• Employer    Place" over "Title    Dates", places and dates right-aligned; the header block
    # at the top of the page ends a little further right than the dates below
    doc = pymupdf.open()
    page = doc.new_page()
    font = {"fontname": "dejavu", "fontfile": str(_FONT)}
    page.insert_text((40, 50), "Marek Kowalski", fontsize=20, **font)
    right = 576
    for top, text in [(50, "Email: marek.kowalski@example.ca"), (63, "Phone: +1 416 555 0123")]:
        page.insert_text((right - pymupdf.get_text_length(text, fontsize=9), top), text, fontsize=9)
    page.insert_text((40, 110), "Experience", fontsize=13, **font)
    top = 130
    for employer, place, title, dates in [
        ("Shopify", "Toronto, ON", "UX Researcher", "Mar 2020 – Now"),
        ("Wealthsimple", "Toronto, ON", "User Researcher", "Jan 2018 – Feb 2020"),
        ("University Health Network", "Toronto, ON", "Research Coordinator", "May 2016 – Dec 2017"),
    ]:
        page.insert_text((40, top), f"• {employer}", fontsize=10, **font)
        width = pymupdf.get_text_length(place, fontname="helv", fontsize=10)
        page.insert_text((right - 3 - width, top), place, fontsize=10)
        page.insert_text((52, top + 12), title, fontsize=10, **font)
        width = pymupdf.Font(fontfile=str(_FONT)).text_length(dates, fontsize=10)
        page.insert_text((right - 3 - width, top + 12), dates, fontsize=10, **font)
        page.insert_text((60, top + 26), "• Ran moderated usability sessions with customers", fontsize=10, **font)
        page.insert_text((60, top + 38), "• Turned findings into a prioritised backlog", fontsize=10, **font)
        top += 60
    data = doc.tobytes()
    doc.close()

    _, parsed = parse_document(data, "cv.pdf", 5_000_000, 10, today=TODAY)

    assert [(e.company, e.title, e.start) for e in parsed.experience] == [
        ("Shopify", "UX Researcher", "2020-03"),
        ("Wealthsimple", "User Researcher", "2018-01"),
        ("University Health Network", "Research Coordinator", "2016-05"),
    ]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\ue606 | WORK EXPERIENCE", "WORK EXPERIENCE"),
        ("Mar, 2024 - Jun, 2024 \ue60a3 months", "Mar, 2024 - Jun, 2024 3 months"),
        ("Seattle \uf0a8 (123) 345-7890 \uf0a8 x@example.com", "Seattle · (123) 345-7890 · x@example.com"),
        ("\uf0b7 Led a team of four", "• Led a team of four"),
        ("| Coordinated due diligence data rooms", "• Coordinated due diligence data rooms"),  # a bar as list marker
        ("Skills | Bookkeeping", "Skills | Bookkeeping"),  # between pieces it stays a field separator
    ],
)
def test_icon_font_glyphs_are_not_text(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


@pytest.mark.parametrize(
    ("header", "company", "title"),
    [
        ("Data Analyst Intern, Scotiabank | Mar, 2024 - Jun, 2024 · 3 months", "Scotiabank", "Data Analyst Intern"),
        ("Product Designer, BlaBlaCar | Sep 2017 – Sep 2020 (3 yrs 1 mo)", "BlaBlaCar", "Product Designer"),
        ("Assistant Manager – Finance, HCL Technologies | 2020 – Present", "HCL Technologies",
         "Assistant Manager – Finance"),
        ("Sales Manager, Southeast, Oracle | 2013 – 2018", "Oracle", "Sales Manager, Southeast"),
        ("Fleet Coordinator, Wincanton, Lutterworth | 2019 – Present", "Wincanton", "Fleet Coordinator"),
    ],
)  # fmt: skip
def test_durations_units_and_places_around_a_job_header(header: str, company: str, title: str) -> None:
    text = f"Ana Ortiz\nana@example.org\n\nEXPERIENCE\n{header}\n• Built the quarterly forecast\n"
    jobs = parse_resume_text(text, today=TODAY).experience
    assert [(j.company, j.title) for j in jobs] == [(company, title)]


def test_a_sidebar_that_breaks_the_email_and_holds_the_phone_under_about() -> None:
    # jsonresume-macchiato style: name and headline across the page, then a narrow "About" sidebar with the
    # address, an email broken mid-word by the column, and the phone; the main column beside it
    rows: list[Row] = []
    rows.append((53, 80, "Chidinma Okonkwo", 26))
    rows.append((53, 105, "Business Intelligence Analyst", 12))
    sidebar = ["About", "27 Deansgate", "Manchester M3 4LY GB", "chidinma.okonkwo@exa", "mple.co.uk", "",
               "07700 900123", "", "Analytics", "SQL Power BI Excel", "DAX"]  # fmt: skip
    main = ["Experience", "Auto Trader UK | 01/2023 - Present", "Business Intelligence Analyst",
            "Created Tableau dashboards used weekly by the executive team",
            "Built a churn model in Python that lifted retention by 18%", "The Co-operative Bank | 09/2021 - 12/2022",
            "Graduate Data Analyst", "Forecast store-level demand for 1,200 SKUs", "Tesco | 06/2018 - 08/2021",
            "Customer Service Assistant", "Handled 80 customer queries a day"]  # fmt: skip
    for n, text in enumerate(sidebar):
        if text:
            rows.append((57, 135 + 11 * n, text, 8))
    for n, text in enumerate(main):
        rows.append((188, 135 + 12 * n, text, 9))
    data = _pdf(rows)

    _, parsed = parse_document(data, "cv.pdf", 5_000_000, 10, today=TODAY)

    assert (parsed.email, parsed.phone) == ("chidinma.okonkwo@example.co.uk", "07700 900123")
    assert [(e.company, e.title) for e in parsed.experience] == [
        ("Auto Trader UK", "Business Intelligence Analyst"),
        ("The Co-operative Bank", "Graduate Data Analyst"),
        ("Tesco", "Customer Service Assistant"),
    ]


def test_a_hyphen_inside_an_address_is_not_a_line_break_hyphen() -> None:
    assert clean_text("folake.adeyemi-\njohnson@example.org, manage-\nment") == (
        "folake.adeyemi-johnson@example.org, management"
    )


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Rua Augusta 1500\nSão Paulo 01302-000\nlucas@example.com.br\n(11) 91234-5678", "(11) 91234-5678"),
        ("Skills: Excel\nReferences on request\nMobile: +44 7700 900123", "+44 7700 900123"),
    ],
)
def test_the_phone_is_found_beside_the_email_or_by_its_label_and_a_postcode_is_no_phone(text: str, phone: str) -> None:
    resume = f"Lucas Ramos\n\nSUMMARY\nAnalyst.\n\nEXPERIENCE\nAnalyst, Ambev, 2021 – 2023\n\nABOUT\n{text}\n"
    assert parse_resume_text(resume, today=TODAY).phone == phone


def test_a_degree_at_a_school_on_one_line() -> None:
    text = (
        "Wei Chen\nwei@example.ca\n\nEDUCATION\nBachelor of Science Statistics at McMaster University | 2021 - 2025\n"
        "M.Tech Data Science at Indian Institute of Technology Madras | Jul 2016 - May 2018\n"
    )
    schools = [(e.institution, e.level) for e in parse_resume_text(text, today=TODAY).education]
    assert schools == [("McMaster University", "bachelor"), ("Indian Institute of Technology Madras", "master")]


def test_an_entry_whose_title_no_rule_knows_takes_the_format_of_its_section() -> None:
    # Given three entries written "Title | dates" over "Employer | City", one title in Portuguese
    text = (
        "Ana Beatriz Silva\nana@example.com.br\n\nEXPERIENCE\n"
        "Analytics Engineer | 2021-05 – Current\nNubank | São Paulo\n• Cut the nightly ETL runtime\n"
        "Data Analyst | 2019-02 – 2021-04\niFood | Osasco\n• Presented findings\n"
        "Estagiária de Dados | 2018-01 – 2018-12\nItaú Unibanco | São Paulo\n• Created Tableau dashboards\n"
    )
    jobs = [(j.company, j.title, j.location) for j in parse_resume_text(text, today=TODAY).experience]
    assert jobs == [
        ("Nubank", "Analytics Engineer", "São Paulo"),
        ("iFood", "Data Analyst", "Osasco"),
        ("Itaú Unibanco", "Estagiária de Dados", "São Paulo"),
    ]


@pytest.mark.parametrize(
    ("header", "company", "location"),
    [
        ("Business Intelligence Analyst | Auto Trader UK, Manchester | 2023 – Present", "Auto Trader UK", "Manchester"),
        ("Teacher of Biology | Goethe-Gymnasium, Frankfurt am Main | 2018 – Present", "Goethe-Gymnasium",
         "Frankfurt am Main"),
        ("Senior Software Engineer | Stripe, Inc. | 2020 – Present", "Stripe, Inc.", None),
    ],
)  # fmt: skip
def test_a_known_city_after_an_employer_is_its_place(header: str, company: str, location: str | None) -> None:
    text = f"Ana Ortiz\nana@example.org\n\nEXPERIENCE\n{header}\n• Built the quarterly forecast\n"
    jobs = parse_resume_text(text, today=TODAY).experience
    assert [(j.company, j.location) for j in jobs] == [(company, location)]


def test_a_european_cv_names_its_holder_under_personal_information() -> None:
    text = (
        "Curriculum Vitae\n\nPERSONAL INFORMATION | Jane Doe\n12 Rue de Rivoli, 75001 Paris (France)\n"
        "jane.doe@example.fr\n\nWORK EXPERIENCE\n2019 – Present | Analyst, Acme, Paris\n"
    )
    assert parse_resume_text(text, today=TODAY).name == "Jane Doe"


def test_skill_chips_on_one_row_are_separate_items() -> None:
    # JSON Resume themes print a skill group's keywords as chips: separate boxes on one row, a padding apart
    doc = pymupdf.open()
    page = doc.new_page()
    font = {"fontname": "dejavu", "fontfile": str(_FONT)}
    page.insert_text((56, 60), "Chinedu Okafor", fontsize=20, **font)
    page.insert_text((56, 80), "chinedu.okafor@example.com", fontsize=9, **font)
    page.insert_text((56, 120), "Skills", fontsize=13, **font)
    x = 56.0
    for chip in ["Xero", "Sage 50", "QuickBooks", "VAT Returns", "Payroll"]:
        page.insert_text((x, 140), chip, fontsize=9, **font)
        x += pymupdf.Font(fontfile=str(_FONT)).text_length(chip, fontsize=9) + 14
    data = doc.tobytes()
    doc.close()

    document, parsed = parse_document(data, "cv.pdf", 5_000_000, 10, today=TODAY)

    assert "Xero | Sage 50 | QuickBooks | VAT Returns | Payroll" in document.text
    names = {s.name for s in parsed.skills}
    assert {"Xero", "Payroll"} <= names and any("QuickBooks" in name for name in names)
