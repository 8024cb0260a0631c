"""The skeleton's first skill list: canonical names, aliases, and no common-word false positives."""

from __future__ import annotations

import pytest

from hiring.skills import skill_names


def test_aliases_map_to_canonical_names() -> None:
    found = skill_names("Worked with JS, React.js, k8s and Postgres; some golang.")
    assert found == ["JavaScript", "React", "Kubernetes", "PostgreSQL", "Go"]


def test_react_native_is_not_react() -> None:
    assert skill_names("Shipped apps in React Native.") == ["React Native"]


def test_java_is_not_javascript() -> None:
    assert skill_names("Ten years of Java.") == ["Java"]


@pytest.mark.parametrize(
    "sentence",
    ["We react quickly to incidents.", "Rest easy, we go home early.", "The R&D team met in spring."],
)
def test_ordinary_words_are_not_skills(sentence: str) -> None:
    assert skill_names(sentence) == []


def test_symbol_names_need_their_own_edges() -> None:
    assert skill_names("C#, C++ and .NET") == ["C#", "C++", ".NET"]
    assert skill_names("cplusplus.com is a website") == []
