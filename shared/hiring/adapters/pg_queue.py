"""A durable work queue in Postgres with SQS semantics: visibility timeout, receive count, dead letters."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from hiring.adapters.postgres import Database
from hiring.ports import QueueMessage, WorkBody, wire_body


class PostgresWorkQueue:
    def __init__(self, db: Database, queue: str = "match", visibility_timeout_s: int = 60, max_receives: int = 3):
        self.db = db
        self.queue = queue
        self.visibility_timeout_s = visibility_timeout_s
        self.max_receives = max_receives

    def send(self, body: WorkBody, dedup_key: str | None = None) -> str:
        with self.db.connect() as conn:
            row = conn.execute(
                "INSERT INTO queue_messages (queue, body, dedup_key) VALUES (%s, %s, %s)"
                " ON CONFLICT (queue, dedup_key) WHERE dedup_key IS NOT NULL AND status <> 'dead' DO NOTHING"
                " RETURNING id",
                (self.queue, wire_body(body), dedup_key),
            ).fetchone()
            if row is None:  # an equal message is already waiting: the work will happen once
                existing = conn.execute(
                    "SELECT id FROM queue_messages WHERE queue = %s AND dedup_key = %s AND status <> 'dead'",
                    (self.queue, dedup_key),
                ).fetchone()
                return str(existing["id"]) if existing else ""
            return str(row["id"])

    def send_batch(self, bodies: Sequence[WorkBody]) -> list[str]:
        if not bodies:
            return []
        with self.db.connect() as conn, conn.cursor() as cur:
            ids = [uuid.uuid4() for _ in bodies]
            cur.executemany(
                "INSERT INTO queue_messages (id, queue, body) VALUES (%s, %s, %s)",
                [(i, self.queue, wire_body(b)) for i, b in zip(ids, bodies, strict=True)],
            )
        return [str(i) for i in ids]

    def receive(self, max_messages: int = 10, visibility_timeout_s: int | None = None) -> list[QueueMessage]:
        timeout = visibility_timeout_s if visibility_timeout_s is not None else self.visibility_timeout_s
        with self.db.connect() as conn:
            # Messages received too often go to the dead-letter state instead of being handed out again, each
            # leaving a rejection (with the tenant its body names) for an admin, unless its consumer left one.
            conn.execute(
                "WITH dead AS ("
                "  UPDATE queue_messages SET status = 'dead', receipt = NULL"
                "  WHERE queue = %s AND status <> 'dead' AND visible_at <= now() AND receive_count >= %s"
                "  RETURNING id, body, receive_count, last_error)"
                " INSERT INTO rejected_inputs (tenant_id, kind, source, reason, detail)"
                " SELECT t.id, 'work_message', 'queue:' || %s,"
                "   'dead-lettered after ' || d.receive_count || ' receives: ' || coalesce(d.last_error, 'no answer'),"
                "   jsonb_build_object('message_id', d.id::text, 'body', d.body, 'receive_count', d.receive_count)"
                " FROM dead d LEFT JOIN tenants t ON t.id::text = d.body->>'tenant_id'"
                " WHERE NOT EXISTS (SELECT 1 FROM rejected_inputs r"
                "   WHERE r.kind = 'work_message' AND r.detail->>'message_id' = d.id::text)",
                (self.queue, self.max_receives, self.queue),
            )
            # As in SQS, a message whose visibility expired (its consumer died) is handed out again at once: the
            # expired in-flight messages first, then the backlog, so a long backlog never starves a redelivery.
            rows: list[dict[str, Any]] = []
            for state, order in (("inflight", "visible_at"), ("ready", "visible_at, created_at")):
                wanted = max_messages - len(rows)
                if wanted <= 0:
                    break
                rows += conn.execute(
                    "WITH picked AS ("
                    "  SELECT id FROM queue_messages"
                    f"  WHERE queue = %s AND status = %s AND visible_at <= now() ORDER BY {order}"
                    "  LIMIT %s FOR UPDATE SKIP LOCKED)"
                    " UPDATE queue_messages q SET status = 'inflight', receive_count = q.receive_count + 1,"
                    "   receipt = gen_random_uuid(), visible_at = now() + make_interval(secs => %s)"
                    " FROM picked WHERE q.id = picked.id"
                    " RETURNING q.id, q.body, q.receipt, q.receive_count, q.created_at",
                    (self.queue, state, wanted, timeout),
                ).fetchall()
        rows.sort(key=lambda r: r["created_at"])
        return [
            QueueMessage(
                message_id=str(r["id"]),
                body=r["body"],
                receipt_handle=str(r["receipt"]),
                receive_count=r["receive_count"],
                attributes={"ApproximateReceiveCount": str(r["receive_count"])},
            )
            for r in rows
        ]

    def delete(self, receipt_handle: str) -> None:
        with self.db.connect() as conn:
            conn.execute("DELETE FROM queue_messages WHERE receipt = %s", (uuid.UUID(receipt_handle),))

    def release(self, receipt_handle: str, delay_s: int = 0) -> None:
        with self.db.connect() as conn:
            conn.execute(
                "UPDATE queue_messages SET status = 'ready', receipt = NULL,"
                " visible_at = now() + make_interval(secs => %s) WHERE receipt = %s",
                (delay_s, uuid.UUID(receipt_handle)),
            )

    def record_error(self, receipt_handle: str, error: str) -> None:
        with self.db.connect() as conn:
            conn.execute(
                "UPDATE queue_messages SET last_error = %s WHERE receipt = %s",
                (error[:2000], uuid.UUID(receipt_handle)),
            )

    def depth(self) -> int:
        with self.db.connect() as conn:
            row = conn.execute(
                "SELECT count(*) AS n FROM queue_messages WHERE queue = %s AND status <> 'dead'", (self.queue,)
            ).fetchone()
        return int(row["n"]) if row else 0

    def dead_letters(self) -> list[dict[str, Any]]:
        with self.db.connect() as conn:
            return conn.execute(
                "SELECT id, body, receive_count, last_error, created_at FROM queue_messages"
                " WHERE queue = %s AND status = 'dead' ORDER BY created_at",
                (self.queue,),
            ).fetchall()

    def ping(self) -> None:
        with self.db.connect() as conn:
            conn.execute("SELECT 1 FROM queue_messages LIMIT 1")
