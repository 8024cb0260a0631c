"""Lambda entry point: an S3 ObjectCreated notification under inbox/ -> parse that resume.

A failed attempt raises (IntakeRetry), so Lambda's async retries come back after a delay; the service counts the
attempts and ends the resume `failed` (object quarantined) after the last. Retries are bounded and an invocation
that still fails goes to the function's dead-letter queue (catalog: async_retries, dead_letter_queue)."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools.utilities.data_classes import S3Event
from aws_lambda_powertools.utilities.typing import LambdaContext

from hiring.container import get_container
from hiring.observability import logger, metrics, tracer
from hiring.services.resumes import key_ref


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler(capture_response=False)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    s3_event = S3Event(event)
    resumes = get_container().resumes
    processed = []
    for record in s3_event.records:
        key = unquote_plus(record.s3.get_object.key)  # S3 sends keys URL-encoded ("a b.pdf" -> "a+b.pdf")
        resume_id = resumes.process_inbox_object(key)  # its log lines name the resume id or the key's digest
        processed.append({"object": key_ref(key), "resume_id": resume_id})  # keys carry the uploaded file name
    return {"processed": processed}
