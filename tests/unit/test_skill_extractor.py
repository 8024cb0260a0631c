"""The skill extractor: exact offsets, aliases, conservative rules for ordinary words, fuzzy matches, unknowns."""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path

import pytest

from hiring.cli import main
from hiring.skills.extractor import SkillExtractor, SkillMention, get_extractor
from hiring.skills.taxonomy import get_taxonomy


def _canonical(text: str) -> list[str]:
    return [m.canonical for m in get_extractor().extract(text)]


def _by_text(text: str) -> dict[str, SkillMention]:
    return {m.text: m for m in get_extractor().extract(text)}


def test_offsets_point_at_the_mention_text() -> None:
    text = "Résumé — built APIs in Python 3,\n\tdeployed on k8s (EKS) with Terraform; C++/C# too. Node.js & React."
    mentions = get_extractor().extract(text)
    assert mentions, "expected mentions"
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


@pytest.mark.parametrize(
    ("surface", "canonical"),
    [
        ("JS", "JavaScript"),
        ("React.js", "React"),
        ("k8s", "Kubernetes"),
        ("Postgres", "PostgreSQL"),
        ("golang", "Go"),
        ("ReactJS", "React"),
        ("sklearn", "scikit-learn"),
        ("Amazon Web Services", "AWS"),
        ("amazon-web-services", "AWS"),
    ],
)
def test_aliases_map_to_canonical_names(surface: str, canonical: str) -> None:
    assert _canonical(f"Experience: Docker, {surface}, Linux.") == ["Docker", canonical, "Linux"]


def test_react_native_is_not_react_and_java_is_not_javascript() -> None:
    assert _canonical("Apps in React Native; services in Java; UI in JavaScript.") == [
        "React Native",
        "Java",
        "JavaScript",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "We react quickly to incidents.",
        "Rest easy, we go home early.",
        "The R&D team met in spring.",
        "Swift action is needed.",
        "Let's go to the C-level meeting in Go-to-market week.",
        "Grade C, vitamin C and plan B.",
    ],
)
def test_ordinary_words_are_not_skills(sentence: str) -> None:
    assert [m for m in get_extractor().extract(sentence) if m.category != "soft"] == []


def test_excel_at_is_not_excel_but_advanced_excel_is() -> None:
    assert _canonical("Excel at teamwork.") == ["Teamwork"]
    assert _canonical("Advanced Excel and Power BI.") == ["Excel", "Power BI"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Languages: Python, Go, C", ["Python", "Go", "C"]),
        ("Written in Go.", ["Go"]),
        ("Python, R and SQL", ["Python", "R", "SQL"]),
        ("C/C++ firmware", ["C", "C++", "Embedded Systems"]),
    ],
)
def test_short_language_names_need_a_technical_context(text: str, expected: list[str]) -> None:
    assert _canonical(text) == expected


def test_short_language_names_alone_are_not_matched() -> None:
    assert _canonical("Go home. R is a letter. C is too.") == []


def test_common_soft_skill_word_needs_a_cue() -> None:
    assert _canonical("Communication with the landlord was slow.") == []
    assert _canonical("Strong communication skills.") == ["Communication"]


def test_fuzzy_near_misses_match_in_a_technical_context() -> None:
    found = _by_text("Skills: Python, Kubernates, Postgress, Javascipt")
    assert (found["Kubernates"].canonical, found["Kubernates"].source) == ("Kubernetes", "fuzzy")
    assert found["Postgress"].canonical == "PostgreSQL"
    assert found["Javascipt"].canonical == "JavaScript"
    assert found["Kubernates"].confidence < 1.0


def test_fuzzy_threshold_rejects_distant_words() -> None:
    found = _by_text("Skills: Python, Kubrick, Docker")
    assert "Kubrick" not in found or not found["Kubrick"].known


def test_fuzzy_threshold_is_a_setting() -> None:
    strict = SkillExtractor(get_taxonomy(), fuzzy_threshold=99.0)
    assert all(m.source != "fuzzy" for m in strict.extract("Skills: Python, Kubernates"))


def test_fuzzy_needs_a_technical_context() -> None:
    assert _canonical("Mr Kubernates sent a letter.") == []


def test_unknown_skill_list_items_are_kept_and_flagged() -> None:
    found = _by_text("Skills: Python, Zorblax Studio, Docker")
    unknown = found["Zorblax Studio"]
    assert (unknown.known, unknown.canonical, unknown.category) == (False, "Zorblax Studio", "unknown")
    assert found["Python"].known


def test_prose_is_not_mined_for_unknown_terms() -> None:
    mentions = get_extractor().extract("I enjoyed working with Python and Docker at a great company, really.")
    assert all(m.known for m in mentions)


