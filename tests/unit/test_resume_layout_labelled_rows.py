"""Entries whose fields stand in labelled rows: a flush-right label column ('Dates', 'Occupation or position held',
'Name and address of employer') beside the values, read row by row, the labels naming the fields."""

from __future__ import annotations

from datetime import date

from hiring.parsing.pdf import _page_regions, _rows
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


# The same layout where the values' duties flow over several lines: both sides are long and pair on most rows, as
# two columns sharing a line grid would; the labels set flush right make them a label column.
_LABELLED_PAGE_LONG_DUTIES = [
    Line(262.2, 35.4, 333.1, 44.4, "Curriculum Vitae", 9.0),
    Line(117.0, 99.2, 184.3, 113.6, "Europass", 14.3),
    Line(52.4, 118.0, 184.3, 132.4, "Curriculum Vitae", 14.3),
    Line(61.0, 167.8, 184.3, 179.7, "Personal information", 12.0),
    Line(109.2, 193.3, 184.3, 203.2, "Name / Surname", 10.0),
    Line(208.6, 191.7, 325.3, 203.6, "Pieter van der Berg", 12.0),
    Line(149.8, 210.2, 184.3, 220.2, "Address", 10.0),
    Line(208.6, 210.2, 349.7, 220.2, "Amsterdam, Noord-Holland, NL", 10.0),
    Line(140.2, 227.2, 184.3, 237.1, "Telephone", 10.0),
    Line(208.6, 227.2, 281.1, 237.1, "+31 20 555 0123", 10.0),
    Line(118.3, 244.1, 184.3, 254.0, "Personal Email", 10.0),
    Line(208.6, 244.1, 339.0, 254.0, "pieter.vanderberg@example.nl", 10.0),
    Line(70.2, 260.0, 184.3, 272.0, "Desired employment /", 12.0),
    Line(91.2, 274.0, 184.3, 285.9, "Occupational field", 12.0),
    Line(208.6, 260.0, 302.9, 272.0, "Senior Accountant", 12.0),
    Line(52.7, 307.8, 184.3, 319.8, "Professional Summary", 12.0),
    Line(
        208.6,
        331.4,
        552.8,
        341.3,
        "Qualified accountant with experience in statutory reporting, audits and financial",
        10.0,
    ),
    Line(208.6, 343.3, 249.0, 353.3, "planning.", 10.0),
    Line(85.5, 367.6, 184.3, 379.6, "Work experience", 12.0),
    Line(159.4, 391.1, 184.3, 401.1, "Dates", 10.0),
    Line(208.6, 391.1, 250.1, 401.1, "10/2019 -", 10.0),
    Line(208.6, 403.1, 241.2, 413.1, "Present", 10.0),
    Line(62.7, 417.0, 184.3, 427.0, "Occupation or position held", 10.0),
    Line(208.6, 417.0, 301.2, 427.0, "Senior Accountant", 10.0),
    Line(100.1, 431.0, 184.3, 440.9, "Main activities and", 10.0),
    Line(120.1, 442.9, 184.3, 452.9, "responsibilities", 10.0),
    Line(
        208.6, 431.0, 552.8, 440.9, "Part of a team of 22 at Booking.com.; Modelled the valuation for a EUR 120M", 10.0
    ),
    Line(
        208.6,
        442.9,
        552.8,
        452.9,
        "acquisition; Prepared monthly, quarterly and annual financial statements under",
        10.0,
    ),
    Line(
        208.6, 454.9, 552.8, 464.9, "IFRS; Managed accounts payable for 600 suppliers; Built a rolling 18-month", 10.0
    ),
    Line(208.6, 466.9, 323.7, 476.8, "cash flow forecast in Excel", 10.0),
    Line(50.4, 480.8, 184.3, 490.8, "Name and address of employer", 10.0),
    Line(208.6, 480.8, 321.7, 490.8, "Booking.com, Amsterdam", 10.0),
    Line(159.4, 508.7, 184.3, 518.7, "Dates", 10.0),
    Line(208.6, 508.7, 250.1, 518.7, "02/2015 -", 10.0),
    Line(208.6, 520.6, 243.4, 530.6, "09/2019", 10.0),
    Line(62.7, 534.6, 184.3, 544.6, "Occupation or position held", 10.0),
    Line(208.6, 534.6, 265.7, 544.6, "Accountant", 10.0),
    Line(100.1, 548.5, 184.3, 558.5, "Main activities and", 10.0),
    Line(120.1, 560.5, 184.3, 570.5, "responsibilities", 10.0),
    Line(
        208.6, 548.5, 552.8, 558.5, "Led the year-end audit with the external auditors, closing with no findings;", 10.0
    ),
    Line(
        208.6, 560.5, 552.8, 570.5, "Reconciled 40 bank accounts and intercompany balances every month; Built a", 10.0
    ),
    Line(208.6, 572.5, 399.3, 582.4, "rolling 18-month cash flow forecast in Excel", 10.0),
    Line(50.4, 586.4, 184.3, 596.4, "Name and address of employer", 10.0),
    Line(208.6, 586.4, 304.9, 596.4, "Heineken, Amsterdam", 10.0),
    Line(159.4, 614.3, 184.3, 624.3, "Dates", 10.0),
    Line(208.6, 614.3, 250.1, 624.3, "09/2012 -", 10.0),
    Line(208.6, 626.3, 243.4, 636.2, "01/2015", 10.0),
    Line(62.7, 640.2, 184.3, 650.2, "Occupation or position held", 10.0),
    Line(208.6, 640.2, 301.9, 650.2, "Junior Accountant", 10.0),
    Line(100.1, 654.1, 184.3, 664.1, "Main activities and", 10.0),
    Line(120.1, 666.1, 184.3, 676.1, "responsibilities", 10.0),
    Line(
        208.6, 654.1, 552.8, 664.1, "Cut the month-end close from 10 to 6 working days; Managed accounts payable", 10.0
    ),
    Line(208.6, 666.1, 280.4, 676.1, "for 600 suppliers", 10.0),
    Line(50.4, 680.1, 184.3, 690.0, "Name and address of employer", 10.0),
    Line(208.6, 680.1, 276.1, 690.0, "EY, Rotterdam", 10.0),
    Line(47.9, 718.3, 184.3, 730.3, "Education and training", 12.0),
    Line(159.4, 741.8, 184.3, 751.8, "Dates", 10.0),
    Line(208.6, 741.8, 258.4, 751.8, "2011 - 2012", 10.0),
    Line(55.8, 755.8, 184.3, 765.7, "Title of qualification awarded", 10.0),
    Line(208.6, 755.8, 368.5, 765.7, "MSc in Accounting and Control", 10.0),
    Line(79.5, 789.3, 183.8, 797.2, "Page 1 - Curriculum vitæ of", 8.0),
    Line(111.6, 798.7, 184.3, 806.7, "Pieter van der Berg", 8.0),
]


