"""The event shapes AWS sends, built locally so the same handlers run on one machine."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote_plus

from hiring.ports import QueueMessage

REGION = "us-east-1"
ACCOUNT = "000000000000"


def _now_iso(now: dt.datetime | None = None) -> str:
    return (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def s3_object_created(bucket: str, key: str, size: int, etag: str) -> dict[str, Any]:
    """An S3 ObjectCreated:Put notification (keys arrive URL-encoded, as S3 sends them)."""
    return {
        "Records": [
            {
                "eventVersion": "2.1",
                "eventSource": "aws:s3",
                "awsRegion": REGION,
                "eventTime": _now_iso(),
                "eventName": "ObjectCreated:Put",
                "userIdentity": {"principalId": "AWS:LOCAL"},
                "requestParameters": {"sourceIPAddress": "127.0.0.1"},
                "responseElements": {"x-amz-request-id": uuid.uuid4().hex[:16].upper(), "x-amz-id-2": "local"},
                "s3": {
                    "s3SchemaVersion": "1.0",
                    "configurationId": "inbox-object-created",
                    "bucket": {
                        "name": bucket,
                        "ownerIdentity": {"principalId": "LOCAL"},
                        "arn": f"arn:aws:s3:::{bucket}",
                    },
                    "object": {
                        "key": quote_plus(key, safe="/"),
                        "size": size,
                        "eTag": etag,
                        "sequencer": uuid.uuid4().hex[:18].upper(),
                    },
                },
            }
        ]
    }


def sqs_batch(messages: Sequence[QueueMessage], queue_name: str) -> dict[str, Any]:
    """An SQS event source mapping batch."""
    now_ms = str(int(dt.datetime.now(dt.UTC).timestamp() * 1000))
    records = []
    for message in messages:
        body = json.dumps(message.body, separators=(",", ":"))
        records.append(
            {
                "messageId": message.message_id,
                "receiptHandle": message.receipt_handle,
                "body": body,
                "attributes": {
                    "ApproximateReceiveCount": str(message.receive_count),
                    "SentTimestamp": now_ms,
                    "SenderId": "LOCAL",
                    "ApproximateFirstReceiveTimestamp": now_ms,
                },
                "messageAttributes": {},
                "md5OfBody": hashlib.md5(body.encode(), usedforsecurity=False).hexdigest(),
                "eventSource": "aws:sqs",
                "eventSourceARN": f"arn:aws:sqs:{REGION}:{ACCOUNT}:{queue_name}",
                "awsRegion": REGION,
            }
        )
    return {"Records": records}


def scheduled(rule_name: str, now: dt.datetime | None = None) -> dict[str, Any]:
    """An EventBridge 'Scheduled Event' as a rule delivers it."""
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT,
        "time": (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": REGION,
        "resources": [f"arn:aws:events:{REGION}:{ACCOUNT}:rule/{rule_name}"],
        "detail": {},
    }


def custom_resource(request_type: str = "Create") -> dict[str, Any]:
    """A CloudFormation custom-resource request as the CDK Provider framework forwards it."""
    event: dict[str, Any] = {
        "RequestType": request_type,
        "ServiceToken": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:hiring-migrate-provider",
        "ResponseURL": "https://cloudformation-custom-resource-response.local/",
        "StackId": f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/HiringStack/{uuid.uuid4()}",
        "RequestId": str(uuid.uuid4()),
        "LogicalResourceId": "Migrations",
        "ResourceType": "Custom::Migrations",
        "ResourceProperties": {"ServiceToken": "local"},
    }
    if request_type != "Create":
        event["PhysicalResourceId"] = "hiring-migrations"
    return event
