"""The candidate's side: desired roles, the feed with its gap analysis, saved job-search preferences."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
