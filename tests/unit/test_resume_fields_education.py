"""Education entries as real layouts lay them out (issue 9): side by side in a grid read row by row, and a degree
or school name a narrow or justified column wrapped onto the next line (moderncv's "Degree, School." sentence)."""

from __future__ import annotations

from hiring.resume.education import parse_education


def _schools(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(s.institution, s.level, s.degree) for s in parse_education(text, 0, len(text))]


def test_entries_set_side_by_side_are_read_column_by_column() -> None:
    # Given two schools side by side, as the short theme prints them and the page reads row by row
    text = (
        "Indian Institute of Technology Madras | Anna University\n"
        "Jul 2016 - May 2018 | Aug 2012 - May 2016\n"
        "M.Tech - Data Science | B.E. - Computer Science and Engineering\n"
    )

    schools = parse_education(text, 0, len(text))

    # Then each column is one school with its own degree and dates
    assert [(s.institution, s.level) for s in schools] == [
        ("Indian Institute of Technology Madras", "master"),
        ("Anna University", "bachelor"),
    ]
    assert [(s.dates.start.iso(), s.dates.end.iso()) for s in schools if s.dates and s.dates.end] == [
        ("2016-07", "2018-05"),
        ("2012-08", "2016-05"),
    ]


def test_a_school_beside_its_dates_is_no_grid() -> None:
    # A school and its dates on one line, the degree under it: one entry per row, nothing read as columns
    text = "Universität zu Köln | 10-2014 - 08-2016\nMaster of Arts in Economics\n"
    assert _schools(text) == [("Universität zu Köln", "master", "Master of Arts")]


def test_a_school_name_a_justified_column_broke_with_a_hyphen_is_whole_again() -> None:
    # Given moderncv-oldstyle's "Degree, School." sentence justified beside its dates, TeX's hyphen at the break
    text = (
        "MSc in Accounting and Control, Vrije Universiteit Amster- 2011 - 2012\n"
        "dam.\n"
        "BSc in Economics and Business Economics, Erasmus Uni- 2008 - 2011\n"
        "versity Rotterdam.\n"
    )

    assert [(i, level) for i, level, _ in _schools(text)] == [
        ("Vrije Universiteit Amsterdam", "master"),
        ("Erasmus University Rotterdam", "bachelor"),
    ]


def test_a_school_name_wrapped_after_a_joining_word_or_before_its_full_stop_is_read_with_its_line() -> None:
    # Given entries whose school name ends on the next line, after "of", "and" or before moderncv's full stop
    text = (
        "Bachelor of Science in Nursing, University of | 08/2012 – 05/2016\n"
        "Texas at Arlington, Arlington, TX.\n"
        "Associate of Applied Science in Nursing, Collin | 08/2010 – 05/2012\n"
        "College.\n"
        "Licence in Économie-Gestion, Université Lumière | 09/2017 - 06/2020\n"
        "Lyon 2.\n"
    )

    assert [(i, level) for i, level, _ in _schools(text)] == [
        ("University of Texas at Arlington", "bachelor"),
        ("Collin College", "associate"),
        ("Université Lumière Lyon 2", "bachelor"),
    ]


def test_a_named_part_after_a_hyphen_keeps_it_and_a_grade_or_bullet_is_never_a_continuation() -> None:
    text = (
        "Bachelor of Science in Biology, Goethe- | 10/2011 – 09/2014\n"
        "Universität Frankfurt.\n"
        "Bachelor of Science in Statistics, McMaster Fall 2021 - Spring 2025\n"
        "University, Hamilton, ON, Canada.\n"
        "• GPA: 3.8/4.0\n"
        "Ontario Secondary School Diploma, West- Fall 2017 - Summer 2021\n"
        "dale Secondary School.\n"
    )

    schools = parse_education(text, 0, len(text))

    assert [(s.institution, s.level) for s in schools] == [
        ("Goethe-Universität Frankfurt", "bachelor"),
        ("McMaster University", "bachelor"),
        ("Westdale Secondary School", "high_school"),
    ]
    assert schools[1].gpa == 3.8


def test_a_wrapped_school_name_after_dates_set_first_is_finished_by_the_next_line() -> None:
    # Given moderncv-classic's date column before the entry, the school's name broken after "of"
    text = (
        "2010 – 2013 | Master of Science in Education in Curriculum and Instruction, University of\n"
        "Wisconsin–Madison\n"
        "2002 – 2006 | Bachelor of Science in Elementary Education, University of Wisconsin–Milwaukee\n"
    )

    assert [(i, level) for i, level, _ in _schools(text)] == [
        ("University of Wisconsin–Madison", "master"),
        ("University of Wisconsin–Milwaukee", "bachelor"),
    ]


