"""The durable local queue keeps SQS's promises: visibility, receive counts, dead letters, dedup."""

from __future__ import annotations

import time

import pytest

from hiring.adapters.pg_queue import PostgresWorkQueue


@pytest.fixture
def queue(container) -> PostgresWorkQueue:  # type: ignore[no-untyped-def]
    return PostgresWorkQueue(container.db, "test", visibility_timeout_s=60, max_receives=2)


def test_a_received_message_is_invisible_until_deleted_or_released(queue: PostgresWorkQueue) -> None:
    queue.send({"n": 1})
    [message] = queue.receive()
    assert message.body == {"n": 1} and message.receive_count == 1
    assert queue.receive() == []
    queue.release(message.receipt_handle)
    [again] = queue.receive()
    assert again.message_id == message.message_id and again.receive_count == 2
    queue.delete(again.receipt_handle)
    assert queue.depth() == 0


def test_visibility_timeout_expiry_redelivers(queue: PostgresWorkQueue) -> None:
    queue.send({"n": 1})
    queue.receive(visibility_timeout_s=1)
    time.sleep(1.2)
    [again] = queue.receive()
    assert again.receive_count == 2


def test_too_many_receives_go_to_the_dead_letters(queue: PostgresWorkQueue) -> None:
    queue.send({"n": "poison"})
    for _ in range(2):
        [message] = queue.receive()
        queue.release(message.receipt_handle)
    assert queue.receive() == []
    [dead] = queue.dead_letters()
    assert dead["body"] == {"n": "poison"} and dead["receive_count"] == 2


def test_an_equal_pending_message_is_sent_once(queue: PostgresWorkQueue) -> None:
    first = queue.send({"n": 1}, dedup_key="same")
    second = queue.send({"n": 1}, dedup_key="same")
    assert first == second and queue.depth() == 1


def test_two_consumers_never_get_the_same_message(queue: PostgresWorkQueue) -> None:
    queue.send_batch([{"n": i} for i in range(6)])
    a = queue.receive(max_messages=3)
    b = queue.receive(max_messages=10)
    assert len(a) == 3 and len(b) == 3
    assert {m.message_id for m in a}.isdisjoint({m.message_id for m in b})
    assert sorted(m.body["n"] for m in a + b) == list(range(6))


def test_an_expired_in_flight_message_is_redelivered_before_the_backlog(queue: PostgresWorkQueue, container) -> None:  # type: ignore[no-untyped-def]
    queue.send({"n": "crashed"})
    [taken] = queue.receive(max_messages=1)  # its consumer dies holding it
    queue.send_batch([{"n": i} for i in range(30)])
    with queue.db.connect() as conn:  # a backlog older than the expiry of the taken message, as after a crash
        conn.execute(
            "UPDATE queue_messages SET visible_at = now() - interval '1 hour' WHERE id <> %s", (taken.message_id,)
        )
        conn.execute(
            "UPDATE queue_messages SET visible_at = now() - interval '1 second' WHERE id = %s", (taken.message_id,)
        )

    batch = queue.receive(max_messages=10)

    assert taken.message_id in {m.message_id for m in batch}
    [again] = [m for m in batch if m.message_id == taken.message_id]
    assert again.receive_count == 2 and len(batch) == 10


def test_a_dead_lettered_message_leaves_a_rejection_with_its_tenant(queue: PostgresWorkQueue, demo) -> None:  # type: ignore[no-untyped-def]
    queue.send({"type": "match_candidate", "tenant_id": demo.tenant_id, "resume_id": "not-a-uuid"})
    queue.send({"type": "no_tenant"})
    for _ in range(2):
        for message in queue.receive():
            queue.release(message.receipt_handle)
    assert queue.receive() == [] and len(queue.dead_letters()) == 2
    assert queue.receive() == []  # dead-lettering again records nothing again

    with queue.db.connect() as conn:
        rows = conn.execute(
            "SELECT tenant_id, kind, source, detail FROM rejected_inputs ORDER BY detail->'body'->>'type'"
        ).fetchall()
    assert [(r["kind"], r["source"]) for r in rows] == [("work_message", "queue:test")] * 2
    assert str(rows[0]["tenant_id"]) == demo.tenant_id and rows[0]["detail"]["body"]["resume_id"] == "not-a-uuid"
    assert rows[1]["tenant_id"] is None
