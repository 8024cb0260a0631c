"""Entries whose fields stand in labelled rows: a flush-right label column ('Dates', 'Occupation or position held',
'Name and address of employer') beside the values, read row by row, the labels naming the fields."""

from __future__ import annotations

from datetime import date

from hiring.parsing.pdf import _page_regions
from hiring.parsing.pdf_layout import Line
from hiring.resume.headers import field_label
from hiring.resume.parser import parse_resume_text

TODAY = date(2026, 12, 1)


# A Europass-like page as PyMuPDF yields it (latex europecv): labels flush right at x 184, values from x 208; the
# labels wrap ('Main activities and' over 'responsibilities', a footer under them), so the label column holds more
# lines than the values beside it.
_LABELLED_PAGE = [
    Line(117.0, 99.2, 184.3, 113.6, "Europass", 14.3),
    Line(52.4, 118.0, 184.3, 132.4, "Curriculum Vitae", 14.3),
    Line(61.0, 167.8, 184.3, 179.7, "Personal information", 12.0),
    Line(109.2, 193.3, 184.3, 203.2, "Name / Surname", 10.0),
    Line(208.6, 191.7, 309.8, 203.6, "Olivia Thompson", 12.0),
    Line(149.8, 210.2, 184.3, 220.2, "Address", 10.0),
    Line(208.6, 210.2, 289.4, 220.2, "Sydney, NSW, AU", 10.0),
    Line(140.2, 227.2, 184.3, 237.1, "Telephone", 10.0),
    Line(208.6, 227.2, 299.5, 237.1, "Phone: 0491 570 156", 10.0),
    Line(118.3, 244.1, 184.3, 254.0, "Personal Email", 10.0),
    Line(208.6, 244.1, 354.8, 254.0, "olivia.thompson@example.com.au", 10.0),
    Line(70.2, 260.0, 184.3, 272.0, "Desired employment /", 12.0),
    Line(91.2, 274.0, 184.3, 285.9, "Occupational field", 12.0),
    Line(208.6, 260.0, 304.3, 272.0, "Account Executive", 12.0),
    Line(123.4, 307.8, 184.3, 319.8, "About Me", 12.0),
    Line(
        208.6,
        331.4,
        552.8,
        341.3,
        "Results-driven sales professional with a record of exceeding quota in B2B mar-",
        10.0,
    ),
    Line(208.6, 343.3, 228.5, 353.3, "kets.", 10.0),
    Line(85.5, 367.6, 184.3, 379.6, "Work experience", 12.0),
    Line(159.4, 391.1, 184.3, 401.1, "Dates", 10.0),
    Line(208.6, 391.1, 248.6, 401.1, "Jan ’21 –", 10.0),
    Line(208.6, 403.1, 241.2, 413.1, "Present", 10.0),
    Line(62.7, 417.0, 184.3, 427.0, "Occupation or position held", 10.0),
    Line(208.6, 417.0, 302.4, 427.0, "Account Executive", 10.0),
    Line(100.1, 431.0, 184.3, 440.9, "Main activities and", 10.0),
    Line(120.1, 442.9, 184.3, 452.9, "responsibilities", 10.0),
    Line(
        208.6,
        431.0,
        552.8,
        440.9,
        "Opened 35 new enterprise accounts in the DACH region; Negotiated a three-year",
        10.0,
    ),
    Line(208.6, 442.9, 461.8, 452.9, "framework agreement with the largest regional distributor", 10.0),
    Line(50.4, 456.9, 184.3, 466.9, "Name and address of employer", 10.0),
    Line(208.6, 456.9, 314.7, 466.9, "Atlassian, Sydney, NSW", 10.0),
    Line(159.4, 484.8, 184.3, 494.7, "Dates", 10.0),
    Line(208.6, 484.8, 248.6, 494.7, "Feb ’19 –", 10.0),
    Line(208.6, 496.7, 241.1, 506.7, "Dec ’20", 10.0),
    Line(62.7, 510.7, 184.3, 520.6, "Occupation or position held", 10.0),
    Line(208.6, 510.7, 399.3, 520.6, "Business Development Representative", 10.0),
    Line(100.1, 524.6, 184.3, 534.6, "Main activities and", 10.0),
    Line(120.1, 536.6, 184.3, 546.6, "responsibilities", 10.0),
    Line(
        208.6,
        524.6,
        552.8,
        534.6,
        "Negotiated a three-year framework agreement with the largest regional distrib-",
        10.0,
    ),
    Line(208.6, 536.6, 477.9, 546.6, "utor; Opened 35 new enterprise accounts in the DACH region", 10.0),
    Line(50.4, 550.5, 184.3, 560.5, "Name and address of employer", 10.0),
    Line(208.6, 550.5, 301.8, 560.5, "Canva, Sydney, NSW", 10.0),
    Line(159.4, 578.4, 184.3, 588.4, "Dates", 10.0),
    Line(208.6, 578.4, 250.3, 588.4, "Nov ’16 –", 10.0),
    Line(208.6, 590.4, 240.3, 600.4, "Jan ’19", 10.0),
    Line(62.7, 604.3, 184.3, 614.3, "Occupation or position held", 10.0),
    Line(208.6, 604.3, 317.2, 614.3, "Retail Sales Assistant", 10.0),
    Line(100.1, 618.3, 184.3, 628.2, "Main activities and", 10.0),
    Line(120.1, 630.2, 184.3, 640.2, "responsibilities", 10.0),
    Line(208.6, 618.3, 453.5, 628.2, "Opened 35 new enterprise accounts in the DACH region", 10.0),
    Line(50.4, 644.2, 184.3, 654.1, "Name and address of employer", 10.0),
    Line(208.6, 644.2, 313.0, 654.1, "JB Hi-Fi, Sydney, NSW", 10.0),
    Line(47.9, 682.4, 184.3, 694.4, "Education and training", 12.0),
    Line(159.4, 706.0, 184.3, 715.9, "Dates", 10.0),
    Line(208.6, 706.0, 260.0, 715.9, "2014 – 2017", 10.0),
    Line(55.8, 719.9, 184.3, 729.9, "Title of qualification awarded", 10.0),
    Line(208.6, 719.9, 391.6, 729.9, "Bachelor of Commerce in Marketing", 10.0),
    Line(49.4, 733.9, 184.3, 743.8, "Name and type of organisation", 10.0),
    Line(78.5, 745.8, 184.3, 755.8, "providing education and", 10.0),
    Line(149.9, 757.8, 184.3, 767.7, "training", 10.0),
    Line(208.6, 733.9, 456.8, 743.8, "University of New South Wales, Sydney, NSW, Australia", 10.0),
    Line(79.5, 789.3, 183.8, 797.3, "Page 1 - Curriculum vitæ of", 8.0),
    Line(120.0, 798.8, 184.3, 806.7, "Olivia Thompson", 8.0),
]


