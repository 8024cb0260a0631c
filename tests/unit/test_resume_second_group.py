"""Failure classes found when the second blind group (moderncv fancy and oldstyle, the class, spartan, paper and
caffeine themes) was opened (issue 9, 2026-12-07): each test holds one general mechanism with a real-shaped input."""

from __future__ import annotations

from datetime import date

from hiring.parsing.cleanup import clean_text
from hiring.parsing.pdf import _span_texts
from hiring.resume import parse_document
from hiring.resume.parser import parse_resume_text
from tests.fixtures.corpus.layouts import layout_named, rendered_path
from tests.unit.test_resume_opened_layouts import _right
from tests.unit.test_resume_real_layouts import Row, _pdf

TODAY = date(2026, 12, 1)


def _span(text: str, font: str, size: float) -> dict[str, object]:
    return {"text": text, "font": font, "size": size}


def test_icon_font_glyphs_mapped_to_letters_are_pictures_not_text() -> None:
    # Given moderncv's contact and list lines as PyMuPDF reads them: FontAwesome without a character map prints
    # its envelope as "a", its phone as "Ȳ" and its small list marker as "f"
    envelope = [_span("a", "FontAwesome5Free-Regular", 10), _span(" han-", "LMSans10-Oblique", 10)]
    phone = [_span("Ȳ", "FontAwesome5Free-Solid", 10), _span(" Mobile:", "LMSans10-Oblique", 10)]
    marker = [_span("f", "FontAwesome", 6), _span(" Reconciled 40 bank accounts", "LMSans10-Regular", 11)]
    plain = [_span("a", "LMSans10-Regular", 10), _span(" team player", "LMSans10-Regular", 10)]

    # Then the icons are no letters: a small one opening a line is its list marker, any other a picture
    assert clean_text("".join(_span_texts(envelope))) == "han-"
    assert clean_text("".join(_span_texts(phone))) == "Mobile:"
    assert clean_text("".join(_span_texts(marker))) == "• Reconciled 40 bank accounts"
    assert clean_text("".join(_span_texts(plain))) == "a team player"


def test_tex_hyphenation_inside_an_address_is_undone_and_a_real_hyphen_stays() -> None:
    assert clean_text("han-\nnah.wong@example.ca") == "hannah.wong@example.ca"
    assert clean_text("Mobile: 416-555-0144\nmarcan-\ndre.dubois@example.ca") == (
        "Mobile: 416-555-0144\nmarcandre.dubois@example.ca"
    )
    assert clean_text("folake.adeyemi-\njohnson@example.org") == "folake.adeyemi-johnson@example.org"
    assert clean_text("https://example.com/jane-\ndoe") == "https://example.com/jane-doe"


def test_the_committed_moderncv_fancy_rendering_gives_the_whole_address_and_its_jobs() -> None:
    path = rendered_path(layout_named("moderncv-fancy"), "finance-wong")
    _document, parsed = parse_document(path.read_bytes(), "cv.pdf", 5_000_000, 10, today=TODAY)

    assert parsed.email == "hannah.wong@example.ca"
    assert [(e.title, e.company) for e in parsed.experience] == [
        ("Financial Analyst", "RBC Capital Markets"),
        ("Summer Analyst", "TD Securities"),
    ]


def _label_column_with_contact_block() -> list[Row]:
    """A moderncv-fancy page: contact lines and section names right-aligned at x=158 in a left column, the contact
    lines running down its top beside the name, the body from x=177."""
    rows: list[Row] = [(177, 100, "Hannah Wong", 30), (177, 140, "Toronto, Canada", 16)]
    for y, text in ((104, "Toronto, ON, CA"), (116, "Mobile:"), (129, "416-555-0144"), (142, "hannah.wong@example.ca"),
                    (155, "Financial Analyst")):  # fmt: skip
        rows.append((_right(text, 9, 158), y, text, 9))
    y = 200
    sections = (
        ("Work", "Experience"),
        ("Financial Analyst, RBC Capital Markets, Toronto", "Jul 2022 — Present"),
        ("Summer Analyst, TD Securities, Toronto", "May 2021 — Aug 2021"),
    )
    rows += [(_right(sections[0][0], 13, 158), y, sections[0][0], 13), (_right("Experience", 13, 158), y + 14,
             "Experience", 13)]  # fmt: skip
    for header, dates in sections[1:]:
        rows += [(177, y, header, 10), (_right(dates, 10, 527), y, dates, 10)]
        rows += [(187, y + 14, "• Reconciled 40 bank accounts and intercompany balances", 9)]
        rows += [(187, y + 26, "• Built a rolling 18-month cash flow forecast in Excel", 9)]
        y += 56
    rows += [(_right("Education", 13, 158), y, "Education", 13)]
    rows += [(177, y, "Bachelor of Commerce, Queen's University, Kingston", 10), (_right("2018 — 2022", 10, 527), y,
             "2018 — 2022", 10)]  # fmt: skip
    rows += [(_right("Technical Skills", 13, 158), y + 40, "Technical Skills", 13)]
    rows += [(177, y + 40, "Finance: Financial Modelling, Valuation, Bloomberg Terminal", 10)]
    return rows


