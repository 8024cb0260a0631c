"""How a fault is named where it is logged or stored: its type and the innermost place it was raised.

Enough to find it, and free of the text: the messages of parser faults may quote the resume, those of storage
faults the key (which carries the uploaded file name), those of validation faults the message body."""

from __future__ import annotations

import traceback


def fault_of(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
    return f"{type(exc).__name__}{where}"
