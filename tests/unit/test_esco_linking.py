"""ESCO linking with the real int8 all-MiniLM-L6-v2 model over the shipped ESCO index; nothing is mocked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from hiring.adapters.onnx_embedder import OnnxMiniLmEmbedder
from hiring.cli import main
from hiring.skills.esco_linking import (
    DEFAULT_INDEX_PATH,
    ESCO_SKILL_PREFIX,
    EscoLinker,
    build_index,
    load_index,
    read_esco_concepts,
    save_index,
    split_sentences,
)
from hiring.skills.extractor import get_extractor

ESCO_ZIP = Path(__file__).resolve().parents[3] / "shared" / "data" / "taxonomy" / "esco-v1.1.1-en-csv.zip"
needs_esco = pytest.mark.skipif(not ESCO_ZIP.is_file(), reason="the ESCO CSV zip sits beside the repository")
POSTING = (
    "About the role\n"
    "You will build backend services for our payments platform.\n"
    "Requirements:\n"
    "- 5+ years of Python and PostgreSQL.\n"
    "- You communicate effectively with stakeholders and attend to detail.\n"
    "- Develop automated software tests for every release.\n"
)
NO_SKILL = "The office is on the third floor, next to the lifts."


@pytest.fixture(scope="module")
def linker() -> EscoLinker:
    return EscoLinker(OnnxMiniLmEmbedder())


def _labels(links: tuple[object, ...]) -> list[str]:
    return [link.label for link in links]  # type: ignore[attr-defined]


def test_a_stakeholder_communication_phrase_ranks_an_esco_communication_skill_in_the_top_5(
    linker: EscoLinker,
) -> None:
    (links,) = linker.link_phrases(["communicate effectively with stakeholders"])

    assert any(label.startswith("communicat") for label in _labels(links)), _labels(links)


def test_an_automated_testing_phrase_ranks_an_esco_software_testing_skill_in_the_top_5(linker: EscoLinker) -> None:
    (links,) = linker.link_phrases(["develop automated software tests"])

    assert any(re.search(r"\btest", label) for label in _labels(links)), _labels(links)


def test_attend_to_detail_links_to_the_esco_skill_of_that_name(linker: EscoLinker) -> None:
    (links,) = linker.link_phrases(["attend to detail"])

    assert "attend to detail" in _labels(links)
    assert all(link.uri.startswith(ESCO_SKILL_PREFIX) for link in links)


def test_soft_skills_written_as_people_write_them_reach_their_esco_skills(linker: EscoLinker) -> None:
    attention, team = linker.link_phrases(["strong attention to detail", "a dedicated team player"])

    assert "attend to detail" in _labels(attention)
    assert any("team" in label for label in _labels(team)), _labels(team)


def test_a_sentence_without_a_skill_scores_well_below_sentences_that_name_one(linker: EscoLinker) -> None:
    no_skill, skill = linker.link_phrases([NO_SKILL, "develop automated software tests"])

    assert no_skill[0].score < 0.6
    assert skill[0].score > no_skill[0].score + 0.25


def test_links_come_ranked_best_first_and_as_many_as_asked(linker: EscoLinker) -> None:
    (links,) = linker.link_phrases(["project management"], top=3)

    assert len(links) == 3
    assert [link.score for link in links] == sorted((link.score for link in links), reverse=True)
    assert links[0].label == "project management"


def test_sentence_mode_links_each_requirement_line_with_offsets_into_the_text(linker: EscoLinker) -> None:
    sentences = linker.link_sentences(POSTING)

    assert all(POSTING[s.start : s.end] == s.text for s in sentences)
    by_text = {s.text: _labels(s.esco) for s in sentences}
    assert "attend to detail" in by_text["You communicate effectively with stakeholders and attend to detail."]
    assert "Python (computer programming)" in by_text["5+ years of Python and PostgreSQL."]


def test_the_dictionarys_own_esco_link_comes_first_for_a_mention(linker: EscoLinker) -> None:
    mentions = [m for m in get_extractor().extract("Skills: Python, Java") if m.canonical in {"Python", "Java"}]

    links = linker.link_mentions(mentions)

    assert [found[0].label for found in links] == ["Python (computer programming)", "Java (computer programming)"]


def test_sentences_are_split_at_ends_line_breaks_and_bullets() -> None:
    text = "Requirements: Python. Docker!\n• Kubernetes • Terraform\n\n  Go"

    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Requirements: Python.",
        "Docker!",
        "Kubernetes",
        "Terraform",
        "Go",
    ]


def test_an_embedder_of_another_model_is_refused() -> None:
    from hiring.adapters.hashing_embedder import HashingEmbedder

    with pytest.raises(ValueError, match="ESCO index"):
        EscoLinker(HashingEmbedder(384))


def test_the_shipped_index_holds_int8_vectors_for_every_esco_skill() -> None:
    with np.load(DEFAULT_INDEX_PATH) as raw:
        label_values, description_values = raw["label_values"], raw["description_values"]
        label_owner, term_owner = raw["label_owner"], raw["term_owner"]
    index = load_index()

    assert label_values.dtype == np.int8 and description_values.dtype == np.int8
    assert label_values.shape == (len(label_owner), 384)
    assert description_values.shape == (index.size, 384) == (len(index.uris), 384)
    assert len(set(index.uris)) == index.size == len(index.labels)
    assert set(np.unique(label_owner)) == set(range(index.size)) == set(np.unique(term_owner))
    assert np.linalg.norm(index.label_vectors, axis=1) == pytest.approx(np.ones(len(label_owner)), abs=1e-4)
    assert index.model_name == OnnxMiniLmEmbedder().model_name
    assert DEFAULT_INDEX_PATH.stat().st_size < 15_000_000


@needs_esco
def test_the_shipped_index_covers_the_released_esco_skills_of_the_classification() -> None:
    concepts = read_esco_concepts(ESCO_ZIP)
    index = load_index()

    assert [ESCO_SKILL_PREFIX + uri for uri in index.uris] == [c.uri for c in concepts]
    assert index.labels == [c.label for c in concepts]
    assert len(index.terms) == sum(1 + len(c.alternatives) for c in concepts)


@needs_esco
def test_a_built_index_survives_saving_and_links_like_the_shipped_one(tmp_path: Path) -> None:
    wanted = {"attend to detail", "communication", "develop automated software tests", "work in teams"}
    concepts = [c for c in read_esco_concepts(ESCO_ZIP) if c.label in wanted]
    embedder = OnnxMiniLmEmbedder()
    save_index(tmp_path / "small.npz", build_index(concepts, embedder))

    small = EscoLinker(embedder, load_index(tmp_path / "small.npz"))
    (links,) = small.link_phrases(["a dedicated team player"], top=1)

    assert links[0].label == "work in teams"


def _run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


@pytest.fixture
def posting_file(tmp_path: Path) -> Path:
    path = tmp_path / "posting.txt"
    path.write_text(POSTING, encoding="utf-8")
    return path


def test_cli_mentions_keep_their_keys_and_gain_ranked_esco_links(
    posting_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run_cli(["skills", "extract", str(posting_file), "--json", "--esco-top", "3"], capsys)

    assert code == 0, err
    mentions = json.loads(out)
    python = next(m for m in mentions if m["canonical"] == "Python")
    assert {"start", "end", "text", "canonical", "category", "known", "source", "confidence"} <= set(python)
    assert 1 <= len(python["esco"]) <= 3
    assert set(python["esco"][0]) == {"label", "uri", "score"}
    assert python["esco"][0]["label"] == "Python (computer programming)"


def test_cli_without_esco_prints_the_plain_mentions(posting_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run_cli(["skills", "extract", str(posting_file), "--no-esco"], capsys)

    assert code == 0
    mentions = json.loads(out)
    assert mentions and all("esco" not in m for m in mentions)


def test_cli_sentence_mode_prints_each_sentence_with_its_esco_skills(
    posting_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run_cli(["skills", "extract", str(posting_file), "--json", "--sentences"], capsys)

    assert code == 0, err
    sentences = json.loads(out)
    assert all(
        set(s) == {"start", "end", "text", "esco"} and POSTING[s["start"] : s["end"]] == s["text"] for s in sentences
    )
    tests_line = next(s for s in sentences if s["text"].startswith("Develop automated"))
    assert tests_line["esco"][0]["label"] == "develop automated software tests"
    assert len(tests_line["esco"]) == 5


def test_cli_refuses_sentence_mode_without_esco_linking(posting_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run_cli(["skills", "extract", str(posting_file), "--sentences", "--no-esco"], capsys)

    assert code == 2
    assert out == ""
    assert "--no-esco" in err
