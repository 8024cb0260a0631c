"""Learned weights behind an offline evaluation, through the real API and Postgres (issue 14, outcome analytics):
GET /api/admin/outcomes carries learned_weights_evaluation. Below 40 decided applications it says too_little_data
and offers nothing; a tenant whose outcomes follow one score component gets "better" with that component weighted
up, shown as a proposal only (the tenant's match weights are untouched); random outcomes get "not_better"; the same
outcomes give the same answer; another tenant's outcomes are never read. Applications are seeded with breakdowns the
real scorer's weighted mean gives (default mid-level weights)."""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from hiring.adapters.postgres import Json
from hiring.matching.score import grade_of, weighted_total
from hiring.matching.weights import COMPONENTS, default_profile
from hiring.packs.learned import MIN_DECIDED
from hiring.principal import Principal, Role
from hiring.services.jobs import JobPosting
from tests.conftest import login

PASSWORD = "a long password 1"
PROFILE = default_profile("mid")
Outcome = Callable[[dict[str, float | None], random.Random], bool]


def _tenant(container: Any, slug: str) -> dict[str, Any]:
    tenant_id = container.identity.create_tenant(slug, slug.title())
    admin_id = container.identity.create_user(tenant_id, f"admin@{slug}.test", PASSWORD, Role.ADMIN)
    admin = Principal(admin_id, tenant_id, Role.ADMIN, f"admin@{slug}.test")
    job = container.jobs.create(admin, JobPosting(title="Platform Engineer", description="Python and Kubernetes."))
    return {"tenant_id": tenant_id, "job_id": str(job.id), "email": f"admin@{slug}.test"}


def _seed(container: Any, tenant: dict[str, Any], count: int, outcome: Outcome, seed: int, open_ones: int = 0) -> None:
    """`count` decided applications (reached an interview or rejected, as `outcome` says) and `open_ones` still
    open, each with random component scores (salary often not applying) and the score the scorer gives them."""
    rng = random.Random(seed)
    with container.db.connect() as conn:
        for k in range(count + open_ones):
            values: dict[str, float | None] = {name: float(rng.randint(0, 100)) for name in COMPONENTS}
            if rng.random() < 0.4:
                values["salary"] = None
            score = weighted_total(values, PROFILE)
            status = "applied" if k >= count else rng.choice(["interview", "offer", "hired"]) if outcome(
                values, rng) else "rejected"  # fmt: skip
            components = {name: {"score": values[name], "weight": PROFILE.weight(name), "applies": values[name]
                                 is not None} for name in COMPONENTS}  # fmt: skip
            breakdown = {"score": score, "grade": grade_of(score), "weights_version": PROFILE.version,
                         "level": PROFILE.level, "components": components, "excluded_by": []}  # fmt: skip
            conn.execute(
                "INSERT INTO applications (id, tenant_id, job_id, source, status, score, grade, breakdown, explanation,"
                " weights_version, scorer, scored_from) VALUES (%s, %s, %s, 'applied', %s, %s, %s, %s, '{}', %s,"
                " 'test-seed', 'stored_match')",
                (str(uuid.UUID(int=rng.getrandbits(128))), tenant["tenant_id"], tenant["job_id"], status, score,
                 grade_of(score), Json(breakdown), PROFILE.version),
            )  # fmt: skip


def _follows_location(values: dict[str, float | None], rng: random.Random) -> bool:
    return (values["location"] or 0.0) + rng.gauss(0, 12) > 55


def _coin(values: dict[str, float | None], rng: random.Random) -> bool:
    return rng.random() < 0.5


def _evaluation(http: httpx.Client, tenant: dict[str, Any]) -> dict[str, Any]:
    response = http.get("/api/admin/outcomes", headers=login(http, tenant["email"], PASSWORD))
    assert response.status_code == 200, response.text
    evaluation: dict[str, Any] = response.json()["learned_weights_evaluation"]
    return evaluation


@pytest.fixture
def acme(container: Any) -> dict[str, Any]:
    return _tenant(container, "acme")


def test_below_the_minimum_it_says_too_little_data_and_offers_nothing(
    container: Any, http: httpx.Client, acme: dict[str, Any]
) -> None:
    empty = _evaluation(http, acme)
    assert (empty["status"], empty["sample_size"], empty["weights"], empty["auc_learned"]) == (
        "too_little_data", 0, None, None)  # fmt: skip
    _seed(container, acme, MIN_DECIDED - 1, _follows_location, seed=3, open_ones=15)
    small = _evaluation(http, acme)
    assert small["status"] == "too_little_data" and small["sample_size"] == MIN_DECIDED - 1  # open ones left out
    assert small["weights"] is None and small["auc_fixed"] is None and small["fixed_weights"] is None
    assert str(MIN_DECIDED) in small["note"] and small["applied"] is False
    assert small["positives"] + small["negatives"] == MIN_DECIDED - 1 and small["held_back"] == (
        math.ceil(0.3 * small["positives"]) + math.ceil(0.3 * small["negatives"]))  # fmt: skip


def test_outcomes_following_one_component_give_better_with_it_weighted_up_as_a_proposal_only(
    container: Any, http: httpx.Client, acme: dict[str, Any]
) -> None:
    admin = login(http, acme["email"], PASSWORD)
    weights_before = http.get("/api/admin/match-weights", headers=admin).json()
    _seed(container, acme, 150, _follows_location, seed=11, open_ones=10)
    other = _tenant(container, "globex")
    _seed(container, other, 150, _coin, seed=12)

    found = _evaluation(http, acme)
    assert found["status"] == "better", found
    held = math.ceil(0.3 * found["positives"]) + math.ceil(0.3 * found["negatives"])  # 30 % of each outcome
    assert (found["sample_size"], found["positives"] + found["negatives"], found["held_back"]) == (150, 150, held)
    assert found["auc_learned"] > found["auc_fixed"] and found["gain_low"] > 0
    proposed, fixed = found["weights"], found["fixed_weights"]
    assert max(proposed, key=proposed.get) == "location" and proposed["location"] > 2 * fixed["location"]
    assert fixed["location"] == pytest.approx(100 * PROFILE.weight("location") / sum(PROFILE.weights.values()), abs=0.1)
    assert sum(proposed.values()) == pytest.approx(100, abs=0.5) and min(proposed.values()) >= 0
    assert found["applied"] is False and "nothing applies them" in found["note"]
    assert _evaluation(http, acme) == found  # deterministic: the same outcomes, the same answer
    assert http.get("/api/admin/match-weights", headers=admin).json() == weights_before  # nothing applied

    globex = _evaluation(http, other)  # its own outcomes only: 150 coin flips
    assert globex["sample_size"] == 150 and globex["status"] == "not_better" and globex["weights"] is None


def test_random_outcomes_are_not_better_and_offer_nothing(
    container: Any, http: httpx.Client, acme: dict[str, Any]
) -> None:
    _seed(container, acme, 120, _coin, seed=5)
    found = _evaluation(http, acme)
    assert found["status"] == "not_better" and found["weights"] is None and found["sample_size"] == 120
    assert found["auc_fixed"] is not None and found["auc_learned"] is not None and found["gain_low"] <= 0
    assert "nothing is offered" in found["note"]