def test_a_flush_right_label_column_beside_flowing_values_is_read_row_by_row() -> None:
    # Given a label column beside entries whose duties run over four lines
    text = "\n".join(line for region in _page_regions(list(_LABELLED_PAGE_LONG_DUTIES)) for line in region)

    # Then each label stands on its value's row
    assert "Occupation or position held | Senior Accountant" in text
    assert "Name and address of employer | Booking.com, Amsterdam" in text
    assert "Occupation or position held | Junior Accountant" in text


# A later page of the layout: education rows whose labels ('Title of qualification awarded', 'Name and type of
# organisation' over 'providing education and' over 'training') are wider than the values beside them.
_LABELS_WIDER_THAN_VALUES = [
    Line(262.2, 35.4, 333.1, 44.4, "Curriculum Vitae", 9.0),
    Line(159.4, 86.7, 184.3, 96.7, "Dates", 10.0),
    Line(208.6, 86.7, 335.4, 96.7, "October 1996 - October 1999", 10.0),
    Line(62.7, 100.7, 184.3, 110.7, "Occupation or position held", 10.0),
    Line(208.6, 100.7, 281.5, 110.7, "Student Nurse", 10.0),
    Line(50.4, 114.6, 184.3, 124.6, "Name and address of employer", 10.0),
    Line(208.6, 114.6, 385.3, 124.6, "School of Nursing, Lagos, Lagos, Nigeria", 10.0),
    Line(47.9, 152.9, 184.3, 164.8, "Education and training", 12.0),
    Line(159.4, 176.4, 184.3, 186.4, "Dates", 10.0),
    Line(208.6, 176.4, 258.4, 186.4, "2014 - 2017", 10.0),
    Line(55.8, 190.4, 184.3, 200.3, "Title of qualification awarded", 10.0),
    Line(208.6, 190.4, 345.1, 200.3, "Doctor of Nursing Practice", 10.0),
    Line(49.4, 204.3, 184.3, 214.3, "Name and type of organisation", 10.0),
    Line(78.5, 216.3, 184.3, 226.2, "providing education and", 10.0),
    Line(149.9, 228.2, 184.3, 238.2, "training", 10.0),
    Line(208.6, 204.3, 449.0, 214.3, "Columbia University School of Nursing, New York, NY", 10.0),
    Line(159.4, 256.1, 184.3, 266.1, "Dates", 10.0),
    Line(208.6, 256.1, 258.4, 266.1, "2008 - 2011", 10.0),
    Line(55.8, 270.1, 184.3, 280.0, "Title of qualification awarded", 10.0),
    Line(208.6, 270.1, 434.2, 280.0, "Master of Science in Nursing Administration", 10.0),
    Line(49.4, 284.0, 184.3, 294.0, "Name and type of organisation", 10.0),
    Line(78.5, 296.0, 184.3, 305.9, "providing education and", 10.0),
    Line(149.9, 307.9, 184.3, 317.9, "training", 10.0),
    Line(208.6, 284.0, 273.9, 294.0, "Hunter College", 10.0),
    Line(159.4, 335.8, 184.3, 345.8, "Dates", 10.0),
    Line(208.6, 335.8, 258.4, 345.8, "1996 - 2001", 10.0),
    Line(55.8, 349.8, 184.3, 359.7, "Title of qualification awarded", 10.0),
    Line(208.6, 349.8, 334.6, 359.7, "BNSc in Nursing Science", 10.0),
    Line(49.4, 363.7, 184.3, 373.7, "Name and type of organisation", 10.0),
    Line(78.5, 375.7, 184.3, 385.6, "providing education and", 10.0),
    Line(149.9, 387.6, 184.3, 397.6, "training", 10.0),
    Line(208.6, 363.7, 293.0, 373.7, "University of Lagos", 10.0),
    Line(74.6, 425.9, 184.3, 437.8, "Personal skills and", 12.0),
    Line(110.1, 437.8, 184.3, 449.8, "competences", 12.0),
    Line(129.8, 461.3, 184.3, 471.3, "Leadership", 10.0),
    Line(208.6, 461.3, 552.8, 471.3, "Nursing Leadership, Magnet Recognition, Budget Management, Quality Im-", 10.0),
    Line(208.6, 473.3, 254.0, 483.3, "provement", 10.0),
    Line(146.2, 487.2, 184.3, 497.2, "Clinical", 10.0),
    Line(208.6, 487.2, 265.1, 497.2, "Critical Care", 10.0),
    Line(127.1, 501.2, 184.3, 511.2, "Certificates", 10.0),
    Line(208.6, 501.2, 376.2, 511.2, "NE-BC Nurse Executive, ANCC, 2016", 10.0),
    Line(79.5, 789.3, 183.8, 797.2, "Page 2 - Curriculum vitæ of", 8.0),
    Line(52.0, 798.7, 184.3, 806.7, "Folake Adeyemi-Johnson, DNP, RN", 8.0),
]


