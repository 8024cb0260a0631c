"""Wires adapters to services from Settings: AWS adapters in the cloud, local ones on one machine."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hiring.adapters.hashing_embedder import HashingEmbedder
from hiring.adapters.postgres import Database, migrate
from hiring.config import Settings, get_settings
from hiring.observability import logger
from hiring.ports import BlobStore, Embedder, VectorIndex, WorkQueue

if TYPE_CHECKING:
    from hiring.adapters.pg_board_validators import PostgresValidatorStore
    from hiring.identity import IdentityService
    from hiring.services.jobs import JobService
    from hiring.services.match_rephrase import MatchRephraser
    from hiring.services.matching import MatchingService
    from hiring.services.resumes import ResumeService


@dataclass
class Container:
    """Adapters built eagerly; services built on first use, so each Lambda imports (and needs in its layers)
    only what its handler touches: the match worker never loads argon2, JWT or PyMuPDF."""

    settings: Settings
    db: Database
    blobs: BlobStore
    queue: WorkQueue
    vectors: VectorIndex
    embedder: Embedder
    database_url: str
    jwt_secret: Callable[[], str] = field(repr=False)  # read on first use: only the API may read the secret
    _server: Any = field(default=None, repr=False)  # the embedded Postgres handle, kept alive with us

    @cached_property
    def identity(self) -> IdentityService:
        from hiring.identity import IdentityService, ThrottlePolicy

        s = self.settings
        return IdentityService(
            self.db,
            self.jwt_secret(),
            access_ttl_s=s.access_token_ttl_s,
            refresh_ttl_s=s.refresh_token_ttl_s,
            throttle=ThrottlePolicy(
                free_per_account=s.login_free_failures_per_account,
                free_per_client=s.login_free_failures_per_client,
                free_signups_per_client=s.signup_free_attempts_per_client,
                base_delay_s=s.throttle_base_delay_s,
                max_delay_s=s.throttle_max_delay_s,
                window_s=s.throttle_window_s,
            ),
            password_min_score=s.password_min_score,
        )

    @cached_property
    def resumes(self) -> ResumeService:
        from hiring.services.resumes import IntakePolicy, ResumeService

        s = self.settings
        return ResumeService(
            self.db, self.blobs, self.queue, self.vectors, self.embedder, s.max_upload_bytes, s.max_pages,
            s.default_tenant, IntakePolicy.from_settings(s),
        )  # fmt: skip

    @cached_property
    def jobs(self) -> JobService:
        from hiring.services.jobs import JobService

        return JobService(self.db, self.queue, self.vectors, self.embedder)

    @cached_property
    def matching(self) -> MatchingService:
        from hiring.services.matching import MatchingService

        return MatchingService(
            self.db,
            self.settings.match_top_n,
            vectors=self.vectors,
            retrieve_k=self.settings.match_retrieve_k,
            exact_limit=self.settings.match_exact_limit,
            exact_candidates_limit=self.settings.match_exact_candidates_limit,
            queue=self.queue,
            visible=lambda conn, principal, resume_id: self.resumes.ensure_visible(conn, principal, resume_id),
            rephraser=lambda: self.match_rephraser,
        )

    @cached_property
    def github_token(self) -> str | None:
        """GitHub's token for sourcing enrichment: the setting, or in AWS its secret (read once per container,
        on first use: only the API reads it); None: anonymous requests at GitHub's lower rate limit."""
        if self.settings.github_token:
            return self.settings.github_token.get_secret_value() or None
        if self.settings.github_token_secret_arn:
            from hiring.adapters.aws_secrets import third_party_key

            return third_party_key(self.settings.github_token_secret_arn, "token", self.settings.aws_region)
        return None

    @cached_property
    def match_rephraser(self) -> MatchRephraser | None:
        """The LLM rephrasing of a match read through the API (HIRING_MATCH_REPHRASE=on-view with HIRING_LLM_*
        configured), or None: off, the LLM off or misconfigured, or its prompt missing (each logged)."""
        if self.settings.match_rephrase == "off":
            return None
        from pydantic import ValidationError

        from hiring.llm.config import get_llm_settings
        from hiring.llm.prompts import PromptError
        from hiring.matching.rephrase import load_rephrase_prompt

        # The deterministic explanation is always there: a broken optional path is logged, never fails the read.
        try:
            llm = get_llm_settings()
        except ValidationError as error:
            logger.error("match rephrasing unavailable: HIRING_LLM_* invalid", extra={"errors": error.error_count()})
            return None
        if not llm.enabled:
            logger.warning("match rephrasing is on but HIRING_LLM_ENABLED is not; explanations stay deterministic")
            return None
        try:
            prompt = load_rephrase_prompt(llm.prompts_dir)
        except PromptError as error:
            logger.error("match rephrasing unavailable: no prompt", extra={"error": str(error)})
            return None
        from hiring.llm.openai_client import OpenAICompatibleClient
        from hiring.llm.recorder import PostgresLlmCallRecorder
        from hiring.services.match_rephrase import MatchRephraser

        # A claim outlives the longest call (every attempt timing out, with backoff between) by a minute.
        claim_s = llm.timeout_s * (llm.max_retries + 1) + llm.backoff_max_s * llm.max_retries + 60
        return MatchRephraser(self.db, OpenAICompatibleClient(llm), PostgresLlmCallRecorder(self.db), prompt,
                              settings=llm, claim_s=claim_s)  # fmt: skip

    @cached_property
    def board_validators(self) -> PostgresValidatorStore:
        from hiring.adapters.pg_board_validators import PostgresValidatorStore

        return PostgresValidatorStore(self.db)

    @property
    def board_import_sink(self) -> Callable[[str, str, list[Any]], dict[str, Any]]:
        """Postings scraped from a public board go through the feed import into the default tenant."""

        def sink(platform: str, company: str, postings: list[Any]) -> dict[str, Any]:
            from hiring.stores.identity import find_tenant_id

            with self.db.connect() as conn:
                tenant_id = find_tenant_id(conn, self.settings.default_tenant)
            if tenant_id is None:
                raise LookupError(f"tenant {self.settings.default_tenant!r} does not exist; boards import into it")
            rows = enumerate((dict(p) for p in postings), start=1)
            return self.jobs.import_rows(tenant_id, platform, rows, source=f"board:{platform}:{company}").as_dict()

        return sink

    def close(self) -> None:
        self.db.close()


