"""Reading order of columns and sidebars (issue 9, third blind group opened): each test holds one general mechanism
with a real-shaped input, a page drawn where a real layout puts its lines."""

from __future__ import annotations

from datetime import date

import pymupdf
import pytest

from hiring.parsing.pdf import _page_regions
from hiring.parsing.pdf_layout import Line
from hiring.resume import parse_document
from hiring.resume.parser import parse_resume_text
from tests.unit.test_resume_real_layouts import _FONT, Row, _pdf

TODAY = date(2026, 12, 1)


def _sidebar_under_header_rows(chips: list[str]) -> list[Row]:
    """A JSON Resume 'autumn'-like page: the name, a headline and a summary paragraph run across the page (the
    contact block beside the name), then a narrow sidebar of skill chips under its own heading on the left, loosely
    spaced so its rows meet the body's rows by chance, and the work column on the right with dates at its edge."""
    rows: list[Row] = [
        (58, 80, "Daniel Brown", 36),
        (356, 66, "London, Greater London, United Kingdom", 10.5),
        (356, 87, "daniel.brown@example.co.uk", 10.5),
        (356, 108, "07700 900789", 10.5),
        (58, 115, "Sous Chef · London, UK", 15),
        (58, 152, "Chef who runs calm, consistent kitchens and trains junior cooks in classic technique.", 10.5),
        (58, 167, "Fourteen years in London kitchens.", 10.5),
        (58, 200, "Skills", 18),
        (188, 200, "Work", 18),
    ]
    y = 234.0
    for chip in chips:
        rows.append((61 if chip[0].islower() or " " in chip else 58, y, chip, 10.5))
        y += 21
    entries = [
        ("Dishoom", "Jun 2021 - Present", "Sous Chef", "Ran the pass for 300 covers a night"),
        ("Hawksmoor", "Jan 2018 - May 2021", "Chef de Partie", "Cut food cost from 34% to 29% through menu work"),
        ("The Ivy", "Feb 2016 - Dec 2017", "Commis Chef", "Prepared sauces and garnish for the grill section"),
    ]
    y = 234.0
    for employer, dates, title, duty in entries:
        rows += [(188, y, employer, 12), (466, y, dates, 10.5), (188, y + 18, title, 10.5)]
        rows += [(202, y + 42, duty, 10.5), (202, y + 60, "Trained four commis chefs on knife skills", 10.5)]
        y += 92
    rows += [(188, y + 20, "Education", 18), (188, y + 58, "Westminster Kingsway College", 12)]
    rows += [(458, y + 58, "Jan 2014 - Jan 2016", 10.5), (188, y + 76, "Diploma in Professional Cookery", 10.5)]
    return rows


