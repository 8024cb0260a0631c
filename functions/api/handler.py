"""Lambda entry point of the HTTP API: the FastAPI app through Mangum."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext
from mangum import Mangum

from hiring.api.app import create_app
from hiring.observability import logger, metrics, tracer

app = create_app()
_asgi = Mangum(app, lifespan="off")


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return _asgi(event, context)  # type: ignore[arg-type]
