"""The one observability module: structured logs, metrics and traces through Powertools."""

from __future__ import annotations

from aws_lambda_powertools import Logger, Metrics, Tracer

# Tracer disables itself outside Lambda (no X-Ray daemon); metrics flush as EMF log lines.
logger = Logger(service="hiring")
tracer = Tracer(service="hiring")
metrics = Metrics(namespace="Hiring", service="hiring")

__all__ = ["logger", "tracer", "metrics"]
