"""The admin's health figures over a time window: parse outcomes and latency, the work queue, dead letters,
imports, stored scores, LLM usage and the hiring funnel. In AWS the same counts also leave as Powertools metrics
(CloudWatch EMF) and appear on the stack's dashboard; this is the tenant's own view, from the database."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from hiring.adapters.postgres import Database
from hiring.errors import InvalidInput
from hiring.ports import WorkQueue
from hiring.stores import metrics as store

DEFAULT_WINDOW = dt.timedelta(days=1)
MAX_WINDOW = dt.timedelta(days=366)
Bucket = Literal["hour", "day"]
BUCKET_STEP: dict[str, dt.timedelta] = {"hour": dt.timedelta(hours=1), "day": dt.timedelta(days=1)}
SERIES_DEFAULT_WINDOW: dict[str, dt.timedelta] = {"hour": dt.timedelta(hours=48), "day": dt.timedelta(days=30)}
MAX_BUCKETS = 400
QUEUE_SAMPLE_RETENTION = dt.timedelta(days=30)


class ParseMetrics(BaseModel):
    received: int = Field(description="resumes received in the window")
    outcomes: dict[str, int] = Field(description="those resumes by status now: parsed, needs_review, failed ...")
    needs_review_rate: float | None = Field(description="needs_review / finished (parsed + needs_review + failed)")
    failure_rate: float | None = Field(description="failed / finished")


class LatencyMetrics(BaseModel):
    """Milliseconds from a resume's first 'pending' to its first parsed or needs_review, finished in the window."""

    count: int
    p50_ms: float | None
    p90_ms: float | None
    p99_ms: float | None
    max_ms: float | None


class QueueMetrics(BaseModel):
    depth_all_tenants: int = Field(description="messages waiting in the work queue, every tenant's (the port's count)")
    depth: int = Field(description="this tenant's messages waiting in the Postgres work queue")
    oldest_age_s: float | None = Field(description="age of this tenant's oldest waiting message there")
    dead_letters: int = Field(description="this tenant's messages dead-lettered in the Postgres queue")
    dead_letters_recorded: int = Field(description="work messages given up on in the window (any queue)")


class ImportMetrics(BaseModel):
    batches: int
    batches_with_failures: int
    rows: int
    new: int
    updated: int
    unchanged: int
    duplicate: int
    failed: int


class MatchMetrics(BaseModel):
    scores_written: int = Field(description="scores stored in the window (each one an audit entry)")
    matches_scored: int = Field(description="matches whose latest score was stored in the window")


class LlmMetrics(BaseModel):
    calls: int
    by_outcome: dict[str, int]
    tokens_in: int
    tokens_out: int
    estimated_cost_usd: float


class Metrics(BaseModel):
    since: dt.datetime
    until: dt.datetime
    parsing: ParseMetrics
    parse_latency: LatencyMetrics
    queue: QueueMetrics
    imports: ImportMetrics
    matches: MatchMetrics
    llm: LlmMetrics
    funnel: dict[str, int] | None = Field(description="applications made in the window by stage now")


class SeriesPoint(BaseModel):
    """One bucket's counts of the rows created in it (within [since, until)); statuses are the rows' status now."""

    at: dt.datetime = Field(description="the bucket's start (UTC)")
    received: int = Field(description="resumes received")
    parsed: int = Field(description="of those, parsed now")
    needs_review: int = Field(description="of those, needs_review now")
    failed: int = Field(description="of those, failed now")
    imports_batches: int
    imports_rows: int
    imports_failed: int = Field(description="import rows that failed")
    llm_calls: int
    llm_tokens_in: int
    llm_tokens_out: int
    llm_cost_usd: float = Field(description="estimated cost of the LLM calls")
    scores_written: int
    dead_letters_recorded: int = Field(description="work messages given up on")
    applications: int = Field(description="applications made")
    hired: int = Field(description="applications moved to hired")
    rejected: int = Field(description="applications moved to rejected")
    queue_depth: int | None = Field(
        description="the most messages of this tenant's seen waiting in the Postgres work queue in the bucket's"
        " samples (one every 15 minutes, kept 30 days); null when no sample was taken in it"
    )
    queue_oldest_age_s: float | None = Field(
        description="the oldest waiting message's age in seconds, the bucket's largest sample; null when no"
        " sample was taken or nothing waited"
    )
    dead_letters: int | None = Field(
        description="this tenant's dead letters in the Postgres queue, the bucket's largest sample; null when no"
        " sample was taken in it"
    )
    queue_depth_all_tenants: int | None = Field(
        description="messages waiting in the work queue, every tenant's (SQS in AWS), the bucket's largest"
        " sample; null when no sample was taken in it"
    )


class QueueSampling(BaseModel):
    sampled_at: dt.datetime
    tenants: int = Field(description="samples written, one per tenant")
    depth_all_tenants: int
    deleted: int = Field(description="samples older than 30 days deleted")


class MetricsSeries(BaseModel):
    since: dt.datetime
    until: dt.datetime
    bucket: Bucket
    points: list[SeriesPoint] = Field(description="every bucket from since's to until's, oldest first (zeros too)")


def _bucket_start(at: dt.datetime, bucket: str) -> dt.datetime:
    at = at.astimezone(dt.UTC)
    start = at.replace(minute=0, second=0, microsecond=0)
    return start.replace(hour=0) if bucket == "day" else start


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


