"""The compiled skill taxonomy: deterministic build, shipped file loads, sources credited."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from hiring.skills.build import build, serialise
from hiring.skills.taxonomy import DEFAULT_PATH, get_taxonomy, load_taxonomy

SOURCE = Path(__file__).resolve().parents[3] / "shared" / "data" / "taxonomy"
needs_sources = pytest.mark.skipif(not SOURCE.is_dir(), reason="source data (../shared/data/taxonomy) not present")


@needs_sources
def test_building_twice_gives_identical_bytes() -> None:
    first = serialise(build(SOURCE, esco_limit=400))
    second = serialise(build(SOURCE, esco_limit=400))
    assert first == second


@needs_sources
def test_shipped_taxonomy_is_the_build_of_the_sources() -> None:
    # Fails when the curated aliases or the build change without re-running `hiring skills build-taxonomy`.
    assert serialise(build(SOURCE)) == DEFAULT_PATH.read_bytes()


def test_shipped_taxonomy_loads_with_its_sources_credited() -> None:
    taxonomy = get_taxonomy()
    assert len(taxonomy.skills) > 10_000
    assert len(taxonomy.surfaces) > 50_000
    python = taxonomy.find("python")
    assert python is not None and python.name == "Python" and python.category == "language"
    refs = {ref.split(":")[0] for skill in taxonomy.skills for ref in skill.sources}
    assert refs == {"curated", "esco", "onet", "ms"}
    data = DEFAULT_PATH.parent
    assert (data / "SOURCES.md").read_text(encoding="utf-8").count("CC BY 4.0") >= 2
    licences = {p.name for p in (data / "LICENSES").iterdir()}
    assert {"ESCO-NOTICE.txt", "ONET-NOTICE.txt", "ms-tech-skills-LICENSE.txt"} <= licences


def test_shipped_taxonomy_stays_small() -> None:
    assert DEFAULT_PATH.stat().st_size < 4 * 1024 * 1024


def test_a_taxonomy_file_round_trips(tmp_path: Path) -> None:
    compiled = {
        "format": 1,
        "skills": [["Zig", "language", ["curated"], 0]],
        "surfaces": [["zig", 0, 0], ["ziglang", 0, 0]],
        "cue_after": [],
        "cue_before": [],
        "english": "the and",
    }
    path = tmp_path / "t.json.gz"
    path.write_bytes(serialise(compiled))
    taxonomy = load_taxonomy(path)
    assert taxonomy.find("ZigLang") == taxonomy.skills[0]
    assert json.loads(gzip.decompress(path.read_bytes())) == compiled
