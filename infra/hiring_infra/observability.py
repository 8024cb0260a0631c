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
BACKLOG_AGE = Duration.minutes(30)  # work older than this in the queue means the workers are not keeping up


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
    """Any message in the DLQ, any function error, or work waiting in the queue longer than BACKLOG_AGE for two
    periods raises an alarm on the topic operators subscribe to."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        dead_letters: aws_sqs.IQueue,
        functions: Mapping[str, aws_lambda.IFunction],
        failed_invocations: Mapping[str, aws_sqs.IQueue] | None = None,
        work_queue: aws_sqs.IQueue | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        self.topic, key = encrypted_topic(self, "hiring alarms")
        # CloudWatch must encrypt what it publishes to the topic; the AWS-managed SNS key does not allow it.
        key.grant(aws_iam.ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*")
        action = aws_cloudwatch_actions.SnsAction(self.topic)

        def alarm(
            alarm_id: str, description: str, metric: aws_cloudwatch.IMetric, threshold: float = 0, periods: int = 1
        ) -> aws_cloudwatch.Alarm:
            """Raised on the topic as soon as the metric is above the threshold (zero) in `periods` periods (one);
            no data is not a breach."""
            raised = aws_cloudwatch.Alarm(
                self,
                alarm_id,
                alarm_description=description,
                metric=metric,
                threshold=threshold,
                comparison_operator=aws_cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
                evaluation_periods=periods,
                treat_missing_data=aws_cloudwatch.TreatMissingData.NOT_BREACHING,
            )
            raised.add_alarm_action(action)
            return raised

        self.dead_letters = alarm(
            "DeadLetters",
            "Match messages failed every receive and wait in the DLQ: inspect, fix, redrive.",
            dead_letters.metric_approximate_number_of_messages_visible(period=PERIOD, statistic="Maximum"),
        )
        # Events an asynchronously invoked function failed on after its retries (the parse function's DLQ).
        self.failed_invocations = {
            name: alarm(
                f"FailedInvocations-{name}",
                f"The {name} function failed on an event after its retries: see its DLQ.",
                queue.metric_approximate_number_of_messages_visible(period=PERIOD, statistic="Maximum"),
            )
            for name, queue in sorted((failed_invocations or {}).items())
        }
        self.errors = {
            name: alarm(
                f"Errors-{name}",
                f"The {name} function raised errors (uncaught exceptions or timeouts).",
                function.metric_errors(period=PERIOD, statistic="Sum"),
            )
            for name, function in sorted(functions.items())
        }
        self.backlog_age = (
            alarm(
                "QueueBacklogAge",
                f"Work has waited in the queue over {int(BACKLOG_AGE.to_minutes())} min: workers failing or too few.",
                work_queue.metric_approximate_age_of_oldest_message(period=PERIOD, statistic="Maximum"),
                threshold=BACKLOG_AGE.to_seconds(),
                periods=2,
            )
            if work_queue is not None
            else None
        )
        CfnOutput(self, "AlarmTopicArn", value=self.topic.topic_arn, description="Subscribe to receive alarms")


# The application's Powertools metrics (hiring.observability: namespace "Hiring", dimension service=hiring).
APP_NAMESPACE = "Hiring"
APP_DIMENSIONS = {"service": "hiring"}
PARSE_OUTCOMES = ("ResumeParsed", "ResumeNeedsReview", "ResumeRejected", "ResumeIntakeFailed")
INTAKE_COUNTS = ("JobsImported", "ScrapedJobsUploaded", "ScrapeCyclesCompleted", "ScrapeAlertsRaised")


def app_metric(name: str) -> aws_cloudwatch.Metric:
    """One of the counts the functions emit as CloudWatch EMF, summed per period."""
    return aws_cloudwatch.Metric(
        namespace=APP_NAMESPACE, metric_name=name, dimensions_map=APP_DIMENSIONS, statistic="Sum", period=PERIOD
    )


class Dashboard(Construct):
    """One CloudWatch dashboard of the platform's health: parse outcomes, the work queue (depth and age of the
    oldest message), dead letters, function errors, and the intake counts; what GET /api/admin/metrics shows a
    tenant, for the operators of the whole stack."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        work_queue: aws_sqs.IQueue,
        dead_letters: aws_sqs.IQueue,
        functions: Mapping[str, aws_lambda.IFunction],
    ) -> None:
        super().__init__(scope, construct_id)
        names = sorted(functions)
        self.dashboard = aws_cloudwatch.Dashboard(
            self,
            "Dashboard",
            default_interval=Duration.days(1),
            widgets=[
                [
                    aws_cloudwatch.GraphWidget(
                        title="Parse outcomes",
                        left=[app_metric(name) for name in PARSE_OUTCOMES],
                        stacked=True,
                        width=12,
                    ),
                    aws_cloudwatch.GraphWidget(
                        title="Work queue",
                        left=[work_queue.metric_approximate_number_of_messages_visible(period=PERIOD)],
                        right=[work_queue.metric_approximate_age_of_oldest_message(period=PERIOD)],
                        width=12,
                    ),
                ],
                [
                    aws_cloudwatch.GraphWidget(
                        title="Dead letters",
                        left=[dead_letters.metric_approximate_number_of_messages_visible(period=PERIOD)],
                        width=12,
                    ),
                    aws_cloudwatch.GraphWidget(
                        title="Function errors",
                        left=[functions[name].metric_errors(period=PERIOD, label=name) for name in names],
                        width=12,
                    ),
                ],
                [
                    aws_cloudwatch.GraphWidget(
                        title="Intake", left=[app_metric(name) for name in INTAKE_COUNTS], width=24
                    ),
                ],
            ],
        )
