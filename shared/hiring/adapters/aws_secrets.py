"""Secrets Manager reads: the database URL, the JWT signing secret and third-party API keys (the LLM endpoint's,
GitHub's). Values never reach logs or errors."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from botocore.client import BaseClient

_POSTGRES_ENGINES = frozenset({"postgres", "postgresql", "aurora-postgresql"})


class SecretFormatError(ValueError):
    """The secret exists but does not hold what we need. The message names fields, never values."""


def _secret_text(secret_arn: str, client: BaseClient) -> str:
    response = client.get_secret_value(SecretId=secret_arn)
    text = response.get("SecretString")
    if text is None:
        raise SecretFormatError(f"secret {secret_arn} has no SecretString (binary secrets are not supported)")
    return str(text)


def _secret_json(secret_arn: str, client: BaseClient) -> dict[str, Any]:
    try:
        document = json.loads(_secret_text(secret_arn, client))
    except ValueError:
        # `from None`: the decode error keeps the whole secret document in its `doc` attribute.
        raise SecretFormatError(f"secret {secret_arn} is not a JSON object") from None
    if not isinstance(document, dict):
        raise SecretFormatError(f"secret {secret_arn} is not a JSON object")
    return document


def database_url_from_secret(
    secret_arn: str,
    client: BaseClient,
    *,
    host: str | None = None,
    port: int | None = None,
    dbname: str | None = None,
) -> str:
    """A postgresql:// URL (sslmode=require) from an RDS-style secret.

    The secret holds username and password, and usually host, port, dbname and engine (secrets attached to an
    RDS instance). Keyword arguments override the secret's fields and supply those it lacks, as with RDS-managed
    master-user secrets (username and password only) or when connecting through RDS Proxy.
    """
    secret = _secret_json(secret_arn, client)
    engine = secret.get("engine")
    if engine is not None and str(engine) not in _POSTGRES_ENGINES:
        raise SecretFormatError(f"secret {secret_arn} is for engine {engine!r}, not PostgreSQL")
    fields: dict[str, Any] = {
        "username": secret.get("username"),
        "password": secret.get("password"),
        "host": host or secret.get("host"),
        "port": port or secret.get("port") or 5432,
        "dbname": dbname or secret.get("dbname"),
    }
    missing = sorted(name for name, value in fields.items() if value in (None, ""))
    if missing:
        raise SecretFormatError(f"secret {secret_arn} lacks {', '.join(missing)}")
    try:
        port_number = int(fields["port"])
    except (TypeError, ValueError):
        raise SecretFormatError(f"secret {secret_arn} has a port that is not a number") from None
    user = quote(str(fields["username"]), safe="")
    password = quote(str(fields["password"]), safe="")
    database = quote(str(fields["dbname"]), safe="")
    return f"postgresql://{user}:{password}@{fields['host']}:{port_number}/{database}?sslmode=require"


def secret_string(secret_arn: str, client: BaseClient, *, json_key: str | None = None) -> str:
    """The secret's text, or one field of it when the secret is a JSON object and `json_key` is given."""
    if json_key is None:
        text = _secret_text(secret_arn, client)
        if not text:
            raise SecretFormatError(f"secret {secret_arn} is empty")
        return text
    value = _secret_field(secret_arn, client, json_key)
    if value is None:
        raise SecretFormatError(f"secret {secret_arn} has no non-empty string field {json_key!r}")
    return value


def _secret_field(secret_arn: str, client: BaseClient, json_key: str) -> str | None:
    """One field of a JSON secret, or None when it is missing, not a string, or empty."""
    value = _secret_json(secret_arn, client).get(json_key)
    return value if isinstance(value, str) and value else None


def third_party_key(secret_arn: str, json_key: str, region: str | None) -> str | None:
    """A third-party API key an operator puts into its secret after deploy (the stack creates it with the field
    empty): the value, or None while the field is empty or the secret cannot be read (logged with the ARN and the
    reason, never a value), so the feature needing it stays off instead of failing requests."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    from hiring.observability import logger

    try:
        client = boto3.client("secretsmanager", region_name=region)
        value = _secret_field(secret_arn, client, json_key)
    except (SecretFormatError, ClientError, BotoCoreError) as error:
        logger.error("third-party key unreadable", extra={"secret_arn": secret_arn, "reason": type(error).__name__})
        return None
    if value is None or not value.strip():
        logger.warning("third-party key not set yet", extra={"secret_arn": secret_arn, "field": json_key})
        return None
    return value.strip()
