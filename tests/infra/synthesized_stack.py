"""The synthesized stack and ways to find a catalog function's resources in it; shared by the infra tests."""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from aws_cdk import assertions
from hiring_infra.functions import FUNCTION_TAG

from hiring.catalog import FunctionSpec

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPLOY_ID = "test-deploy"
ALARM_TOPIC = "hiring alarms"  # CloudWatch alarms: dead letters, function errors
ALERT_TOPIC = "hiring alerts"  # the application's own alerts (ALERTS_PUBLISH)


@dataclass(frozen=True)
class Synthesized:
    """One synth of the app: its template, annotations, cdk-nag report, and where it was written."""

    template: assertions.Template
    annotations: assertions.Annotations | None  # None when cdk-nag failed the synth
    outdir: Path
    validation_error: str | None

    @property
    def resources(self) -> dict[str, dict[str, Any]]:
        resources: dict[str, dict[str, Any]] = self.template.to_json()["Resources"]
        return resources

    def of_type(self, cfn_type: str) -> dict[str, dict[str, Any]]:
        return {k: v for k, v in self.resources.items() if v["Type"] == cfn_type}

    def tagged(self, cfn_type: str, spec: FunctionSpec) -> str:
        """Logical id of the one resource of `cfn_type` built for `spec` (by the factory's tag)."""
        found = [
            logical_id
            for logical_id, resource in self.of_type(cfn_type).items()
            if {"Key": FUNCTION_TAG, "Value": spec.name} in resource["Properties"].get("Tags", [])
        ]
        assert len(found) == 1, f"{spec.name}: expected one {cfn_type}, found {found}"
        return found[0]

    def queues(self) -> tuple[str, str]:
        """Logical ids of the match queue and of the dead-letter queue it redrives to."""
        (queue,) = [k for k, v in self.of_type("AWS::SQS::Queue").items() if "RedrivePolicy" in v["Properties"]]
        dead_letters = self.resources[queue]["Properties"]["RedrivePolicy"]["deadLetterTargetArn"]["Fn::GetAtt"][0]
        return queue, dead_letters

    def tls_only(self, policy_type: str, targets: str) -> set[str]:
        """Logical ids that a resource policy of `policy_type` (listing them under `targets`) denies without TLS."""
        return {
            target["Ref"]
            for policy in self.of_type(policy_type).values()
            for statement in policy["Properties"]["PolicyDocument"]["Statement"]
            if statement["Effect"] == "Deny"
            and statement.get("Condition") == {"Bool": {"aws:SecureTransport": "false"}}
            for target in policy["Properties"][targets]
        }

    def topic(self, display_name: str) -> str:
        """Logical id of the one SNS topic shown as `display_name`."""
        (found,) = [
            k for k, v in self.of_type("AWS::SNS::Topic").items() if v["Properties"]["DisplayName"] == display_name
        ]
        return found

    def nag_violations(self) -> list[dict[str, Any]]:
        """AWS Solutions findings left in the validation report (it lists CDK annotations too)."""
        report = json.loads((self.outdir / "validation-report.json").read_text())
        return [
            violation
            for plugin in report["pluginReports"]
            for violation in plugin["violations"]
            if violation["ruleName"].startswith("AwsSolutions")
        ]


def load_layer_build() -> ModuleType:
    """layers/build.py as a module (it is a script, and `build` is too common a name to import)."""
    spec = importlib.util.spec_from_file_location("layer_build", REPO_ROOT / "layers" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["layer_build"] = module
    spec.loader.exec_module(module)
    return module
