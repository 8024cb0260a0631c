"""Reading order of columns and sidebars (issue 9, third blind group opened): each test holds one general mechanism
with a real-shaped input, a page drawn where a real layout puts its lines."""

from __future__ import annotations

from datetime import date

from hiring.resume import parse_document
from tests.unit.test_resume_real_layouts import Row, _pdf

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
