"""The parse function's faults in AWS: bounded async retries, then its own dead-letter queue, with an alarm."""

from __future__ import annotations

from synthesized_stack import Synthesized

from hiring.catalog import function_named
from hiring.config import Settings

PARSE = function_named("parse_resume")


def _function_id(synth: Synthesized) -> str:
    return synth.tagged("AWS::Lambda::Function", PARSE)


def _failed_invocations_queue(synth: Synthesized) -> str:
    return synth.tagged("AWS::SQS::Queue", PARSE)


def test_the_parse_function_retries_twice_then_sends_the_event_to_its_dead_letter_queue(synth: Synthesized) -> None:
    queue = _failed_invocations_queue(synth)

    synth.template.has_resource_properties(
        "AWS::Lambda::EventInvokeConfig",
        {
            "FunctionName": {"Ref": _function_id(synth)},
            "MaximumRetryAttempts": PARSE.trigger.async_retries,
            "DestinationConfig": {"OnFailure": {"Destination": {"Fn::GetAtt": [queue, "Arn"]}}},
        },
    )
    assert PARSE.trigger.async_retries == 2


def test_the_dead_letter_queue_keeps_events_two_weeks_and_raises_an_alarm(synth: Synthesized) -> None:
    queue = _failed_invocations_queue(synth)

    assert synth.resources[queue]["Properties"]["MessageRetentionPeriod"] == 14 * 24 * 3600
    alarms = [
        alarm
        for alarm in synth.of_type("AWS::CloudWatch::Alarm").values()
        if {"Name": "QueueName", "Value": {"Fn::GetAtt": [queue, "QueueName"]}}
        in alarm["Properties"].get("Dimensions", [])
    ]
    assert len(alarms) == 1 and alarms[0]["Properties"]["Threshold"] == 0


def test_the_service_counts_as_many_attempts_as_lambda_makes(synth: Synthesized) -> None:
    variables = synth.resources[_function_id(synth)]["Properties"]["Environment"]["Variables"]

    assert variables["HIRING_INTAKE_MAX_ATTEMPTS"] == str(PARSE.trigger.async_attempts) == "3"
    assert Settings.model_fields["intake_max_attempts"].default == PARSE.trigger.async_attempts


def test_only_the_asynchronously_invoked_function_has_a_failed_invocations_queue(synth: Synthesized) -> None:
    configs = synth.of_type("AWS::Lambda::EventInvokeConfig")

    assert [c["Properties"]["FunctionName"] for c in configs.values()] == [{"Ref": _function_id(synth)}]
