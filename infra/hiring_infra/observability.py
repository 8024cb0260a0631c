"""Observability: alarms on dead letters and function errors, sent to one encrypted SNS topic."""

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


class Alarms(Construct):
    """Any message in the DLQ, or any function error, raises an alarm on the topic operators subscribe to."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        dead_letters: aws_sqs.IQueue,
        functions: Mapping[str, aws_lambda.IFunction],
    ) -> None:
        super().__init__(scope, construct_id)
        key = aws_kms.Key(self, "TopicKey", description="hiring alarm topic", enable_key_rotation=True)
        # CloudWatch must encrypt what it publishes to the topic; the AWS-managed SNS key does not allow it.
        key.grant(aws_iam.ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*")
        self.topic = aws_sns.Topic(self, "Topic", display_name="hiring alarms", master_key=key, enforce_ssl=True)
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
