"""Scheduling: an EventBridge rule per scheduled function, with the catalog's cron."""

from __future__ import annotations

from aws_cdk import aws_events, aws_events_targets, aws_lambda
from constructs import Construct

from hiring.catalog import FunctionSpec, TriggerKind
from hiring_infra.functions import construct_id


class Schedules(Construct):
    """Rules that invoke functions on their catalog cron (UTC)."""

    def add(self, spec: FunctionSpec, function: aws_lambda.IFunction) -> aws_events.Rule:
        """A rule for one scheduled function."""
        if spec.trigger.kind is not TriggerKind.SCHEDULE or not spec.trigger.cron:
            raise ValueError(f"{spec.name} has no schedule trigger with a cron")
        return aws_events.Rule(
            self,
            construct_id(spec),
            description=f"{spec.name}: {spec.description}",
            schedule=aws_events.Schedule.expression(f"cron({spec.trigger.cron})"),
            targets=[aws_events_targets.LambdaFunction(function, retry_attempts=2)],
        )
