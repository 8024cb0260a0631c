"""The local runtime: the drop-folder watcher, the queue pump and the cron loop, all calling the same
handlers with the event shapes AWS would send."""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from croniter import croniter

from hiring.catalog import FUNCTIONS, TriggerKind, function_named
from hiring.container import Container
from hiring.faults import fault_of
from hiring.observability import logger
from hiring.ports import BlobInfo, BlobNotFound, QueueMessage
from hiring.runtime import events
from hiring.runtime.invoke import invoke
from hiring.services.resumes import IntakeRetry, key_ref

LOCAL_BUCKET = "local-blobs"


@dataclass
class PumpResult:
    received: int = 0
    failed: int = 0


@dataclass
class LocalRuntime:
    container: Container
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    # The inbox watcher hands objects to several invocations at once (settings.inbox_workers), so one slow
    # document never holds the others up; an object in flight is not delivered again, and one whose attempt
    # failed waits out its back-off here instead of being read every scan.
    _inbox_pool: ThreadPoolExecutor | None = None
    _in_flight: dict[str, Future[None]] = field(default_factory=dict)
    _not_before: dict[str, float] = field(default_factory=dict)
    _inbox_lock: threading.Lock = field(default_factory=threading.Lock)

    # --- one pass of each trigger (also what tests call) ----------------------------------------------

    def scan_inbox(self, wait: bool = True) -> int:
        """Deliver one S3 notification per object waiting under inbox/ (not in flight, not backing off); returns
        how many were delivered. With wait, returns once they are all handled (tests, drain); the background
        watcher does not wait, so a slow document never stops the scan."""
        spec = function_named("parse_resume")
        prefix = spec.trigger.prefix or "inbox/"
        submitted: list[Future[None]] = []
        now = time.monotonic()
        for info in self.container.blobs.list(prefix):
            with self._inbox_lock:
                if info.key in self._in_flight or self._not_before.get(info.key, 0.0) > now:
                    continue
                future = self._pool().submit(self._deliver, spec.name, info)
                self._in_flight[info.key] = future
            submitted.append(future)
        if wait:
            for future in submitted:
                future.result()
        return len(submitted)

    def _deliver(self, function: str, info: BlobInfo) -> None:
        event = events.s3_object_created(LOCAL_BUCKET, info.key, info.size, info.etag)
        retry_after: float | None = None
        try:
            invoke(function, event)
            if self._still_there(info.key):  # another attempt holds it (its lease), or it backs off: look later
                retry_after = max(5.0, self.container.settings.watch_interval_s)
        except IntakeRetry as retry:
            # Lambda would retry an async invoke later; here the object stays in the inbox for a later scan.
            logger.warning("parse_resume attempt failed; will retry", extra={"resume_id": retry.resume_id})
            retry_after = retry.retry_after_s
        except Exception as exc:
            logger.error("parse_resume failed; will retry", extra={"object": key_ref(info.key), "fault": fault_of(exc)})
            retry_after = self.container.settings.intake_retry_base_s
        finally:
            with self._inbox_lock:
                self._in_flight.pop(info.key, None)
                if retry_after is not None:
                    self._not_before[info.key] = time.monotonic() + retry_after
                else:
                    self._not_before.pop(info.key, None)

    def _still_there(self, key: str) -> bool:
        try:
            self.container.blobs.head(key)
        except BlobNotFound:
            return False
        return True

    def _pool(self) -> ThreadPoolExecutor:
        if self._inbox_pool is None:
            workers = self.container.settings.inbox_workers
            self._inbox_pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="inbox")
        return self._inbox_pool

    def pump_queue(self) -> PumpResult:
        """Receive one batch, invoke match_worker, delete what succeeded, release what failed."""
        spec = function_named("match_worker")
        queue = self.container.queue
        messages = queue.receive(max_messages=spec.trigger.batch_size)
        result = PumpResult(received=len(messages))
        if not messages:
            return result
        try:
            response = invoke(spec.name, events.sqs_batch(messages, "hiring-match"))
            failed_ids = {item["itemIdentifier"] for item in response.get("batchItemFailures", [])}
        except Exception as exc:
            # An error (Powertools raises when every record failed) returns the whole batch, as in Lambda.
            logger.error("match_worker batch failed", extra={"messages": len(messages), "fault": fault_of(exc)})
            failed_ids = {m.message_id for m in messages}
        result.failed = len(failed_ids)
        for message in messages:
            if message.message_id in failed_ids:
                queue.release(message.receipt_handle, delay_s=_backoff(message))
            else:
                queue.delete(message.receipt_handle)
        return result

    def fire_schedule(self, function: str, now: dt.datetime | None = None) -> Any:
        return invoke(function, events.scheduled(f"hiring-{function}", now))

    def drain(self, max_rounds: int = 100) -> dict[str, int]:
        """Work until the inbox and the queue are both empty (messages released for later are left)."""
        totals = {"parsed": 0, "messages": 0, "failed": 0}
        for _ in range(max_rounds):
            parsed = self.scan_inbox()
            pumped = self.pump_queue()
            totals["parsed"] += parsed
            totals["messages"] += pumped.received
            totals["failed"] += pumped.failed
            if parsed == 0 and pumped.received == 0:
                break
        return totals

    # --- background loops for `hiring dev` ------------------------------------------------------------

    def start(self) -> None:
        interval = self.container.settings.watch_interval_s
        self._spawn("inbox-watcher", lambda: self.scan_inbox(wait=False), interval)
        self._spawn("queue-pump", lambda: self.pump_queue().received, interval)
        self._threads.append(threading.Thread(target=self._cron_loop, name="scheduler", daemon=True))
        self._threads[-1].start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=10)
        if self._inbox_pool is not None:
            self._inbox_pool.shutdown(wait=True, cancel_futures=True)
            self._inbox_pool = None

    def _spawn(self, name: str, step: Any, interval: float) -> None:
        def loop() -> None:
            while not self._stop.is_set():
                try:
                    busy = step()
                except Exception as exc:  # its message may quote a key: the fault's type and place only
                    logger.error("local loop step failed", extra={"loop": name, "fault": fault_of(exc)})
                    busy = 0
                if not busy:
                    self._stop.wait(interval)

        thread = threading.Thread(target=loop, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def _cron_loop(self) -> None:
        schedules = {
            spec.name: croniter(spec.trigger.local_cron, dt.datetime.now(dt.UTC))
            for spec in FUNCTIONS
            if spec.trigger.kind == TriggerKind.SCHEDULE and spec.trigger.local_cron
        }
        due = {name: it.get_next(dt.datetime) for name, it in schedules.items()}
        while not self._stop.is_set():
            now = dt.datetime.now(dt.UTC)
            for name, when in due.items():
                if when <= now:
                    try:
                        self.fire_schedule(name, now)
                    except Exception:
                        logger.exception("scheduled function failed", extra={"function": name})
                    due[name] = schedules[name].get_next(dt.datetime)
            self._stop.wait(min(30.0, max(1.0, (min(due.values()) - now).total_seconds())) if due else 30.0)


def _backoff(message: QueueMessage) -> int:
    return min(300, 2**message.receive_count)
