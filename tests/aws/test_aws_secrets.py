"""Secrets Manager reads against moto."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from hiring.adapters.aws_secrets import SecretFormatError, database_url_from_secret, secret_string
from tests.aws.conftest import REGION

PASSWORD = "p@ss:w/rd?#%&= ü"


def _secret(secretsmanager: Any, name: str, value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    arn: str = secretsmanager.create_secret(Name=name, SecretString=text)["ARN"]
    return arn


def _rds_secret(**overrides: Any) -> dict[str, Any]:
    secret = {
        "engine": "postgres",
        "host": "db.abc123.us-east-1.rds.amazonaws.com",
        "port": 5432,
        "username": "hiring_admin",
        "password": PASSWORD,
        "dbname": "hiring",
        "dbInstanceIdentifier": "hiring-db",
    }
    secret.update(overrides)
    return {key: value for key, value in secret.items() if value is not None}


def test_rds_secret_becomes_url_with_escaped_password(secretsmanager: Any) -> None:
    arn = _secret(secretsmanager, "hiring/db", _rds_secret())

    url = database_url_from_secret(arn, secretsmanager)

    parts = urlsplit(url)
    assert parts.scheme == "postgresql"
    assert parts.hostname == "db.abc123.us-east-1.rds.amazonaws.com"
    assert parts.port == 5432
    assert parts.path == "/hiring"
    assert unquote(parts.username or "") == "hiring_admin"
    assert unquote(parts.password or "") == PASSWORD
    assert parse_qs(parts.query) == {"sslmode": ["require"]}
    assert PASSWORD not in url


def test_port_given_as_string_is_accepted(secretsmanager: Any) -> None:
    arn = _secret(secretsmanager, "hiring/db", _rds_secret(port="6543"))

    assert urlsplit(database_url_from_secret(arn, secretsmanager)).port == 6543


def test_managed_master_secret_takes_host_and_dbname_from_arguments(secretsmanager: Any) -> None:
    arn = _secret(secretsmanager, "rds!db-1234", {"username": "postgres", "password": PASSWORD})

    url = database_url_from_secret(arn, secretsmanager, host="proxy.example.internal", dbname="hiring")

    parts = urlsplit(url)
    assert (parts.hostname, parts.port, parts.path) == ("proxy.example.internal", 5432, "/hiring")


def test_missing_fields_are_named_and_values_are_not_leaked(secretsmanager: Any) -> None:
    arn = _secret(secretsmanager, "hiring/db", _rds_secret(host=None, dbname=None))

    with pytest.raises(SecretFormatError, match="lacks dbname, host") as caught:
        database_url_from_secret(arn, secretsmanager)

    assert PASSWORD not in str(caught.value)
    assert caught.value.__cause__ is None


def test_secret_for_another_engine_is_rejected(secretsmanager: Any) -> None:
    arn = _secret(secretsmanager, "hiring/db", _rds_secret(engine="mysql"))

    with pytest.raises(SecretFormatError, match="mysql"):
        database_url_from_secret(arn, secretsmanager)


def test_secret_that_is_not_json_is_rejected_without_echoing_it(secretsmanager: Any) -> None:
    arn = _secret(secretsmanager, "hiring/db", "postgres://user:" + PASSWORD)

    with pytest.raises(SecretFormatError, match="not a JSON object") as caught:
        database_url_from_secret(arn, secretsmanager)

    assert PASSWORD not in str(caught.value)
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_secret_string_returns_plain_secret(secretsmanager: Any) -> None:
    arn = _secret(secretsmanager, "hiring/jwt", "k3y-" + "x" * 60)

    assert secret_string(arn, secretsmanager) == "k3y-" + "x" * 60


def test_secret_string_picks_a_json_field(secretsmanager: Any) -> None:
    arn = _secret(secretsmanager, "hiring/jwt", {"signing_key": "abc", "other": "x"})

    assert secret_string(arn, secretsmanager, json_key="signing_key") == "abc"


def test_secret_string_names_missing_json_field(secretsmanager: Any) -> None:
    arn = _secret(secretsmanager, "hiring/jwt", {"other": "x"})

    with pytest.raises(SecretFormatError, match="signing_key"):
        secret_string(arn, secretsmanager, json_key="signing_key")


# --- third-party API keys (the LLM endpoint's, GitHub's): a secret the stack creates with an empty field ----------


def test_a_third_party_key_is_read_from_its_field_and_none_while_empty_or_unreadable(
    secretsmanager: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from hiring.adapters.aws_secrets import third_party_key

    filled = _secret(secretsmanager, "hiring/github", {"token": " ghp_example_value "})
    empty = _secret(secretsmanager, "hiring/llm", {"api_key": ""})
    not_json = _secret(secretsmanager, "hiring/odd", "ghp_example_value")

    assert third_party_key(filled, "token", REGION) == "ghp_example_value"
    assert third_party_key(empty, "api_key", REGION) is None
    assert third_party_key(not_json, "token", REGION) is None
    missing = filled.replace("hiring/github", "hiring/nothing-here")
    assert third_party_key(missing, "token", REGION) is None
    assert "ghp_example_value" not in caplog.text  # the ARN and the reason are logged, never a value


def test_the_llm_reads_its_key_from_the_secret_and_stays_off_while_the_secret_is_empty(
    secretsmanager: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hiring.llm.config import get_llm_settings, reset_llm_settings

    monkeypatch.setenv("AWS_REGION", REGION)
    for name, value in {"ENABLED": "true", "BASE_URL": "http://127.0.0.1:9/v1", "MODEL": "m"}.items():
        monkeypatch.setenv(f"HIRING_LLM_{name}", value)
    monkeypatch.delenv("HIRING_LLM_API_KEY", raising=False)
    filled = _secret(secretsmanager, "hiring/llm-filled", {"api_key": "sk-example"})
    empty = _secret(secretsmanager, "hiring/llm-empty", {"api_key": ""})
    try:
        monkeypatch.setenv("HIRING_LLM_API_KEY_SECRET_ARN", filled)
        reset_llm_settings()
        settings = get_llm_settings()
        assert settings.enabled and settings.api_key is not None
        assert settings.api_key.get_secret_value() == "sk-example" and "sk-example" not in repr(settings)

        monkeypatch.setenv("HIRING_LLM_API_KEY_SECRET_ARN", empty)
        reset_llm_settings()
        assert get_llm_settings().enabled is False  # no key yet: the LLM features stay off, no request fails

        monkeypatch.delenv("HIRING_LLM_API_KEY_SECRET_ARN")
        reset_llm_settings()
        with pytest.raises(ValueError, match="HIRING_LLM_API_KEY or HIRING_LLM_API_KEY_SECRET_ARN"):
            get_llm_settings()
    finally:
        reset_llm_settings()
