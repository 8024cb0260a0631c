"""WorkQueue on Amazon SQS (standard queue; a redrive policy on the queue moves poison messages to the DLQ)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.client import BaseClient

from hiring.observability import logger
from hiring.ports import QueueMessage, WorkBody, wire_body

DEDUP_ATTRIBUTE = "dedup_key"
_MAX_BATCH_ENTRIES = 10  # SQS SendMessageBatch limit
# SQS caps a whole batch request at 256 KiB (the historical limit; newer queues allow more). Staying under it
# means a batch of large messages is split instead of rejected.
_MAX_BATCH_BYTES = 256 * 1024
_MAX_VISIBILITY_TIMEOUT_S = 12 * 3600


@dataclass(frozen=True)
class FailedEntry:
    index: int  # position in the bodies passed to send_batch
    code: str
    message: str
    sender_fault: bool


class QueueSendError(RuntimeError):
    """Some messages of a batch could not be sent, even after one retry. The others were sent."""

    def __init__(self, failed: list[FailedEntry], sent: dict[int, str]) -> None:
        self.failed = failed
        self.sent = sent  # index -> message id of the messages that did go out
        detail = "; ".join(f"#{entry.index}: {entry.code} {entry.message}" for entry in failed)
        super().__init__(f"SQS rejected {len(failed)} of {len(failed) + len(sent)} messages after a retry: {detail}")


def _encode(body: WorkBody) -> str:
    return json.dumps(wire_body(body), separators=(",", ":"))


def _chunks(encoded: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Group (index, body) pairs into SendMessageBatch requests within the entry and byte limits."""
    chunks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    current_bytes = 0
    for index, text in encoded:
        size = len(text.encode())
        if current and (len(current) == _MAX_BATCH_ENTRIES or current_bytes + size > _MAX_BATCH_BYTES):
            chunks.append(current)
            current, current_bytes = [], 0
        current.append((index, text))
        current_bytes += size
    if current:
        chunks.append(current)
    return chunks