def test_categories_come_from_the_taxonomy() -> None:
    found = _by_text("Python, React, PostgreSQL, AWS, Docker, Linux, Scrum, leadership skills")
    assert {text: m.category for text, m in found.items()} == {
        "Python": "language",
        "React": "framework",
        "PostgreSQL": "database",
        "AWS": "cloud",
        "Docker": "tool",
        "Linux": "platform",
        "Scrum": "methodology",
        "leadership skills": "soft",
    }


def test_a_two_page_resume_is_extracted_quickly() -> None:
    extractor = get_extractor()
    page = (Path(__file__).parent / "test_skill_extractor.py").read_text(encoding="utf-8")[:6000]
    extractor.extract(page)
    started = time.perf_counter()
    extractor.extract(page * 2)
    # A generous bound that only catches a pathological slowdown; bench/ measures the real figure.
    assert time.perf_counter() - started < 0.5


def _run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


def test_cli_prints_mentions_with_offsets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Built with FastAPI and Postgres on AWS.\n"
    source = tmp_path / "jd.txt"
    source.write_text(text, encoding="utf-8")
    code, out, err = _run_cli(["skills", "extract", str(source), "--json"], capsys)
    assert code == 0, err
    mentions = json.loads(out)
    assert [(m["canonical"], text[m["start"] : m["end"]]) for m in mentions] == [
        ("FastAPI", "FastAPI"),
        ("PostgreSQL", "Postgres"),
        ("AWS", "AWS"),
    ]
    assert {"start", "end", "text", "canonical", "category"} <= set(mentions[0])


def test_cli_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("Kafka and Redis"))
    code, out, _ = _run_cli(["skills", "extract", "-", "--json"], capsys)
    assert code == 0
    assert [m["canonical"] for m in json.loads(out)] == ["Kafka", "Redis"]


def test_cli_missing_file_fails_clearly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run_cli(["skills", "extract", str(tmp_path / "nope.txt"), "--json"], capsys)
    assert code != 0
    assert "no such file" in err


def test_a_word_that_is_also_a_skill_counts_in_a_column_of_listed_skills() -> None:
    column = "Requirements:\n• React\n• TypeScript\n• JavaScript\nNice to have: Node.js\n"
    assert "React" in {m.canonical for m in get_extractor().extract(column)}


@pytest.mark.parametrize(
    "text",
    [
        "Duties:\n- Go to the weekly planning meetings with the team\n- Python\n",  # not a short item
        "About us\nReact\n\nWe are a friendly team in Austin.\n",  # no listed skill beside it
    ],
)
def test_a_column_needs_short_items_beside_a_listed_skill(text: str) -> None:
    found = {m.canonical for m in get_extractor().extract(text)}
    assert not found & {"Go", "React"}, found


def test_a_mention_as_json_keeps_its_fields_and_adds_the_tagger_type() -> None:
    [mention] = get_extractor().extract("Experience with Terraform.")
    assert mention.to_dict() == {
        "start": 16,
        "end": 25,
        "text": "Terraform",
        "canonical": "Terraform",
        "category": "tool",
        "known": True,
        "source": "exact",
        "confidence": 1.0,
        "span_type": None,
    }


def test_cli_adds_the_taggers_spans_with_their_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "You will communicate effectively with stakeholders. Experience with Kubernetes is required.\n"
    source = tmp_path / "jd.txt"
    source.write_text(text, encoding="utf-8")

    code, out, _ = _run_cli(["skills", "extract", str(source), "--json", "--tagger", "--no-esco"], capsys)

    mentions = json.loads(out)
    assert code == 0
    by_text = {m["text"]: m for m in mentions}
    assert by_text["communicate effectively with stakeholders"]["source"] == "tagger"
    assert by_text["communicate effectively with stakeholders"]["known"] is False
    assert by_text["Kubernetes"]["canonical"] == "Kubernetes"
    assert all(text[m["start"] : m["end"]] == m["text"] and m["span_type"] in ("Skill", "Knowledge") for m in mentions)


def test_a_skills_list_goes_on_across_blank_lines_and_group_labels_until_the_next_section() -> None:
    # JSON Resume themes print each group's keywords one per line, spaced apart, under the group's name
    text = (
        "Skills\n\nMotion\n\n• After Effects\n\n• Cinema 4D\n• Premiere Pro\n\nDesign\n\n• Storyboarding\n\n"
        "Languages\n\nPortuguese\n"
    )
    found = {m.text: m for m in get_extractor().extract(text)}
    assert {"After Effects", "Cinema 4D", "Premiere Pro", "Storyboarding"} <= set(found)
    assert "Motion" not in found  # a group label is no skill
    assert found["Portuguese"].category != "unknown"  # the next section is no longer the skills list


def test_a_sentence_after_a_skills_list_ends_it() -> None:
    text = "Skills\nKubernetes, Terraform\n\nI enjoy hiking with my family and volunteering at the animal shelter.\n"
    assert "I enjoy hiking with my family and volunteering at the animal shelter" not in {
        m.text for m in get_extractor().extract(text)
    }
