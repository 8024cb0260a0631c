"""Names and contact details as real layouts print them (issue 9): a name large type or a narrow header column
wrapped over two lines, and the details around it that are not part of it."""

from __future__ import annotations

from datetime import date

from hiring.parsing.cleanup import clean_text
from hiring.resume import contact
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


def test_an_address_a_narrow_column_broke_is_read_whole() -> None:
    # Given caffeine's capitals contact column broken before ".UK", and autumn's cell wrapped after a real hyphen
    caffeine = "10 PARK ROW\nLEEDS WEST YORKSHIRE LS1\n5HD\nNGOZI.OKAFOR@EXAMPLE.CO\n.UK\n\n0113 496 0789\n"
    autumn = "Folake Adeyemi- | New York, NY, United States\nJohnson, DNP, RN | folake.adeyemi- johnson@example.org\n"

    assert contact.find_email(caffeine) == "NGOZI.OKAFOR@EXAMPLE.CO.UK"
    assert contact.find_email(autumn) == "folake.adeyemi-johnson@example.org"
    # A label before the address is no part of it
    assert contact.find_email("Email - john@example.com") == "john@example.com"
    assert contact.find_email("email- john@example.com") == "john@example.com"
    # and a word opening the next line is not the end of the domain
    assert contact.find_email("john@example.com\n.NET developer\n.net") == "john@example.com"


def test_a_hyphenated_first_name_broken_at_its_hyphen_inside_the_address_keeps_it() -> None:
    # TeX breaks "anna-lena.fischer@..." at the name's own hyphen; the page writes the name "Anna-Lena" above
    assert clean_text("Anna-Lena Fischer\nanna-\nlena.fischer@example.de") == (
        "Anna-Lena Fischer\nanna-lena.fischer@example.de"
    )
    # while a syllable TeX split off ("han-" over "nah.wong@") is joined as before
    assert clean_text("Hannah Wong\nhan-\nnah.wong@example.ca") == "Hannah Wong\nhannah.wong@example.ca"


def test_a_full_number_is_preferred_to_a_postcode_and_a_number_broken_after_its_groups_is_whole() -> None:
    lisbon = "AVENIDA DA LIBERDADE 110\nLISBOA LISBOA 1250-146\nMARIANA@EXAMPLE.PT\n\n+351 912 345 678\n"
    osaka = "1-1-1 Umeda, Kita-ku, 530-0001, Osaka, Osaka (JP)\n\nlan.nguyen@example.com | 090-1234-5678\n"
    lagos = "Lagos, Lagos, NG\nTel: | +234 802 555\n0199\nfunmi.adebayo@example.com\n"

    assert contact.find_phone(lisbon) == "+351 912 345 678"
    assert contact.find_phone(osaka) == "090-1234-5678"
    assert contact.find_phone(lagos) == "+234 802 555 0199"
    # A whole number followed by a year on the next line stays as it is
    assert contact.find_phone("(415) 555-0132\n2019\n") == "(415) 555-0132"


def test_a_phone_label_whose_number_the_page_set_elsewhere_takes_the_number_standing_alone() -> None:
    # Given the class theme's contact block: the labels in one run, the number placed among the jobs
    text = (
        "Katharina Bauer\nKey Account Manager\n\nContact\n\nEmail | k.bauer@example.de | Phone\n\nWork\n\n"
        "Vodafone\n\nAccount Manager | 09-2016 - 06-2019\n\n+49 211 5558 1234\n\nClosed $2.4M in new revenue\n"
    )

    assert parse_resume_text(text, today=TODAY).phone == "+49 211 5558 1234"
    # Without a phone label, a number alone on a line is not taken for one
    assert contact.find_labelled_phone(text.replace("| Phone", "")) is None


def test_the_phone_beside_an_address_read_whole_across_a_break_is_found_in_a_sidebar() -> None:
    # Given caffeine's sidebar under ABOUT (no header zone holds it): the address broken before ".UK", the phone
    # two lines under it, no label
    text = (
        "NGOZI OKAFOR\nBOOKKEEPER · REMOTE OR HYBRID\n\nABOUT\n\n10 PARK ROW\nLEEDS WEST YORKSHIRE LS1\n5HD\n"
        "NGOZI.OKAFOR@EXAMPLE.CO\n.UK\n\n0113 496 0789\n\nEXPERIENCE\n\nHARGREAVES ACCOUNTANTS | 03/2018 - PRESENT\n"
        "BOOKKEEPER\nPrepared monthly statements\n"
    )

    parsed = parse_resume_text(text, today=TODAY)

    assert (parsed.email, parsed.phone) == ("NGOZI.OKAFOR@EXAMPLE.CO.UK", "0113 496 0789")
    assert contact.where(text, "NGOZI.OKAFOR@EXAMPLE.CO.UK") == text.index("NGOZI.OKAFOR@")
