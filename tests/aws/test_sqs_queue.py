"""SqsWorkQueue against moto."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from hiring.adapters.sqs_queue import QueueSendError, SqsWorkQueue


class RecordingClient:
    """Passes calls to the real (moto) client, recording send_message_batch requests and failing chosen entries."""

    def __init__(self, client: Any, fail_times: dict[str, int] | None = None) -> None:
        self._client = client
        self.fail_times = dict(fail_times or {})
        self.batches: list[list[dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)

    def send_message_batch(self, QueueUrl: str, Entries: list[dict[str, Any]]) -> dict[str, Any]:  # noqa: N803
        self.batches.append(Entries)
        failing = [entry for entry in Entries if self.fail_times.get(entry["Id"], 0) > 0]
        for entry in failing:
            self.fail_times[entry["Id"]] -= 1
        passing = [entry for entry in Entries if entry not in failing]
        response: dict[str, Any] = {"Successful": [], "Failed": []}
        if passing:
            response = dict(self._client.send_message_batch(QueueUrl=QueueUrl, Entries=passing))
            response.setdefault("Failed", [])
        response["Failed"] = response["Failed"] + [
            {"Id": entry["Id"], "SenderFault": False, "Code": "InternalError", "Message": "try again"}
            for entry in failing
        ]
        return response


@pytest.fixture
def queue(sqs: Any, queue_url: str) -> SqsWorkQueue:
    return SqsWorkQueue(queue_url, sqs)


def test_sent_message_is_received_with_its_body_and_dedup_key(queue: SqsWorkQueue) -> None:
    message_id = queue.send({"type": "match_candidate", "candidate_id": "c-1", "tenant": "t1"}, dedup_key="c-1:v3")

    [message] = queue.receive()

    assert message.message_id == message_id
    assert message.body == {"type": "match_candidate", "candidate_id": "c-1", "tenant": "t1"}
    assert message.attributes == {"dedup_key": "c-1:v3"}
    assert message.receive_count == 1


def test_message_without_dedup_key_has_no_attributes(queue: SqsWorkQueue) -> None:
    queue.send({"n": 1})

    [message] = queue.receive()

    assert message.attributes == {}


def test_deleted_message_is_not_delivered_again(queue: SqsWorkQueue) -> None:
    queue.send({"n": 1})
    [message] = queue.receive(visibility_timeout_s=0)

    queue.delete(message.receipt_handle)

    assert queue.receive() == []
    assert queue.depth() == 0


def test_released_message_is_redelivered_with_higher_receive_count(queue: SqsWorkQueue) -> None:
    queue.send({"n": 1})
    [first] = queue.receive()
    assert queue.receive() == []  # in flight: invisible to other consumers

    queue.release(first.receipt_handle)
    [second] = queue.receive()

    assert second.message_id == first.message_id
    assert second.receive_count == 2


def test_release_rejects_delay_beyond_sqs_limit(queue: SqsWorkQueue) -> None:
    queue.send({"n": 1})
    [message] = queue.receive()

    with pytest.raises(ValueError, match="delay_s"):
        queue.release(message.receipt_handle, delay_s=12 * 3600 + 1)


def test_depth_counts_waiting_and_in_flight_messages(queue: SqsWorkQueue) -> None:
    for n in range(3):
        queue.send({"n": n})
    assert queue.depth() == 3

    queue.receive(max_messages=2)

    assert queue.depth() == 3


def test_message_goes_to_dlq_after_max_receives(sqs: Any) -> None:
    dlq_url = sqs.create_queue(QueueName="hiring-work-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    main_url = sqs.create_queue(
        QueueName="hiring-work",
        Attributes={"RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "2"})},
    )["QueueUrl"]
    queue, dead = SqsWorkQueue(main_url, sqs), SqsWorkQueue(dlq_url, sqs)
    queue.send({"candidate_id": "poison"})

    for attempt in (1, 2):
        [message] = queue.receive()
        assert message.receive_count == attempt
        queue.release(message.receipt_handle)  # the consumer failed
    after_max = queue.receive()

    assert after_max == []
    [dead_letter] = dead.receive()
    assert dead_letter.body == {"candidate_id": "poison"}


def test_send_batch_sends_in_chunks_of_ten_and_keeps_order(sqs: Any, queue_url: str) -> None:
    client = RecordingClient(sqs)
    queue = SqsWorkQueue(queue_url, client)  # type: ignore[arg-type]
    bodies = [{"candidate_id": f"c-{n}"} for n in range(25)]

    ids = queue.send_batch(bodies)

    assert [len(batch) for batch in client.batches] == [10, 10, 5]
    assert len(set(ids)) == 25
    received: dict[str, dict[str, Any]] = {}
    while batch := queue.receive(max_messages=10):
        received.update({message.message_id: message.body for message in batch})
    assert [received[message_id] for message_id in ids] == bodies


def test_send_batch_splits_chunks_that_would_exceed_the_request_size(sqs: Any, queue_url: str) -> None:
    client = RecordingClient(sqs)
    queue = SqsWorkQueue(queue_url, client)  # type: ignore[arg-type]
    bodies = [{"text": "x" * 60_000, "n": n} for n in range(10)]

    ids = queue.send_batch(bodies)

    assert [len(batch) for batch in client.batches] == [4, 4, 2]
    assert len(ids) == 10


def test_send_batch_retries_failed_entries_once(sqs: Any, queue_url: str) -> None:
    client = RecordingClient(sqs, fail_times={"3": 1, "12": 1})
    queue = SqsWorkQueue(queue_url, client)  # type: ignore[arg-type]

    ids = queue.send_batch([{"n": n} for n in range(15)])

    assert len(ids) == 15
    assert [[entry["Id"] for entry in batch] for batch in client.batches][1] == ["3"]
    assert [[entry["Id"] for entry in batch] for batch in client.batches][3] == ["12"]
    assert queue.depth() == 15


def test_send_batch_names_entries_that_fail_twice(sqs: Any, queue_url: str) -> None:
    client = RecordingClient(sqs, fail_times={"4": 2, "17": 5})
    queue = SqsWorkQueue(queue_url, client)  # type: ignore[arg-type]

    with pytest.raises(QueueSendError) as caught:
        queue.send_batch([{"n": n} for n in range(20)])

    assert [entry.index for entry in caught.value.failed] == [4, 17]
    assert "#4: InternalError" in str(caught.value)
    assert "#17: InternalError" in str(caught.value)
    assert sorted(caught.value.sent) == [n for n in range(20) if n not in (4, 17)]
    assert queue.depth() == 18


def test_send_batch_of_nothing_sends_nothing(sqs: Any, queue_url: str) -> None:
    client = RecordingClient(sqs)
    queue = SqsWorkQueue(queue_url, client)  # type: ignore[arg-type]

    assert queue.send_batch([]) == []
    assert client.batches == []


def test_message_that_is_not_a_json_object_is_skipped(queue: SqsWorkQueue, sqs: Any, queue_url: str) -> None:
    sqs.send_message(QueueUrl=queue_url, MessageBody="not json")
    sqs.send_message(QueueUrl=queue_url, MessageBody="[1, 2]")
    queue.send({"n": 1})

    received = []
    while batch := queue.receive():
        received.extend(batch)

    assert [message.body for message in received] == [{"n": 1}]
    assert queue.depth() == 3  # the skipped ones stay in flight, bound for the DLQ


def test_ping_succeeds_on_existing_queue(queue: SqsWorkQueue) -> None:
    queue.ping()


def test_ping_raises_on_missing_queue(sqs: Any) -> None:
    queue = SqsWorkQueue("https://sqs.us-east-1.amazonaws.com/123456789012/does-not-exist", sqs)

    with pytest.raises(ClientError):
        queue.ping()
