"""Experience sections written in the styles real resumes use, each with the entries a reader would write down.

Expected values come from reading the text, not from the parser. Conventions of the output format: dates are
YYYY-MM; a year written alone reads as its January ("2019" -> "2019-01"); a season stands for its first month
and a season alone spans three months; months count both end months (Jan-Dec is 12), a year-only range counts
whole years (2015-2018 is 36), and an open range ("Present") runs to TODAY.
"""

from __future__ import annotations

from datetime import date

import pymupdf
import pytest

from hiring.resume import ParsedResume, parse_document
from hiring.resume.headers import company_strength, title_strength
from hiring.resume.parser import parse_resume_text
from hiring.resume.skills import find_mentions
from hiring.resume.titles import TITLE_HEADS

TODAY = date(2025, 6, 15)
HEAD = "Jordan Reyes\njordan.reyes@example.com | (512) 555-0199\n\nEXPERIENCE\n"
TAIL = "\nEDUCATION\nB.S. in Computer Science, University of Texas at Austin, 2012 - 2016\n"

Row = tuple[str | None, str | None, str | None, str | None, str | None, bool, int | None]

STYLES: dict[str, tuple[str, list[Row]]] = {
    "title_company_city_pipe_dates": (
        "Senior Software Engineer, Acme Robotics Inc. — Austin, TX | Jan 2020 – Present\n"
        "• Built motion-planning services in C++ and Python.\n"
        "• Mentored four engineers.\n"
        "\n"
        "Software Engineer II, Globex LLC — Dallas, TX | Jun 2017 – Dec 2019\n"
        "• Owned the billing API.\n",
        [
            ("Acme Robotics Inc.", "Senior Software Engineer", "Austin, TX", "2020-01", None, True, 66),
            ("Globex LLC", "Software Engineer II", "Dallas, TX", "2017-06", "2019-12", False, 31),
        ],
    ),
    "company_then_title_then_dates": (
        "Northwind Traders\n"
        "Sr. Data Analyst\n"
        "Mar 2018 - Dec 2019\n"
        "- Built weekly revenue dashboards in Tableau.\n"
        "- Automated reconciliation with SQL.\n"
        "\n"
        "Contoso Ltd\n"
        "Data Analyst\n"
        "Jul 2016 - Feb 2018\n"
        "- Cleaned survey data.\n",
        [
            ("Northwind Traders", "Sr. Data Analyst", None, "2018-03", "2019-12", False, 22),
            ("Contoso Ltd", "Data Analyst", None, "2016-07", "2018-02", False, 20),
        ],
    ),
    "title_at_company_years_in_parentheses": (
        "Product Designer at Lumen Health (2019–2021)\n"
        "Designed the patient onboarding flow and ran weekly critiques.\n"
        "\n"
        "UX Designer @ Brightside Studio (2016 – 2019)\n"
        "Ran usability studies for a banking app.\n",
        [
            ("Lumen Health", "Product Designer", None, "2019-01", "2021-01", False, 24),
            ("Brightside Studio", "UX Designer", None, "2016-01", "2019-01", False, 36),
        ],
    ),
    "upper_case_company_city_state_then_title_and_numeric_dates": (
        "HARBOR FREIGHT SOLUTIONS, Portland, Oregon\n"
        "Logistics Coordinator          06/2017 – 03/2019\n"
        "• Scheduled 40 daily shipments across three warehouses.\n"
        "\n"
        "BLUE RIVER FOODS INC., Boise, ID\n"
        "Warehouse Supervisor          08/2014 – 05/2017\n"
        "• Led a team of 12 pickers.\n",
        [
            ("HARBOR FREIGHT SOLUTIONS", "Logistics Coordinator", "Portland, Oregon", "2017-06", "2019-03", False, 22),
            ("BLUE RIVER FOODS INC.", "Warehouse Supervisor", "Boise, ID", "2014-08", "2017-05", False, 34),
        ],
    ),
    "dates_right_after_tabs_company_below": (
        "Staff Accountant\t\t\t\tJan 2019 – Present\n"
        "Meridian Partners LLP, Chicago, IL\n"
        "- Closed the books each month for 14 entities.\n"
        "Junior Accountant\t\t\t\tSep 2016 – Dec 2018\n"
        "Lakeshore Bank, Evanston, IL\n"
        "- Reconciled general-ledger accounts.\n",
        [
            ("Meridian Partners LLP", "Staff Accountant", "Chicago, IL", "2019-01", None, True, 78),
            ("Lakeshore Bank", "Junior Accountant", "Evanston, IL", "2016-09", "2018-12", False, 28),
        ],
    ),
    "dates_on_their_own_line_before_the_title": (
        "2021 – Present\n"
        "Registered Nurse\n"
        "St. Mary's Hospital, Tucson, AZ\n"
        "• Cared for six patients per shift in the cardiac ICU.\n"
        "\n"
        "2018 – 2021\n"
        "Nursing Assistant\n"
        "Desert Valley Clinic, Phoenix, AZ\n"
        "• Recorded vital signs and charted intake.\n",
        [
            ("St. Mary's Hospital", "Registered Nurse", "Tucson, AZ", "2021-01", None, True, 54),
            ("Desert Valley Clinic", "Nursing Assistant", "Phoenix, AZ", "2018-01", "2021-01", False, 36),
        ],
    ),
    "title_pipe_company_pipe_years": (
        "Marketing Manager | Fable & Co. | 2018 - 2022\n"
        "* Grew newsletter subscribers from 4k to 40k.\n"
        "Marketing Associate | Pinecone Media Group | 2015 - 2018\n"
        "* Wrote weekly campaign reports.\n",
        [
            ("Fable & Co.", "Marketing Manager", None, "2018-01", "2022-01", False, 48),
            ("Pinecone Media Group", "Marketing Associate", None, "2015-01", "2018-01", False, 36),
        ],
    ),
    "promotions_under_one_company_header": (
        "Initech Corporation — Seattle, WA\n"
        "Engineering Manager    Mar 2021 – Present\n"
        "▪ Managed two teams of six engineers.\n"
        "Senior Software Engineer    Apr 2018 – Feb 2021\n"
        "▪ Designed the event pipeline.\n"
        "Software Engineer    Jul 2016 – Mar 2018\n"
        "▪ Built internal tools.\n",
        [
            ("Initech Corporation", "Engineering Manager", "Seattle, WA", "2021-03", None, True, 52),
            ("Initech Corporation", "Senior Software Engineer", "Seattle, WA", "2018-04", "2021-02", False, 35),
            ("Initech Corporation", "Software Engineer", "Seattle, WA", "2016-07", "2018-03", False, 21),
        ],
    ),
    "open_ends_current_now_till_date": (
        "Teacher, Lincoln Elementary School, Denver, CO    Aug 2022 – Current\n"
        "• Taught 4th-grade math and science.\n"
        "\n"
        "Math Tutor, Kumon Learning Center    Sep 2021 – Now\n"
        "• Tutored weekend sessions.\n"
        "\n"
        "Senior Test Engineer\n"
        "Infosys Ltd, Bengaluru\n"
        "Jun 2019 - Till date\n"
        "• Automated regression suites.\n",
        [
            ("Lincoln Elementary School", "Teacher", "Denver, CO", "2022-08", None, True, 35),
            ("Kumon Learning Center", "Math Tutor", None, "2021-09", None, True, 46),
            ("Infosys Ltd", "Senior Test Engineer", "Bengaluru", "2019-06", None, True, 73),
        ],
    ),
    "internships_with_season_dates": (
        "Software Engineering Intern\n"
        "Stripe — San Francisco, CA\n"
        "Summer 2022\n"
        "- Built a fraud-rule simulator in Go.\n"
        "\n"
        "Teaching Assistant, University of Michigan | Fall 2020 – Spring 2021\n"
        "- Graded problem sets for EECS 281.\n",
        [
            ("Stripe", "Software Engineering Intern", "San Francisco, CA", "2022-06", "2022-08", False, 3),
            ("University of Michigan", "Teaching Assistant", None, "2020-09", "2021-03", False, 7),
        ],
    ),
    "em_dashes_and_full_month_names": (
        "Operations Manager — Delta Air Lines (January 2015 to March 2019)\n"
        "Ran ground operations for 60 daily departures.\n"
        "\n"
        "Shift Supervisor — Hertz Corporation (May 2012 — December 2014)\n"
        "Supervised the airport counter.\n",
        [
            ("Delta Air Lines", "Operations Manager", None, "2015-01", "2019-03", False, 51),
            ("Hertz Corporation", "Shift Supervisor", None, "2012-05", "2014-12", False, 32),
        ],
    ),
    "non_us_dates_and_gmbh": (
        "Werkstatt Digital GmbH, Berlin, Germany\n"
        "Backend Developer\n"
        "2019.03 – 2021.06\n"
        "• Ported services from PHP to Go.\n"
        "\n"
        "Nordlicht Software AG, Hamburg, Germany\n"
        "Junior Developer\n"
        "03.2018 - 02.2019\n"
        "• Maintained the Java monolith.\n",
        [
            ("Werkstatt Digital GmbH", "Backend Developer", "Berlin, Germany", "2019-03", "2021-06", False, 28),
            ("Nordlicht Software AG", "Junior Developer", "Hamburg, Germany", "2018-03", "2019-02", False, 12),
        ],
    ),
    "freelance_self_employed_remote": (
        "Freelance Web Developer | Self-employed | Remote | 2017 – Present\n"
        "- Built more than 30 WordPress sites for small businesses.\n"
        "\n"
        "Web Designer | Pixel Forge Ltd | Leeds, UK | 2014 – 2016\n"
        "- Designed landing pages.\n",
        [
            ("Self-employed", "Freelance Web Developer", "Remote", "2017-01", None, True, 102),
            ("Pixel Forge Ltd", "Web Designer", "Leeds, UK", "2014-01", "2016-01", False, 24),
        ],
    ),
    "entries_without_dates": (
        "Barista, Blue Bottle Coffee\n"
        "- Prepared 300 drinks a day.\n"
        "- Trained new staff.\n"
        "Cashier, Trader Joe's\n"
        "- Handled the register and restocking.\n",
        [
            ("Blue Bottle Coffee", "Barista", None, None, None, False, None),
            ("Trader Joe's", "Cashier", None, None, None, False, None),
        ],
    ),
    "company_location_line_then_title_dates_line": (
        "Amazon Web Services | Seattle, WA\n"
        "Solutions Architect | May 2019 – Present\n"
        "• Designed landing zones for enterprise customers.\n"
        "\n"
        "Rackspace Technology | San Antonio, TX\n"
        "Cloud Support Engineer | Aug 2016 – Apr 2019\n"
        "• Resolved escalated Linux tickets.\n",
        [
            ("Amazon Web Services", "Solutions Architect", "Seattle, WA", "2019-05", None, True, 74),
            ("Rackspace Technology", "Cloud Support Engineer", "San Antonio, TX", "2016-08", "2019-04", False, 33),
        ],
    ),
    "dates_first_on_the_header_line": (
        "Jan 2016 – Mar 2019 | Audit Associate | KPMG LLP | London, UK\n"
        "- Audited retail clients.\n"
        "Sep 2013 – Dec 2015 | Accounts Assistant | Baker Tilly | Leeds, UK\n"
        "- Prepared VAT returns.\n",
        [
            ("KPMG LLP", "Audit Associate", "London, UK", "2016-01", "2019-03", False, 39),
            ("Baker Tilly", "Accounts Assistant", "Leeds, UK", "2013-09", "2015-12", False, 28),
        ],
    ),
    "upper_case_title_and_company_lines": (
        "SENIOR ACCOUNTANT\n"
        "DELOITTE & TOUCHE LLP\n"
        "2014 - 2018\n"
        "• Led audits of two public companies.\n"
        "\n"
        "STAFF AUDITOR\n"
        "ERNST & YOUNG\n"
        "2011 - 2014\n"
        "• Tested internal controls.\n",
        [
            ("DELOITTE & TOUCHE LLP", "SENIOR ACCOUNTANT", None, "2014-01", "2018-01", False, 48),
            ("ERNST & YOUNG", "STAFF AUDITOR", None, "2011-01", "2014-01", False, 36),
        ],
    ),
    "title_then_company_with_city_and_dates": (
        "Data Scientist\n"
        "Spotify, Stockholm, Sweden | 2020 – 2023\n"
        "• Built churn models.\n"
        "\n"
        "Machine Learning Engineer\n"
        "Klarna Bank AB, Stockholm, Sweden | 2018 – 2020\n"
        "• Shipped credit-risk features.\n",
        [
            ("Spotify", "Data Scientist", "Stockholm, Sweden", "2020-01", "2023-01", False, 36),
            ("Klarna Bank AB", "Machine Learning Engineer", "Stockholm, Sweden", "2018-01", "2020-01", False, 24),
        ],
    ),
    "one_line_wide_gaps_title_company_city_dates": (
        "Physical Therapist    Kaiser Permanente    Oakland, CA    Feb 2017 – Present\n"
        "• Treated 12 outpatients a day.\n"
        "Physical Therapist Assistant    Sutter Health    Sacramento, CA    Jun 2014 – Jan 2017\n"
        "• Led gait-training sessions.\n",
        [
            ("Kaiser Permanente", "Physical Therapist", "Oakland, CA", "2017-02", None, True, 101),
            ("Sutter Health", "Physical Therapist Assistant", "Sacramento, CA", "2014-06", "2017-01", False, 32),
        ],
    ),
    "dash_separated_company_title_short_years": (
        "Bright Horizons - Lead Preschool Teacher - 2019 to present\n"
        "• Planned the curriculum for 18 children.\n"
        "Little Oaks Daycare - Assistant Teacher - 2016 to 2019\n"
        "• Supported the lead teacher.\n",
        [
            ("Bright Horizons", "Lead Preschool Teacher", None, "2019-01", None, True, 78),
            ("Little Oaks Daycare", "Assistant Teacher", None, "2016-01", "2019-01", False, 36),
        ],
    ),
}


