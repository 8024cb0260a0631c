"""Skills as chip, tag and two-column layouts print them (issue 9): a skills section the resume's sections know
is read as a list whatever its heading says, group names over their items are not skills, and items standing one
to a line in title case are skills, not group labels. Precision: dates, ordinary lower-case words and labels are
still not skills."""

from __future__ import annotations

from datetime import date

from hiring.resume.parser import parse_resume_text
from hiring.skills.extractor import get_extractor

TODAY = date(2026, 12, 1)
_JOBS = "Work\n\nHVAC Service Technician | Feb 2020 – Present\nDaikin Australia\nServiced rooftop units\n\n"


def _skills(text: str) -> set[str]:
    return {skill.name for skill in parse_resume_text(text, today=TODAY).skills}


def test_a_skills_heading_beside_its_first_group_and_chips_split_by_bars() -> None:
    # Given the even theme: the section name in a left column beside the first group name, chips as " | " runs
    text = (
        "Minh Nguyen\nHVAC Technician\nminh.nguyen@example.com.au\n\n"
        + _JOBS
        + "Skills | HVAC\nRefrigerant Handling | Chillers | VRF Systems | BMS Controls\n"
    )

    assert {"Refrigerant Handling", "Chillers", "VRF Systems", "BMS Controls"} <= _skills(text)


def test_europass_personal_skills_with_a_group_name_before_a_bar() -> None:
    # Given Europass's "PERSONAL SKILLS" rows: the group's name in the label column, its items after it
    text = (
        "Marek Kowalski\nmarek@example.ca\n\nWORK EXPERIENCE\n\nMar 2020 – Now | UX Researcher\nShopify, Toronto, ON\n"
        "– Ran 60+ moderated usability sessions\n\nPERSONAL SKILLS\n\n"
        "Research | Usability Testing, Interviews, Survey Design, Qualtrics\n\nTools | Figma, Dovetail\n"
    )

    skills = _skills(text)

    assert {"Interviews", "Survey Design", "Qualtrics", "Dovetail", "Figma"} <= skills
    assert not {"Research", "Tools"} & skills


def test_items_one_to_a_line_in_title_case_are_skills_and_a_name_standing_over_its_block_is_a_label() -> None:
    # Given chips a theme prints one to a line (caffeine in capitals, group names standing apart over their block)
    text = (
        "Mariana Fernandes\nmariana@example.pt\n\n"
        + _JOBS
        + "Skills\n\nADMINISTRATION\n\nCALENDAR MANAGEMENT\nTRAVEL COORDINATION\nMINUTE TAKING\n\n"
        "HOSPITALITY\n\nGUEST EXPERIENCE\n"
    )
    plain = (
        "Amy Miller\namy@example.com\n\n"
        + _JOBS
        + "Skills\nClassroom Management\nGuided Reading\nDifferentiated Instruction\n"
    )

    skills = {name.lower() for name in _skills(text)}

    assert {"calendar management", "travel coordination", "minute taking", "guest experience"} <= skills
    assert not {"administration", "hospitality"} & skills
    assert {"Classroom Management", "Guided Reading", "Differentiated Instruction"} <= _skills(plain)


def test_a_list_ends_as_lists_end_and_dates_or_ordinary_words_in_it_are_not_skills() -> None:
    extractor = get_extractor()
    text = "Skills\nDMVPN, IPsec VPN, May 2018 to Present, filtering\n\n\nOne Street\nAcme Holdings\n"

    found = {m.text for m in extractor.extract(text, [(0, len(text))])}

    assert {"DMVPN", "IPsec VPN"} <= found
    assert not {"May 2018 to Present", "filtering", "One Street", "Acme Holdings"} & found