def test_labels_wider_than_their_values_are_read_row_by_row() -> None:
    # Given a label column whose labels are wider than the dates and titles beside them
    text = "\n".join(line for region in _page_regions(list(_LABELS_WIDER_THAN_VALUES)) for line in region)

    # Then each label stands on its value's row
    assert "Title of qualification awarded | Doctor of Nursing Practice" in text
    assert "Occupation or position held | Student Nurse" in text


def test_the_labelled_rows_name_the_fields_over_a_guess_and_a_labelled_title_is_whole() -> None:
    # Given entries in labelled rows, one title no rule knows ('Kitchen Hand (casual)'), one with its unit
    text = "\n".join(
        [
            "Yui Tanaka",
            "",
            "Work experience",
            "",
            "Dates | Aug 2022 – Sep 2023",
            "Occupation or position held | Kitchen Hand (casual)",
            "Main activities and | Cut food cost from 34% to 29% through menu engineering",
            "responsibilities",
            "Name and address of employer | Sushi Train, Gold Coast, QLD",
            "",
            "Dates | March 2012 – June 2018",
            "Occupation or position held | Nurse Manager, Cardiac ICU",
            "Main activities and | Led a unit of 40 nurses",
            "responsibilities",
            "Name and address of employer | NewYork-Presbyterian, New York, NY",
        ]
    )

    # When it is parsed
    parsed = parse_resume_text(text, today=TODAY)

    # Then the labels name the title and the employer, and the title row is read whole
    assert [(job.title, job.company) for job in parsed.experience] == [
        ("Kitchen Hand (casual)", "Sushi Train"),
        ("Nurse Manager, Cardiac ICU", "NewYork-Presbyterian"),
    ]