def test_a_sidebar_under_a_full_width_header_is_read_as_its_own_column() -> None:
    # Given a page whose header runs across both columns and whose sidebar chips share rows with the body by chance
    chips = ["Kitchen", "Menu Development", "HACCP  Butchery", "Stock Control", "Languages", "English"]
    pdf = _pdf(_sidebar_under_header_rows(chips))

    document, parsed = parse_document(pdf, "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then every job keeps its employer, title and dates, and the chips stay out of the jobs
    jobs = [(e.company, e.title, e.start) for e in parsed.experience]
    assert jobs == [
        ("Dishoom", "Sous Chef", "2021-06"),
        ("Hawksmoor", "Chef de Partie", "2018-01"),
        ("The Ivy", "Commis Chef", "2016-02"),
    ]
    assert parsed.total_experience_months is not None and parsed.total_experience_months >= 120
    # And the sidebar is read top to bottom, not interleaved with the work entries
    text = document.text
    assert text.index("Menu Development") < text.index("Stock Control") < text.index("Dishoom")


def _width(text: str, size: float) -> float:
    return float(pymupdf.Font(fontfile=str(_FONT)).text_length(text, fontsize=size))


def _moderncv_sidebar_rows() -> list[Row]:
    """A moderncv 'oldstyle'-like page: a contact sidebar set justified in a narrow column that ends 3 pt before the
    body's left edge (no empty strip between them), its email running on under the body, and entry headers
    "Title, Employer, City." with their dates flush right, one header wrapped onto the next line before its dates."""
    body, edge = 181.0, 527.0
    rows: list[Row] = [
        (68.5, 100, "Harpreet Singh", 34),
        (68.5, 135, "Open to FIFO roles", 17),
        (body, 185, "Employment History", 14),
        (68.5, 185, "Fremantle, WA, AU", 9),
        (68.5, 197, "Tel: 0491 570 006", 9),
        (68.5, 209, "harpreet.singh@example.com.au", 9),
        (68.5, 221, "Heavy Vehicle Mechanic", 9),
        (68.5, 233, "Diesel engines and", 9),
        (68.5, 245, "hydraulics", 9),
    ]
    y = 205.0
    entries = [
        ("Heavy Diesel Mechanic, BHP, Newman, WA.", None, "Mar 2019 - Present"),
        ("Diesel Mechanic, WesTrac Dealer Network", "Services, Perth, WA.", "Jan 2015 - Feb 2019"),
        ("Motor Mechanic, Tata Motors, Pune, India.", None, "Jul 2011 - Oct 2014"),
    ]
    for header, wrapped, dates in entries:
        # The dates sit flush right; a header too long for the room left of them goes on under itself, its dates
        # a space's stretch after it.
        at = body + _width(header, 10.9) + 10 if wrapped else edge - _width(dates, 10.9)
        rows += [(body, y, header, 10.9), (at, y, dates, 10.9)]
        if wrapped:
            y += 13.5
            rows.append((body, y, wrapped, 10.9))
        rows += [(body, y + 14, "• Rebuilt Caterpillar engines and hydraulic systems on haul trucks", 10)]
        rows += [(body, y + 26, "• Kept a clean safety record with zero lost-time incidents", 10)]
        y += 44
    return rows


def test_a_justified_sidebar_without_a_gap_before_the_body_is_read_as_its_own_column() -> None:
    # Given a sidebar ending 3 pt before the body's edge, its long email running on under the body's first entry
    document, parsed = parse_document(_pdf(_moderncv_sidebar_rows()), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then the sidebar's lines stay out of the entries, and every job is found with its dates
    jobs = [(e.company, e.title, e.start) for e in parsed.experience]
    assert [(company or "").split(",")[0] for company, _, _ in jobs] == [
        "BHP",
        "WesTrac Dealer Network Services",
        "Tata Motors",
    ]
    assert [title for _, title, _ in jobs] == ["Heavy Diesel Mechanic", "Diesel Mechanic", "Motor Mechanic"]
    assert parsed.total_experience_months is not None and parsed.total_experience_months >= 180
    assert "harpreet.singh@example.com.au\n" in document.text


def test_an_entry_header_wrapped_before_its_dates_is_joined_to_its_continuation() -> None:
    # Given the header "Title, Employer" filling the room left of its dates and going on under itself
    document, _ = parse_document(_pdf(_moderncv_sidebar_rows()), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then the continuation joins the header, before the dates
    assert "Diesel Mechanic, WesTrac Dealer Network Services, Perth, WA. | Jan 2015 - Feb 2019" in document.text


def test_a_justified_line_reads_its_stretched_word_gaps_as_spaces() -> None:
    # Given a justified education line whose every word is a piece of its own, stretched apart evenly
    words = ["Bachelor", "of", "Science", "in", "Biology,"]
    x, rows = 177.0, []
    for word in words:
        rows.append((x, 450.0, word, 10.9))
        x += _width(word, 10.9) + 14  # wider than the line is high: read as field gaps before
    rows += [(527 - _width("10/2011 – 09/2014", 10.9), 450.0, "10/2011 – 09/2014", 10.9)]
    rows += [(177.0, 420.0, "Education", 14), (177.0, 464.0, "Goethe-Universität Frankfurt, Frankfurt am Main.", 10.9)]
    rows += [(177.0, 478.0, "Thesis on calcium signalling in plant cells", 10.9)]

    document, _ = parse_document(_pdf(rows), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then the words read as one phrase (the school under it goes on the header), the dates a field of their own
    line = document.text.split("\n")[2]
    assert line.startswith("Bachelor of Science in Biology, Goethe-Universität Frankfurt")
    assert line.endswith(" | 10/2011 – 09/2014")


def test_a_word_hyphenated_at_a_wrapped_line_end_is_joined_whole() -> None:
    # Given a skills line TeX hyphenated at the column's edge ("Diag-" over "nostics")
    rows: list[Row] = [
        (72, 80, "Amrit Kaur", 20),
        (72, 120, "Skills", 14),
        (72, 140, "Mechanical: Caterpillar Engines, Hydraulics, Preventive Maintenance, Diag-", 9),
        (72, 151, "nostics", 9),
        (72, 170, "Electrical: Wiring, PLC Programming", 9),
    ]

    document, _ = parse_document(_pdf(rows), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then the word is whole, without the hyphen or a space
    assert "Preventive Maintenance, Diagnostics\n" in document.text


def test_a_page_opening_on_an_entry_whose_lines_stand_a_gap_apart_continues_the_section() -> None:
    # Given a layout that sets every line of an entry a gap apart, and a page break before the second entry
    first = (
        "Dr. Astrid Lindqvist\n\nPostdoctoral Researcher, Structural Biology\n\nastrid.lindqvist@example.se\n\n"
        "Experience\n\nKarolinska Institutet\n\nPostdoctoral Researcher\n\nSep 2021 → Present\n\n"
        "- Wrote grant proposals that secured EUR 450,000 in funding"
    )
    second = (
        "Uppsala University\n\nDoctoral Researcher\n\nSep 2016 → Jun 2021\n\n"
        "- Presented results at international conferences\n\nEducation\n\nUppsala University\n\nPhD\n\n"
        "Sep 2016 → Jun 2021"
    )
    text = f"{first}\n\n{second}"

    parsed = parse_resume_text(text, regions=(0, len(first) + 2), today=TODAY)

    # Then the page's first entry is the section's second job, not a new header
    assert [(e.company, e.title, e.start) for e in parsed.experience] == [
        ("Karolinska Institutet", "Postdoctoral Researcher", "2021-09"),
        ("Uppsala University", "Doctoral Researcher", "2016-09"),
    ]


def _grid_rows(entries: list[tuple[str, str, str, str, str, str]]) -> list[Row]:
    """A JSON Resume 'class'-like grid: the employer as a heading of its own, a gap, then one row of three cells
    (title | dates | first duty), each cell wrapping within its own column."""
    rows: list[Row] = [(65, 80, "Lena Schmidt", 21.6), (65, 104, "lena.schmidt@example.de", 10.8)]
    rows += [(65, 150, "Work", 16.2)]
    y = 185.0
    for employer, title, title_more, dates, duty, duty_more in entries:
        rows += [(65, y, employer, 12.6), (65, y + 28, title, 10.8), (210, y + 28, dates, 10.8)]
        rows += [(354, y + 28, duty, 10.8)]
        rows += [(65, y + 41.5, title_more, 10.8)] if title_more else []
        rows += [(354, y + 41.5, duty_more, 10.8)] if duty_more else []
        rows += [(95, y + 62, "Reviewed pull requests for the payments team", 10.8)]
        y += 100
    return rows


def test_cells_of_a_grid_row_wrapped_within_their_columns_join_their_cells() -> None:
    # Given grid rows whose title and duty cells each wrapped onto the row under them
    entries = [
        ("Zalando SE", "Frontend Engineer", "", "03-2023 - Now", "Migrated 40 services to Kubernetes", ""),
        ("N26", "Werkstudentin", "Webentwicklung", "10-2021 - 02-2023", "Mentored four junior engineers and ran",
         "the team's code review guild"),
        ("Jenner & Block", "Legal Secretary", "", "01-2019 - 09-2021", "Maintained the matter management",
         "system and billing records"),
    ]  # fmt: skip
    document, parsed = parse_document(_pdf(_grid_rows(entries)), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then each wrapped cell is whole in its row, and the duty is no employer
    assert "Werkstudentin Webentwicklung | 10-2021 - 02-2023 | Mentored four junior engineers and ran the team's" in (
        document.text
    )
    assert [(e.company, e.title) for e in parsed.experience] == [
        ("Zalando SE", "Frontend Engineer"),
        ("N26", "Werkstudentin Webentwicklung"),
        ("Jenner & Block", "Legal Secretary"),
    ]


def test_an_employer_heading_above_a_gap_heads_an_entry_with_an_unknown_title_when_the_others_show_the_format() -> None:
    # Given entries that set the employer as a heading, a gap, then "title | dates | a duty", one title unknown
    text = (
        "Work\n\nHCL Technologies\n\nAssistant Manager – Finance Apr 2020 - till date\n\n"
        "Part of a team of 18 at HCL Technologies.\n\nManaged accounts payable for 600 suppliers\n\n"
        "Deloitte Haskins & Sells\n\n"
        "Audit Senior | Jan 2017 - Mar 2020 | Built a rolling 18-month cash flow forecast in Excel\n"
        "Prepared monthly, quarterly and annual financial statements under IFRS\n\n"
        "Whitchurch High School\n\n"
        "Mathematics Teacher | Sep 2014 - Dec 2016 | Led parent-teacher conferences and wrote termly progress reports"
    )

    parsed = parse_resume_text(text, today=TODAY)

    # Then every entry takes its heading as the employer and its one field as the title; duties are no fields
    assert [(e.company, e.title) for e in parsed.experience] == [
        ("HCL Technologies", "Assistant Manager – Finance"),
        ("Deloitte Haskins & Sells", "Audit Senior"),
        ("Whitchurch High School", "Mathematics Teacher"),
    ]


def test_a_section_name_a_label_column_broke_over_two_rows_is_one_heading() -> None:
    # Given a moderncv 'fancy'-like page: section names flush right in a label column beside the entries, two of
    # them broken over two rows ("Employment" / "History", "Education &" / "Training"), the header of the first
    # entry wrapped before its dates under the label's second row
    def label(text: str, y: float) -> Row:
        return (158 - _width(text, 14), y, text, 14)

    def dates(text: str, y: float) -> Row:
        return (527 - _width(text, 10.9), y, text, 10.9)

    header = "Sales Manager, Southeast, Oracle, Atlanta,"
    rows: list[Row] = [
        (177, 100, "Karen Harrington", 34),
        (177, 125, "karen.harrington@example.com", 10.9),
        label("Employment", 262),
        (177, 262, header, 10.9),
        (177 + _width(header, 10.9) + 10, 262, "2013 - 2018", 10.9),
        label("History", 276),
        (177, 276, "GA.", 10.9),
        (177, 290, "• Grew the Southeast territory from $8M to $21M in annual bookings", 10),
        (177, 320, "Account Executive, Xerox, Charlotte, NC.", 10.9),
        dates("2005 - 2013", 320),
        (177, 334, "• Closed 140 new logos across the Carolinas", 10),
        label("Education &", 380),
        (177, 380, "Bachelor of Science in Business Administration,", 10.9),
        dates("1997 - 2001", 380),
        label("Training", 394),
        (177, 394, "University of North Carolina at Chapel Hill.", 10.9),
    ]

    document, parsed = parse_document(_pdf(rows), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then each name is one heading, the wrapped header one line, and the education is no job
    assert "Employment History | Sales Manager, Southeast, Oracle, Atlanta, GA. | 2013 - 2018" in document.text
    assert "\nEducation & Training | Bachelor of Science in Business Administration, University of North" in (
        document.text
    )
    assert [(e.company, e.title, e.location) for e in parsed.experience] == [
        ("Oracle", "Sales Manager, Southeast", "Atlanta, GA"),
        ("Xerox", "Account Executive", "Charlotte, NC"),
    ]
    assert [e.level for e in parsed.education] == ["bachelor"]


def test_a_range_wrapped_at_a_non_breaking_hyphen_is_joined() -> None:
    # Given an Awesome-CV-like entry: employer and place on one row, the range broken after its non-breaking
    # hyphen at the right edge, the title on the row between the range's two lines
    def right(text: str, y: float, size: float = 8) -> Row:
        return (556 - _width(text, size), y, text, size)

    rows: list[Row] = [(160, 50, "Chidinma Okonkwo", 32), (40, 220, "Professional Experience", 16)]
    y = 246.0
    for employer, place, start, end, title in [
        ("Auto Trader UK", "Manchester", "January 2023 \u2011", "Present", "BUSINESS INTELLIGENCE ANALYST"),
        ("The Co\u2011operative Bank", "Manchester", "September 2021 \u2011", "December 2022", "GRADUATE DATA ANALYST"),
    ]:
        rows += [(40, y, employer, 10), right(place, y, 9), right(start, y + 14), (40, y + 20, title, 8)]
        rows += [right(end, y + 27), (40, y + 40, "• Built dashboards used weekly by the executive team", 9)]
        y += 70

    _, parsed = parse_document(_pdf(rows), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then each range is whole: the second job ends in December 2022, not where it starts
    assert [(e.start, e.end, e.current) for e in parsed.experience] == [
        ("2023-01", None, True),
        ("2021-09", "2022-12", False),
    ]


def test_a_page_opening_on_an_entrys_title_continues_the_section() -> None:
    # Given a page break between an entry's employer and dates and its title, the next entries after it
    first = (
        "Stefan Hoffmann\nHead of Logistics · Hamburg, DE\nstefan.hoffmann@example.de\n\nExperience\n"
        "Otto Group\nJanuary 2017 - Present\n\nHead of Logistics\n\nLed a team of 35 pickers and packers\n\n"
        "DHL Supply Chain\nSeptember 2004 - January 2008"
    )
    second = (
        "Shift Supervisor\n\nNegotiated freight rates with 15 carriers, saving 12% annually\n\n"
        "Kühne + Nagel\nAugust 2002 - August 2004\n\nLogistics Trainee\n\n"
        "Edeka\nJune 2000 - July 2002\n\nForklift Operator\n\nEducation\n\nHandelskammer Hamburg\n2002 - 2004"
    )
    text = f"{first}\n\n{second}"

    parsed = parse_resume_text(text, regions=(0, len(first) + 2), today=TODAY)

    # Then the title the page broke off is no name opening a new header, and the entries after it are jobs
    assert [(e.company, e.title) for e in parsed.experience] == [
        ("Otto Group", "Head of Logistics"),
        ("DHL Supply Chain", "Shift Supervisor"),
        ("Kühne + Nagel", "Logistics Trainee"),
        ("Edeka", "Forklift Operator"),
    ]
    assert parsed.name == "Stefan Hoffmann"


@pytest.mark.parametrize(
    ("line", "company", "location"),
    [
        ("Mount Sinai Hospital, New York, NY", "Mount Sinai Hospital", "New York, NY"),
        ("NewYork-Presbyterian, New York, NY", "NewYork-Presbyterian", "New York, NY"),
        ("NYU Langone Health, New York, NY", "NYU Langone Health", "New York, NY"),
        ("Lagos University Teaching Hospital, Lagos, Nigeria", "Lagos University Teaching Hospital", "Lagos, Nigeria"),
        ("Acme Corp, Redwood City, CA", "Acme Corp", "Redwood City, CA"),
    ],
)
def test_an_employer_line_ending_in_a_city_and_its_region_keeps_the_employer_out_of_the_place(
    line: str, company: str, location: str
) -> None:
    # Given a Europass-like entry: the dates and the title on one row, "Employer, City, Region" under it
    text = f"WORK EXPERIENCE\n\nJuly 2018 - Present | Director of Nursing\n{line}\n– Led a unit of 40 nurses"

    parsed = parse_resume_text(text, today=TODAY)

    # Then the employer is the employer and the place is the city with its region
    assert [(e.company, e.title, e.location) for e in parsed.experience] == [(company, "Director of Nursing", location)]


def test_an_unknown_title_takes_the_place_the_only_other_entry_gives_the_title() -> None:
    # Given two entries written "Title, Employer, City" beside their dates, one title no rule knows
    text = (
        "Experience\n\n03-2023 – Now | Frontend Engineer, Zalando, Berlin\n"
        "• Migrated 40 microservices from EC2 to Kubernetes\n"
        "10-2021 – 02-2023 | Werkstudentin Webentwicklung, N26, Berlin\n"
        "• Mentored four junior engineers and ran the team's code review guild"
    )

    parsed = parse_resume_text(text, today=TODAY)

    # Then the unknown title is the title and the employer is without its city
    assert [(e.company, e.title, e.location) for e in parsed.experience] == [
        ("Zalando", "Frontend Engineer", "Berlin"),
        ("N26", "Werkstudentin Webentwicklung", "Berlin"),
    ]


# The first lines of two moderncv 'oldstyle' pages as PyMuPDF reads them (x0, y0, x1, y1, text, size): a contact
# sidebar ending 3 pt before the body's edge at x=181; its icons drawn as private-use characters.
_OLDSTYLE_THREE_LINES = [
    Line(68.5, 74.2, 231.0, 108.1, "Haruto Sato", 33.9),
    Line(68.5, 114.8, 190.5, 132.0, "Research Scientist", 17.2),
    Line(180.9, 167.6, 223.6, 182.0, "Profile", 14.3),
    Line(68.5, 169.8, 141.9, 179.8, "Tokyo, Tokyo, JP", 10.0),
    Line(68.5, 182.5, 158.1, 193.1, "\ue000Tel: 03-5555-0123", 10.0),
    Line(
        180.9,
        188.8,
        528.6,
        199.7,
        "Researcher with a record of publications, grants and interdisciplinary collab-",
        10.9,
    ),
    Line(68.5, 194.4, 178.3, 205.1, "\ue000haruto.sato@example.jp", 10.0),
    Line(180.9, 202.3, 215.7, 213.2, "oration.", 10.9),
    Line(180.9, 225.2, 292.0, 239.6, "Work Experience", 14.3),
    Line(180.9, 247.4, 414.4, 258.3, "Senior Research Scientist, RIKEN, Wako, Japan.", 10.9),
    Line(434.8, 247.4, 526.8, 258.3, "04/2017 - Present", 10.9),
    Line(
        180.4,
        261.7,
        499.8,
        271.7,
        "\uf0b7Supervised 3 master's students and taught the graduate statistics seminar",
        10.0,
    ),
    Line(
        180.4,
        273.7,
        505.2,
        283.6,
        "\uf0b7Presented results at international conferences in Vienna, Boston and Kyoto",
        10.0,
    ),
    Line(180.9, 301.6, 422.9, 312.6, "Research Scientist, Sony Computer Science Labora-", 10.9),
    Line(430.8, 301.6, 526.8, 312.6, "04/2013 - 03/2017", 10.9),
    Line(180.9, 315.2, 242.5, 326.1, "tories, Tokyo.", 10.9),
]
_OLDSTYLE_EDGE_SYLLABLE = [
    Line(68.5, 74.2, 451.0, 108.1, "Alicia M. Johnson, RN, BSN", 33.9),
    Line(68.5, 118.5, 182.3, 135.7, "Registered Nurse", 17.2),
    Line(180.9, 171.4, 242.2, 185.7, "Summary", 14.3),
    Line(68.5, 173.5, 131.8, 183.4, "Dallas, TX, US", 10.0),
    Line(68.5, 186.1, 145.9, 196.7, "\ue000(214) 555-0198", 10.0),
    Line(
        180.9, 192.6, 526.8, 203.5, "Compassionate registered nurse experienced in acute care, patient education", 10.9
    ),
    Line(68.5, 198.0, 78.4, 208.0, "\ue000", 10.0),
    Line(164.8, 198.7, 177.7, 208.7, "ali-", 10.0),
    Line(180.9, 206.1, 317.4, 217.0, "and teamwork under pressure.", 10.9),
    Line(68.5, 210.7, 175.1, 220.6, "cia.johnson@example.com", 10.0),
    Line(180.9, 229.0, 251.8, 243.4, "Experience", 14.3),
    Line(180.9, 251.2, 423.3, 262.1, "Registered Nurse, Emergency Department, Baylor", 10.9),
    Line(432.8, 251.2, 526.8, 262.1, "08/2019 – Present", 10.9),
    Line(180.9, 264.7, 379.4, 275.6, "Scott & White Medical Center, Dallas, TX.", 10.9),
    Line(180.4, 280.0, 447.5, 290.0, "\uf0b7Part of a team of 8 at Baylor Scott & White Medical Center.", 10.0),
    Line(180.4, 292.0, 456.9, 301.9, "\uf0b7Coordinated discharge planning with social workers and families", 10.0),
    Line(180.4, 303.9, 442.1, 313.9, "\uf0b7Triaged patients in a Level II trauma emergency department", 10.0),
    Line(180.9, 331.9, 420.6, 342.8, "Registered Nurse, Med-Surg, Parkland Hospital,", 10.9),
    Line(428.8, 331.9, 526.8, 342.8, "06/2016 – 07/2019", 10.9),
    Line(180.9, 345.5, 233.1, 356.4, "Dallas, TX.", 10.9),
]


def test_a_sidebar_of_three_contact_lines_against_the_body_is_its_own_region() -> None:
    # Given an oldstyle page whose sidebar holds three lines only, the address on the summary's row
    regions = _page_regions(_OLDSTYLE_THREE_LINES)

    # Then the sidebar is a region of its own, and the summary's word broken beside it is whole
    assert regions[0][-3:] == ["Tokyo, Tokyo, JP", "\ue000Tel: 03-5555-0123", "\ue000haruto.sato@example.jp"]
    assert "Researcher with a record of publications, grants and interdisciplinary collaboration." in regions[1]


def test_an_empty_strip_inside_a_sidebar_is_no_gutter_when_the_body_has_an_edge() -> None:
    # Given an oldstyle page whose sidebar sets the address's first syllable flush right at its edge ("ali-"),
    # leaving an empty strip between its short lines and that syllable
    regions = _page_regions(_OLDSTYLE_EDGE_SYLLABLE)

    # Then the syllable stays in the sidebar, over the rest of the address, and the summary keeps its words
    sidebar = "\n".join(next(region for region in regions if any("Dallas, TX, US" in line for line in region)))
    assert "ali-" in sidebar and "cia.johnson@example.com" in sidebar
    assert all("ali" not in line for region in regions if region is not None for line in region if "teamwork" in line)


def test_a_large_name_justified_and_wrapped_is_one_prominent_line() -> None:
    # Given a moderncv 'oldstyle'-like name: three pieces spread over the row by justification, the last word
    # wrapped onto the next row at the same size
    rows: list[Row] = []
    x = 68.5
    for piece in ["Folake", "Adeyemi-Johnson,", "DNP,"]:
        rows.append((x, 100, piece, 28))
        x += _width(piece, 28) + 24
    rows += [(68.5, 126, "RN", 28), (68.5, 160, "Director of Nursing", 17)]
    rows += [(181, 200, "Experience", 14), (181, 222, "Director of Nursing, Mount Sinai Hospital, New York, NY", 10.9)]
    rows += [(181, 236, "Jul 2018 – Present", 10.9), (181, 250, "• Led 40 nurses across three units", 10)]
    rows += [(68.5, 200, "New York, NY", 9), (68.5, 212, "(212) 555-0163", 9)]

    document, parsed = parse_document(_pdf(rows), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then the name is read whole from the prominent line
    assert document.prominent[0] == "Folake Adeyemi-Johnson, DNP, RN"
    assert parsed.name == "Folake Adeyemi-Johnson"


@pytest.mark.parametrize(
    ("header", "title", "company"),
    [
        (
            "Registered Nurse, Med-Surg, Parkland Hospital, Dallas, TX",
            "Registered Nurse, Med-Surg",
            "Parkland Hospital",
        ),
        ("Staff Nurse, Oncology, Mayo Clinic", "Staff Nurse, Oncology", "Mayo Clinic"),
        ("Software Engineer, Oracle, Redwood City, CA", "Software Engineer", "Oracle"),
    ],
)
def test_a_hospital_unit_after_a_clinical_title_stays_in_the_title(header: str, title: str, company: str) -> None:
    # Given an entry header "Title, Unit, Employer, City" beside its dates
    text = f"Experience\n\n06/2016 – 07/2019 | {header}\n• Cared for up to 6 patients per shift"

    parsed = parse_resume_text(text, today=TODAY)

    # Then the unit belongs to the title and the employer is the employer
    assert [(e.title, e.company) for e in parsed.experience] == [(title, company)]


def test_a_title_alone_under_the_dates_is_found_when_listed_or_a_vp_of_a_function() -> None:
    # Given a kendall-like section: employer, city and dates, a gap, then the title alone over "Highlights"
    text = (
        "WORK EXPERIENCE\n\nPleo\nCopenhagen\nMarch 2020 – Present\n\nChief Technology Officer\nHighlights\n\n"
        "Shipped offline sync for the React Native app\n\n"
        "Zendesk\nCopenhagen\nJanuary 2016 – February 2020\n\nVP Engineering\nHighlights\n\n"
        "Migrated 40 microservices from EC2 to Kubernetes\n\n"
        "Café de Oriente\nMadrid\nJune 2012 – February 2015\n\nWaitress\nHighlights\n\n"
        "Coordinated banquets and weddings of up to 300 guests"
    )

    parsed = parse_resume_text(text, today=TODAY)

    # Then every entry has its title, a listed one ("Waitress") and a VP named with the function included
    assert [(e.company, e.title) for e in parsed.experience] == [
        ("Pleo", "Chief Technology Officer"),
        ("Zendesk", "VP Engineering"),
        ("Café de Oriente", "Waitress"),
    ]


def test_an_entry_header_repeated_over_the_next_page_goes_with_its_dates() -> None:
    # Given a browser-printed resume whose last entry's header ends page 1 in the bottom margin and is printed
    # again at the top of page 2, its dates there without their dash
    page1: list[Row] = [
        (50, 80, "Sarah Miller", 27),
        (50, 120, "sarah.miller@example.org", 10.5),
        (50, 160, "Work", 19),
    ]
    y = 200.0
    for employer, dates, title in [
        ("Lincoln Elementary School", "2012 — Present", "Fourth Grade Teacher"),
        ("Sunnyside Elementary", "2008 — 2012", "Second Grade Teacher"),
    ]:
        page1 += [(50, y, employer, 13.5), (500, y, dates, 10.5), (50, y + 24, title, 10.5)]
        page1 += [(80, y + 48, "• Designed a project-based curriculum for grade 4 reading", 10.5)]
        y += 90
    page1 += [(50, 795, "Milwaukee Public Schools", 13.5), (500, 795, "2007 — 2008", 10.5)]
    page2: list[Row] = [(50, 30, "Milwaukee Public Schools", 13.5), (500, 30, "2007  2008", 10.5)]
    page2 += [(50, 54, "Substitute Teacher", 10.5), (80, 78, "• Led parent-teacher conferences", 10.5)]
    page2 += [(50, 120, "Education", 19), (50, 150, "University of Wisconsin–Milwaukee", 13.5)]

    _, parsed = parse_document(_pdf(page1, page2), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then the repeated header and its dates are dropped together: the last job is one entry with its title
    assert [(e.company, e.title, e.start) for e in parsed.experience] == [
        ("Lincoln Elementary School", "Fourth Grade Teacher", "2012-01"),
        ("Sunnyside Elementary", "Second Grade Teacher", "2008-01"),
        ("Milwaukee Public Schools", "Substitute Teacher", "2007-01"),
    ]


def test_a_year_range_ended_far_right_in_a_label_column_is_joined() -> None:
    # Given a Europass-like label column: "2008 –" ends well short of the column's right edge, where its end year
    # stands on the next line, flush right
    rows: list[Row] = [(187, 60, "Sarah Miller", 14), (187, 76, "sarah.miller@example.org", 9)]
    rows += [(177 - _width("WORK EXPERIENCE", 8), 110, "WORK EXPERIENCE", 8)]
    y = 140.0
    for start, end, title, employer in [
        ("2012 –", "Present", "Fourth Grade Teacher", "Lincoln Elementary School, Madison, WI"),
        ("2008 –", "2012", "Second Grade Teacher", "Sunnyside Elementary, Milwaukee, WI"),
        ("2007 –", "2008", "Substitute Teacher", "Milwaukee Public Schools, Milwaukee, WI"),
    ]:
        rows += [(80, y, start, 9), (177 - _width(end, 9), y + 11, end, 9), (187, y, title, 12)]
        rows += [(187, y + 26, employer, 9), (187, y + 40, "– Led parent-teacher conferences", 9)]
        y += 70

    _, parsed = parse_document(_pdf(rows), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then each job has its whole range
    assert [(e.title, e.start, e.end) for e in parsed.experience] == [
        ("Fourth Grade Teacher", "2012-01", None),
        ("Second Grade Teacher", "2008-01", "2012-01"),
        ("Substitute Teacher", "2007-01", "2008-01"),
    ]


def test_an_entry_header_justified_before_its_dates_reads_its_word_gaps_as_spaces() -> None:
    # Given a moderncv header line TeX stretched: each word a piece, about three letters apart, then the dates
    rows: list[Row] = [(181, 60, "Temitope Adebayo", 20), (181, 100, "Experience", 14)]
    x = 181.0
    for piece in ["Community", "Manager,", "Flutterwave."]:
        rows.append((x, 130, piece, 10.9))
        x += _width(piece, 10.9) + 18
    rows += [(527 - _width("01/2019 - 02/2021", 10.9), 130, "01/2019 - 02/2021", 10.9)]
    rows += [(181, 144, "• Grew organic search traffic by 210% in 18 months", 10)]
    rows += [(181, 160, "Digital Marketing Intern, Wema Bank.", 10.9)]
    rows += [(527 - _width("06/2018 - 11/2018", 10.9), 160, "06/2018 - 11/2018", 10.9)]

    _, parsed = parse_document(_pdf(rows), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then the header reads "Community Manager, Flutterwave.": the title and the employer (moderncv's full stop aside)
    assert [(e.title, (e.company or "").rstrip(".")) for e in parsed.experience] == [
        ("Community Manager", "Flutterwave"),
        ("Digital Marketing Intern", "Wema Bank"),
    ]


def test_a_unit_after_a_dash_keeps_to_the_title_when_the_employer_follows_at() -> None:
    # Given a header "Title – Unit at Employer" beside its dates, as a label-column theme writes it
    text = (
        "Work Experience\n\nStaff Nurse – ICU at St. Luke's Medical Center | Jan 2019 - Present\n• Cared for 6 patients"
    )

    parsed = parse_resume_text(text, today=TODAY)

    # Then the unit stays in the title and the employer is what follows "at"
    assert [(e.title, e.company) for e in parsed.experience] == [("Staff Nurse – ICU", "St. Luke's Medical Center")]


def test_two_stacked_labels_join_only_when_they_name_one_section() -> None:
    # Given a label column with "Work" over "Experience" beside the first entry, and "Skills" over "Languages"
    # each beside a line of its own
    def label(text: str, y: float) -> Row:
        return (158 - _width(text, 14), y, text, 14)

    header = "Professor of Civil Engineering, University of the Wit-"
    rows: list[Row] = [
        (177, 100, "Chinedu Okafor", 30),
        (177, 124, "chinedu.okafor@example.ac.za", 10.9),
        label("Work", 262),
        (177, 262, header, 10.9),
        (177 + _width(header, 10.9) + 12, 262, "2016 – Present", 10.9),
        label("Experience", 276),
        (177, 276, "watersrand, Johannesburg.", 10.9),
        (177, 290, "• Led a research group of 12 on concrete durability", 10),
        label("Skills", 330),
        (177, 330, "Research: Structural Engineering, Concrete Durability", 10.9),
        label("Languages", 346),
        (177, 346, "English, Yoruba", 10.9),
    ]

    document, parsed = parse_document(_pdf(rows), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then "Work Experience" heads the entry, whose header is whole; "Skills" and "Languages" stay apart
    assert "Work Experience | Professor of Civil Engineering, University of the Witwatersrand, Johannesburg." in (
        document.text
    )
    assert "Skills Languages" not in document.text
    assert [(e.title, e.company) for e in parsed.experience] == [
        ("Professor of Civil Engineering", "University of the Witwatersrand")
    ]
