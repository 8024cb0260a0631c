"""A parse worker process (hiring.parsing.isolation.ProcessParser): reads length-prefixed pickled requests on
stdin, answers each on the original stdout; everything the parser logs goes to stderr. Ends when stdin closes."""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import sys


def _read(stream: object, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))  # type: ignore[attr-defined]
        if not chunk:
            return None
        data += chunk
    return data


def main() -> int:
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # logs printed to stdout must not mix with the answers
    from hiring.parsing.isolation import Limits, answer, parse_bytes

    # Warm: the taxonomy and the parser modules load before the first document (a failure shows on it instead).
    with contextlib.suppress(Exception):
        import hiring.parsing.pdf  # noqa: F401 - PyMuPDF, which extract_document loads only for a PDF
        import hiring.parsing.word  # noqa: F401

        parse_bytes(b"Jane Doe\nSkills\nPython, SQL", "warm.txt", Limits(1_000, 1, 1_000))
    ready = pickle.dumps(("ready", None))
    answers.write(struct.pack(">Q", len(ready)) + ready)  # the parent's clock for a document starts after this
    answers.flush()
    requests = sys.stdin.buffer
    while True:
        header = _read(requests, 8)
        if header is None:
            return 0
        body = _read(requests, struct.unpack(">Q", header)[0])
        if body is None:
            return 0
        reply = pickle.dumps(answer(pickle.loads(body)), protocol=pickle.HIGHEST_PROTOCOL)  # noqa: S301 - our parent
        answers.write(struct.pack(">Q", len(reply)) + reply)
        answers.flush()


if __name__ == "__main__":
    raise SystemExit(main())
