"""Lambda entry point: a batch of work-queue messages (analyse a job, match a candidate or a job), reported back
as partial batch failures."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from hiring.catalog import function_named
from hiring.container import get_container
from hiring.faults import fault_of
from hiring.observability import logger, metrics, tracer
from hiring.services.messages import work_message_adapter
from hiring.services.work import handle_work, record_dead_letter

# Report every failed record instead of raising when all fail: the outcome for SQS is the same, and the
# invocation still flushes its metrics and logs cleanly.
processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)


MAX_RECEIVES = function_named("match_worker").trigger.max_receive_count


@tracer.capture_method
def record_handler(record: SQSRecord) -> int:
    try:
        message = work_message_adapter.validate_python(json.loads(record.body))
        pairs = handle_work(get_container(), message)
    except Exception as exc:
        # The last receive before the dead-letter queue: leave a rejection an admin sees, then fail as before.
        if int(record.attributes.approximate_receive_count) >= MAX_RECEIVES:
            queue = record.event_source_arn.rsplit(":", 1)[-1]
            record_dead_letter(
                get_container(), queue, record.message_id, record.body,
                int(record.attributes.approximate_receive_count), fault_of(exc),
            )  # fmt: skip
        raise
    metrics.add_metric(name="PairsScored", unit="Count", value=pairs)
    return pairs


@metrics.log_metrics
@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(
        process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
    )