def test_dates_set_over_their_headers_take_no_line_above_when_an_entry_has_no_duties() -> None:
    # Given a layout that sets each entry's dates in the margin a line above its header, the last entries without
    # duties, so a header stands right above the next entry's dates
    text = "\n".join(
        [
            "Employment History",
            "",
            "Aug ’12 - Dec ’15",
            "Director of Engineering, Unity Technologies, Copenhagen",
            "",
            "• Cut API p95 latency from 480 ms to 120 ms by adding Redis caching and query",
            "batching",
            "",
            "Apr ’09 - Jul ’12 | Engineering Manager, Microsoft Development Center Copenhagen, Lyngby",
            "",
            "• Reduced cloud spend by 28% through right-sizing and spot instances",
            "",
            "Oct ’05 - Mar ’09",
            "Senior Developer, Maersk, Copenhagen",
            "",
            "Feb ’02 - Sep ’05",
            "Developer, Danske Bank, Copenhagen",
            "",
            "Aug ’00 - Jan ’02",
            "Junior Developer, TDC, Copenhagen",
        ]
    )

    # When it is parsed
    parsed = parse_resume_text(text, today=TODAY)

    # Then each header goes with the dates above it, none with the dates under it
    assert [(job.title, job.company, job.start) for job in parsed.experience] == [
        ("Director of Engineering", "Unity Technologies", "2012-08"),
        ("Engineering Manager", "Microsoft Development Center Copenhagen", "2009-04"),
        ("Senior Developer", "Maersk", "2005-10"),
        ("Developer", "Danske Bank", "2002-02"),
        ("Junior Developer", "TDC", "2000-08"),
    ]


def test_a_header_beside_its_dates_in_a_label_column_wrapped_on_a_place_is_joined() -> None:
    # Given a dated header that ran out of room inside a place name ("Frankfurt am" over "Main"), its dates to the
    # left in a label column, as PyMuPDF yields the lines (currvita)
    lines = [
        Line(62.4, 242.5, 185.4, 254.5, "Employment History", 12.0),
        Line(62.4, 263.7, 143.0, 274.6, "08/2018 – Today", 10.9),
        Line(162.4, 263.7, 532.9, 274.6, "Teacher of Biology and Chemistry, Goethe-Gymnasium, Frankfurt am", 10.9),
        Line(162.4, 277.2, 186.9, 288.1, "Main", 10.9),
        Line(167.0, 302.0, 175.4, 312.9, "•", 10.9),
        Line(186.4, 302.0, 500.0, 312.9, "Led parent-teacher conferences and wrote termly progress reports", 10.9),
    ]

    # When the rows are read
    rows = _rows(lines)

    # Then the place is whole on the header's row
    assert "08/2018 – Today | Teacher of Biology and Chemistry, Goethe-Gymnasium, Frankfurt am Main" in rows


def test_a_date_alone_over_its_header_takes_no_bullets_last_word_above_it() -> None:
    # Given a first entry whose dates share its header's row, then an entry whose dates the margin set over its
    # header, under a duty that wrapped its last word ("backlog") onto a line of its own
    text = "\n".join(
        [
            "Employment History",
            "",
            "Mar 2020 – Now UX Researcher, Shopify, Toronto, ON",
            "",
            "• Built and maintained the Figma design system used by 25 product designers",
            "• Ran 60+ moderated usability sessions and turned findings into a prioritised",
            "backlog",
            "",
            "Jan 2018 – Feb 2020",
            "User Researcher, Wealthsimple, Toronto, ON",
            "",
            "• Produced interactive prototypes for investor demos",
        ]
    )

    # When it is parsed
    parsed = parse_resume_text(text, today=TODAY)

    # Then the second entry's header is the one under its dates
    assert [(job.title, job.company) for job in parsed.experience] == [
        ("UX Researcher", "Shopify"),
        ("User Researcher", "Wealthsimple"),
    ]


