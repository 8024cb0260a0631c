"""Every catalog function is a Lambda built as the catalog declares it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from aws_cdk import App
from hiring_infra.application import cdk_json_context
from hiring_infra.configuration import BOARDS_CONTEXT, boards_environment, setting_env
from hiring_infra.stack import HiringStack
from synthesized_stack import ALERT_TOPIC, REPO_ROOT, Synthesized

from hiring.boards.config import BoardSettings
from hiring.catalog import FUNCTIONS, FunctionSpec, Resource, TriggerKind
from hiring.config import Settings
from hiring.llm.config import LlmSettings
from hiring.scraping.config import ScrapeSettings

SPECS = {spec.name: spec for spec in FUNCTIONS}
EXPECTED_ENVIRONMENT = {
    "HIRING_RUNTIME",
    "HIRING_BLOB_BUCKET",
    "HIRING_QUEUE_URL",
    "HIRING_DATABASE_SECRET_ARN",
    "HIRING_JWT_SECRET_ARN",
    "HIRING_OPENSEARCH_ENDPOINT",
    "HIRING_OPENSEARCH_INDEX",
    "POWERTOOLS_SERVICE_NAME",
    "POWERTOOLS_METRICS_NAMESPACE",
    "HIRING_QUEUE_VISIBILITY_TIMEOUT_S",
    "HIRING_QUEUE_MAX_RECEIVES",
}
ACME = {"platform": "greenhouse", "token": "acme", "company": "Acme"}


def extra_environment(spec: FunctionSpec) -> set[str]:
    """What a function reads beyond the common settings: the test's own statement of who needs what."""
    extra = set()
    if Resource.ALERTS_PUBLISH in spec.resources:
        extra.add("HIRING_SCRAPE_ALERT_TOPIC_ARN")
    if {"parse", "api"} & set(spec.layers):  # layers that carry prompts/ (resume extraction, match rephrasing)
        extra.add("HIRING_LLM_PROMPTS_DIR")
    if spec.name == "scrape_boards":
        extra.add("HIRING_BOARDS")
    if spec.name in ("api", "parse_resume"):  # the LLM features' key (off until an operator sets it)
        extra.add("HIRING_LLM_API_KEY_SECRET_ARN")
    if spec.name == "api":  # sourcing enrichment's GitHub token
        extra.add("HIRING_GITHUB_TOKEN_SECRET_ARN")
    if spec.trigger.kind is TriggerKind.S3:  # its attempt count follows Lambda's async retries
        extra.add("HIRING_INTAKE_MAX_ATTEMPTS")
    return extra


def function_of(synth: Synthesized, spec: FunctionSpec) -> dict:
    return synth.resources[synth.tagged("AWS::Lambda::Function", spec)]["Properties"]


def layers_of(synth: Synthesized, spec: FunctionSpec) -> list[str]:
    """The names of the layers a function uses, from their descriptions ("hiring <name> dependencies")."""
    layer_names = {
        logical_id: resource["Properties"]["Description"].split()[1]
        for logical_id, resource in synth.of_type("AWS::Lambda::LayerVersion").items()
        if resource["Properties"].get("Description", "").startswith("hiring ")  # not CDK's own (the AWS CLI)
    }
    return [layer_names[ref["Ref"]] for ref in function_of(synth, spec)["Layers"]]


@pytest.mark.parametrize("name", SPECS)
def test_function_has_the_catalog_size_handler_and_platform(synth: Synthesized, name: str) -> None:
    spec = SPECS[name]

    function = function_of(synth, spec)

    assert function["MemorySize"] == spec.memory_mb
    assert function["Timeout"] == spec.timeout_s
    assert function["Handler"] == spec.handler
    assert function["Runtime"] == "python3.12"
    assert function["Architectures"] == ["x86_64"]
    assert function["TracingConfig"] == {"Mode": "Active"}


@pytest.mark.parametrize("name", SPECS)
def test_function_code_is_its_folder_under_functions(synth: Synthesized, name: str) -> None:
    spec = SPECS[name]

    asset = function_of(synth, spec)["Code"]["S3Key"].removesuffix(".zip")
    staged = synth.outdir / f"asset.{asset}"

    expected = sorted(p.name for p in (REPO_ROOT / "functions" / name).iterdir() if p.name != "__pycache__")
    assert sorted(p.name for p in staged.iterdir()) == expected
    assert (staged / Path(spec.module_path).name).read_bytes() == (REPO_ROOT / spec.module_path).read_bytes()


@pytest.mark.parametrize("name", SPECS)
def test_function_uses_exactly_the_layers_the_catalog_names(synth: Synthesized, name: str) -> None:
    spec = SPECS[name]

    layers = layers_of(synth, spec)

    # CDK sorts layers (feature flag recognizeLayerVersion); order cannot matter, as layers/build.py keeps
    # them disjoint: a layer leaves out every distribution core already holds.
    assert sorted(layers) == sorted(spec.layers)


@pytest.mark.parametrize("name", SPECS)
def test_function_reads_its_settings_and_powertools_from_the_environment(synth: Synthesized, name: str) -> None:
    variables = function_of(synth, SPECS[name])["Environment"]["Variables"]

    assert set(variables) == EXPECTED_ENVIRONMENT | extra_environment(SPECS[name])
    assert variables["HIRING_RUNTIME"] == "aws"
    assert variables["POWERTOOLS_SERVICE_NAME"] == "hiring"
    assert variables["POWERTOOLS_METRICS_NAMESPACE"] == "Hiring"


