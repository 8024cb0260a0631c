"""Names and contact details as real layouts print them (issue 9): a name large type or a narrow header column
wrapped over two lines, and the details around it that are not part of it."""

from __future__ import annotations

from datetime import date

from hiring.resume.parser import parse_resume_text

TODAY = date(2026, 12, 1)


def _name(text: str, prominent: tuple[str, ...]) -> str | None:
    return parse_resume_text(text, today=TODAY, prominent=prominent).name


def test_a_name_set_in_large_type_and_wrapped_over_two_lines_is_one_name() -> None:
    # Given the actual theme's header: the name in large type broken by its narrow column, the headline under it
    text = (
        "Curriculum Vitae\n\nMaria Clara\nReyes\nQA Automation Engineer · Makati\nCity, PH\n\n"
        "mc.reyes@example.com\n\nExperience\n\nQA Automation Engineer | Jul 2022 - Present\nAccenture\n"
    )
    prominent = ("Maria Clara", "Reyes", "QA Automation Engineer · Makati", "City, PH", "Experience")

    assert _name(text, prominent) == "Maria Clara Reyes"


def test_a_single_first_name_line_and_a_hyphenated_surname_broken_at_its_hyphen() -> None:
    one_word = "Chukwuemeka\nOkeke\nEducation Graduate · Enugu, NG\n\nemeka.okeke@example.com\n"
    hyphen = (
        "Folake Adeyemi- | New York, NY, United States\nJohnson, DNP, RN | folake.adeyemi-johnson@example.org\n"
        "(212) 555-0163\nDirector of Nursing\n"
    )

    assert _name(one_word, ("Chukwuemeka", "Okeke", "Education Graduate · Enugu, NG")) == "Chukwuemeka Okeke"
    assert _name(hyphen, ("Folake Adeyemi-", "Johnson, DNP, RN", "Director of Nursing")) == "Folake Adeyemi-Johnson"


def test_the_line_under_a_name_that_goes_on_with_a_place_a_job_or_a_heading_is_not_its_surname() -> None:
    banking = "Adaeze Chukwu | London, United\nKingdom\nTel: +44 20 7946 0321 | adaeze.chukwu@example.co.uk\n"
    trade = "Marc-André Dubois\nCharpentier-menuisier\n(Carpenter) · Available\nimmediately\n"

    assert _name(banking, ("Adaeze Chukwu | London, United", "Kingdom")) == "Adaeze Chukwu"
    assert _name(trade, ("Marc-André Dubois", "Charpentier-menuisier", "(Carpenter) · Available")) == (
        "Marc-André Dubois"
    )
    assert _name("Jane Doe\nDublin\njane@example.com\n", ("Jane Doe", "Dublin")) == "Jane Doe"
    assert _name("Jane Doe\nConsultant\njane@example.com\n", ("Jane Doe", "Consultant")) == "Jane Doe"


def test_in_ordinary_type_a_word_under_a_full_name_stays_apart() -> None:
    # A plain-text CV (no type sizes): the word under the name is a place or a detail, as often as not
    text = "Shelli Genaro Kuvalis\nRosharon\nshelli@example.com\n\nExperience\n"

    assert _name(text, ()) == "Shelli Genaro Kuvalis"