def _rows(text: str) -> list[Row]:
    return _table(parse_resume_text(text, today=TODAY))


def _table(parsed: ParsedResume) -> list[Row]:
    return [(j.company, j.title, j.location, j.start, j.end, j.current, j.months) for j in parsed.experience]


@pytest.mark.parametrize("style", sorted(STYLES))
def test_experience_style(style: str) -> None:
    body, expected = STYLES[style]
    assert _rows(HEAD + body + TAIL) == expected


def test_there_are_at_least_fifteen_styles() -> None:
    assert len(STYLES) >= 15


@pytest.mark.parametrize("style", ["promotions_under_one_company_header", "company_then_title_then_dates"])
def test_bullets_are_descriptions_not_headers(style: str) -> None:
    parsed = parse_resume_text(HEAD + STYLES[style][0] + TAIL, today=TODAY)
    for job in parsed.experience:
        assert job.description and job.title and job.title not in job.description
        assert not any(line.startswith(("•", "▪", "-", "*")) for line in job.description.splitlines())


def test_description_keeps_every_bullet_of_its_job() -> None:
    parsed = parse_resume_text(HEAD + STYLES["company_then_title_then_dates"][0] + TAIL, today=TODAY)
    assert parsed.experience[0].description == (
        "Built weekly revenue dashboards in Tableau.\nAutomated reconciliation with SQL."
    )


