"""The health check: each probe (the database, the queue) in its own thread, all bounded by one deadline."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass

from hiring.observability import logger


@dataclass(frozen=True)
class Health:
    status: str  # "ok" or "degraded"
    checks: dict[str, str]  # probe -> "ok" or "failed: <error type>"

    @property
    def healthy(self) -> bool:
        return self.status == "ok"


class HealthService:
    def __init__(self, probes: Mapping[str, Callable[[], None]], timeout_s: float) -> None:
        self.probes = dict(probes)
        self.timeout_s = timeout_s

    def check(self) -> Health:
        """ "ok" when every probe answers within timeout_s, else "degraded" naming what failed.

        A database that does not answer (down, or unreachable until connect_timeout) makes this degraded in
        seconds, never a hung request; a health check reports failures, it never raises them.
        """
        pool = ThreadPoolExecutor(max_workers=len(self.probes), thread_name_prefix="health")
        futures = {name: pool.submit(probe) for name, probe in self.probes.items()}
        wait(futures.values(), timeout=self.timeout_s)
        pool.shutdown(wait=False, cancel_futures=True)  # a probe still waiting ends on the pool's own timeout
        checks: dict[str, str] = {}
        for name, future in futures.items():
            error = None
            if not future.done():
                error = "Timeout"
            elif future.exception() is not None:
                error = type(future.exception()).__name__
            if error:
                logger.warning("health check failed", extra={"check": name, "error": error})
            checks[name] = f"failed: {error}" if error else "ok"
        return Health("ok" if all(v == "ok" for v in checks.values()) else "degraded", checks)
