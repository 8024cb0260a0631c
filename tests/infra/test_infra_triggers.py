"""Each function is wired to the trigger its catalog entry declares."""

from __future__ import annotations

import pytest
from aws_cdk.assertions import Match
from synthesized_stack import DEPLOY_ID, Synthesized

from hiring.catalog import FUNCTIONS, FunctionSpec, TriggerKind, function_named


def function_id(synth: Synthesized, spec: FunctionSpec) -> str:
    return synth.tagged("AWS::Lambda::Function", spec)


def of_kind(kind: TriggerKind) -> list[FunctionSpec]:
    return [spec for spec in FUNCTIONS if spec.trigger.kind is kind]


def test_objects_created_under_the_inbox_prefix_invoke_parse_resume(synth: Synthesized) -> None:
    spec = function_named("parse_resume")

    synth.template.has_resource_properties(
        "Custom::S3BucketNotifications",
        {
            "NotificationConfiguration": {
                "LambdaFunctionConfigurations": [
                    {
                        "Events": ["s3:ObjectCreated:*"],
                        "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": spec.trigger.prefix}]}},
                        "LambdaFunctionArn": {"Fn::GetAtt": [function_id(synth, spec), "Arn"]},
                    }
                ]
            }
        },
    )
    synth.template.has_resource_properties(
        "AWS::Lambda::Permission",
        {"Principal": "s3.amazonaws.com", "FunctionName": {"Fn::GetAtt": [function_id(synth, spec), "Arn"]}},
    )


@pytest.mark.parametrize("spec", of_kind(TriggerKind.SQS), ids=lambda s: s.name)
def test_queue_consumer_reports_partial_batch_failures(synth: Synthesized, spec: FunctionSpec) -> None:
    queue, _ = synth.queues()

    synth.template.has_resource_properties(
        "AWS::Lambda::EventSourceMapping",
        {
            "FunctionName": {"Ref": function_id(synth, spec)},
            "EventSourceArn": {"Fn::GetAtt": [queue, "Arn"]},
            "BatchSize": spec.trigger.batch_size,
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
        },
    )


@pytest.mark.parametrize("spec", of_kind(TriggerKind.SCHEDULE), ids=lambda s: s.name)
def test_schedule_rule_runs_on_the_catalog_cron(synth: Synthesized, spec: FunctionSpec) -> None:
    synth.template.has_resource_properties(
        "AWS::Events::Rule",
        {
            "ScheduleExpression": f"cron({spec.trigger.cron})",
            "State": "ENABLED",
            "Targets": [Match.object_like({"Arn": {"Fn::GetAtt": [function_id(synth, spec), "Arn"]}})],
        },
    )


@pytest.mark.parametrize(
    ("name", "cron"),
    [("scrape_boards", "cron(15 0/6 * * ? *)"), ("scrape_watchdog", "cron(0/15 * * * ? *)")],
)
def test_scrapers_run_every_six_hours_and_their_watchdog_every_quarter_hour(
    synth: Synthesized, name: str, cron: str
) -> None:
    (rule,) = [
        rule["Properties"]
        for rule in synth.of_type("AWS::Events::Rule").values()
        if rule["Properties"]["Targets"][0]["Arn"] == {"Fn::GetAtt": [function_id(synth, function_named(name)), "Arn"]}
    ]

    assert rule["ScheduleExpression"] == cron
    assert rule["State"] == "ENABLED"


def test_only_scheduled_functions_have_rules(synth: Synthesized) -> None:
    targets = {
        target["Arn"]["Fn::GetAtt"][0]
        for rule in synth.of_type("AWS::Events::Rule").values()
        for target in rule["Properties"]["Targets"]
    }

    assert targets == {function_id(synth, spec) for spec in of_kind(TriggerKind.SCHEDULE)}


@pytest.mark.parametrize("spec", of_kind(TriggerKind.CUSTOM_RESOURCE), ids=lambda s: s.name)
def test_migrations_custom_resource_invokes_migrate_on_each_deploy(synth: Synthesized, spec: FunctionSpec) -> None:
    (resource,) = synth.of_type("Custom::HiringMigrations").values()
    provider = resource["Properties"]["ServiceToken"]["Fn::GetAtt"][0]

    assert resource["Properties"]["DeployId"] == DEPLOY_ID
    framework_env = synth.resources[provider]["Properties"]["Environment"]["Variables"]
    assert framework_env["USER_ON_EVENT_FUNCTION_ARN"] == {"Fn::GetAtt": [function_id(synth, spec), "Arn"]}
    assert function_id(synth, spec) in resource["DependsOn"]


@pytest.mark.parametrize("spec", of_kind(TriggerKind.HTTP), ids=lambda s: s.name)
def test_http_api_proxies_every_route_to_the_api_function(synth: Synthesized, spec: FunctionSpec) -> None:
    (integration_id,) = synth.of_type("AWS::ApiGatewayV2::Integration")

    synth.template.has_resource_properties(
        "AWS::ApiGatewayV2::Integration",
        {
            "IntegrationType": "AWS_PROXY",
            "IntegrationUri": {"Fn::GetAtt": [function_id(synth, spec), "Arn"]},
            "PayloadFormatVersion": "2.0",
        },
    )
    synth.template.has_resource_properties(
        "AWS::ApiGatewayV2::Route",
        {"RouteKey": "$default", "Target": {"Fn::Join": ["", ["integrations/", {"Ref": integration_id}]]}},
    )
    synth.template.has_resource_properties(
        "AWS::ApiGatewayV2::Stage",
        {"StageName": "$default", "AutoDeploy": True, "AccessLogSettings": Match.object_like({})},
    )
    synth.template.has_resource_properties(
        "AWS::Lambda::Permission",
        {"Principal": "apigateway.amazonaws.com", "FunctionName": {"Fn::GetAtt": [function_id(synth, spec), "Arn"]}},
    )
