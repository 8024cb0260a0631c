"""Administration: the audit log, metrics, users and import batches."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
