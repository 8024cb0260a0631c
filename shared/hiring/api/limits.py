"""Rate limits on upload routes: a dependency that charges the caller's buckets before the route reads its body.

Declare it after the route's role dependency (FastAPI resolves parameters in order and shares the principal), so a
caller refused by role spends nothing. Over a limit: 429 rate_limited, Retry-After, {scope, retry_after_s}.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from hiring.api import deps
from hiring.api.security import client_address, current_principal
from hiring.principal import Principal
from hiring.services.rate_limits import Bucket, Charge


def upload_limit(action: str) -> Callable[..., None]:
    """Charge one request of `action` ("upload", ...) to the caller's user bucket and client-address bucket."""

    def dependency(request: Request, principal: Principal = Depends(current_principal)) -> None:
        config = deps.settings()
        charges = [
            Charge(
                "user", principal.user_id, Bucket(config.upload_rate_per_user_per_minute, config.upload_burst_per_user)
            )
        ]
        client = client_address(request)
        if client:
            bucket = Bucket(config.upload_rate_per_client_per_minute, config.upload_burst_per_client)
            charges.append(Charge("client", client, bucket))
        deps.rate_limiter().charge(principal.tenant_id, action, charges)

    return dependency


# One bucket pair for every upload: resumes (files and JSON Resume), job postings and feed imports.
UploadLimited = Annotated[None, Depends(upload_limit("upload"))]
