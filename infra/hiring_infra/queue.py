"""The work queue (SQS) and its dead-letter queue, shaped by the consumer's catalog entry. The construct id stays
"Matching" (stack.py) so the CloudFormation logical ids, and the deployed queues, do not change."""

from __future__ import annotations

from aws_cdk import Duration, aws_lambda, aws_lambda_event_sources, aws_sqs
from constructs import Construct

from hiring.catalog import FunctionSpec, TriggerKind

# AWS guidance: a visibility timeout of six times the consumer's timeout, so retries of a throttled or slow
# batch do not hand the same message to a second consumer while the first still works on it.
VISIBILITY_TIMEOUT_FACTOR = 6


class WorkQueue(Construct):
    """Work messages (matching, job analysis, scrape imports) for the one SQS consumer; after max_receive_count
    receives a message goes to the DLQ."""

    def __init__(self, scope: Construct, construct_id: str, *, consumer: FunctionSpec) -> None:
        super().__init__(scope, construct_id)
        if consumer.trigger.kind is not TriggerKind.SQS:
            raise ValueError(f"{consumer.name} is not an SQS consumer")
        self.consumer = consumer
        self.dead_letters = aws_sqs.Queue(
            self,
            "DeadLetters",
            encryption=aws_sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            retention_period=Duration.days(14),  # the most SQS keeps: time to inspect and redrive
        )
        self.visibility_timeout_s = consumer.timeout_s * VISIBILITY_TIMEOUT_FACTOR
        self.queue = aws_sqs.Queue(
            self,
            "Queue",
            encryption=aws_sqs.QueueEncryption.SQS_MANAGED,
            enforce_ssl=True,
            visibility_timeout=Duration.seconds(self.visibility_timeout_s),
            dead_letter_queue=aws_sqs.DeadLetterQueue(
                queue=self.dead_letters, max_receive_count=consumer.trigger.max_receive_count
            ),
        )

    def attach_consumer(self, function: aws_lambda.IFunction) -> None:
        """Deliver batches to the consumer, which reports the records that failed (the rest are deleted)."""
        function.add_event_source(
            aws_lambda_event_sources.SqsEventSource(
                self.queue, batch_size=self.consumer.trigger.batch_size, report_batch_item_failures=True
            )
        )
