"""ATS keyword coverage before and after tailoring: coverage of skills never changes (nothing is added, nothing
naming a posting skill is dropped), prominence is what moves, and a missing skill is reported missing."""

from __future__ import annotations

import pytest

from hiring.packs.coverage import TOP_SKILLS, coverage
from hiring.packs.tailor import JobNeeds, tailor
from hiring.resume.model import Experience, ParsedResume, Skill
from tests.unit.test_pack_tailor import NAMES, _needs, _profile


def test_a_buried_skill_becomes_prominent_and_a_missing_one_stays_missing() -> None:
    filler = ["Excel", "Jira", "Confluence", "Tableau", "Git", "Docker"]
    assert len(filler) >= TOP_SKILLS
    profile = ParsedResume(
        name="Ada Example",
        experience=[Experience(company="Acme", title="Analyst",
                               description="Ran the weekly reports\nWrote Python scripts for the ETL jobs")],
        skills=[Skill(name=name) for name in [*filler, "Python"]],
    )  # fmt: skip
    needs = JobNeeds("Data Engineer", ("Python", "Kafka"), ("Docker",))
    pack = tailor(profile, needs)
    report = coverage(profile, pack.sources, pack.lines, needs)
    by = {s.skill: s for s in report.skills}
    python = by["Python"]
    assert python.before == ["experience[0].description[1]", f"skills[{len(filler)}].name"]
    assert (python.covered_before, python.prominent_before) == (True, False)
    assert (python.covered_after, python.prominent_after) == (True, True)
    assert python.after == [f"skills[{len(filler)}].name", "experience[0].description[1]"]
    kafka = by["Kafka"]
    assert (kafka.covered_before, kafka.covered_after, kafka.before, kafka.after) == (False, False, [], [])
    assert by["Docker"].kind == "preferred" and by["Docker"].covered_after
    assert (report.required, report.required_covered_before, report.required_covered_after) == (2, 1, 1)
    assert report.prominent_after > report.prominent_before


@pytest.mark.parametrize("name", NAMES)
def test_tailoring_keeps_every_covered_skill_covered_and_cites_real_lines(name: str) -> None:
    profile, needs = _profile(name), _needs()
    pack = tailor(profile, needs)
    report = coverage(profile, pack.sources, pack.lines, needs)
    assert [s.skill for s in report.skills] == [*needs.required, *needs.preferred]
    output_refs = {line.source for line in pack.lines}
    for item in report.skills:
        assert item.covered_after == item.covered_before, item
        assert set(item.after) <= output_refs and set(item.before) <= set(pack.sources)
        mentioned = {s.name.lower() for s in profile.skills}
        if item.skill.lower() in mentioned:
            assert item.covered_before
    assert report.prominent_after >= report.prominent_before
