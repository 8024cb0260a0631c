"""Who a scraper bot is, with no dependencies: queue consumers import it without the API's auth libraries."""

from __future__ import annotations

from dataclasses import dataclass

SCRAPER_ROLE = "scraper"


@dataclass(frozen=True)
class ScraperPrincipal:
    """A bot calling with an API key: not a user, so user roles stay closed; scoped by tenant_id like users."""

    key_id: str
    tenant_id: str
    name: str
    prefix: str
    role: str = SCRAPER_ROLE
