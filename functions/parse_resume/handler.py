"""Lambda entry point: an S3 ObjectCreated notification under inbox/ -> parse that resume."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools.utilities.data_classes import S3Event
from aws_lambda_powertools.utilities.typing import LambdaContext

from hiring.container import get_container
from hiring.observability import logger, metrics, tracer


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    s3_event = S3Event(event)
    resumes = get_container().resumes
    processed = []
    for record in s3_event.records:
        key = unquote_plus(record.s3.get_object.key)  # S3 sends keys URL-encoded ("a b.pdf" -> "a+b.pdf")
        logger.append_keys(object_key=key)
        resume_id = resumes.process_inbox_object(key)
        processed.append({"key": key, "resume_id": resume_id})
    return {"processed": processed}
