"""S3BlobStore against moto, and the S3 -> SQS notification shape the parse handler consumes."""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import parse_qs, unquote_plus, urlsplit

import pytest
import requests

from hiring.adapters.s3_blobs import S3BlobStore, s3_client
from hiring.ports import BlobInfo, BlobNotFound

PDF = b"%PDF-1.7\n" + b"resume body " * 100


@pytest.fixture
def store(s3: Any, bucket: str) -> S3BlobStore:
    return S3BlobStore(bucket, s3)


def test_put_then_get_returns_the_same_bytes(store: S3BlobStore) -> None:
    info = store.put("resumes/t1/a.pdf", PDF, "application/pdf")

    assert store.get("resumes/t1/a.pdf") == PDF
    assert info == BlobInfo(key="resumes/t1/a.pdf", size=len(PDF), etag=hashlib.md5(PDF).hexdigest())  # noqa: S324


def test_put_records_content_type_and_encryption(store: S3BlobStore, s3: Any, bucket: str) -> None:
    store.put("resumes/t1/a.pdf", PDF, "application/pdf")

    raw = s3.head_object(Bucket=bucket, Key="resumes/t1/a.pdf")
    assert raw["ContentType"] == "application/pdf"
    assert raw["ServerSideEncryption"] == "AES256"


def test_head_reports_size_and_etag_of_stored_object(store: S3BlobStore) -> None:
    written = store.put("a/b.txt", b"hello")

    assert store.head("a/b.txt") == written
    assert written.size == 5


@pytest.mark.parametrize("operation", ["get", "head"])
def test_missing_key_raises_blob_not_found(store: S3BlobStore, operation: str) -> None:
    with pytest.raises(BlobNotFound) as caught:
        getattr(store, operation)("nope/missing.pdf")

    assert caught.value.args == ("nope/missing.pdf",)
    assert isinstance(caught.value, KeyError)


def test_copy_duplicates_object_and_keeps_source(store: S3BlobStore, s3: Any, bucket: str) -> None:
    store.put("inbox/a.pdf", PDF, "application/pdf")

    info = store.copy("inbox/a.pdf", "resumes/t1/a.pdf")

    assert info.key == "resumes/t1/a.pdf"
    assert info.size == len(PDF)
    assert store.get("resumes/t1/a.pdf") == PDF
    assert store.get("inbox/a.pdf") == PDF
    raw = s3.head_object(Bucket=bucket, Key="resumes/t1/a.pdf")
    assert raw["ContentType"] == "application/pdf"
    assert raw["ServerSideEncryption"] == "AES256"


def test_copy_of_missing_source_raises_blob_not_found(store: S3BlobStore) -> None:
    with pytest.raises(BlobNotFound) as caught:
        store.copy("inbox/missing.pdf", "resumes/x.pdf")

    assert caught.value.args == ("inbox/missing.pdf",)


def test_list_returns_only_keys_under_prefix(store: S3BlobStore) -> None:
    store.put("inbox/a.pdf", b"a")
    store.put("inbox/b.pdf", b"bb")
    store.put("inboxes/c.pdf", b"ccc")
    store.put("resumes/d.pdf", b"dddd")

    listed = store.list("inbox/")

    assert [(info.key, info.size) for info in listed] == [("inbox/a.pdf", 1), ("inbox/b.pdf", 2)]
    assert store.list("nothing/") == []


def test_delete_removes_object_and_is_idempotent(store: S3BlobStore) -> None:
    store.put("inbox/a.pdf", b"a")

    store.delete("inbox/a.pdf")
    store.delete("inbox/a.pdf")

    with pytest.raises(BlobNotFound):
        store.get("inbox/a.pdf")


def test_presigned_put_lets_a_client_upload_directly(bucket: str) -> None:
    store = S3BlobStore(bucket, s3_client("us-east-1"))

    url = store.presigned_put("uploads/t1/big.pdf", expires_s=300, content_type="application/pdf")

    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert (parts.scheme, parts.hostname, parts.path) == ("https", f"{bucket}.s3.amazonaws.com", "/uploads/t1/big.pdf")
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert query["X-Amz-Expires"] == ["300"]
    assert "content-type" in query["X-Amz-SignedHeaders"][0]

    response = requests.put(url, data=PDF, headers={"Content-Type": "application/pdf"}, timeout=10)

    assert response.status_code == 200
    assert store.get("uploads/t1/big.pdf") == PDF


def test_presigned_put_rejects_non_positive_expiry(bucket: str) -> None:
    store = S3BlobStore(bucket, s3_client("us-east-1"))

    with pytest.raises(ValueError, match="expires_s"):
        store.presigned_put("uploads/x.pdf", expires_s=0)


def test_presigned_put_refuses_a_client_that_would_sign_with_sigv2(store: S3BlobStore) -> None:
    with pytest.raises(ValueError, match="s3v4"):
        store.presigned_put("uploads/x.pdf", expires_s=60)


def _notifications(sqs: Any, queue_url: str) -> list[dict[str, Any]]:
    messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", [])
    bodies = [json.loads(message["Body"]) for message in messages]
    # S3 sends one s3:TestEvent when the configuration is saved; it has no Records.
    return [body for body in bodies if "Records" in body]


def test_put_under_inbox_sends_object_created_notification(store: S3BlobStore, s3: Any, sqs: Any, bucket: str) -> None:
    queue_url = sqs.create_queue(QueueName="hiring-parse")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    s3.put_bucket_notification_configuration(
        Bucket=bucket,
        NotificationConfiguration={
            "QueueConfigurations": [
                {
                    "QueueArn": queue_arn,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "inbox/"}]}},
                }
            ]
        },
    )
    key = "inbox/Jane Doe résumé+v2.pdf"

    store.put("resumes/not-watched.pdf", PDF, "application/pdf")
    store.put(key, PDF, "application/pdf")

    records = [record for body in _notifications(sqs, queue_url) for record in body["Records"]]
    assert len(records) == 1
    record = records[0]
    assert record["eventSource"] == "aws:s3"
    assert record["eventName"].startswith("ObjectCreated")
    assert record["awsRegion"] == "us-east-1"
    assert record["s3"]["bucket"]["name"] == bucket
    assert record["s3"]["bucket"]["arn"] == f"arn:aws:s3:::{bucket}"
    # Keys arrive form-encoded (space as '+', '+' as %2B, UTF-8 percent-escaped): the handler must unquote_plus.
    # Real S3 leaves '/' as is; moto escapes it as %2F. unquote_plus reads both.
    assert record["s3"]["object"]["key"].replace("%2F", "/") == "inbox/Jane+Doe+r%C3%A9sum%C3%A9%2Bv2.pdf"
    assert unquote_plus(record["s3"]["object"]["key"]) == key
    assert record["s3"]["object"]["size"] == len(PDF)
