"""The slice on the cloud adapters: S3 (moto) notifies the parse handler, SQS (moto) feeds the match worker,
with the real Postgres behind both. Partial batch failures end in the DLQ after maxReceiveCount."""

from __future__ import annotations

import json
from typing import Any

import pytest

from hiring.adapters.s3_blobs import S3BlobStore
from hiring.adapters.sqs_queue import SqsWorkQueue
from hiring.identity import Principal, Role
from hiring.ports import QueueMessage
from hiring.runtime import events
from hiring.runtime.invoke import invoke
from hiring.services.jobs import JobService
from hiring.services.resumes import ResumeService
from tests.pdfs import RESUME_TEXT, text_pdf

MAX_RECEIVES = 2


@pytest.fixture
def cloud(container: Any, s3: Any, sqs: Any, bucket: str) -> dict[str, Any]:
    """The container with S3 and SQS adapters in place of the directory and the Postgres queue."""
    dlq_url = sqs.create_queue(QueueName="hiring-match-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    match_url = sqs.create_queue(
        QueueName="hiring-match",
        Attributes={
            "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(MAX_RECEIVES)})
        },
    )["QueueUrl"]
    notify_url = sqs.create_queue(QueueName="inbox-notifications")["QueueUrl"]
    notify_arn = sqs.get_queue_attributes(QueueUrl=notify_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    s3.put_bucket_notification_configuration(
        Bucket=bucket,
        NotificationConfiguration={
            "QueueConfigurations": [
                {
                    "QueueArn": notify_arn,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "inbox/"}]}},
                }
            ]
        },
    )
    blobs = S3BlobStore(bucket, s3)
    queue = SqsWorkQueue(match_url, sqs)
    container.blobs, container.queue = blobs, queue
    s = container.settings
    container.resumes = ResumeService(
        container.db, blobs, queue, container.vectors, container.embedder, s.max_upload_bytes, s.max_pages
    )
    container.jobs = JobService(container.db, queue, container.vectors, container.embedder)
    return {"sqs": sqs, "notify_url": notify_url, "dlq_url": dlq_url, "queue": queue, "s3": s3, "bucket": bucket}


def _s3_notifications(sqs: Any, url: str) -> list[dict[str, Any]]:
    """S3 notification events waiting in the queue (the s3:TestEvent sent on configuration is skipped)."""
    found = []
    for raw in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
        body = json.loads(raw["Body"])
        if "Records" in body:
            found.append(body)
        sqs.delete_message(QueueUrl=url, ReceiptHandle=raw["ReceiptHandle"])
    return found


def _work_queue(queue: SqsWorkQueue) -> dict[str, int]:
    """One consumer pass, as the SQS event source mapping would do it; returns received/failed."""
    messages = queue.receive(max_messages=10)
    if not messages:
        return {"received": 0, "failed": 0}
    response = invoke("match_worker", events.sqs_batch(messages, "hiring-match"))
    failed = {f["itemIdentifier"] for f in response["batchItemFailures"]}
    for message in messages:
        if message.message_id in failed:
            queue.release(message.receipt_handle, 0)
        else:
            queue.delete(message.receipt_handle)
    return {"received": len(messages), "failed": len(failed)}


def test_upload_to_s3_notifies_parse_and_sqs_feeds_matching(cloud: dict[str, Any], container: Any, demo: Any) -> None:
    candidate = Principal(demo.users[Role.CANDIDATE], demo.tenant_id, Role.CANDIDATE, "candidate@example.com")
    while _work_queue(cloud["queue"])["received"]:  # the demo jobs' own match messages
        pass

    upload = container.resumes.upload(candidate, "Jane Doe.pdf", text_pdf(RESUME_TEXT), "application/pdf")
    [notification] = _s3_notifications(cloud["sqs"], cloud["notify_url"])
    result = invoke("parse_resume", notification)

    assert result["processed"][0]["resume_id"] == upload.id
    assert container.resumes.get(candidate, upload.id).status == "parsed"
    kept = cloud["s3"].list_objects_v2(Bucket=cloud["bucket"], Prefix="resumes/")["Contents"]
    assert [o["Key"].rsplit("/", 1)[-1] for o in kept] == ["original-Jane_Doe.pdf"]
    assert _work_queue(cloud["queue"]) == {"received": 1, "failed": 0}
    with container.db.connect() as conn:
        assert container.matching.matches_for_resume(conn, demo.tenant_id, upload.id)


def test_a_poison_message_fails_alone_and_lands_in_the_dlq(cloud: dict[str, Any], container: Any) -> None:
    queue: SqsWorkQueue = cloud["queue"]
    queue.send({"type": "match_candidate", "tenant_id": "not-a-uuid", "resume_id": "x"})
    queue.send(
        {
            "type": "refresh_batch",
            "tenant_id": "6b6106bb-4216-4ae4-b355-5a222e568733",
            "resume_ids": ["2520a7ba-2604-4bdc-b926-3fff1a0a0954"],
        }
    )

    first = _work_queue(queue)
    assert first == {"received": 2, "failed": 1}
    for _ in range(MAX_RECEIVES):
        _work_queue(queue)

    dead = cloud["sqs"].receive_message(QueueUrl=cloud["dlq_url"], MaxNumberOfMessages=10).get("Messages", [])
    assert [json.loads(m["Body"])["tenant_id"] for m in dead] == ["not-a-uuid"]
    assert queue.receive() == []


def test_sqs_batch_event_from_real_messages_has_the_lambda_shape(cloud: dict[str, Any]) -> None:
    queue: SqsWorkQueue = cloud["queue"]
    queue.send({"type": "match_job", "tenant_id": "t", "job_id": "j"})
    messages: list[QueueMessage] = queue.receive()
    record = events.sqs_batch(messages, "hiring-match")["Records"][0]
    assert record["eventSource"] == "aws:sqs"
    assert json.loads(record["body"]) == {"type": "match_job", "tenant_id": "t", "job_id": "j"}
    assert record["attributes"]["ApproximateReceiveCount"] == "1"