class MetricsService:
    def __init__(self, db: Database, queue: WorkQueue) -> None:
        self.db = db
        self.queue = queue

    def window(self, since: dt.datetime | None, until: dt.datetime | None) -> tuple[dt.datetime, dt.datetime]:
        """[since, until): until defaults to now, since to a day before until; at most MAX_WINDOW long."""
        for name, value in (("since", since), ("until", until)):
            if value is not None and value.tzinfo is None:
                raise InvalidInput(f"{name} needs a time zone (e.g. 2026-01-31T00:00:00Z)", field=name)
        end = until or dt.datetime.now(dt.UTC)
        start = since or end - DEFAULT_WINDOW
        if start >= end:
            raise InvalidInput("since must be before until", field="since")
        if end - start > MAX_WINDOW:
            raise InvalidInput(f"the window may span at most {MAX_WINDOW.days} days", field="since")
        return start, end

    def collect(self, tenant_id: str, since: dt.datetime | None = None, until: dt.datetime | None = None) -> Metrics:
        window = self.window(since, until)
        with self.db.connect() as conn:
            outcomes = store.parse_outcomes(conn, tenant_id, window)
            latency = store.parse_latency_ms(conn, tenant_id, window)
            backlog = store.queue_backlog(conn, tenant_id)
            dead_recorded = store.dead_letters_recorded(conn, tenant_id, window)
            imports = store.imports(conn, tenant_id, window)
            matches = store.matches_stored(conn, tenant_id, window)
            llm = store.llm_usage(conn, tenant_id, window)
            funnel = store.funnel(conn, tenant_id, window)
        finished = sum(outcomes.get(s, 0) for s in ("parsed", "needs_review", "failed"))
        return Metrics(
            since=window[0],
            until=window[1],
            parsing=ParseMetrics(
                received=sum(outcomes.values()),
                outcomes=outcomes,
                needs_review_rate=_rate(outcomes.get("needs_review", 0), finished),
                failure_rate=_rate(outcomes.get("failed", 0), finished),
            ),
            parse_latency=LatencyMetrics(
                count=latency["n"],
                p50_ms=latency["p50"],
                p90_ms=latency["p90"],
                p99_ms=latency["p99"],
                max_ms=latency["max"],
            ),
            queue=QueueMetrics(
                depth_all_tenants=self.queue.depth(),
                depth=backlog["depth"],
                oldest_age_s=backlog["oldest_age_s"],
                dead_letters=backlog["dead"],
                dead_letters_recorded=dead_recorded,
            ),
            imports=ImportMetrics(**imports),
            matches=MatchMetrics(**matches),
            llm=LlmMetrics(**llm),
            funnel=funnel,
        )

    def series(
        self, tenant_id: str, since: dt.datetime | None, until: dt.datetime | None, bucket: str = "hour"
    ) -> MetricsSeries:
        """The window's counts per hour or day (UTC buckets): until defaults to now, since to 48 hours (hour) or
        30 days (day) before it; at most MAX_BUCKETS buckets, else 422 naming a larger bucket or a shorter window."""
        if bucket not in BUCKET_STEP:
            raise InvalidInput("bucket must be hour or day", field="bucket")
        if since is None and until is not None and until.tzinfo is not None:
            since = until - SERIES_DEFAULT_WINDOW[bucket]
        elif since is None and until is None:
            since = dt.datetime.now(dt.UTC) - SERIES_DEFAULT_WINDOW[bucket]
        start, end = self.window(since, until)
        step = BUCKET_STEP[bucket]
        first = _bucket_start(start, bucket)
        count = -(-(end - first) // step)  # buckets from since's to the one holding until's last instant
        if count > MAX_BUCKETS:
            raise InvalidInput(
                f"the window holds {count} {bucket} buckets; at most {MAX_BUCKETS}: shorten it"
                + (" or use bucket=day" if bucket == "hour" else ""),
                field="bucket",
            )
        with self.db.connect() as conn:
            found = store.series(conn, tenant_id, (start, end), bucket)
            sampled = store.queue_series(conn, tenant_id, (start, end), bucket)
        points = []
        for n in range(count):
            at = first + n * step
            values = {name: 0.0 for name in store.SERIES_FIELDS} | found.get(at, {})
            cost = round(values.pop("llm_cost_usd"), 6)
            queue = dict.fromkeys(store.QUEUE_SERIES_FIELDS, None) | sampled.get(at, {})
            age = queue.pop("queue_oldest_age_s")
            point: dict[str, object] = {"at": at, "llm_cost_usd": cost, **{k: int(v) for k, v in values.items()}}
            point |= {k: None if v is None else int(v) for k, v in queue.items()}
            point["queue_oldest_age_s"] = None if age is None else round(age, 1)
            points.append(SeriesPoint.model_validate(point))
        return MetricsSeries(since=start, until=end, bucket=bucket, points=points)  # type: ignore[arg-type]

    def record_queue_sample(self, now: dt.datetime | None = None) -> QueueSampling:
        """The schedule's queue sample (every 15 minutes): one row per tenant with its Postgres work queue's depth,
        oldest message age and dead letters, plus the port's overall depth (SQS in AWS); and samples older than
        30 days deleted, in the same transaction."""
        at = now or dt.datetime.now(dt.UTC)
        depth_all = self.queue.depth()
        with self.db.connect() as conn:
            written = store.record_queue_samples(conn, at, depth_all)
            deleted = store.delete_queue_samples_before(conn, at - QUEUE_SAMPLE_RETENTION)
        return QueueSampling(sampled_at=at, tenants=written, depth_all_tenants=depth_all, deleted=deleted)