def test_chips_a_layout_set_in_a_row_with_spaces_only_are_separate_items() -> None:
    # Given spartan's chip rows: known skills and other names side by side, a bar between groups only
    extractor = get_extractor()
    text = "Skills\n\nAnalytics | Programming\n\nSQL Power BI Excel DAX | Python R\n"

    found = {(m.text, m.known) for m in extractor.extract(text, [(0, len(text))])}

    assert {("SQL", True), ("Power BI", True), ("Excel", True), ("Python", True)} <= found
    assert {"DAX", "R"} <= {name for name, _ in found}
    # A phrase in a skills line stays whole, and a comma list keeps its multi-word names whole
    phrase = "Skills\nExperienced in Python and Java\nTechnologies: Java 1.8, Mule API Manager, Web logic\n"
    words = {m.text for m in extractor.extract(phrase, [(0, len(phrase))])}
    assert not {"Experienced", "Experienced in", "Manager", "Web"} & words


def test_groups_a_sidebar_names_without_a_skills_heading_are_lists_when_a_known_skill_stands_in_them() -> None:
    # Given macchiato's sidebar: the contact block, then groups under their own names and no "Skills" heading
    text = (
        "Chidinma Okonkwo\n\nBusiness Intelligence Analyst\n\nAbout\n\n27 Deansgate\nManchester M3 4LY GB\n"
        "chidinma.okonkwo@example.co.uk\n\n07700 900123\n\nAnalytics\n\nSQL Power BI Excel\nDAX\n\n"
        "Programming\n\nPython R\n\n\nWelding\n\nSMAW GTAW FCAW\nBlueprint Reading\n\nExperience\n\n"
        "Auto Trader UK | 01/2023 - Present\nBusiness Intelligence Analyst\nBuilt Tableau dashboards\n\n"
        "Education\n\nUniversity of Manchester | 09/2018 - 07/2021\n\nMathematics\n\nBSc (Hons)\n\n"
        "Interests\n\nSea swimming\nGaelic football\n"
    )

    skills = _skills(text)

    assert {"DAX", "R", "Python", "SQL", "Excel"} <= skills
    # A group apart with no known skill, a job's or a school's lines and a heading's block are no group of skills
    assert not {"SMAW GTAW FCAW", "Blueprint Reading", "BSc (Hons)", "Sea swimming", "Gaelic football"} & skills


def test_a_soft_skill_in_a_named_group_counts_and_the_group_name_does_not() -> None:
    # Given caffeine's sidebar under ABOUT: groups in capitals, a known soft skill among their items
    text = (
        "MARIANA FERNANDES\nEXECUTIVE ASSISTANT\n\nABOUT\n\nAVENIDA DA LIBERDADE 110\nmariana@example.pt\n\n"
        "ADMINISTRATION\n\nCALENDAR MANAGEMENT\nTRAVEL COORDINATION\nMINUTE TAKING\n\n"
        "SOFTWARE\n\nMICROSOFT OFFICE\nGOOGLE WORKSPACE\nNOTION\n\nEXPERIENCE\n\n"
        "CUATRECASAS | 03/2019 - PRESENT\nEXECUTIVE ASSISTANT\n\nManaged diaries for four partners\n"
    )

    skills = {name.casefold() for name in _skills(text)}

    assert {"calendar management", "travel coordination", "minute taking", "notion"} <= skills
    assert "administration" not in skills


def test_the_groups_of_one_sidebar_run_vouch_for_each_other() -> None:
    # Given macchiato's groups one blank line apart: the teaching group names no skill the taxonomy knows, the
    # technology group does
    text = (
        "Amy Miller\n\nFourth Grade Teacher\n\nAbout\n\n12 Oak Street\namy@example.com\n\nTeaching\n\n"
        "Guided Reading\nDifferentiated Instruction\nClassroom Management\n\nTechnology\n\nSeesaw\n"
        "Google Workspace\n\nExperience\n\nLincoln Elementary School | 08/2016 - Present\nFourth Grade Teacher\n"
        "Taught reading to 28 students\n"
    )

    skills = _skills(text)

    assert {"Guided Reading", "Differentiated Instruction", "Classroom Management", "Google Workspace"} <= skills
    assert not {"Teaching", "Technology"} & skills


