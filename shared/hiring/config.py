"""Settings validated once at cold start. Nothing reads the environment at import time."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    """Every knob of the system. Environment variables use the HIRING_ prefix unless aliased."""

    model_config = SettingsConfigDict(env_prefix="HIRING_", extra="ignore", populate_by_name=True)

    # "local": directory blobs, Postgres queue, pgvector; "aws": S3, SQS, OpenSearch.
    runtime: Literal["local", "aws"] = "local"
    # The AWS region of every client (Secrets Manager, S3, SQS, OpenSearch, SNS). Lambda sets AWS_REGION itself;
    # required when runtime is aws, never guessed.
    aws_region: str | None = Field(default=None, alias="AWS_REGION")

    # Relational store. Locally, unset means "start the embedded server under data_dir".
    database_url: str | None = Field(default=None, alias="DATABASE_URL")
    database_secret_arn: str | None = None  # aws: Secrets Manager secret with host/port/username/password/dbname

    data_dir: Path = REPO_ROOT / "var"

    # Blob store
    blob_bucket: str | None = None  # aws
    # Work queue
    queue_url: str | None = None  # aws
    queue_visibility_timeout_s: int = Field(default=60, ge=1)
    queue_max_receives: int = Field(default=3, ge=1)

    # Vector index
    opensearch_endpoint: str | None = None  # aws
    opensearch_index: str = "hiring-vectors"
    embedding_dim: int = Field(default=384, ge=8)  # the pgvector column is vector(384) (migration 0002)
    # onnx: all-MiniLM-L6-v2 (int8 ONNX, no torch) on this machine; openai: OpenAI embeddings; hashing: a
    # deterministic feature-hashing stand-in, fast, for tests of everything but semantic similarity.
    embedder: Literal["onnx", "openai", "hashing"] = "onnx"
    embedder_threads: int = Field(default=1, ge=1)
    # ESCO links of requirement and resume sentences for matching (hiring.skills.esco_matching): "auto" links
    # wherever the embedder is the model the ESCO index was built with (onnx); "off" never links.
    esco_linking: Literal["auto", "off"] = "auto"
    openai_embedding_model: str = "text-embedding-3-small"
    openai_base_url: str | None = None
    openai_api_key: SecretStr | None = None
    # Sourcing enrichment (issue 14): GitHub's public REST API, or a server answering its shapes (tests).
    github_api_url: str = "https://api.github.com"
    github_token: SecretStr | None = None
    github_token_secret_arn: str | None = None  # aws: a JSON secret {"token": ...}; unauthenticated while empty

    # Auth
    jwt_secret: str | None = None  # local: generated once and kept under data_dir
    jwt_secret_arn: str | None = None  # aws
    access_token_ttl_s: int = Field(default=900, ge=30)
    refresh_token_ttl_s: int = Field(default=14 * 24 * 3600, ge=60)

    # Accounts. Failed logins are throttled per client address and per account (the normalised
    # email, known or not): after the free ones, each further attempt waits base * 2^n seconds, capped; a
    # counter starts again after a quiet window. Sign-ups and registrations count every attempt per client.
    login_free_failures_per_account: int = Field(default=5, ge=1)
    login_free_failures_per_client: int = Field(default=20, ge=1)
    signup_free_attempts_per_client: int = Field(default=10, ge=1)
    throttle_base_delay_s: float = Field(default=1.0, gt=0)
    throttle_max_delay_s: float = Field(default=300.0, gt=0)
    throttle_window_s: float = Field(default=3600.0, gt=0)
    # The client address is the connection's (API Gateway's sourceIp in Lambda); X-Forwarded-For only when the
    # service runs behind a proxy that sets it (its last entry, the address that proxy saw).
    trust_forwarded_for: bool = False
    password_min_score: int = Field(default=3, ge=0, le=4)  # zxcvbn's 0-4 guessability score

    # Request rate limits on uploads (resumes, job postings, feed imports): token buckets per user and per client
    # address within a tenant, shared by every instance (Postgres). A bucket holds `burst` requests and refills
    # at the rate per minute; over it the request is refused (429 rate_limited, Retry-After) and stores nothing.
    upload_rate_per_user_per_minute: float = Field(default=30.0, gt=0)
    upload_burst_per_user: int = Field(default=30, ge=1)
    upload_rate_per_client_per_minute: float = Field(default=120.0, gt=0)
    upload_burst_per_client: int = Field(default=120, ge=1)

    # Intake limits
    max_upload_bytes: int = Field(default=5 * 1024 * 1024, ge=1)
    max_pages: int = Field(default=20, ge=1)

    # Intake faults. An inbox object gets at most intake_max_attempts attempts, spaced by
    # intake_retry_base_s * 2^(n-1) seconds (capped), then ends failed with the object moved to quarantine/.
    # A document of more than max_document_chars characters of text is refused ("too_long"). Locally
    # (parse_isolation "process") each document is parsed in one of inbox_workers worker processes, killed after
    # parse_timeout_s ("parse_timeout"); in AWS one worker per invocation, its budget 30 s short of the function's.
    intake_max_attempts: int = Field(default=3, ge=1)
    intake_retry_base_s: float = Field(default=2.0, gt=0)
    intake_retry_max_s: float = Field(default=300.0, gt=0)
    max_document_chars: int = Field(default=200_000, ge=1)
    parse_isolation: Literal["process", "inline"] = "process"
    parse_timeout_s: float = Field(default=60.0, gt=0)
    inbox_workers: int = Field(default=2, ge=1)

    # Request limits. The API's request guard (hiring.api.guards) refuses a body past its route's
    # limit with 413 before reading it whole (Content-Length, then the streamed chunks counted): a resume upload
    # may be twice max_upload_bytes plus the multipart envelope (so the route stores the refusal of a file a
    # little too large with its resume); feed imports and scraper uploads max_bulk_body_bytes
    # (API Gateway caps any request at 10 MB in the cloud); every other body max_json_body_bytes. JSON nested
    # deeper than max_json_depth is refused (too_deep) before it is parsed. /health answers within
    # health_timeout_s, 503 when a dependency does not answer in time.
    max_json_body_bytes: int = Field(default=1024 * 1024, ge=1)
    max_bulk_body_bytes: int = Field(default=9 * 1024 * 1024, ge=1)
    multipart_overhead_bytes: int = Field(default=64 * 1024, ge=0)
    max_json_depth: int = Field(default=64, ge=2)
    health_timeout_s: float = Field(default=3.0, gt=0)

    # Matching
    match_top_n: int = Field(default=50, ge=1)
    # A candidate is scored against every active job of the tenant up to this many (vectorized, ~35 ms per
    # 100,000 jobs per core); past it, two-stage retrieval (vector + skill + structured top-K, RRF) first.
    match_exact_limit: int = Field(default=200_000, ge=0)
    # A new or changed job is scored for every parsed candidate up to this many (per pair, ~10 us each), and
    # stored where it enters a candidate's top-N; past it, vector + skill retrieval picks the candidates.
    match_exact_candidates_limit: int = Field(default=50_000, ge=0)
    match_retrieve_k: int = Field(default=200, ge=1)
    refresh_batch_size: int = Field(default=25, ge=1)
    job_ttl_days: int = Field(default=30, ge=1)
    # Resumes of candidates inactive this long are erased by the scheduled housekeeping (HIRING_RETENTION_DAYS).
    retention_days: int = Field(default=730, ge=1)
    # Sourcing prospects older than this are erased by the same housekeeping, except converted ones; the suppression
    # list stays (HIRING_PROSPECT_RETENTION_DAYS).
    prospect_retention_days: int = Field(default=180, ge=1)
    # LLM rephrasing of a match's explanation (HIRING_MATCH_REPHRASE). "on-view": the first read of one match
    # (GET /api/resumes/{id}/matches/{job_id}) asks the model once, when HIRING_LLM_* is configured, and stores
    # the checked outcome with the match until it is re-scored. "off": the deterministic templates only.
    match_rephrase: Literal["off", "on-view"] = "off"

    # Local runtime
    port: int = Field(default=8000, alias="PORT")
    host: str = "127.0.0.1"
    watch_interval_s: float = Field(default=1.0, gt=0)
    demo_password: str | None = None
    default_tenant: str = "demo"

    @model_validator(mode="after")
    def _aws_needs_its_endpoints(self) -> Settings:
        if self.runtime == "aws":
            missing = [
                name
                for name, value in (
                    ("HIRING_BLOB_BUCKET", self.blob_bucket),
                    ("HIRING_QUEUE_URL", self.queue_url),
                    ("AWS_REGION", self.aws_region),
                    ("DATABASE_URL or HIRING_DATABASE_SECRET_ARN", self.database_url or self.database_secret_arn),
                )
                if not value
            ]
            if missing:
                raise ValueError(f"runtime=aws needs {', '.join(missing)}")
        if self.embedder == "openai" and self.openai_api_key is None:
            raise ValueError("HIRING_EMBEDDER=openai needs HIRING_OPENAI_API_KEY")
        return self

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def inbox_dir(self) -> Path:
        return self.blob_dir / "inbox"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reset_settings() -> None:
    """Forget the cached settings (tests change the environment between cases)."""
    get_settings.cache_clear()
