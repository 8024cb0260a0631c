"""The hostile-file corpus through the real pipeline: each file dropped in the inbox, taken in by the parse
function (worker processes, Postgres), ends in the final state its manifest entry names; none stays pending."""

from __future__ import annotations

import pytest

from tests.fixtures.hostile.generate import BUILDERS, build, manifest

MANIFEST = manifest()


def test_the_manifest_names_every_generated_file_and_a_final_state_for_each() -> None:
    assert set(MANIFEST) == set(BUILDERS) and len(MANIFEST) >= 20
    for entry in MANIFEST.values():
        assert entry["status"] in {"parsed", "needs_review", "failed"}
        assert (entry["error_code"] is None) == (entry["status"] == "parsed")


@pytest.fixture
def outcomes(container, demo, runtime) -> dict[str, dict]:  # type: ignore[no-untyped-def,type-arg]
    container.resumes.max_bytes = 6 * 1024 * 1024  # the 4 MB file reaches the character limit, not the byte limit
    for name in BUILDERS:
        container.blobs.put(f"inbox/demo/{name}", build(name))
    runtime.drain()
    with container.db.connect() as conn:
        rows = conn.execute("SELECT inbox_key, status, error_code, text_content, attempts FROM resumes").fetchall()
    return {row["inbox_key"].removeprefix("inbox/demo/"): row for row in rows}


def test_every_hostile_file_ends_in_its_expected_final_state(outcomes, container) -> None:  # type: ignore[no-untyped-def]
    got = {name: (row["status"], row["error_code"]) for name, row in outcomes.items()}
    expected = {name: (entry["status"], entry["error_code"]) for name, entry in MANIFEST.items()}
    assert got == expected
    assert all(row["attempts"] == 1 for row in outcomes.values())  # no retry loop on any of them
    assert container.blobs.list("inbox/") == []


def test_no_hostile_file_leaves_control_characters_or_resolved_entities_in_the_store(outcomes) -> None:  # type: ignore[no-untyped-def]
    from hiring.hygiene import has_forbidden_chars

    texts = {name: row["text_content"] for name, row in outcomes.items() if row["text_content"]}
    assert not [name for name, text in texts.items() if has_forbidden_chars(text)]
    assert "root:" not in texts["external_entities.docx"] and "lollol" not in texts["external_entities.docx"]
    assert "Senior software engineer" in texts["nul_bytes.txt"]
