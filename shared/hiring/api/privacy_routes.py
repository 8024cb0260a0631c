"""Privacy: export everything held about the caller, erasure, and the caller's AI-processing choices."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
