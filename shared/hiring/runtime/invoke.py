"""Run a function's handler locally, the way Lambda would: load its module by path, pass an event."""

from __future__ import annotations

import importlib.util
import threading
import time
import uuid
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from hiring.catalog import FunctionSpec, function_named
from hiring.config import REPO_ROOT

_modules: dict[str, ModuleType] = {}
_lock = threading.Lock()


@dataclass
class LocalLambdaContext:
    """The attributes of Lambda's context object that handlers and Powertools read."""

    function_name: str
    memory_limit_in_mb: int
    timeout_s: int
    function_version: str = "$LATEST"
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    log_group_name: str = ""
    log_stream_name: str = "local"
    _started: float = field(default_factory=time.monotonic)

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:us-east-1:000000000000:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.timeout_s - (time.monotonic() - self._started)) * 1000))


def load_handler(spec: FunctionSpec) -> Any:
    with _lock:
        module = _modules.get(spec.name)
        if module is None:
            path = REPO_ROOT / spec.module_path
            if not path.is_file():
                raise FileNotFoundError(f"handler module for {spec.name!r} not found at {path}")
            module_spec = importlib.util.spec_from_file_location(f"lambda_{spec.name}_{path.stem}", path)
            assert module_spec and module_spec.loader
            module = importlib.util.module_from_spec(module_spec)
            module_spec.loader.exec_module(module)
            _modules[spec.name] = module
    return getattr(module, spec.callable_name)


def invoke(function: str, event: dict[str, Any]) -> Any:
    """Call the named function's handler with the event and a local context; return what it returns."""
    spec = function_named(function)
    handler = load_handler(spec)
    context = LocalLambdaContext(spec.name, spec.memory_mb, spec.timeout_s, log_group_name=f"/aws/lambda/{spec.name}")
    return handler(event, context)
