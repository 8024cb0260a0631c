"""JSON responses from any value the services return (UUIDs, datetimes, Decimals, dataclasses)."""

from __future__ import annotations

from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse


def json_response(content: Any, status_code: int = 200) -> JSONResponse:
    return JSONResponse(jsonable_encoder(content), status_code=status_code)