# A page with its dates in a left margin (latex curve) as PyMuPDF yields it: the entries' bullets start right of a
# strip no line of the work section crosses, but the education and skills rows cross it from after their labels
# ('2013 - 2017' then '• B.A. in English, ...').
_DATES_IN_THE_MARGIN = [
    Line(214.4, 54.9, 380.9, 72.1, "Funmilayo Adebayo", 17.2),
    Line(56.7, 85.5, 163.1, 96.4, "Social Media Manager", 10.9),
    Line(56.7, 99.0, 161.8, 109.9, "Available immediately", 10.9),
    Line(56.7, 112.6, 141.7, 123.5, "Lagos, Lagos, NG", 10.9),
    Line(425.6, 85.5, 538.6, 96.4, "Tel: +234 802 555 0199", 10.9),
    Line(399.5, 99.0, 538.6, 109.9, "funmi.adebayo@example.com", 10.9),
    Line(56.7, 145.4, 158.1, 157.3, "Work Experience", 12.0),
    Line(56.7, 169.7, 150.1, 180.6, "March 2021 to date", 10.9),
    Line(219.8, 169.7, 425.0, 180.6, "• Social Media Manager, Jumia, Lagos", 10.9),
    Line(245.2, 192.2, 538.6, 203.1, "• Built email nurture journeys in HubSpot that doubled", 10.9),
    Line(259.1, 205.8, 375.9, 216.7, "MQL-to-SQL conversion", 10.9),
    Line(245.2, 228.3, 509.0, 239.2, "• Planned and ran three trade-show launches per year", 10.9),
    Line(245.2, 250.8, 538.6, 261.7, "• Managed a $1.2M annual paid media budget across Google", 10.9),
    Line(259.1, 264.4, 326.8, 275.3, "Ads and Meta", 10.9),
    Line(56.7, 291.5, 199.8, 302.4, "January 2019 - February 2021", 10.9),
    Line(219.8, 291.5, 446.4, 302.4, "• Community Manager, Flutterwave, Lagos", 10.9),
    Line(245.2, 314.0, 373.5, 324.9, "• Grew organic search traffi", 10.9),
    Line(382.6, 314.0, 538.6, 324.9, "c by 210% in 18 months through", 10.9),
    Line(259.1, 327.5, 386.9, 338.4, "content and technical SEO", 10.9),
    Line(245.2, 350.0, 538.6, 360.9, "• Launched the brand’s first influencer programme with 40", 10.9),
    Line(259.1, 363.6, 296.8, 374.5, "creators", 10.9),
    Line(56.7, 390.7, 189.0, 401.6, "June 2018 - November 2018", 10.9),
    Line(219.8, 390.7, 467.6, 401.6, "• Digital Marketing Intern, Wema Bank, Lagos", 10.9),
    Line(245.2, 413.2, 538.6, 424.1, "• Built email nurture journeys in HubSpot that doubled", 10.9),
    Line(259.1, 426.8, 375.9, 437.7, "MQL-to-SQL conversion", 10.9),
    Line(56.7, 476.9, 116.2, 488.9, "Education", 12.0),
    Line(56.7, 501.3, 111.2, 512.2, "2013 - 2017", 10.9),
    Line(131.2, 501.3, 446.7, 512.2, "• B.A. in English, Obafemi Awolowo University, Ile-Ife, Nigeria", 10.9),
    Line(56.7, 537.9, 147.2, 549.8, "Technical Skills", 12.0),
    Line(56.7, 562.2, 84.9, 573.2, "Social", 10.9),
    Line(114.8, 562.2, 411.6, 573.2, "• Social Media Strategy, Community Management, Hootsuite", 10.9),
    Line(56.7, 575.8, 94.9, 586.7, "Content", 10.9),
    Line(114.8, 575.8, 222.1, 586.7, "• Copywriting, Canva", 10.9),
]


def test_rows_crossing_a_strip_from_after_their_labels_make_the_page_read_in_rows() -> None:
    # Given the page
    text = "\n".join(line for region in _page_regions(list(_DATES_IN_THE_MARGIN)) for line in region)

    # Then each entry's dates stand on its header's row, not in a column of their own
    assert "March 2021 to date | • Social Media Manager, Jumia, Lagos" in text
    assert "June 2018 - November 2018 | • Digital Marketing Intern, Wema Bank, Lagos" in text
