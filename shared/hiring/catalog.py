"""The one declaration of every function: read by the CDK app (infra/) and by the local runtime.

Nothing here imports AWS or CDK code, so both sides can read it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class TriggerKind(StrEnum):
    HTTP = "http"  # API Gateway HTTP API (v2 payload)
    S3 = "s3"  # S3 ObjectCreated under a prefix
    SQS = "sqs"  # SQS queue, partial batch responses
    SCHEDULE = "schedule"  # EventBridge rule with a cron expression
    CUSTOM_RESOURCE = "custom_resource"  # CloudFormation custom resource (runs on deploy)


class Resource(StrEnum):
    """What a function touches; infra turns each into the narrowest IAM grant."""

    DATABASE = "database"
    BLOBS_READ = "blobs_read"
    BLOBS_WRITE = "blobs_write"
    QUEUE_SEND = "queue_send"
    QUEUE_CONSUME = "queue_consume"
    VECTORS = "vectors"
    JWT_SECRET = "jwt_secret"  # noqa: S105 - a resource name, not a secret
    ALERTS_PUBLISH = "alerts_publish"  # sns:Publish on the one alerts topic
    # Third-party API keys, each in its own secret so a function reads only the key it uses.
    LLM_API_KEY = "llm_api_key"  # the OpenAI-compatible endpoint's key (resume extraction, rephrasing)
    GITHUB_TOKEN = "github_token"  # noqa: S105 - a resource name: GitHub's token for sourcing enrichment


@dataclass(frozen=True)
class Trigger:
    kind: TriggerKind
    prefix: str | None = None  # S3: key prefix that fires the function
    cron: str | None = None  # SCHEDULE: EventBridge cron body, e.g. "0 3 * * ? *" (UTC)
    local_cron: str | None = None  # SCHEDULE: the same time as a 5-field cron for the local scheduler
    batch_size: int = 10  # SQS
    max_receive_count: int = 3  # SQS: receives before the DLQ
    # S3 (an asynchronous invoke): Lambda's retries of a failed or timed-out invocation (0-2, a minute or two
    # apart), after which the event goes to the function's dead-letter queue (an on-failure destination). The
    # service counts the same attempts (HIRING_INTAKE_MAX_ATTEMPTS = 1 + async_retries) and ends the resume
    # failed on the last; the function's timeout is the time budget of one parse in AWS.
    async_retries: int = 2

    @property
    def async_attempts(self) -> int:
        return 1 + self.async_retries


@dataclass(frozen=True)
class FunctionSpec:
    name: str
    handler: str  # "<module file under functions/<name>/>.<callable>", as Lambda expects
    trigger: Trigger
    memory_mb: int
    timeout_s: int
    layers: tuple[str, ...]  # dependency sets from layers/requirements/<name>.txt
    resources: frozenset[Resource] = field(default_factory=frozenset)
    description: str = ""

    @property
    def module_path(self) -> str:
        """Path of the handler module relative to the repository root."""
        module, _, _ = self.handler.rpartition(".")
        return f"functions/{self.name}/{module}.py"

    @property
    def callable_name(self) -> str:
        return self.handler.rpartition(".")[2]


R = Resource

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        name="api",
        handler="handler.handler",
        trigger=Trigger(TriggerKind.HTTP),
        memory_mb=1024,
        timeout_s=29,  # API Gateway's integration timeout
        layers=("core", "api"),
        resources=frozenset(
            {
                R.DATABASE,
                R.BLOBS_WRITE,
                R.BLOBS_READ,
                R.QUEUE_SEND,
                R.JWT_SECRET,
                R.VECTORS,
                R.LLM_API_KEY,
                R.GITHUB_TOKEN,
            }
        ),  # fmt: skip
        description="HTTP API: FastAPI through Mangum",
    ),
    FunctionSpec(
        name="parse_resume",
        handler="handler.handler",
        trigger=Trigger(TriggerKind.S3, prefix="inbox/", async_retries=2),
        memory_mb=1536,
        timeout_s=120,  # a document's parse budget in AWS (linear parsing: ~1 s per 200,000 characters)
        layers=("core", "parse"),
        # LLM_API_KEY: the optional LLM extraction (HIRING_LLM_ENABLED), off by default.
        resources=frozenset({R.DATABASE, R.BLOBS_READ, R.BLOBS_WRITE, R.QUEUE_SEND, R.VECTORS, R.LLM_API_KEY}),
        description="Validate, extract and store a resume dropped under inbox/",
    ),
    FunctionSpec(
        name="match_worker",
        handler="handler.handler",
        trigger=Trigger(TriggerKind.SQS, batch_size=10, max_receive_count=3),
        # A warm worker keeps each tenant's active jobs as matrices and unit float32 vectors (100,000 jobs: about
        # 150 MB of vectors and as much again of profiles) and scores a candidate against all of them; 2 GB also
        # buys more than one full vCPU (Lambda gives 1 vCPU at 1,769 MB).
        memory_mb=2048,
        timeout_s=300,
        layers=("core", "embed"),  # the embedding model runs here, never in the parse function
        # Reads scraped uploads parked in the blob store; queues match messages after analysing a job.
        resources=frozenset({R.DATABASE, R.QUEUE_CONSUME, R.QUEUE_SEND, R.BLOBS_READ, R.VECTORS}),
        description="The work queue's consumer: analyse jobs, import scraped uploads, embed and match",
    ),
    FunctionSpec(
        name="nightly_refresh",
        handler="handler.handler",
        trigger=Trigger(TriggerKind.SCHEDULE, cron="0 3 * * ? *", local_cron="0 3 * * *"),
        memory_mb=512,
        timeout_s=300,
        layers=("core",),
        resources=frozenset({R.DATABASE, R.QUEUE_SEND}),
        description="Enqueue every active candidate for re-matching, in batches",
    ),
    FunctionSpec(
        name="expire_jobs",
        handler="handler.handler",
        trigger=Trigger(TriggerKind.SCHEDULE, cron="30 2 * * ? *", local_cron="30 2 * * *"),
        memory_mb=256,
        timeout_s=120,
        layers=("core",),
        # Retention (HIRING_RETENTION_DAYS): erasing an inactive candidate's resume deletes its blobs and vector.
        resources=frozenset({R.DATABASE, R.BLOBS_READ, R.BLOBS_WRITE, R.VECTORS}),
        description="Expire stale jobs and withdraw their matches; erase resumes of candidates inactive too long",
    ),
    FunctionSpec(
        name="scrape_boards",
        handler="handler.handler",
        trigger=Trigger(TriggerKind.SCHEDULE, cron="15 0/6 * * ? *", local_cron="15 0/6 * * *"),  # every 6 h
        memory_mb=256,
        timeout_s=900,  # polite and sequential: about 36 s per failing board at worst
        layers=("core",),
        resources=frozenset({R.DATABASE, R.QUEUE_SEND}),
        description="Pull postings from the configured Greenhouse and Lever boards into the job import",
    ),
    FunctionSpec(
        name="scrape_watchdog",
        handler="handler.handler",
        trigger=Trigger(TriggerKind.SCHEDULE, cron="0/15 * * * ? *", local_cron="0/15 * * * *"),
        memory_mb=256,
        timeout_s=60,
        layers=("core",),
        # QUEUE_SEND carries sqs:GetQueueAttributes, which the backlog check reads.
        resources=frozenset({R.DATABASE, R.QUEUE_SEND, R.ALERTS_PUBLISH}),
        description="Alert on stuck scrape roles, zero-job scrape cycles and a work-queue backlog",
    ),
    FunctionSpec(
        name="migrate",
        handler="handler.handler",
        trigger=Trigger(TriggerKind.CUSTOM_RESOURCE),
        memory_mb=256,
        timeout_s=300,
        layers=("core",),
        resources=frozenset({R.DATABASE}),
        description="Apply SQL migrations on deploy",
    ),
)


def function_named(name: str) -> FunctionSpec:
    for spec in FUNCTIONS:
        if spec.name == name:
            return spec
    known = ", ".join(s.name for s in FUNCTIONS)
    raise KeyError(f"unknown function {name!r}; known: {known}")