# --- the same styles rendered to PDF: dates set flush right, as word processors do -------------------------


def _pdf(lines: list[tuple[str, str, str]]) -> bytes:
    """A one-page PDF; each line is (left text, right-aligned text, font)."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    y = 60.0
    for left, right, font in lines:
        size = 10.0
        if left:
            page.insert_text((50, y), left, fontname=font, fontsize=size)
        if right:
            width = pymupdf.get_text_length(right, fontname="helv", fontsize=size)
            page.insert_text((545 - width, y), right, fontname="helv", fontsize=size)
        y += 15
    data: bytes = doc.tobytes()
    doc.close()
    return data


PDF_STYLES: dict[str, tuple[list[tuple[str, str, str]], list[Row]]] = {
    "title_left_dates_right_company_below": (
        [
            ("Senior Data Engineer", "Feb 2021 - Present", "hebo"),
            ("Wayfair Inc., Boston, MA", "", "helv"),
            ("- Moved nightly batch jobs to Spark.", "", "helv"),
            ("Data Engineer", "Jul 2018 - Jan 2021", "hebo"),
            ("Zillow Group, Seattle, WA", "", "helv"),
            ("- Built the listings warehouse.", "", "helv"),
        ],
        [
            ("Wayfair Inc.", "Senior Data Engineer", "Boston, MA", "2021-02", None, True, 53),
            ("Zillow Group", "Data Engineer", "Seattle, WA", "2018-07", "2021-01", False, 31),
        ],
    ),
    "company_left_location_right_then_title_dates": (
        [
            ("Mercy Health System", "Cincinnati, OH", "hebo"),
            ("Charge Nurse", "03/2019 - 11/2023", "helv"),
            ("- Coordinated a 20-bed medical-surgical unit.", "", "helv"),
            ("Good Samaritan Hospital", "Dayton, OH", "hebo"),
            ("Staff Nurse", "06/2015 - 02/2019", "helv"),
            ("- Administered medications.", "", "helv"),
        ],
        [
            ("Mercy Health System", "Charge Nurse", "Cincinnati, OH", "2019-03", "2023-11", False, 57),
            ("Good Samaritan Hospital", "Staff Nurse", "Dayton, OH", "2015-06", "2019-02", False, 45),
        ],
    ),
}


@pytest.mark.parametrize("style", sorted(PDF_STYLES))
def test_experience_style_from_pdf(style: str) -> None:
    lines, expected = PDF_STYLES[style]
    head: list[tuple[str, str, str]] = [
        ("Jordan Reyes", "", "hebo"),
        ("jordan.reyes@example.com | (512) 555-0199", "", "helv"),
        ("", "", "helv"),
        ("EXPERIENCE", "", "hebo"),
    ]
    _, parsed = parse_document(_pdf(head + lines), "resume.pdf", 5_000_000, 10, today=TODAY)
    assert _table(parsed) == expected


# --- which skills the profile counts ----------------------------------------------------------------------

SKILLS_RESUME = """Ana Ruiz
ana@example.org
SUMMARY
Analyst who enjoys customer service and public speaking. Known for customer service.
EXPERIENCE
Data Analyst | Acme Corp | 2019 - 2021
- Built dashboards in Tableau for the marketing team.
EDUCATION
B.A. in Political Science, Boston University, 2015 - 2019
INTERESTS
Journalism, hiking
PUBLICATIONS
Fitch, D., & Shaffer, J. (2007). An alternative database for field placements.
SKILLS
Python, Project management
"""


def test_non_technical_skills_count_only_where_claimed_or_repeated() -> None:
    skills = {s.name: s for s in parse_resume_text(SKILLS_RESUME, today=TODAY).skills}
    assert {"Tableau", "Python", "Project Management", "Customer service"} <= set(skills)
    assert "Political science" not in skills  # the field of a degree, once
    assert "Journalism" not in skills  # an interest, once
    assert [e.section for e in skills["Customer service"].evidence] == ["summary", "summary"]  # said twice
    assert skills["Tableau"].months == 24  # technical: one mention in a dated job is evidence


def test_an_author_initial_is_not_a_skill() -> None:
    text = "Skills: Java, Python\nChan, N., Fitch, D., Macbeth, J., & Leonard, P. (2015). I know Java and Python."
    assert [m.text for m in find_mentions(text)] == ["Java", "Python", "Java", "Python"]
    assert [m.text for m in find_mentions("Skills: Java, C, R.")] == ["Java", "C", "R"]


# --- the title and company cues ---------------------------------------------------------------------------


def test_title_words_still_match_their_onet_derivation() -> None:
    from hiring.resume.titles import DERIVED_HEADS, derive_title_heads

    assert derive_title_heads() == DERIVED_HEADS
    assert {"engineer", "nurse", "teacher", "analyst", "barista", "developer"} <= TITLE_HEADS
    assert not {"center", "printer", "counter", "man"} & TITLE_HEADS


@pytest.mark.parametrize(
    ("piece", "title", "company"),
    [
        ("Sr. Data Analyst", 3, 0),
        ("Software Engineer II", 3, 2),  # "Software" is also an organisation word; the head decides
        ("Head of Growth", 3, 0),
        ("Co-founder & CTO", 3, 0),
        ("Northwind Traders", 1, 2),  # a plural job noun heads a company name
        ("Acme Robotics Inc.", 0, 3),
        ("Werkstatt Digital GmbH", 0, 3),
        ("Kumon Learning Center", 0, 2),
        ("Blue Bottle Coffee", 0, 0),
    ],
)
def test_title_and_company_strength(piece: str, title: int, company: int) -> None:
    assert (title_strength(piece), company_strength(piece)) == (title, company)


# --- titles read from the entry's labels, its first line and its prose --------------------------------------


def _titles(body: str) -> list[tuple[str | None, str | None]]:
    return [(company, title) for company, title, *_ in _rows(HEAD + body + TAIL)]


def test_a_title_alone_on_the_line_under_the_company_and_dates() -> None:
    body = "Lakeside Credit Union\nPortland, OR | March 2019 – June 2022\nLoan Officer\n• Approved 300 loans.\n"
    assert _titles(body) == [("Lakeside Credit Union", "Loan Officer")]


def test_present_left_on_its_own_line_does_not_hide_the_title_under_it() -> None:
    body = "Lakeside Credit Union\nPortland, OR | March 2019\nPresent\nLoan Officer\n• Approved 300 loans.\n"
    assert _titles(body)[0][1] == "Loan Officer"


def test_a_role_line_in_the_description_names_the_title() -> None:
    body = (
        "Tata Consultancy Services | Jan 2016 – Dec 2018\nClient: Harbour Insurance\nRole: Business Analyst, testing\n"
    )
    assert _titles(body) == [("Tata Consultancy Services", "Business Analyst")]


def test_a_title_said_in_prose_under_the_dates() -> None:
    body = "2012 – 2016\nWorked as a Lecturer in the Department of Physics at Riverside College.\n"
    assert _titles(body)[0][1] == "Lecturer"


def test_prose_in_the_header_keeps_only_the_title_it_names() -> None:
    body = "Mar 2015 – Present\nCurrently working as a Systems Engineer at Northgate Data Ltd\n• Run backups.\n"
    assert _titles(body)[0][1] == "Systems Engineer"


def test_a_piece_without_a_title_word_beside_an_employer_is_no_title() -> None:
    body = "Crescent Bay Hotel | Weekend shifts | Jun 2017 – Aug 2019\n• Checked in guests.\n"
    assert _titles(body) == [("Crescent Bay Hotel", None)]


def test_a_piece_onet_lists_as_a_title_is_the_title_without_a_title_word() -> None:
    body = "Summit Outdoor Co. | Adventure Guide | Jun 2017 – Aug 2019\n• Led hikes.\n"
    assert _titles(body) == [("Summit Outdoor Co.", "Adventure Guide")]


def test_labelled_header_fields() -> None:
    body = "Designation: Graphic Designer | Organisation: Bluefin Media | Apr 2018 – May 2020\n• Drew posters.\n"
    assert _titles(body) == [("Bluefin Media", "Graphic Designer")]


def test_employer_and_title_on_either_side_of_a_colon() -> None:
    body = "Marigold Bakery: Shift Supervisor | Seattle, WA | Sep 2014 – Jan 2016\n• Opened the store.\n"
    assert _titles(body) == [("Marigold Bakery", "Shift Supervisor")]


def test_a_qualifier_after_the_title_is_dropped() -> None:
    body = "Research Assistant (part-time | Brookfield University | Jan 2019 – Dec 2019\n• Ran experiments.\n"
    assert _titles(body) == [("Brookfield University", "Research Assistant")]


def test_an_employer_after_a_comma_leaves_the_title() -> None:
    body = "Summer Camp Counselor, Pine Ridge Camp | Seasonal | Jun 2012 – Aug 2014\n• Led hikes.\n"
    assert _titles(body)[0][1] == "Summer Camp Counselor"
