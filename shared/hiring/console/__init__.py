"""The web console: a small single-page app (plain ES modules, no build step) in static/, served by the API's
own app locally (`hiring dev`, the test server) and from S3 behind CloudFront in AWS (infra/hiring_infra/console.py).

The static files are not part of the `hiring` wheel (pyproject's package-data leaves them out), so the api Lambda
layer does not carry them; `mount_console` mounts them only where the folder exists (a source checkout)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

STATIC_DIR = Path(__file__).resolve().parent / "static"

# Only the console's own origin: no inline script or style, no other host, no framing. Chart.js styles its canvas
# through the CSSOM (element.style), which style-src does not govern.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
ASSET_MAX_AGE_S = 300  # modules and styles: short, so a changed file is picked up within minutes
# Paths the API owns: an unknown one answers the API's JSON 404, never a console file.
API_PREFIXES = ("api", "docs", "redoc", "openapi.json", "health", "static-offline-docs")


class ConsoleFiles(StaticFiles):
    """StaticFiles with the console's cache and security headers, that never answers for an API path."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        first = path.split("/", 1)[0]
        if first in API_PREFIXES:
            raise HTTPException(status_code=404, detail="Not Found")
        response = await super().get_response(path, scope)
        is_index = path in ("", ".", "index.html") or response.headers.get("content-type", "").startswith("text/html")
        response.headers["Cache-Control"] = "no-cache" if is_index else f"public, max-age={ASSET_MAX_AGE_S}"
        response.headers.update(SECURITY_HEADERS)
        return response


def mount_console(app: FastAPI) -> bool:
    """Serve the console at "/" as the router's fallback: a path no API route matches, even one added later,
    goes to the console's files. False when the files are not here (an installed wheel, the Lambda layer)."""
    if not (STATIC_DIR / "index.html").is_file():
        return False
    app.router.default = ConsoleFiles(directory=STATIC_DIR, html=True)
    return True
