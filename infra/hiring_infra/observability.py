"""Observability: alarms on dead letters and function errors, and the application's own alerts, each on an
encrypted SNS topic of its own."""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import (
    CfnOutput,
    Duration,
    aws_cloudwatch,
    aws_cloudwatch_actions,
    aws_iam,
    aws_kms,
    aws_lambda,
    aws_sns,
    aws_sqs,
)
from constructs import Construct

PERIOD = Duration.minutes(5)  # SQS publishes its metrics every five minutes; finer periods would be empty


def encrypted_topic(scope: Construct, display_name: str) -> tuple[aws_sns.Topic, aws_kms.Key]:
    """An SNS topic `Topic` encrypted with its own rotating KMS key `TopicKey`, refusing requests without TLS."""
    key = aws_kms.Key(scope, "TopicKey", description=f"{display_name} topic", enable_key_rotation=True)
    topic = aws_sns.Topic(scope, "Topic", display_name=display_name, master_key=key, enforce_ssl=True)
    return topic, key


class ProductAlerts(Construct):
    """The topic the application raises alerts on (stuck scrapes, empty scrape cycles, a queue backlog).

    Apart from the alarm topic: its messages are the application's JSON with kind and tenant attributes rather
    than CloudWatch alarm states, so subscribers filter and parse one shape; and a function allowed to publish
    an alert cannot raise a counterfeit alarm. Only the functions whose catalog entry lists ALERTS_PUBLISH may
    publish (the function factory grants them).
    """

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.topic, _ = encrypted_topic(self, "hiring alerts")
        CfnOutput(self, "AlertTopicArn", value=self.topic.topic_arn, description="Subscribe to receive alerts")


class Alarms(Construct):
    """Any message in the DLQ, or any function error, raises an alarm on the topic operators subscribe to."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        dead_letters: aws_sqs.IQueue,
        functions: Mapping[str, aws_lambda.IFunction],
        failed_invocations: Mapping[str, aws_sqs.IQueue] | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.topic, key = encrypted_topic(self, "hiring alarms")
        # CloudWatch must encrypt what it publishes to the topic; the AWS-managed SNS key does not allow it.
        key.grant(aws_iam.ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*")
        action = aws_cloudwatch_actions.SnsAction(self.topic)

        self.dead_letters = aws_cloudwatch.Alarm(
            self,
            "DeadLetters",
            alarm_description="Match messages failed every receive and wait in the DLQ: inspect, fix, redrive.",
            metric=dead_letters.metric_approximate_number_of_messages_visible(period=PERIOD, statistic="Maximum"),
            threshold=0,
            comparison_operator=aws_cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
            evaluation_periods=1,
            treat_missing_data=aws_cloudwatch.TreatMissingData.NOT_BREACHING,
        )
        self.dead_letters.add_alarm_action(action)

        # Events an asynchronously invoked function failed on after its retries (the parse function's DLQ).
        self.failed_invocations: dict[str, aws_cloudwatch.Alarm] = {}
        for name, queue in sorted((failed_invocations or {}).items()):
            alarm = aws_cloudwatch.Alarm(
                self,
                f"FailedInvocations-{name}",
                alarm_description=f"The {name} function failed on an event after its retries: see its DLQ.",
                metric=queue.metric_approximate_number_of_messages_visible(period=PERIOD, statistic="Maximum"),
                threshold=0,
                comparison_operator=aws_cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                evaluation_periods=1,
                treat_missing_data=aws_cloudwatch.TreatMissingData.NOT_BREACHING,
            )
            alarm.add_alarm_action(action)
            self.failed_invocations[name] = alarm
        self.errors: dict[str, aws_cloudwatch.Alarm] = {}
        for name, function in sorted(functions.items()):
            alarm = aws_cloudwatch.Alarm(
                self,
                f"Errors-{name}",
                alarm_description=f"The {name} function raised errors (uncaught exceptions or timeouts).",
                metric=function.metric_errors(period=PERIOD, statistic="Sum"),
                threshold=0,
                comparison_operator=aws_cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                evaluation_periods=1,
                treat_missing_data=aws_cloudwatch.TreatMissingData.NOT_BREACHING,
            )
            alarm.add_alarm_action(action)
            self.errors[name] = alarm
        CfnOutput(self, "AlarmTopicArn", value=self.topic.topic_arn, description="Subscribe to receive alarms")