def test_a_label_column_whose_top_holds_the_contact_block_is_read_row_by_row() -> None:
    document, parsed = parse_document(_pdf(_label_column_with_contact_block()), "cv.pdf", 5_000_000, 10, today=TODAY)

    # Then the section names stand beside their entries, not in a column read before the body (the name broken
    # over two rows, "Work" over "Experience", read as one)
    assert "Work Experience | Financial Analyst" in document.text
    assert [(e.title, e.company, e.start) for e in parsed.experience] == [
        ("Financial Analyst", "RBC Capital Markets", "2022-07"),
        ("Summer Analyst", "TD Securities", "2021-05"),
    ]
    assert [(e.institution, e.level) for e in parsed.education] == [("Queen's University", "bachelor")]


def test_an_address_in_capitals_a_column_broke_is_joined() -> None:
    # Given a theme that sets the contact line in capitals in a narrow column ("EXAMPLE.CO" over "M.AU")
    rows: list[Row] = [(60, 60, "EMILY WRIGHT", 20), (60, 90, "NURSING STUDENT", 10)]
    rows += [(60, 110, "EMILY.WRIGHT@EXAMPLE.CO", 8), (60, 120, "M.AU", 8), (60, 140, "0412 555 019", 8)]
    rows += [(60, 180, "EXPERIENCE", 12), (60, 200, "Assistant in Nursing, Calvary Mater Newcastle", 10)]
    rows += [(400, 200, "Mar 2024 - Present", 10), (60, 214, "• Assisted registered nurses with patient care", 9)]
    _document, parsed = parse_document(_pdf(rows), "cv.pdf", 5_000_000, 10, today=TODAY)

    assert (parsed.email or "").lower() == "emily.wright@example.com.au"


def test_a_title_at_its_employer_beside_a_section_label_and_a_duty_beside_the_dates() -> None:
    # Given the paper theme's rows: section names in a left column beside the first entry, dates in the left column
    # beside the first duty
    text = (
        "Hannah Wong\nhannah.wong@example.ca\n\n"
        "Work Experience | Financial Analyst at RBC Capital Markets\n"
        "Jul 2022 to Present | Reconciled 40 bank accounts and intercompany balances every month\n"
        "Built a rolling 18-month cash flow forecast in Excel\n\n"
        "May 2021 to Aug 2021 | Summer Analyst at TD Securities\n"
        "Managed accounts payable for 600 suppliers\n\n"
        "Education | Queen's University\nSep 2018 to Apr 2022 | Bachelor of Commerce\n"
    )
    parsed = parse_resume_text(text, today=TODAY)

    assert [(e.title, e.company, e.start) for e in parsed.experience] == [
        ("Financial Analyst", "RBC Capital Markets", "2022-07"),
        ("Summer Analyst", "TD Securities", "2021-05"),
    ]


def test_an_employer_set_as_its_own_heading_above_a_gap_heads_the_title_and_dates_under_it() -> None:
    # Given the class theme's rows: the employer in bold on its own, a gap, then the title beside its dates
    text = (
        "Eleanor Whitfield\nSenior Paralegal\n\nContact\n\nEmail | eleanor.whitfield@example.com\n\nWork\n\n"
        "Kirkland & Ellis LLP\n\nSenior Paralegal | Mar 2016 - Present\n\n"
        "Part of a team of 8 at Kirkland & Ellis LLP.\n\n"
        "Maintained the matter management system and billing records\n"
        "Coordinated due diligence data rooms for two acquisitions\n\n"
        "Baker McKenzie\n\nParalegal | Aug 2011 - Feb 2016\n\n"
        "Drafted and reviewed commercial contracts, NDAs and supplier agreements\n"
    )
    parsed = parse_resume_text(text, today=TODAY)

    assert [(e.title, e.company, e.start) for e in parsed.experience] == [
        ("Senior Paralegal", "Kirkland & Ellis LLP", "2016-03"),
        ("Paralegal", "Baker McKenzie", "2011-08"),
    ]


def test_a_phone_number_a_narrow_contact_column_broke_is_read_whole() -> None:
    # Given moderncv-fancy's contact column: right-aligned at x=158, the number broken after its area code
    rows: list[Row] = [(177, 100, "Valentina Ortiz", 30), (177, 140, "Madrid, ES", 16)]
    for y, text in ((110, "Madrid, Madrid, ES"), (122, "Mobile: +34 612"), (134, "34 56 78"),
                    (146, "valentina.ortiz@example.es"), (158, "Restaurant Manager")):  # fmt: skip
        rows.append((_right(text, 9, 158), y, text, 9))
    rows += [(177, 200, "Experience", 13), (177, 220, "Restaurant Manager, Casa Lucio, Madrid", 10)]
    rows += [(_right("Jan 2019 — Present", 10, 527), 220, "Jan 2019 — Present", 10)]
    _document, parsed = parse_document(_pdf(rows), "cv.pdf", 5_000_000, 10, today=TODAY)

    assert "".join(ch for ch in parsed.phone or "" if ch.isdigit()) == "34612345678"
    assert parsed.email == "valentina.ortiz@example.es"