def _labelled_page() -> list[Line]:
    return list(_LABELLED_PAGE)


def test_a_label_column_whose_wrapped_labels_outnumber_the_values_is_read_row_by_row() -> None:
    # Given a page whose flush-right labels wrap, so the label column holds more lines than the values beside it
    text = "\n".join(line for region in _page_regions(_labelled_page()) for line in region)

    # Then each label is read on its value's row, not as a column of its own
    assert "Name / Surname | Olivia Thompson" in text
    assert "Occupation or position held | Account Executive" in text
    assert "Name and address of employer | Canva, Sydney, NSW" in text


def test_labelled_rows_name_an_entrys_fields_and_the_labels_are_no_fields() -> None:
    # Given the labelled rows of an entry, as the label column is read
    text = "\n".join(line for region in _page_regions(_labelled_page()) for line in region)

    # When it is parsed
    parsed = parse_resume_text(text, today=TODAY)

    # Then the labels name the fields: the title and the employer of each entry, the person's name
    assert parsed.name == "Olivia Thompson"
    jobs = [(job.title, job.company, job.start) for job in parsed.experience]
    assert jobs == [
        ("Account Executive", "Atlassian", "2021-01"),
        ("Business Development Representative", "Canva", "2019-02"),
        ("Retail Sales Assistant", "JB Hi-Fi", "2016-11"),
    ]


def test_a_field_label_is_a_short_phrase_of_field_words_only() -> None:
    assert field_label("Name and address of employer") == "company"
    assert field_label("Occupation or position held") == "title"
    assert field_label("Dates") == "dates"
    assert field_label("Name / Surname") == "name"
    assert field_label("responsibilities") == "other"
    # Real fields are no labels
    assert field_label("Account Executive") is None
    assert field_label("Business Development") is None
    assert field_label("Jan 2021") is None
