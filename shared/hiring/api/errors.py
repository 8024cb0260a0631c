"""Domain exceptions to HTTP responses, in one place: every error is {"error": {"code", "message", "details"?}}
(hiring.api.models.ErrorEnvelope; "detail" repeats "details" while clients move off it); refused fields are
listed as details.problems, each {"field", "in"?, "message"}. The request guard
(hiring.api.guards) answers its own refusals and any escaped exception (500 internal_error) in the same shape."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from hiring.api.models import error_body
from hiring.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    RateLimited,
    Unauthenticated,
    UnsupportedMedia,
)

STATUS_BY_ERROR: dict[type[DomainError], int] = {
    InvalidInput: 422,
    NotFound: 404,
    Unauthenticated: 401,
    Forbidden: 403,
    RateLimited: 429,
    Conflict: 409,
    PayloadTooLarge: 413,
    UnsupportedMedia: 415,
}


HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(_: Request, exc: DomainError) -> JSONResponse:
        status = next((s for t, s in STATUS_BY_ERROR.items() if isinstance(exc, t)), 400)
        headers = {}
        if isinstance(exc, Unauthenticated):
            headers["WWW-Authenticate"] = "Bearer"
        if "retry_after_s" in exc.detail:  # locked accounts, rate-limited keys
            headers["Retry-After"] = str(exc.detail["retry_after_s"])
        return JSONResponse(error_body(exc.code, exc.message, exc.detail), status_code=status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "field": ".".join(str(p) for p in err.get("loc", ())[1:]) or "body",
                "in": str(err.get("loc", ("body",))[0]),
                "message": err.get("msg", ""),
            }
            for err in exc.errors()
        ]
        return JSONResponse(
            error_body("invalid_input", "the request is not valid", {"problems": problems}), status_code=422
        )

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        """The framework's own answers (no such path, method not allowed) in the same envelope."""
        code = HTTP_CODES.get(exc.status_code, "http_error")
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code, headers=exc.headers)
