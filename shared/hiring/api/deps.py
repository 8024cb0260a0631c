"""FastAPI dependencies that hand routes their services: a route declares what it uses and never reaches into
the container or the database itself (tests may override any of these with app.dependency_overrides)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hiring.config import Settings
from hiring.container import get_container

if TYPE_CHECKING:
    from hiring.identity import IdentityService
    from hiring.scraping.api_keys import ApiKeyService
    from hiring.scraping.scrape_queue import ScrapeQueue
    from hiring.services.admin import AdminService
    from hiring.services.applications import ApplicationService
    from hiring.services.audit import AuditService
    from hiring.services.candidates import CandidateService
    from hiring.services.health import HealthService
    from hiring.services.jobs import JobService
    from hiring.services.matching import MatchingService
    from hiring.services.metrics import MetricsService
    from hiring.services.packs import PackService
    from hiring.services.privacy import PrivacyService
    from hiring.services.profile import ProfileService
    from hiring.services.rate_limits import RateLimiter
    from hiring.services.resumes import ResumeService
    from hiring.services.sourcing import SourcingService
    from hiring.services.sourcing_outreach import OutreachService
    from hiring.sourcing.enrichment import GitHubAdapter


def settings() -> Settings:
    return get_container().settings


def identity_service() -> IdentityService:
    return get_container().identity


def resume_service() -> ResumeService:
    return get_container().resumes


def job_service() -> JobService:
    return get_container().jobs


def matching_service() -> MatchingService:
    return get_container().matching


def audit_service() -> AuditService:
    from hiring.services.audit import AuditService

    return AuditService(get_container().db)


def health_service() -> HealthService:
    from hiring.services.health import HealthService

    container = get_container()
    probes = {"database": container.db.ping, "queue": container.queue.ping}
    return HealthService(probes, container.settings.health_timeout_s)


def scrape_queue() -> ScrapeQueue:
    from hiring.scraping.scrape_queue import ScrapeQueue

    container = get_container()
    return ScrapeQueue(container.db, container.queue, container.blobs)


def api_key_service() -> ApiKeyService:
    from hiring.scraping.api_keys import ApiKeyService

    return ApiKeyService(get_container().db)


def metrics_service() -> MetricsService:
    from hiring.services.metrics import MetricsService

    container = get_container()
    return MetricsService(container.db, container.queue)


def admin_service() -> AdminService:
    from hiring.services.admin import AdminService

    return AdminService(get_container().db)


def application_service() -> ApplicationService:
    from hiring.services.applications import ApplicationService
    from hiring.services.feedback_rephrase import FeedbackRephraser

    container = get_container()
    return ApplicationService(container.db, container.matching, container.resumes.ensure_visible,
                              lambda: FeedbackRephraser.from_match(container.match_rephraser))  # fmt: skip


def privacy_service() -> PrivacyService:
    from hiring.services.privacy import PrivacyService

    container = get_container()
    identity = container.identity
    return PrivacyService(
        container.db,
        container.blobs,
        container.vectors,
        throttle_key=lambda email: identity._key("login-account", email),
        retention_days=container.settings.retention_days,
        queue=container.queue,
    )


def candidate_service() -> CandidateService:
    from hiring.services.candidates import CandidateService

    container = get_container()
    return CandidateService(container.db, container.matching, container.resumes)


def rate_limiter() -> RateLimiter:
    from hiring.services.rate_limits import RateLimiter

    container = get_container()
    return RateLimiter(container.db, container.identity._key)  # the login throttle's keyed hash: no id in clear


def profile_service() -> ProfileService:  # the resume text and the candidate's corrections (issue 13)
    from hiring.services.profile import ProfileService

    container = get_container()
    return ProfileService(container.db, container.resumes, container.queue)


def sourcing_service() -> SourcingService:  # sourcing runs (issue 14)
    from hiring.services.sourcing import SourcingService

    return SourcingService(get_container().db)


def pack_service() -> PackService:  # application packs (issue 14)
    from hiring.services.packs import PackService
    from hiring.services.profile import ProfileService

    container = get_container()
    profiles = ProfileService(container.db, container.resumes, container.queue)
    return PackService(container.db, profiles, container.match_rephraser)


def github_enricher() -> GitHubAdapter:  # sourcing enrichment (issue 14): the public REST API, or a test server
    from hiring.sourcing.enrichment import GitHubAdapter

    container = get_container()
    return GitHubAdapter(container.settings.github_api_url, token=container.github_token)


def outreach_service() -> OutreachService:  # sourcing outreach and suppression (issue 14)
    from hiring.services.sourcing_outreach import OutreachService

    container = get_container()
    return OutreachService(container.db, container.match_rephraser)
