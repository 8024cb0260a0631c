"""The span tagger: SkillSpan-style words, BIO spans, the shipped model on posting sentences, its combination with
the taxonomy, and the training script on real SkillSpan rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from hiring.skills.extractor import SkillMention, get_extractor
from hiring.skills.tagger import (
    MODEL_PATH,
    Lexicon,
    SpanTagger,
    TaggedSpan,
    combine,
    dictionary_tags,
    extract_with_tagger,
    get_tagger,
    link_span,
    spans_from_labels,
    word_tokens,
)
from hiring.skills.train_tagger import read_conll, sentence_features, span_f1, taxonomy_lexicon, train

SKILLSPAN = Path(__file__).resolve().parents[3] / "shared" / "data" / "skills"


def _words(text: str) -> list[str]:
    return [text[s:e] for s, e in word_tokens(text)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Node.js, C++ and C# (CI/CD).", ["Node.js", ",", "C++", "and", "C#", "(", "CI/CD", ")", "."]),
        (".NET developers, front-end", [".NET", "developers", ",", "front-end"]),
        ("'Spring' – 3+ years", ["'", "Spring", "'", "–", "3+", "years"]),
    ],
)
def test_words_are_split_the_way_skillspan_writes_them(text: str, words: list[str]) -> None:
    assert _words(text) == words


@pytest.mark.parametrize(
    ("labels", "spans"),
    [
        (["O", "B-Skill", "I-Skill", "O", "B-Knowledge"], [(1, 3, "Skill"), (4, 5, "Knowledge")]),
        (["I-Knowledge", "I-Knowledge", "B-Knowledge"], [(0, 2, "Knowledge"), (2, 3, "Knowledge")]),
        (["B-Skill", "I-Knowledge", "O"], [(0, 1, "Skill"), (1, 2, "Knowledge")]),
        (["O", "O"], []),
    ],
)
def test_bio_labels_become_token_spans(labels: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert spans_from_labels(labels) == spans


def test_dictionary_tags_mark_the_words_of_each_taxonomy_match() -> None:
    text = "Experience with Amazon Web Services and Python"
    tags = dictionary_tags(word_tokens(text), get_extractor().extract(text))
    assert tags == ["O", "O", "B-tech", "I-tech", "I-tech", "O", "B-tech"]


@pytest.mark.parametrize(
    ("word", "features"),
    [
        ("kubernetes", ["not_english", "tax_word=1", "tax_single"]),
        ("stakeholders", ["english", "tax_word=few"]),
        ("the", ["english", "tax_word=many"]),
        ("management", ["english", "tax_word=many"]),
    ],
)
def test_the_lexicon_says_what_the_taxonomy_knows_of_a_word(word: str, features: list[str]) -> None:
    assert get_tagger().lexicon.features(word) == features


def test_the_shipped_model_is_small() -> None:
    assert MODEL_PATH.stat().st_size < 5_000_000


def test_the_tagger_finds_clause_long_skills_the_dictionary_cannot_reach() -> None:
    text = "You will develop automated software tests and communicate effectively with stakeholders."
    spans = get_tagger().tag(text, get_extractor().extract(text))
    skills = [s.text for s in spans if s.kind == "Skill"]
    assert any("communicate effectively" in s for s in skills)
    assert all(text[s.start : s.end] == s.text and 0 < s.confidence <= 1 for s in spans)


def test_the_tagger_finds_knowledge_in_a_requirements_list() -> None:
    text = "Requirements:\n- 3+ years of experience with Kubernetes and Terraform\n- Strong knowledge of Redis"
    kinds = {s.text: s.kind for s in get_tagger().tag(text, get_extractor().extract(text))}
    assert {kinds.get("Kubernetes"), kinds.get("Terraform"), kinds.get("Redis")} == {"Knowledge"}


def test_combine_links_tagged_spans_to_the_taxonomy_and_keeps_the_rest_unlinked() -> None:
    text = "Strong Kubernetes skills; mentor junior engineers; Python."
    python = text.index("Python")
    mentions = [SkillMention(python, python + 6, "Python", "Python", "language")]
    spans = [
        TaggedSpan(0, 17, "Strong Kubernetes", "Knowledge", 0.9),
        TaggedSpan(26, 49, "mentor junior engineers", "Skill", 0.8),
        TaggedSpan(python, python + 6, "Python", "Knowledge", 0.99),
    ]
    merged = combine(text, mentions, spans, get_extractor().taxonomy)
    found = [(m.text, m.canonical, m.known, m.source, m.span_type) for m in merged]
    assert found == [
        ("Strong Kubernetes", "Kubernetes", True, "tagger", "Knowledge"),
        ("mentor junior engineers", "mentor junior engineers", False, "tagger", "Skill"),
        ("Python", "Python", True, "exact", "Knowledge"),
    ]


@pytest.mark.parametrize("kind", ["Skill", "Knowledge"])
def test_a_tagged_span_around_one_dictionary_match_keeps_its_canonical_skill(kind: str) -> None:
    text = "Build and run data pipelines on Airflow every night."
    airflow = text.index("Airflow")
    mentions = [SkillMention(airflow, airflow + 7, "Airflow", "Apache Airflow", "tool")]
    spans = [TaggedSpan(0, airflow + 7, text[: airflow + 7], kind, 0.7)]
    [merged] = combine(text, mentions, spans, get_extractor().taxonomy)
    assert (merged.text, merged.canonical, merged.known, merged.source, merged.span_type) == (
        text[: airflow + 7],
        "Apache Airflow",
        True,
        "tagger",
        kind,
    )


def test_a_tagged_span_over_two_dictionary_matches_keeps_both() -> None:
    text = "Experience with Python and Django."
    mentions = get_extractor().extract(text)
    spans = [TaggedSpan(16, 33, "Python and Django", "Knowledge", 0.6)]
    merged = combine(text, mentions, spans, get_extractor().taxonomy)
    assert [(m.canonical, m.source, m.span_type) for m in merged] == [
        ("Python", "exact", "Knowledge"),
        ("Django", "exact", "Knowledge"),
    ]


def test_extract_with_tagger_gives_ordered_non_overlapping_mentions_with_exact_offsets() -> None:
    text = (
        "About the role\nWe build payment APIs in Go and PostgreSQL.\n"
        "What you bring:\n• Ability to communicate effectively with stakeholders\n• Experience with Kafka or RabbitMQ"
    )
    mentions = extract_with_tagger(text)
    assert {"Go", "PostgreSQL", "Kafka", "RabbitMQ"} <= {m.canonical for m in mentions if m.known}
    assert any(m.source == "tagger" and not m.known for m in mentions)
    for before, after in zip(mentions, mentions[1:], strict=False):
        assert before.end <= after.start
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_training_writes_a_model_the_tagger_opens(tmp_path: Path) -> None:
    sentences = read_conll(SKILLSPAN / "skillspan_tech_train.conll")[:150]
    lexicon = taxonomy_lexicon()
    features = [sentence_features(s, lexicon) for s in sentences]
    model = tmp_path / "small.crfsuite"
    train(sentences, features, model, c1=0.05, c2=0.01, iterations=40)
    # Fitted on these sentences, the model gives back most of their spans.
    assert span_f1(sentences, features, model) > 0.5
    spans = SpanTagger(model, lexicon).tag("Experience with Java and SQL.")
    assert all(s.kind in {"Skill", "Knowledge"} for s in spans)


def test_a_saved_lexicon_loads_as_it_was_and_gives_the_same_bytes_twice(tmp_path: Path) -> None:
    lexicon = taxonomy_lexicon()
    first, second = tmp_path / "a.lexicon.json.gz", tmp_path / "b.lexicon.json.gz"
    lexicon.save(first)
    lexicon.save(second)
    assert first.read_bytes() == second.read_bytes()
    assert Lexicon.load(first) == lexicon


def test_the_shipped_lexicon_is_the_shipped_taxonomy_s() -> None:
    # A rebuilt taxonomy without a retrained model would shift the features the model was fitted on.
    assert get_tagger().lexicon == taxonomy_lexicon(), "retrain: python -m hiring.skills.train_tagger (20 s)"


def test_skillspan_rows_fold_into_one_label_sequence_and_keep_gold_apart(tmp_path: Path) -> None:
    conll = tmp_path / "sample.conll"
    conll.write_text(
        "Experience\tO\tO\nbuilding\tB-Skill\tO\nREST\tI-Skill\tB-Knowledge\nAPIs\tI-Skill\tI-Knowledge\n"
        ".\tO\tO\n\nPython\tO\tB-Knowledge\n",
        encoding="utf-8",
    )
    first, second = read_conll(conll)
    assert first.labels == ("O", "B-Skill", "I-Skill", "I-Skill", "O")
    assert first.gold == {"Skill": [(11, 29)], "Knowledge": [(20, 29)]}
    assert first.text[11:29] == "building REST APIs"
    assert (second.labels, second.gold) == (("B-Knowledge",), {"Skill": [], "Knowledge": [(0, 6)]})


@pytest.mark.parametrize(
    ("span", "linked"),
    [
        ("a working knowledge of SQL", "SQL"),
        ("Strong Kubernetes", "Kubernetes"),
        ("Spring", "Spring"),
        ("drive", None),  # the verb, though the matcher reads "drive" as Google Drive with a cue
        ("spring", None),
        ("testing", None),
        ("mentor junior engineers", None),
    ],
)
def test_a_tagged_span_links_only_in_a_form_the_matcher_would_take_on_its_own(span: str, linked: str | None) -> None:
    skill = link_span(span, get_extractor().taxonomy)
    assert (skill.name if skill else None) == linked