def test_degrees_and_high_schools_as_layouts_and_countries_write_them() -> None:
    # Spain's "Grado" under its field, a degree abbreviation in small capitals, a named high school in capitals
    grado = "Universidad Complutense de Madrid | Sep 2014 — Jun 2018\n\nEconomía\nGrado\n"
    capitals = "University of Lagos\nBNSC IN NURSING SCIENCE | 1996 - 2001\n"
    high_school = (
        "UNIVERSITY OF NEWCASTLE | 02/2022 - 12/2024\nBACHELOR OF NURSING\n\n"
        "MEREWETHER HIGH SCHOOL | 01/2016 - 01/2021\nHIGHER SCHOOL CERTIFICATE\n"
    )

    assert [(i, level) for i, level, _ in _schools(grado)] == [("Universidad Complutense de Madrid", "bachelor")]
    assert [(i, level) for i, level, _ in _schools(capitals)] == [("University of Lagos", "bachelor")]
    assert [(i, level) for i, level, _ in _schools(high_school)] == [
        ("UNIVERSITY OF NEWCASTLE", "bachelor"),
        ("MEREWETHER HIGH SCHOOL", "high_school"),
    ]


def test_a_school_within_a_university_a_name_with_particles_and_a_dash_a_wrap_left_spaced() -> None:
    # Given kendall's stacked school lines and stackoverflow's "at" line a wrap joined with a space
    within = "2014\n2017\n\nColumbia University\nSchool of Nursing\nDoctor of Nursing Practice\n"
    particles = "2012\n2015\n\nPontifícia Universidade\nCatólica do Rio de Janeiro\nBachelor of Design\n"
    dash = "Bachelor of Science Elementary Education at University of Wisconsin– Milwaukee | Jan 2002 - Jan 2006\n"
    full_stop = "Ontario Secondary School Diploma, Westdale Secondary School. | Fall 2017 - Summer 2021\n"

    assert [(i, level) for i, level, _ in _schools(within)] == [("Columbia University School of Nursing", "doctorate")]
    assert [(i, level) for i, level, _ in _schools(particles)] == [
        ("Pontifícia Universidade Católica do Rio de Janeiro", "bachelor")
    ]
    assert [(i, level) for i, level, _ in _schools(dash)] == [("University of Wisconsin–Milwaukee", "bachelor")]
    assert [(i, level) for i, level, _ in _schools(full_stop)] == [("Westdale Secondary School", "high_school")]
    # A university over its town and country is not one name
    town = "Stanford University\nStanford, CA\nBachelor of Science in Computer Science | 2015 - 2019\n"
    assert [(i, level) for i, level, _ in _schools(town)] == [("Stanford University", "bachelor")]


def test_a_second_dated_line_opens_the_next_entry_whatever_it_names_first() -> None:
    # Given simplecv's rows: a qualification no degree pattern knows, then a degree with its school
    rows = (
        "2012 – 2016 | Chartered Accountant, Institute of Chartered Accountants of India\n\n"
        "2010 – 2013 | B.Com (Hons), Shri Ram College of Commerce, Delhi, India\n"
    )

    assert _schools(rows) == [
        ("Institute of Chartered Accountants of India", None, None),
        ("Shri Ram College of Commerce", "bachelor", "B.Com"),
    ]


def test_chambers_and_training_centres_award_trade_qualifications() -> None:
    chamber = (
        "2009 – 2011 | Master of Business Administration, Hamburg School of Business Administration\n\n"
        "2002 – 2004 | Kaufmann für Spedition und Logistikdienstleistung, Handelskammer Hamburg\n"
    )
    centre = (
        "2002 - 2004 | Diploma of Vocational Studies in Carpentry, Centre de formation professionnelle de Lachine\n"
    )

    assert [(i, level) for i, level, _ in _schools(chamber)] == [
        ("Hamburg School of Business Administration", "master"),
        ("Handelskammer Hamburg", None),
    ]
    assert [(i, level) for i, level, _ in _schools(centre)] == [
        ("Centre de formation professionnelle de Lachine", "diploma")
    ]


