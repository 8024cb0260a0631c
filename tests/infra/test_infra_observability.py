"""The health dashboard (issue 12): parse outcomes from the functions' EMF counts, the work queue's depth and age,
the dead letters, and every catalog function's errors, each widget reading the resource the stack built."""

from __future__ import annotations

import json
from typing import Any

import pytest
from synthesized_stack import ALARM_TOPIC, Synthesized

from hiring.catalog import FUNCTIONS


def _render(body: Any) -> str:
    """A DashboardBody (Fn::Join of text and references) as text, each reference written as <id> or <id.attr>."""
    if isinstance(body, str):
        return body
    if "Fn::Join" in body:
        separator, parts = body["Fn::Join"]
        return str(separator).join(_render(part) for part in parts)
    if "Ref" in body:
        return f"<{body['Ref']}>"
    if "Fn::GetAtt" in body:
        return "<{}.{}>".format(*body["Fn::GetAtt"])
    raise AssertionError(f"unexpected token in the dashboard body: {body}")


@pytest.fixture(scope="module")
def widgets(synth: Synthesized) -> dict[str, list[list[Any]]]:
    (dashboard,) = synth.of_type("AWS::CloudWatch::Dashboard").values()
    body = json.loads(_render(dashboard["Properties"]["DashboardBody"]))
    found: dict[str, list[list[Any]]] = {}
    for widget in body["widgets"]:
        found[widget["properties"]["title"]] = widget["properties"]["metrics"]
    return found


def _metric_names(metrics: list[list[Any]]) -> list[str]:
    return [m[1] for m in metrics]


def test_parse_outcomes_are_the_emf_counts_the_resume_service_emits(widgets: dict[str, list[list[Any]]]) -> None:
    parse = widgets["Parse outcomes"]
    assert _metric_names(parse) == ["ResumeParsed", "ResumeNeedsReview", "ResumeRejected", "ResumeIntakeFailed"]
    for metric in parse:  # [namespace, name, dimension, value, options]: the namespace and service Powertools uses
        assert metric[0] == "Hiring" and metric[2:4] == ["service", "hiring"]


def test_the_work_queue_shows_its_depth_and_the_age_of_its_oldest_message(
    synth: Synthesized, widgets: dict[str, list[list[Any]]]
) -> None:
    queue, dead_letters = synth.queues()
    work = widgets["Work queue"]
    assert _metric_names(work) == ["ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage"]
    assert all(m[3] == f"<{queue}.QueueName>" for m in work)
    (dlq,) = widgets["Dead letters"]
    assert (dlq[1], dlq[3]) == ("ApproximateNumberOfMessagesVisible", f"<{dead_letters}.QueueName>")


def test_every_catalog_function_has_its_errors_on_the_dashboard(
    synth: Synthesized, widgets: dict[str, list[list[Any]]]
) -> None:
    errors = widgets["Function errors"]
    assert set(_metric_names(errors)) == {"Errors"}
    shown = {m[3] for m in errors}
    assert shown == {f"<{synth.tagged('AWS::Lambda::Function', spec)}>" for spec in FUNCTIONS}


def test_work_waiting_over_half_an_hour_raises_an_alarm_on_the_alarm_topic(synth: Synthesized) -> None:
    queue, _ = synth.queues()
    synth.template.has_resource_properties(
        "AWS::CloudWatch::Alarm",
        {
            "Namespace": "AWS/SQS",
            "MetricName": "ApproximateAgeOfOldestMessage",
            "Dimensions": [{"Name": "QueueName", "Value": {"Fn::GetAtt": [queue, "QueueName"]}}],
            "ComparisonOperator": "GreaterThanThreshold",
            "Threshold": 1800,
            "EvaluationPeriods": 2,
            "AlarmActions": [{"Ref": synth.topic(ALARM_TOPIC)}],
        },
    )
