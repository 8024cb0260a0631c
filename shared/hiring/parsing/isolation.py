"""Where a document is parsed: in this process, or in a worker process with a time budget.

Locally one slow or hostile document must not hold the others up: ProcessParser hands each document to one of a
few long-lived worker processes (hiring.parsing.worker, the parser and skill taxonomy loaded once each), waits at
most `timeout_s` and kills the worker past it ("parse_timeout", a final status; a fresh worker takes its place).
The inbox watcher runs several parses at once (hiring.runtime.local). In AWS each document has its own Lambda
invocation and one worker, whose budget ends before the function's timeout (IntakePolicy.from_settings), so a
document that would outlive the invocation still ends in a stored parse_timeout; the async retries and the
function's dead-letter queue cover what fails around the parse. InlineParser (HIRING_PARSE_ISOLATION=inline)
parses in process with no budget.
"""

from __future__ import annotations

import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

from hiring.faults import fault_of
from hiring.parsing.documents import extract_document
from hiring.parsing.model import DocumentRejected, ExtractedDocument, RejectionCode
from hiring.resume.model import ParsedResume


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_pages: int
    max_chars: int | None = None


@dataclass(frozen=True)
class Parsed:
    document: ExtractedDocument
    profile: ParsedResume
    fault: str | None = None  # the parser's exception (type and place, never text) when it failed on this text


class ParseCrashed(RuntimeError):
    """The worker process ended without an answer (killed, out of memory, a crash in a native library)."""


class DocumentParser(Protocol):
    def parse(self, data: bytes, filename: str, limits: Limits) -> Parsed: ...


def parse_bytes(data: bytes, filename: str, limits: Limits) -> Parsed:
    """Extract and parse one document; DocumentRejected for unusable bytes. A fault of the rule-based parser
    leaves an empty, zero-confidence profile for a person to review, with the fault named."""
    from hiring.resume.parser import parse_resume_text

    document = extract_document(data, filename, limits.max_bytes, limits.max_pages, limits.max_chars)
    try:
        profile = parse_resume_text(document.text, document.regions, prominent=document.prominent)
    except Exception as exc:  # one resume's parser fault must not fail the batch or lose the upload
        warning = f"the parser failed ({type(exc).__name__}); the text is kept for review"
        return Parsed(document, ParsedResume(warnings=[warning]), fault_of(exc))
    return Parsed(document, profile)


class InlineParser:
    """Parse in this process, with no budget of its own."""

    def parse(self, data: bytes, filename: str, limits: Limits) -> Parsed:
        return parse_bytes(data, filename, limits)


_START_TIMEOUT_S = 120.0


class _Worker:
    """One long-lived `python -m hiring.parsing.worker`: requests and answers are length-prefixed pickles on its
    stdin and stdout. It loads the parser and the taxonomy once, then parses one document at a time."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "hiring.parsing.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        self.started = False

    def _wait_started(self) -> None:
        """The worker's "ready", sent once its parser is warm: starting is not part of any document's budget."""
        if self.started:
            return
        header = self._read(8, time.monotonic() + _START_TIMEOUT_S)
        body = None if header is None else self._read(struct.unpack(">Q", header)[0], time.monotonic() + 5)
        if body is None:
            raise ParseCrashed(f"the parse worker did not start within {_START_TIMEOUT_S} s")
        self.started = True

    def ask(self, request: tuple[bytes, str, Limits], timeout_s: float) -> tuple[str, Any] | None:
        """The worker's answer, or None when it gave none in time (the caller then kills it)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self._wait_started()
        payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.process.stdin.write(struct.pack(">Q", len(payload)) + payload)
            self.process.stdin.flush()
        except BrokenPipeError as exc:
            raise ParseCrashed(f"the parse worker is gone (exit code {self.process.poll()})") from exc
        deadline = time.monotonic() + timeout_s
        header = self._read(8, deadline)
        if header is None:
            return None
        body = self._read(struct.unpack(">Q", header)[0], deadline)
        if body is None:
            return None
        answer: tuple[str, Any] = pickle.loads(body)  # noqa: S301 - from our own worker process
        return answer

    def _read(self, size: int, deadline: float) -> bytes | None:
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        chunks: list[bytes] = []
        remaining = size
        while remaining:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                raise ParseCrashed(f"the parse worker ended without an answer (exit code {self.process.wait()})")
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()


class _Pool:
    """At most `size` workers, started on demand; one that overran its time or crashed is killed and replaced."""

    def __init__(self) -> None:
        self.size = 1
        self.idle: list[_Worker] = []
        self.busy = 0
        self.ready = threading.Condition()

    def take(self, size: int) -> _Worker:
        with self.ready:
            self.size = max(self.size, size)
            while not self.idle and self.busy >= self.size:
                self.ready.wait()
            self.busy += 1
            if self.idle:
                return self.idle.pop()
        try:
            return _Worker()
        except BaseException:
            self.give_back(None)
            raise

    def give_back(self, worker: _Worker | None) -> None:
        with self.ready:
            self.busy -= 1
            if worker is not None:
                self.idle.append(worker)
            self.ready.notify()


_pool = _Pool()


class ProcessParser:
    """Parse each document in a worker process, killed past timeout_s (DocumentRejected "parse_timeout"); up to
    `workers` documents at once, each in its own worker."""

    def __init__(self, timeout_s: float, workers: int = 2) -> None:
        self.timeout_s = timeout_s
        self.workers = workers

    def parse(self, data: bytes, filename: str, limits: Limits) -> Parsed:
        worker = _pool.take(self.workers)
        keep: _Worker | None = None
        try:
            answer = worker.ask((data, filename, limits), self.timeout_s)
            if answer is not None:
                keep = worker
        finally:
            if keep is None:
                worker.kill()
            _pool.give_back(keep)
        if answer is None:
            raise DocumentRejected(
                RejectionCode.PARSE_TIMEOUT,
                f"reading the document took longer than {self.timeout_s:g} s; it was stopped",
            )
        kind, value = answer
        if kind == "rejected":
            code, message, needs_review = value
            raise DocumentRejected(RejectionCode(code), message, needs_review)
        if kind == "error":
            raise ParseCrashed(f"the parse worker failed: {value}")
        assert isinstance(value, Parsed)
        return value


def answer(request: tuple[bytes, str, Limits]) -> tuple[str, Any]:
    """What a worker sends back for one request (hiring.parsing.worker)."""
    data, filename, limits = request
    try:
        return "ok", parse_bytes(data, filename, limits)
    except DocumentRejected as rejected:
        return "rejected", (rejected.code.value, rejected.message, rejected.needs_review)
    except Exception as exc:
        return "error", fault_of(exc)
