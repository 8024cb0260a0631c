"""The health dashboard (issue 12): parse outcomes from the functions' EMF counts, the work queue's depth and age,
the dead letters, and every catalog function's errors, each widget reading the resource the stack built."""

from __future__ import annotations

import ast
import json
from pathlib import Path
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


# --- every figure the functions emit (issue 12, part B) ---------------------------------------------------------

SHARED = Path(__file__).resolve().parents[2] / "shared" / "hiring"
FUNCTIONS_DIR = Path(__file__).resolve().parents[2] / "functions"


def _emitted_names() -> set[str]:
    """Every literal name passed to metrics.add_metric(name=...) in the domain package and the handlers."""
    names: set[str] = set()
    for path in [*SHARED.rglob("*.py"), *FUNCTIONS_DIR.rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "add_metric":
                for keyword in node.keywords:
                    if keyword.arg == "name" and isinstance(keyword.value, ast.Constant):
                        names.add(str(keyword.value.value))
    return names


def _app_metrics(widgets: dict[str, list[list[Any]]]) -> set[str]:
    return {m[1] for metrics in widgets.values() for m in metrics if m[0] == "Hiring"}


def test_every_metric_a_function_emits_is_on_the_dashboard(widgets: dict[str, list[list[Any]]]) -> None:
    emitted = _emitted_names()
    assert {"ResumeParsed", "RateLimited", "LlmCalls", "ImportRowsFailed", "PairsScored", "JobsExpired"} <= emitted
    assert emitted - _app_metrics(widgets) == set()


def test_the_admin_metrics_figures_have_their_widgets(widgets: dict[str, list[list[Any]]]) -> None:
    assert _metric_names(widgets["Applications"]) == ["ApplicationsCreated", "ApplicationMoves", "ApplicationsHired"]
    assert _metric_names(widgets["Feedback rephrasing"]) == ["FeedbackRephrased", "FeedbackRephraseRefused"]
    assert _metric_names(widgets["Rate-limited requests"]) == ["RateLimited"]
    assert _metric_names(widgets["Imports and failures"]) == ["ImportBatches", "JobsImported", "ImportRowsFailed"]
    llm = widgets["LLM calls and cost"]
    assert _metric_names(llm) == ["LlmCalls", "LlmTokensIn", "LlmTokensOut", "LlmEstimatedCostUsd"]
    assert llm[-1][-1].get("yAxis") == "right"  # dollars beside counts
    latency = widgets["Parse latency (ms)"]
    assert [(m[1], m[-1]["stat"]) for m in latency] == [("ResumeParseLatency", p) for p in ("p50", "p90", "p99")]
    for metric in (m for ms in widgets.values() for m in ms if m[0] == "Hiring"):
        assert metric[2:4] == ["service", "hiring"]


def _alarm(synth: Synthesized, description_start: str) -> dict[str, Any]:
    found = [
        a["Properties"]
        for a in synth.of_type("AWS::CloudWatch::Alarm").values()
        if a["Properties"].get("AlarmDescription", "").startswith(description_start)
    ]
    assert len(found) == 1, description_start
    props: dict[str, Any] = found[0]
    assert props["AlarmActions"] == [{"Ref": synth.topic(ALARM_TOPIC)}]
    return props


@pytest.mark.parametrize(
    ("start", "metric", "threshold", "period"),
    [
        ("Resumes failed intake", "ResumeIntakeFailed", 0, 300),
        ("Over 100 feed or scraped rows", "ImportRowsFailed", 100, 3600),
        ("Work messages were given up", "WorkMessagesDeadLettered", 0, 300),
        ("The estimated LLM spend", "LlmEstimatedCostUsd", 5, 3600),
        ("Over 100 requests refused for their rate", "RateLimited", 100, 300),
    ],
)
def test_the_applications_figures_raise_alarms(
    synth: Synthesized, start: str, metric: str, threshold: float, period: int
) -> None:
    props = _alarm(synth, start)
    assert (props["Namespace"], props["MetricName"], props["Statistic"]) == ("Hiring", metric, "Sum")
    assert props["Dimensions"] == [{"Name": "service", "Value": "hiring"}]
    assert (props["Threshold"], props["Period"], props["ComparisonOperator"]) == (
        threshold,
        period,
        "GreaterThanThreshold",
    )


def test_the_needs_review_rate_and_the_queue_depth_raise_alarms(synth: Synthesized) -> None:
    rate = _alarm(synth, "Over 50% of an hour's parsed resumes need review")
    assert rate["Threshold"] == 0.5
    queries = {q["Id"]: q for q in rate["Metrics"]}
    assert queries["parsed"]["MetricStat"]["Metric"]["MetricName"] == "ResumeParsed"
    assert queries["review"]["MetricStat"]["Metric"]["MetricName"] == "ResumeNeedsReview"
    expression = next(q for q in rate["Metrics"] if "Expression" in q)
    assert expression["Expression"] == "IF(parsed + review > 0, review / (parsed + review), 0)"
    queue, _ = synth.queues()
    depth = _alarm(synth, "Over 1000 messages wait in the work queue")
    assert (depth["MetricName"], depth["Threshold"], depth["EvaluationPeriods"]) == (
        "ApproximateNumberOfMessagesVisible",
        1000,
        3,
    )
    assert depth["Dimensions"] == [{"Name": "QueueName", "Value": {"Fn::GetAtt": [queue, "QueueName"]}}]
