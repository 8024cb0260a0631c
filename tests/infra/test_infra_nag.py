"""cdk-nag (AWS Solutions) passes: every finding is fixed or acknowledged with a written reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from aws_cdk import App, Stack, aws_s3
from aws_cdk.assertions import Match
from hiring_infra.nag import apply_nag
from synthesized_stack import Synthesized

from hiring.catalog import FUNCTIONS


def test_synth_leaves_no_unacknowledged_nag_finding(synth: Synthesized) -> None:
    assert synth.validation_error is None
    assert synth.nag_violations() == []


def test_synth_reports_no_errors(synth: Synthesized) -> None:
    assert synth.annotations is not None
    assert synth.annotations.find_error("*", Match.any_value()) == []


def test_every_acknowledged_nag_rule_carries_a_reason(synth: Synthesized) -> None:
    acknowledged = [
        rule
        for resource in synth.resources.values()
        for rule in resource.get("Metadata", {}).get("cdk_nag", {}).get("rules_to_suppress", [])
        if rule["id"].startswith("AwsSolutions")
    ]

    assert acknowledged
    assert all(len(rule["reason"].split()) >= 8 for rule in acknowledged), acknowledged


def test_nag_fails_the_synth_of_a_non_compliant_resource(tmp_path: Path) -> None:
    app = App(outdir=str(tmp_path))
    aws_s3.Bucket(Stack(app, "Careless"), "PlainBucket")  # no TLS policy, no access logs
    apply_nag(app)

    with pytest.raises(RuntimeError, match="AwsSolutions-S10"):
        app.synth()


@pytest.mark.parametrize("layer", sorted({layer for spec in FUNCTIONS for layer in spec.layers}))
def test_an_unbuilt_layer_is_a_warning_never_silent(synth: Synthesized, layer: str) -> None:
    assert synth.annotations is not None

    warnings = synth.annotations.find_warning(
        f"/HiringStack/Layers/{layer.title()}",
        Match.string_like_regexp(f"layer {layer} not built: run make layers before deploy"),
    )

    assert len(warnings) == 1
