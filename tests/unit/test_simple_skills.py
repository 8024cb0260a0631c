"""The skeleton's first skill list: canonical names, aliases, and no common-word false positives."""

from __future__ import annotations

import pytest

from hiring.parsing.skills import extract_skills


def test_aliases_map_to_canonical_names() -> None:
    found = extract_skills("Worked with JS, React.js, k8s and Postgres; some golang.")
    assert found == ["JavaScript", "React", "Kubernetes", "PostgreSQL", "Go"]


def test_react_native_is_not_react() -> None:
    assert extract_skills("Shipped apps in React Native.") == ["React Native"]


def test_java_is_not_javascript() -> None:
    assert extract_skills("Ten years of Java.") == ["Java"]


@pytest.mark.parametrize(
    "sentence",
    ["We react quickly to incidents.", "Rest easy, we go home early.", "The R&D team met in spring."],
)
def test_ordinary_words_are_not_skills(sentence: str) -> None:
    assert extract_skills(sentence) == []


def test_symbol_names_need_their_own_edges() -> None:
    assert extract_skills("C#, C++ and .NET") == ["C#", "C++", ".NET"]
    assert extract_skills("cplusplus.com is a website") == []
