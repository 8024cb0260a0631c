"""Applications: apply, track, withdraw, the pipeline, ranked applicants, feedback and the funnel."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
