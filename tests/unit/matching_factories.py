"""Random but valid candidate and job profiles for the matching tests (seeded, so failures reproduce)."""

from __future__ import annotations

import datetime as dt
import random

from hiring.matching.profiles import CandidateProfile, JobProfile, Preferences, SkillFacts

SKILLS = ["Python", "SQL", "Azure", "AWS", "Kubernetes", "Rust", "Go", "Java", "React", "Terraform", "Docker",
          "Machine Learning", "Spark", "Kafka", "C++"]  # fmt: skip
PLACES = [("seattle", "wa", "us"), ("redmond", "wa", "us"), ("austin", "tx", "us"), ("london", None, "gb"),
          (None, None, "us"), (None, None, None)]  # fmt: skip
WORDS = ["software", "engineer", "data", "scientist", "platform", "developer", "manager", "cloud"]
TODAY = dt.date(2025, 6, 1)


def random_candidate(rng: random.Random, index: int = 0) -> CandidateProfile:
    skills = {}
    for name in rng.sample(SKILLS, rng.randint(0, 8)):
        sections = frozenset(rng.sample(["skills", "experience", "projects", "summary"], rng.randint(1, 3)))
        skills[name.lower()] = SkillFacts(name, rng.randint(0, 120), sections, rng.random() < 0.5, ())
    city, region, country = rng.choice(PLACES)
    titles = tuple(" ".join(rng.sample(WORDS, rng.randint(1, 3))) for _ in range(rng.randint(0, 3)))
    return CandidateProfile(
        id=f"c{index}",
        skills=skills,
        years=rng.randint(0, 300) / 12,
        seniority=rng.choice(["entry", "mid", "senior"]),
        education=rng.randint(-1, 4),
        fields=frozenset(rng.sample(["computer", "science", "statistics", "physics"], rng.randint(0, 2))),
        titles=titles,
        title_words=tuple(frozenset(t.split()) for t in titles),
        occupation_codes=frozenset(rng.sample(["15-1252.00", "15-2051.00"], rng.randint(0, 1))),
        city=city,
        region=region,
        country=country,
        preferences=Preferences(
            salary_min=rng.choice([None, 90_000.0, 150_000.0, 200_000.0]),
            salary_currency=rng.choice([None, "USD", "GBP"]),
            arrangement=rng.choice([None, "remote", "hybrid", "on-site"]),
            relocate=rng.random() < 0.3,
        ),
    )


def random_job(rng: random.Random, index: int = 0) -> JobProfile:
    required = tuple(rng.sample(SKILLS, rng.randint(0, 6)))
    preferred = tuple(s for s in rng.sample(SKILLS, rng.randint(0, 4)) if s not in required)
    low = rng.choice([None, 0.0, 2.0, 3.0, 5.0, 8.0, 10.0])
    high = rng.choice([None, None, (low or 0) + rng.choice([2.0, 4.0])])
    city, region, country = rng.choice(PLACES)
    salary_low = rng.choice([None, 80_000.0, 120_000.0, 160_000.0])
    salary_high = None if salary_low is None or rng.random() < 0.3 else salary_low + 40_000.0
    title = " ".join(rng.sample(WORDS, rng.randint(1, 3)))
    return JobProfile(
        id=f"j{index:05d}",
        title=title,
        seniority=rng.choice(["entry", "mid", "senior", "lead"]),
        required=required,
        preferred=preferred,
        experience_min=low,
        experience_max=high,
        education=rng.randint(-1, 4),
        fields=frozenset(rng.sample(["computer", "science", "mathematics"], rng.randint(0, 2))),
        title_words=frozenset(title.split()),
        occupation_code=rng.choice([None, "15-1252.00", "15-2051.00", "11-3021.00"]),
        occupation_title=None,
        city=city,
        region=region,
        country=country,
        arrangement=rng.choice([None, "remote", "hybrid", "on-site"]),
        salary_min=salary_low,
        salary_max=salary_high,
        salary_currency=rng.choice([None, "USD", "USD", "GBP"]) if salary_low else None,
        posted=rng.choice([None, TODAY - dt.timedelta(days=rng.randint(-2, 90))]),
    )