def test_a_skills_section_opening_within_its_heading_row_lists_the_rest_of_that_row() -> None:
    # Given simple-red's rows: the section name in the first cell, a group name and its chips after it
    text = (
        "Thi Lan Nguyen\nESL Teacher\nlan.nguyen@example.com\n\n"
        "Work | Interac | April 2022 - Present\nAssistant Language Teacher\nTaught classes of 28 students\n\n"
        "Skills | Teaching | TESOL | Lesson Planning | Classroom Management\n\n"
        "Languages | Vietnamese | English | Japanese\nNative | C2 | N3\n"
    )

    assert {"TESOL", "Lesson Planning", "Classroom Management"} <= _skills(text)


def test_a_list_ends_on_the_contact_lines_set_after_it_and_its_last_chip_is_an_item() -> None:
    # Given simple-red's last rows: chips wrapped onto a line of their own, then the contact block in the same run
    text = (
        "Kwame Mensah\nSales Representative\n\n"
        "Work | Unilever Nigeria | March 2019 - Present\nSales Representative\nGrew territory revenue 30%\n\n"
        "Skills | Sales | Prospecting | Customer Relationship Management\nMerchandising\n\n"
        "NG, Lagos, Lagos | kwame.mensah@example.com\n5 Awolowo Road, Ikoyi | 0803 123 4567\n"
    )

    skills = _skills(text)

    assert {"Prospecting", "Merchandising"} <= skills
    assert not {"Lagos", "Ikoyi", "5 Awolowo Road"} & skills


def test_an_item_a_comma_list_parts_names_one_skill_though_a_known_skill_stands_in_it() -> None:
    # Given simplecv's and currvita's groups: 'SAP FICO' and 'Finish Carpentry' are items as written
    text = (
        "Marc Dubois\nCarpenter\nmarc@example.ca\n\n" + _JOBS + "Core Competencies\n\n"
        "Tools | Excel, SAP FICO\n\nCarpentry | Formwork, Framing, Finish Carpentry, Blueprint Reading\n"
    )

    skills = _skills(text)

    assert {"SAP FICO", "Finish Carpentry", "Formwork", "Excel"} <= skills
    assert "SAP" not in skills  # the part stands for the item no longer


def test_a_letter_pair_and_a_conjunction_inside_a_comma_item_keep_one_name() -> None:
    # Given groups as many layouts print them: 'A/B Testing' and 'Inspection and Testing' are one skill each
    text = (
        "Ana Costa\nElectrician\nana@example.com\n\n" + _JOBS + "Skills\n\n"
        "Marketing | SEO, A/B Testing, Google Ads\n\nElectrical | Inspection and Testing, PLC Fault Finding\n\n"
        "Programming | Python and R, SQL\n"
    )

    skills = _skills(text)

    assert {"A/B Testing", "Inspection and Testing", "PLC Fault Finding", "Python", "R", "SQL"} <= skills
    assert "Python and R" not in skills  # two known skills a conjunction joins stay two


def test_a_capital_e_or_x_glued_by_a_hyphen_opens_a_name_not_an_abbreviation() -> None:
    # Given currvita's legal group: 'E-Discovery' was read as 'e' (as in 'e.g.') and dropped
    text = (
        "Ruth Whitfield\nParalegal\nruth@example.com\n\n"
        + _JOBS
        + "Skills\n\nLegal | Westlaw, E-Discovery, Relativity\n"
    )

    assert "E-Discovery" in _skills(text)


def test_a_skills_group_named_like_a_minor_section_stays_in_the_skills_section() -> None:
    # Given europass's and europecv's personal skills: 'Leadership' also names a section, here a group
    text = (
        "Folake Adeyemi\nNurse Manager\nfolake@example.com\n\n" + _JOBS + "PERSONAL SKILLS\n\n"
        "Leadership | Nursing Leadership, Magnet Recognition, Budget Management, Quality Improvement\n\n"
        "Clinical | Critical Care\n"
    )

    assert {"Nursing Leadership", "Magnet Recognition", "Budget Management", "Quality Improvement"} <= _skills(text)