def test_function_environment_satisfies_the_domain_settings(
    synth: Synthesized, monkeypatch: pytest.MonkeyPatch
) -> None:
    variables = function_of(synth, SPECS["match_worker"])["Environment"]["Variables"]
    monkeypatch.delenv(setting_env("embedder"), raising=False)  # as deployed, not as this shell has it
    for name, value in variables.items():
        # Deploy-time references (Ref, GetAtt) become placeholder strings; literals stay as they are.
        monkeypatch.setenv(name, value if isinstance(value, str) else f"resolved-{name.lower()}")
    assert "AWS_REGION" not in variables  # reserved: Lambda sets it in every function, the stack may not
    monkeypatch.setenv("AWS_REGION", "eu-west-1")

    settings = Settings()

    assert settings.runtime == "aws" and settings.aws_region == "eu-west-1"
    assert settings.queue_visibility_timeout_s == 6 * SPECS["match_worker"].timeout_s
    assert settings.queue_max_receives == SPECS["match_worker"].trigger.max_receive_count
    assert settings.embedder == "onnx"  # HIRING_EMBEDDER as deployed, or its default: the embed layer's model


def test_only_the_match_worker_carries_the_embedding_model(synth: Synthesized) -> None:
    carriers = {name for name, spec in SPECS.items() if "embed" in layers_of(synth, spec)}

    # The parse function must never carry the model (the 250 MB limit); no other function embeds.
    assert carriers == {"match_worker"}
    assert "embed" not in SPECS["parse_resume"].layers


def test_setting_env_follows_the_settings_prefix_and_aliases() -> None:
    assert setting_env("blob_bucket") == "HIRING_BLOB_BUCKET"
    assert setting_env("database_url") == "DATABASE_URL"
    assert setting_env("alert_topic_arn", ScrapeSettings) == "HIRING_SCRAPE_ALERT_TOPIC_ARN"
    assert setting_env("boards", BoardSettings) == "HIRING_BOARDS"
    assert setting_env("prompts_dir", LlmSettings) == "HIRING_LLM_PROMPTS_DIR"
    with pytest.raises(KeyError, match="no field"):
        setting_env("no_such_setting")


def test_alert_publishers_are_told_the_alerts_topic(synth: Synthesized) -> None:
    variables = function_of(synth, SPECS["scrape_watchdog"])["Environment"]["Variables"]

    assert variables["HIRING_SCRAPE_ALERT_TOPIC_ARN"] == {"Ref": synth.topic(ALERT_TOPIC)}


@pytest.mark.parametrize("name", ["parse_resume", "api"])  # resume extraction; match rephrasing on first view
def test_functions_that_may_call_the_llm_find_the_prompts_their_layer_carries(synth: Synthesized, name: str) -> None:
    variables = function_of(synth, SPECS[name])["Environment"]["Variables"]

    assert variables["HIRING_LLM_PROMPTS_DIR"] == "/opt/prompts"


def test_board_scraper_scrapes_no_board_unless_the_deploy_names_some(synth: Synthesized) -> None:
    variables = function_of(synth, SPECS["scrape_boards"])["Environment"]["Variables"]

    assert json.loads(variables["HIRING_BOARDS"]) == []


@pytest.mark.parametrize("given", [json.dumps([ACME]), [ACME]], ids=["cli string", "cdk.json list"])
def test_board_list_comes_from_the_deploy_context(given: Any) -> None:
    app = App(context={BOARDS_CONTEXT: given})

    variables = boards_environment(app)

    assert json.loads(variables["HIRING_BOARDS"]) == [ACME]
    assert BoardSettings.model_validate({"boards": json.loads(variables["HIRING_BOARDS"])}).boards[0].token == "acme"


@pytest.mark.parametrize(
    "given",
    [
        "not json",
        json.dumps([{**ACME, "platform": "workday"}]),
        json.dumps([ACME, ACME]),
        json.dumps([{**ACME, "token": "../admin"}]),
    ],
    ids=["not json", "unknown platform", "a board twice", "token unfit for a URL"],
)
def test_an_invalid_board_list_fails_the_synth(given: str) -> None:
    with pytest.raises(ValueError, match=f"context {BOARDS_CONTEXT} is not a valid list of boards"):
        boards_environment(App(context={BOARDS_CONTEXT: given}))


def test_a_board_list_too_long_for_the_lambda_environment_fails_the_synth() -> None:
    boards = [{"platform": "lever", "token": f"company-{i}", "company": f"Company {i}"} for i in range(100)]

    with pytest.raises(ValueError, match="4 KB"):
        boards_environment(App(context={BOARDS_CONTEXT: json.dumps(boards)}))


@pytest.mark.parametrize("name", SPECS)
def test_function_logs_to_its_own_group_with_a_retention(synth: Synthesized, name: str) -> None:
    spec = SPECS[name]

    group = function_of(synth, spec)["LoggingConfig"]["LogGroup"]["Ref"]

    assert group == synth.tagged("AWS::Logs::LogGroup", spec)
    assert synth.resources[group]["Properties"]["RetentionInDays"] == 30


@pytest.mark.parametrize("name", SPECS)
def test_each_function_has_a_role_of_its_own(synth: Synthesized, name: str) -> None:
    spec = SPECS[name]

    role = function_of(synth, spec)["Role"]["Fn::GetAtt"][0]

    assert role == synth.tagged("AWS::IAM::Role", spec)
    assert "ManagedPolicyArns" not in synth.resources[role]["Properties"]


def test_factory_refuses_a_catalog_function_without_its_handler(tmp_path: Path) -> None:
    app = App(context=cdk_json_context(), outdir=str(tmp_path / "out"))

    with pytest.raises(FileNotFoundError, match=r"function 'api': the catalog names handler 'handler.handler'"):
        HiringStack(app, "Incomplete", deploy_id="x", functions_dir=tmp_path / "functions")
