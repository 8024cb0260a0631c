"""The score's parts: each component curve, the hard filters, grades, weight profiles and the breakdown."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from hiring.matching import score as S
from hiring.matching.profiles import CandidateProfile, JobProfile, Preferences, SkillFacts, degree_fields
from hiring.matching.weights import (
    COMPONENTS,
    DEFAULT_VERSION,
    FilterConfig,
    WeightSettings,
    apply_settings,
    default_profile,
    role_level,
)

TODAY = dt.date(2025, 6, 1)


def candidate(**changes: object) -> CandidateProfile:
    base = CandidateProfile(
        id="c", skills={"python": SkillFacts("Python", 60, frozenset({"skills", "experience"}), True, ())},
        years=5.0, seniority="mid", education=2, fields=frozenset({"computer", "science"}),
        titles=("Software Engineer",), title_words=(frozenset({"software", "engineer"}),),
        occupation_codes=frozenset(), city="seattle", region="wa", country="us",
    )  # fmt: skip
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def job(**changes: object) -> JobProfile:
    base = JobProfile(
        id="j", title="Software Engineer", seniority="mid", required=("Python",), preferred=(),
        experience_min=None, experience_max=None, education=-1, fields=frozenset(),
        title_words=frozenset({"software", "engineer"}), occupation_code=None, occupation_title=None,
        city="seattle", region="wa", country="us", arrangement="on-site", salary_min=None, salary_max=None,
        salary_currency=None, posted=TODAY,
    )  # fmt: skip
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


# --- skills ---------------------------------------------------------------------------------------------


def test_a_skill_shown_in_a_recent_job_earns_full_credit_and_one_only_listed_earns_less() -> None:
    profile = default_profile("mid")
    shown = SkillFacts("Python", 60, frozenset({"experience"}), True, ())
    listed = SkillFacts("Python", 0, frozenset({"skills"}), False, ())
    assert S.skill_credit(shown, profile) == 1000
    assert S.skill_credit(listed, profile) == 600


def test_entry_roles_credit_project_evidence_more_than_senior_roles() -> None:
    in_project = SkillFacts("Rust", 0, frozenset({"projects"}), False, ())
    assert S.skill_credit(in_project, default_profile("entry")) > S.skill_credit(in_project, default_profile("senior"))


def test_required_coverage_is_the_credited_share_and_none_without_required_skills() -> None:
    people = candidate()
    assert S.coverage(("Python", "Go"), people, default_profile("mid")) == 50.0
    assert S.coverage((), people, default_profile("mid")) is None


# --- experience -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("years", "low", "high", "expected"),
    [
        (5.0, 3.0, 6.0, 100.0),  # inside the range
        (2.0, 3.0, None, 80.0),  # one year short: 20 points
        (0.0, 5.0, None, 0.0),  # five years short: nothing left
        (10.0, 3.0, 6.0, 76.0),  # four years over the maximum: 6 points a year
        (30.0, 2.0, 4.0, 40.0),  # overqualification never falls below 40
        (12.0, 3.0, None, 100.0),  # no maximum: 10 years above the minimum still fits
        (14.0, 3.0, None, 94.0),  # ... and one year beyond that costs 6
    ],
)
def test_experience_shortfall_and_overqualification_curves(
    years: float, low: float | None, high: float | None, expected: float
) -> None:
    assert S.experience_score(years, low, high) == pytest.approx(expected)


def test_experience_does_not_apply_when_the_job_states_none() -> None:
    assert S.experience_score(4.0, None, None) is None


# --- education ------------------------------------------------------------------------------------------


def test_education_level_below_what_is_asked_costs_by_distance() -> None:
    assert S.education_score(3, frozenset(), 2, frozenset()) == 100.0
    assert S.education_score(1, frozenset(), 2, frozenset()) == 60.0
    assert S.education_score(0, frozenset(), 2, frozenset()) == 25.0
    assert S.education_score(-1, frozenset(), 2, frozenset()) == S.EDUCATION_UNKNOWN
    assert S.education_score(2, frozenset(), -1, frozenset()) is None


def test_education_field_counts_thirty_percent() -> None:
    fields = degree_fields("Bachelor's degree in Computer Science or a related field.")
    assert fields == frozenset({"computer", "science"})
    assert S.education_score(2, frozenset({"computer"}), 2, fields) == pytest.approx(100.0)
    assert S.education_score(2, frozenset({"biology"}), 2, fields) == pytest.approx(0.7 * 100 + 0.3 * S.FIELD_OTHER)


# --- location -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("people", "posting", "case", "expected"),
    [
        ({}, {}, "same_city", 100.0),
        ({"city": "tacoma"}, {}, "same_region", 70.0),
        ({"city": "austin", "region": "tx"}, {}, "same_country", 40.0),
        ({"city": "london", "region": None, "country": "gb"}, {}, "abroad", 10.0),
        ({}, {"arrangement": "remote", "city": None, "region": None, "country": None}, "remote", 100.0),
        ({"city": None, "region": None, "country": None}, {}, "unknown", 50.0),
    ],
)
def test_location_by_place(people: dict, posting: dict, case: str, expected: float) -> None:  # type: ignore[type-arg]
    assert S.location_case(candidate(**people), job(**posting)) == case
    assert S.location_score(candidate(**people), job(**posting)) == expected


def test_wanting_remote_caps_an_on_site_job_in_the_same_city() -> None:
    remote_only = candidate(preferences=Preferences(arrangement="remote"))
    assert S.location_score(remote_only, job(arrangement="on-site")) == 30.0
    assert S.location_score(remote_only, job(arrangement="hybrid")) == 50.0


def test_willing_to_relocate_softens_distance() -> None:
    movers = candidate(city="austin", region="tx", preferences=Preferences(relocate=True))
    assert S.location_score(movers, job()) == 60.0


# --- salary ---------------------------------------------------------------------------------------------


def test_no_salary_expectation_counts_as_flexible() -> None:
    assert S.salary_score(candidate(), job(salary_min=10_000.0)) == 100.0


@pytest.mark.parametrize(
    ("top", "expected"),
    [(120_000.0, 100.0), (95_000.0, 95.0), (90_000.0, 90.0), (80_000.0, 60.0), (50_000.0, 0.0)],
)
def test_salary_overlap_with_ten_percent_tolerance(top: float, expected: float) -> None:
    wants = candidate(preferences=Preferences(salary_min=100_000.0, salary_currency="USD"))
    assert S.salary_score(wants, job(salary_min=top - 10_000, salary_max=top, salary_currency="USD")) == pytest.approx(
        expected
    )


def test_salary_unknown_or_in_another_currency_is_neutral_not_zero() -> None:
    wants = candidate(preferences=Preferences(salary_min=100_000.0, salary_currency="USD"))
    assert S.salary_score(wants, job()) == 70.0
    assert S.salary_score(wants, job(salary_min=50_000.0, salary_currency="GBP")) == 60.0


# --- semantic, title, recency ---------------------------------------------------------------------------


def test_semantic_rescales_cosine_and_is_missing_without_vectors() -> None:
    assert S.semantic_score(0.05) == 0.0
    assert S.semantic_score(0.35) == pytest.approx(50.0)
    assert S.semantic_score(0.9) == 100.0
    assert S.semantic_score(None) is None


def test_title_similarity_is_word_overlap_or_the_same_occupation() -> None:
    assert S.title_score(candidate(), job(title_words=frozenset({"data", "engineer"}))) == pytest.approx(100 / 3)
    same = candidate(occupation_codes=frozenset({"15-1252.00"}))
    assert S.title_score(same, job(title_words=frozenset({"developer"}), occupation_code="15-1252.00")) == 90.0
    assert S.title_score(candidate(titles=(), title_words=()), job()) is None


def test_recency_is_full_for_a_week_then_two_points_a_day() -> None:
    assert S.recency_score(3) == 100.0
    assert S.recency_score(17) == 80.0
    assert S.recency_score(200) == 0.0
    assert S.recency_score(None) is None


# --- hard filters ---------------------------------------------------------------------------------------


def test_salary_far_below_expectation_is_excluded_with_its_reason() -> None:
    wants = candidate(preferences=Preferences(salary_min=150_000.0))
    [reason] = S.hard_filters(wants, job(salary_min=90_000.0, salary_max=100_000.0), FilterConfig())
    assert reason.filter == "salary" and "33% below" in reason.reason


def test_location_filter_excludes_on_site_abroad_and_on_site_for_remote_only() -> None:
    abroad = candidate(city="london", region=None, country="gb")
    assert [e.filter for e in S.hard_filters(abroad, job(), FilterConfig())] == ["location"]
    remote_only = candidate(preferences=Preferences(arrangement="remote"))
    assert [e.filter for e in S.hard_filters(remote_only, job(arrangement="on-site"), FilterConfig())] == ["location"]
    assert S.hard_filters(abroad, job(arrangement="remote"), FilterConfig()) == []


def test_experience_far_out_of_range_is_excluded_both_ways() -> None:
    assert [e.filter for e in S.hard_filters(candidate(years=1.0), job(experience_min=5.0), FilterConfig())] == [
        "experience"
    ]
    assert S.hard_filters(candidate(years=25.0), job(experience_min=2.0, experience_max=5.0), FilterConfig())
    assert S.hard_filters(candidate(years=2.0), job(experience_min=5.0), FilterConfig()) == []


def test_each_filter_can_be_switched_off() -> None:
    off = FilterConfig(salary_enabled=False, location_enabled=False, experience_enabled=False)
    people = candidate(years=0.0, city="london", region=None, country="gb", preferences=Preferences(salary_min=1e6))
    assert S.hard_filters(people, job(experience_min=9.0, salary_max=10.0), off) == []
    profile = dataclasses.replace(default_profile("mid"), filters=off)
    assert S.pair_score(people, job(experience_min=9.0, salary_max=10.0), None, profile, TODAY) is not None


def test_an_excluded_pair_scores_nothing_and_says_why() -> None:
    result = S.score_pair(candidate(years=0.0), job(experience_min=8.0), 0.5, default_profile("mid"), TODAY)
    assert result.score == 0.0 and result.grade == "F" and not result.recommended
    assert result.breakdown["excluded_by"][0]["filter"] == "experience"


# --- grades, weights, the breakdown ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "grade"), [(95.0, "A+"), (90.0, "A+"), (89.99, "A"), (80.0, "A"), (70.0, "B"), (60.0, "C"),
                         (50.0, "D"), (49.99, "F")],
)  # fmt: skip
def test_grades(value: float, grade: str) -> None:
    assert S.grade_of(value) == grade


def test_quantize_rounds_half_up_to_two_decimals() -> None:
    assert S.quantize(70.004) == 70.0
    assert S.quantize(69.995) == 70.0
    assert S.quantize(1 / 3 * 100) == 33.33


def test_role_levels_pick_profiles_and_senior_weighs_experience_more_than_entry() -> None:
    assert role_level("lead") == "senior" and role_level("executive") == "senior" and role_level(None) == "mid"
    assert default_profile("senior").weight("experience") > default_profile("entry").weight("experience")
    assert default_profile("entry").weight("education") > default_profile("senior").weight("education")


def test_tenant_settings_override_weights_and_filters_under_their_own_version() -> None:
    profile = apply_settings(
        WeightSettings(level="senior", weights={"salary": 0}, filters={"salary_shortfall": 0.5}), "tenant-senior-v2"
    )
    assert profile.version == "tenant-senior-v2"
    assert profile.weight("salary") == 0 and profile.weight("experience") == default_profile("senior").weight(
        "experience"
    )
    assert profile.filters.salary_shortfall == 0.5 and profile.filters.location_enabled


def test_settings_refuse_unknown_components_and_overfull_credits() -> None:
    with pytest.raises(ValueError, match="unknown components"):
        WeightSettings(level="mid", weights={"charisma": 5})
    with pytest.raises(ValueError, match="may not exceed 1000"):
        apply_settings(WeightSettings(level="mid", base_credit=900), "v")


def test_the_breakdown_records_every_component_with_its_weight_and_the_version() -> None:
    result = S.score_pair(candidate(), job(required=("Python", "Go")), 0.4, default_profile("mid"), TODAY)
    components = result.breakdown["components"]
    assert list(components) == list(COMPONENTS)
    assert components["required_skills"]["weight"] == 30 and components["required_skills"]["score"] == 50.0
    assert components["experience"]["applies"] is False and components["experience"]["points"] is None
    assert result.breakdown["weights_version"] == DEFAULT_VERSION
    applied = [c for c in components.values() if c["applies"]]
    assert sum(c["points"] for c in applied) == pytest.approx(result.score, abs=0.05)
    assert result.matched_skills == ["Python"] and result.missing_skills == ["Go"]
    assert components["required_skills"]["matched"][0]["sections"] == ["experience", "skills"]


def test_components_that_do_not_apply_give_their_weight_to_the_others() -> None:
    profile = default_profile("mid")
    bare = job(required=(), posted=None, title_words=frozenset())
    parts = S.component_scores(candidate(), bare, None, profile, TODAY)
    assert {k for k, v in parts.items() if v is None} == {
        "preferred_skills", "experience", "education", "semantic", "title", "recency",
    }  # fmt: skip
    # required 50 (unknown) x 30, location 100 x 10, salary 100 x 7, over 47
    assert S.weighted_total(parts, profile) == S.quantize((30 * 50 + 10 * 100 + 7 * 100) / 47)


def test_a_job_naming_no_skills_is_unknown_not_a_free_pass_and_preferred_ones_stand_in() -> None:
    profile = default_profile("mid")
    assert S.required_score(job(required=(), preferred=()), candidate(), profile) == S.SKILLS_UNKNOWN
    stand_in = job(required=(), preferred=("Python", "Go"))
    assert S.required_score(stand_in, candidate(), profile) == 50.0  # Python of Python, Go
    assert S.preferred_score(stand_in, candidate(), profile) is None  # not counted twice
    result = S.score_pair(candidate(), stand_in, None, profile, TODAY)
    assert result.breakdown["components"]["required_skills"]["measured"] == "preferred"
    assert result.missing_skills == ["Go"]


def test_scoring_is_deterministic() -> None:
    runs = {S.score_pair(candidate(), job(), 0.31, default_profile("entry"), TODAY).score for _ in range(5)}
    assert len(runs) == 1