class SqsWorkQueue:
    """JSON messages on one SQS queue."""

    def __init__(self, queue_url: str, client: BaseClient, *, wait_time_s: int = 0) -> None:
        if not 0 <= wait_time_s <= 20:
            raise ValueError("wait_time_s must be between 0 and 20 (SQS long-poll limit)")
        self.queue_url = queue_url
        self._client = client
        self._wait_time_s = wait_time_s

    @classmethod
    def for_region(cls, queue_url: str, region: str, *, wait_time_s: int = 0) -> SqsWorkQueue:
        """Build the queue with a fresh SQS client for `region`."""
        return cls(queue_url, boto3.client("sqs", region_name=region), wait_time_s=wait_time_s)

    def send(self, body: WorkBody, dedup_key: str | None = None) -> str:
        """Send one message; `dedup_key` travels as a message attribute for the consumer's idempotency check."""
        request: dict[str, Any] = {"QueueUrl": self.queue_url, "MessageBody": _encode(body)}
        if dedup_key is not None:
            request["MessageAttributes"] = {DEDUP_ATTRIBUTE: {"DataType": "String", "StringValue": dedup_key}}
        response = self._client.send_message(**request)
        message_id: str = response["MessageId"]
        return message_id

    def send_batch(self, bodies: Sequence[WorkBody]) -> list[str]:
        """Send many messages; returns their ids in input order. Raises QueueSendError naming what failed."""
        encoded = [(index, _encode(body)) for index, body in enumerate(bodies)]
        sent: dict[int, str] = {}
        failed: list[FailedEntry] = []
        for chunk in _chunks(encoded):
            rejected = self._send_chunk(chunk, sent)
            if rejected:
                # One retry for what SQS refused; throttling and internal errors usually pass the second time.
                by_index = dict(chunk)
                failed.extend(self._send_chunk([(entry.index, by_index[entry.index]) for entry in rejected], sent))
        if failed:
            logger.error(
                "sqs send_batch failed",
                extra={
                    "queue_url": self.queue_url,
                    "failed_indexes": [entry.index for entry in failed],
                    "failed_codes": sorted({entry.code for entry in failed}),
                },
            )
            raise QueueSendError(failed, sent)
        return [sent[index] for index in range(len(bodies))]

    def _send_chunk(self, chunk: list[tuple[int, str]], sent: dict[int, str]) -> list[FailedEntry]:
        response = self._client.send_message_batch(
            QueueUrl=self.queue_url,
            Entries=[{"Id": str(index), "MessageBody": text} for index, text in chunk],
        )
        for entry in response.get("Successful", []):
            sent[int(entry["Id"])] = entry["MessageId"]
        return [
            FailedEntry(
                index=int(entry["Id"]),
                code=entry.get("Code", "Unknown"),
                message=entry.get("Message", ""),
                sender_fault=bool(entry.get("SenderFault", False)),
            )
            for entry in response.get("Failed", [])
        ]

    def receive(self, max_messages: int = 10, visibility_timeout_s: int | None = None) -> list[QueueMessage]:
        """Receive up to `max_messages` (at most 10, the SQS limit).

        A message whose body is not a JSON object is logged and left in flight: it comes back after its
        visibility timeout and, like any message that keeps failing, ends in the DLQ after maxReceiveCount.
        """
        request: dict[str, Any] = {
            "QueueUrl": self.queue_url,
            "MaxNumberOfMessages": max(1, min(max_messages, 10)),
            "WaitTimeSeconds": self._wait_time_s,
            "MessageSystemAttributeNames": ["ApproximateReceiveCount"],
            "MessageAttributeNames": ["All"],
        }
        if visibility_timeout_s is not None:
            request["VisibilityTimeout"] = visibility_timeout_s
        response = self._client.receive_message(**request)
        messages: list[QueueMessage] = []
        for raw in response.get("Messages", []):
            body = self._decode(raw)
            if body is None:
                continue
            attributes = {
                name: value["StringValue"]
                for name, value in raw.get("MessageAttributes", {}).items()
                if "StringValue" in value
            }
            messages.append(
                QueueMessage(
                    message_id=raw["MessageId"],
                    body=body,
                    receipt_handle=raw["ReceiptHandle"],
                    receive_count=int(raw.get("Attributes", {}).get("ApproximateReceiveCount", "1")),
                    attributes=attributes,
                )
            )
        return messages

    def _decode(self, raw: dict[str, Any]) -> dict[str, Any] | None:
        try:
            body = json.loads(raw["Body"])
        except ValueError:
            body = None
        if not isinstance(body, dict):
            # Only the id is logged: message bodies may carry personal data.
            logger.warning(
                "sqs message body is not a JSON object",
                extra={"queue_url": self.queue_url, "message_id": raw["MessageId"]},
            )
            return None
        return body

    def delete(self, receipt_handle: str) -> None:
        self._client.delete_message(QueueUrl=self.queue_url, ReceiptHandle=receipt_handle)

    def release(self, receipt_handle: str, delay_s: int = 0) -> None:
        """Make a received message visible again after `delay_s` seconds (0: at once)."""
        if not 0 <= delay_s <= _MAX_VISIBILITY_TIMEOUT_S:
            raise ValueError(f"delay_s must be between 0 and {_MAX_VISIBILITY_TIMEOUT_S}")
        self._client.change_message_visibility(
            QueueUrl=self.queue_url, ReceiptHandle=receipt_handle, VisibilityTimeout=delay_s
        )

    def depth(self) -> int:
        """Messages waiting plus messages in flight (both approximate, as SQS reports them)."""
        response = self._client.get_queue_attributes(
            QueueUrl=self.queue_url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )
        attributes = response["Attributes"]
        return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])

    def ping(self) -> None:
        """Raise if the queue is unreachable or this role may not read it."""
        self._client.get_queue_attributes(QueueUrl=self.queue_url, AttributeNames=["QueueArn"])