def test_a_school_name_wrapped_under_a_line_its_dates_open_is_finished_by_the_next_line() -> None:
    # Given currvita's and curve's rows: dates in the left column, the entry wrapped within the right one
    town = (
        "10/2014 – 09/2016 | Master of Education in Biology and Chemistry, Goethe-Universität\nFrankfurt\n\n"
        "10/2011 – 09/2014 | Bachelor of Science in Biology, Goethe-Universität Frankfurt\n"
    )
    lower = (
        "1997 - 2001 | • Bachelor of Science in International Hospitality Management, École\n"
        "hôtelière de Lausanne, Lausanne, Switzerland\n"
    )

    assert [(i, level) for i, level, _ in _schools(town)] == [
        ("Goethe-Universität Frankfurt", "master"),
        ("Goethe-Universität Frankfurt", "bachelor"),
    ]
    assert [(i, level) for i, level, _ in _schools(lower)] == [("École hôtelière de Lausanne", "bachelor")]
    # A field under a school its dates follow is no part of the name, nor an honour under one they open
    field = "Carnegie Mellon University | 2004 — 2009\nComputer Science\nPhD\n"
    honour = "2010 – 2014 | BSc Physics, University of Leeds\nDean's List\n"
    assert [(i, level) for i, level, _ in _schools(field)] == [("Carnegie Mellon University", "doctorate")]
    assert [(i, level) for i, level, _ in _schools(honour)] == [("University of Leeds", "bachelor")]


def test_a_label_column_wrapped_phrase_ends_no_section_and_a_wrapped_heading_still_heads_one() -> None:
    # Given europecv's labelled rows: 'Name and type of organisation' wraps over 'providing education and' /
    # 'training' (no Training heading), and 'Personal skills and' / 'competences' heads the skills
    from hiring.resume.sections import split_sections

    text = (
        "Education and training\n\nDates | Sep 2024 – Aug 2025\nTitle of qualification awarded | MSc in Analytics\n"
        "Name and type of organisation | University of Galway, Galway, Ireland\nproviding education and\ntraining\n\n"
        "Dates | Sep 2020 – May 2024\nTitle of qualification awarded | Bachelor of Science in Mathematics\n"
        "Name and type of organisation | University of Limerick\nproviding education and\ntraining\n\n"
        "Personal skills and\ncompetences\n\nSales | SaaS Sales, HubSpot, Cold Calling\n"
    )

    sections = [s for s in split_sections(text) if s.name != "header"]

    assert [s.name for s in sections] == ["education", "skills"]
    education = sections[0]
    assert [(i, level) for i, level, _ in _schools(text[education.start : education.end])] == [
        ("University of Galway", "master"),
        ("University of Limerick", "bachelor"),
    ]


def test_a_school_a_blank_line_sets_apart_from_an_entry_with_its_school_and_dates_opens_the_next() -> None:
    # Given elegant's entries: the dates under each, the next entry a blank line apart
    rows = (
        ", Chartered Accountant, Institute of Chartered Accountants of India\nJan, 2012 - Jan, 2016\n\n"
        ", B.Com (Hons), Shri Ram College of Commerce\nJan, 2010 - Jan, 2013\n"
    )

    assert _schools(rows) == [
        ("Institute of Chartered Accountants of India", None, None),
        ("Shri Ram College of Commerce", "bachelor", "B.Com"),
    ]
    # A degree a blank line sets under its school and dates stays that school's
    under = "Education | Vietnam National University, Hanoi | January 2016 - January 2020\n\nBachelor of Arts\n"
    assert [(i, level) for i, level, _ in _schools(under)] == [("Vietnam National University", "bachelor")]


def test_a_name_wrapped_before_a_lower_case_word_goes_on_and_one_ending_on_its_country_is_whole() -> None:
    # Given the fpdf layouts' stacked lines: school, degree, dates
    lower = "Centre de formation\nprofessionnelle de Lachine\nDiploma of Vocational Studies in Carpentry\n2002 - 2004\n"
    country = (
        "Institute of Chartered Accountants of India\nChartered Accountant\n2012 – 2016\n"
        "Shri Ram College of Commerce, Delhi, India\nB.Com (Hons)\n2010 – 2013\n"
    )
    campus = "University of Colorado\nBoulder\nBachelor of Arts in Communication\n2008 - 2012\n"

    assert [(i, level) for i, level, _ in _schools(lower)] == [
        ("Centre de formation professionnelle de Lachine", "diploma")
    ]
    assert [(i, level) for i, level, _ in _schools(country)] == [
        ("Institute of Chartered Accountants of India", None),
        ("Shri Ram College of Commerce", "bachelor"),
    ]
    assert [(i, level) for i, level, _ in _schools(campus)] == [("University of Colorado Boulder", "bachelor")]


def test_a_spanish_grado_named_in_english_is_a_bachelor_also_in_small_capitals() -> None:
    # Given awesome-cv's small capitals, where the font's i comes out in lower case
    text = "Universidad Complutense de Madrid\nGRADO iN ECONOMíA | Sep 2014 – Jun 2018\n"

    assert [(i, level) for i, level, _ in _schools(text)] == [("Universidad Complutense de Madrid", "bachelor")]
