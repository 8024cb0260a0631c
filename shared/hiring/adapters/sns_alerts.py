"""The cloud alert sink: one SNS message per alert, with its kind and tenant as message attributes."""

from __future__ import annotations

import json
import re
from typing import Any

_SUBJECT_UNSAFE = re.compile(r"[^\x20-\x7e]+")  # SNS subjects are printable ASCII on one line


def alert_subject(kind: str, message: str) -> str:
    """A subject SNS accepts (printable ASCII, at most 100 characters) that still says what happened."""
    text = _SUBJECT_UNSAFE.sub(" ", f"[hiring] {kind}: {message}").strip()
    return text if len(text) <= 100 else text[:99] + "~"


class SnsAlertSink:
    """Publishes alerts to an SNS topic (e-mail, chat or paging subscriptions hang off the topic)."""

    def __init__(self, topic_arn: str, client: Any) -> None:
        if not topic_arn.startswith("arn:"):
            raise ValueError(f"not an SNS topic ARN: {topic_arn!r}")
        self.topic_arn = topic_arn
        self._client = client

    @classmethod
    def for_region(cls, topic_arn: str, region: str) -> SnsAlertSink:
        """A sink with its own boto3 client; boto3 is imported here so local code never loads it."""
        import boto3

        return cls(topic_arn, boto3.client("sns", region_name=region))

    def send(self, tenant_id: str | None, kind: str, message: str, detail: dict[str, Any]) -> None:
        attributes = {"kind": {"DataType": "String", "StringValue": kind}}
        if tenant_id:  # SNS refuses empty attribute values: a platform-wide alert simply has no tenant
            attributes["tenant_id"] = {"DataType": "String", "StringValue": tenant_id}
        body = {"kind": kind, "tenant_id": tenant_id, "message": message, "detail": detail}
        self._client.publish(
            TopicArn=self.topic_arn,
            Subject=alert_subject(kind, message),
            Message=json.dumps(body, default=str, sort_keys=True),
            MessageAttributes=attributes,
        )
