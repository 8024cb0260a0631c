"""SnsAlertSink against moto: the topic receives one message per alert, with kind and tenant as attributes."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest

from hiring.adapters.sns_alerts import SnsAlertSink
from hiring.config import Settings
from hiring.scraping.config import ScrapeSettings, build_alert_sink
from tests.aws.conftest import REGION


@pytest.fixture
def topic(aws: None) -> tuple[str, Any, str]:
    """A topic with an SQS subscription (raw delivery off), so a test reads what SNS delivered."""
    sns = boto3.client("sns", region_name=REGION)
    sqs = boto3.client("sqs", region_name=REGION)
    topic_arn = sns.create_topic(Name="hiring-alerts")["TopicArn"]
    queue_url = sqs.create_queue(QueueName="alerts-inbox")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn)
    return topic_arn, sqs, queue_url


def _delivered(sqs: Any, queue_url: str) -> list[dict[str, Any]]:
    messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(m["Body"]) for m in messages]


def test_an_alert_is_published_with_its_kind_tenant_and_detail(topic: tuple[str, Any, str]) -> None:
    topic_arn, sqs, queue_url = topic
    sink = SnsAlertSink.for_region(topic_arn, REGION)

    sink.send("tenant-1", "scrape_role_stuck", "role 'Welder' has been scraping for 61 minutes", {"minutes": 61})

    [envelope] = _delivered(sqs, queue_url)
    assert envelope["Subject"] == "[hiring] scrape_role_stuck: role 'Welder' has been scraping for 61 minutes"
    assert json.loads(envelope["Message"]) == {
        "kind": "scrape_role_stuck",
        "tenant_id": "tenant-1",
        "message": "role 'Welder' has been scraping for 61 minutes",
        "detail": {"minutes": 61},
    }
    assert envelope["MessageAttributes"]["kind"]["Value"] == "scrape_role_stuck"
    assert envelope["MessageAttributes"]["tenant_id"]["Value"] == "tenant-1"


def test_a_platform_alert_has_no_tenant_attribute(topic: tuple[str, Any, str]) -> None:
    topic_arn, sqs, queue_url = topic

    SnsAlertSink.for_region(topic_arn, REGION).send(None, "processing_backlog", "1500 messages", {"depth": 1500})

    [envelope] = _delivered(sqs, queue_url)
    assert "tenant_id" not in envelope["MessageAttributes"]
    assert json.loads(envelope["Message"])["tenant_id"] is None


def test_a_missing_topic_is_an_error_the_watchdog_records(aws: None) -> None:
    sink = SnsAlertSink.for_region(f"arn:aws:sns:{REGION}:123456789012:no-such-topic", REGION)

    with pytest.raises(Exception, match="NotFound|does not exist"):
        sink.send("t", "zero_jobs_scraped", "0 jobs", {})


def test_a_value_that_is_not_an_arn_is_refused_at_construction() -> None:
    with pytest.raises(ValueError):
        SnsAlertSink("hiring-alerts", client=None)


def test_the_watchdog_sink_publishes_in_the_region_the_settings_name(topic: tuple[str, Any, str]) -> None:
    topic_arn, _, _ = topic
    app = Settings(
        runtime="aws", blob_bucket="b", queue_url="https://sqs.example/q", database_url="postgresql://h/d",
        aws_region="eu-west-1",
    )  # fmt: skip

    sink = build_alert_sink(app, ScrapeSettings(alert_topic_arn=topic_arn))

    assert isinstance(sink, SnsAlertSink) and sink._client.meta.region_name == "eu-west-1"