def _local_jwt_secret(data_dir: Path) -> str:
    """One random secret per local data directory, so tokens survive a restart of `hiring dev`."""
    path = data_dir / "jwt-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def build_container(settings: Settings | None = None, apply_migrations: bool | None = None) -> Container:
    """Adapters for the configured runtime. Locally migrations run here; in AWS the migrate function runs them."""
    settings = settings or get_settings()
    if apply_migrations is None:
        apply_migrations = settings.runtime == "local"
    server = None
    if settings.runtime == "aws":
        import boto3

        from hiring.adapters.aws_secrets import database_url_from_secret, secret_string
        from hiring.adapters.opensearch_index import OpenSearchVectorIndex, opensearch_client
        from hiring.adapters.s3_blobs import S3BlobStore
        from hiring.adapters.sqs_queue import SqsWorkQueue

        region = settings.aws_region
        assert region is not None  # Settings refuses runtime=aws without AWS_REGION (Lambda sets it)
        secrets_client = boto3.client("secretsmanager", region_name=region)
        url = settings.database_url or database_url_from_secret(settings.database_secret_arn or "", secrets_client)

        def jwt_secret() -> str:
            return settings.jwt_secret or secret_string(settings.jwt_secret_arn or "", secrets_client)

        if apply_migrations:
            migrate(url)  # before the pool: its connections switch to the role the migrations create
        db = Database(url, min_size=0, max_size=2)  # one Lambda serves one request at a time
        blobs: BlobStore = S3BlobStore.for_region(settings.blob_bucket or "", region)  # SigV4 presigned URLs
        queue: WorkQueue = SqsWorkQueue.for_region(settings.queue_url or "", region)
        if settings.opensearch_endpoint:
            index = OpenSearchVectorIndex(
                opensearch_client(settings.opensearch_endpoint, region),
                settings.opensearch_index,
                settings.embedding_dim,
            )
            vectors: VectorIndex = index
        else:
            from hiring.adapters.pgvector_index import PgVectorIndex

            vectors = PgVectorIndex(db)
    else:
        from hiring.adapters.local_blobs import DirectoryBlobStore
        from hiring.adapters.pg_queue import PostgresWorkQueue
        from hiring.adapters.pgvector_index import PgVectorIndex

        if settings.database_url:
            url = settings.database_url
        else:
            from hiring.adapters.embedded_postgres import start_embedded_postgres

            url, server = start_embedded_postgres(settings.data_dir / "pg")

        def jwt_secret() -> str:
            return settings.jwt_secret or _local_jwt_secret(settings.data_dir)

        if apply_migrations:
            migrate(url)  # before the pool: its connections switch to the role the migrations create
        db = Database(url)
        blobs = DirectoryBlobStore(settings.blob_dir)
        queue = PostgresWorkQueue(db, "match", settings.queue_visibility_timeout_s, settings.queue_max_receives)
        vectors = PgVectorIndex(db)
    return Container(
        settings=settings,
        db=db,
        blobs=blobs,
        queue=queue,
        vectors=vectors,
        embedder=LazyEmbedder(settings),
        database_url=url,
        jwt_secret=jwt_secret,
        _server=server,
    )


class LazyEmbedder:
    """Builds the configured embedder on first use, so functions that never embed never load a model."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._embedder: Embedder | None = None

    def _real(self) -> Embedder:
        if self._embedder is None:
            self._embedder = build_embedder(self._settings)
        return self._embedder

    @property
    def dim(self) -> int:
        return self._settings.embedding_dim

    @property
    def model_name(self) -> str:
        return self._real().model_name

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return self._real().embed(texts)


def build_embedder(settings: Settings) -> Embedder:
    """The configured embedder; its dimension must match the vector index (384 today)."""
    if settings.embedder == "openai":
        from hiring.adapters.openai_embedder import OpenAIEmbedder

        assert settings.openai_api_key is not None  # the settings validator insists
        return OpenAIEmbedder(
            settings.openai_api_key.get_secret_value(),
            settings.openai_embedding_model,
            base_url=settings.openai_base_url,
            dimensions=settings.embedding_dim,
        )
    if settings.embedder == "onnx":
        from hiring.adapters.onnx_embedder import OnnxMiniLmEmbedder

        return OnnxMiniLmEmbedder(intra_op_threads=settings.embedder_threads)
    return HashingEmbedder(settings.embedding_dim)


_container: Container | None = None


def get_container() -> Container:
    """The process-wide container, built on first use (a Lambda's cold start)."""
    global _container
    if _container is None:
        _container = build_container()
    return _container


def set_container(container: Container | None) -> None:
    """Install a container for this process (the local runtime and tests share one)."""
    global _container
    _container = container
