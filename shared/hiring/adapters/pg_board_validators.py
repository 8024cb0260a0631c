"""Board validators (ETag, Last-Modified, body hash) kept in Postgres between scheduled runs."""

from __future__ import annotations

from hiring.adapters.postgres import Database
from hiring.boards.http_cache import Validator


class PostgresValidatorStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, platform: str, token: str) -> Validator | None:
        with self.db.connect() as conn:
            row = conn.execute(
                "SELECT etag, last_modified, content_sha256 FROM board_validators WHERE platform = %s AND token = %s",
                (platform, token),
            ).fetchone()
        return Validator(row["etag"], row["last_modified"], row["content_sha256"]) if row else None

    def put(self, platform: str, token: str, validator: Validator) -> None:
        with self.db.connect() as conn:
            conn.execute(
                "INSERT INTO board_validators (platform, token, etag, last_modified, content_sha256)"
                " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (platform, token) DO UPDATE SET etag = EXCLUDED.etag,"
                " last_modified = EXCLUDED.last_modified, content_sha256 = EXCLUDED.content_sha256, updated_at = now()",
                (platform, token, validator.etag, validator.last_modified, validator.content_sha256),
            )
