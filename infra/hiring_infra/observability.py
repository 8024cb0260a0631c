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
QUEUE_DEPTH = 1000  # messages waiting in the work queue for three periods: the workers are not keeping up
HOUR = Duration.hours(1)


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
    """Any message in the DLQ, any function error, work waiting in the queue longer than BACKLOG_AGE for two
    periods or more than QUEUE_DEPTH messages for three, and the application's figures past their thresholds
    (app_alarms: intake failures, needs_review rate, import row failures, LLM cost, rate-limited requests) raise
    an alarm on the topic operators subscribe to."""

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
        self.queue_depth = (
            alarm(
                "QueueDepth",
                f"Over {QUEUE_DEPTH} messages wait in the work queue for three periods: workers behind or failing.",
                work_queue.metric_approximate_number_of_messages_visible(period=PERIOD, statistic="Maximum"),
                threshold=QUEUE_DEPTH,
                periods=3,
            )
            if work_queue is not None
            else None
        )
        # The application's own figures (Powertools EMF); each threshold is in APP_ALARMS.
        self.app = {
            alarm_id: alarm(alarm_id, description, metric, threshold=threshold, periods=periods)
            for alarm_id, (description, metric, threshold, periods) in app_alarms().items()
        }
        CfnOutput(self, "AlarmTopicArn", value=self.topic.topic_arn, description="Subscribe to receive alarms")


# The application's Powertools metrics (hiring.observability: namespace "Hiring", dimension service=hiring): every
# name a function emits with metrics.add_metric is on the dashboard (tests/infra/test_infra_observability.py).
APP_NAMESPACE = "Hiring"
APP_DIMENSIONS = {"service": "hiring"}
PARSE_OUTCOMES = ("ResumeParsed", "ResumeNeedsReview", "ResumeRejected", "ResumeIntakeFailed")
PARSE_LATENCY = "ResumeParseLatency"
INTAKE_COUNTS = ("JobsImported", "ScrapedJobsUploaded", "ScrapeCyclesCompleted", "ScrapeAlertsRaised",
                 "ScrapeAlertsUndelivered")  # fmt: skip
IMPORT_COUNTS = ("ImportBatches", "JobsImported", "ImportRowsFailed")
LLM_COUNTS = ("LlmCalls", "LlmTokensIn", "LlmTokensOut")
LLM_COST = "LlmEstimatedCostUsd"
FUNNEL_COUNTS = ("ApplicationsCreated", "ApplicationMoves", "ApplicationsHired")
FEEDBACK_COUNTS = ("FeedbackRephrased", "FeedbackRephraseRefused")
MATCH_COUNTS = ("MatchScoresStored", "PairsScored", "RefreshMessages")
PACK_COUNTS = ("PacksCreated",)
BOARD_COUNTS = ("BoardsScraped", "BoardsUnchanged", "BoardsFailed")
HOUSEKEEPING_COUNTS = ("JobsExpired", "ResumesErasedByRetention", "ProspectsErasedByRetention")
DEAD_LETTERED = "WorkMessagesDeadLettered"
RATE_LIMITED = "RateLimited"

# Thresholds of the alarms on the application's figures.
NEEDS_REVIEW_RATE = 0.5  # over half of an hour's finished parses need review: the parser or the inputs changed
IMPORT_ROWS_FAILED = 100  # feed or scraped rows refused in an hour
LLM_COST_PER_HOUR_USD = 5.0  # the estimated LLM spend in an hour
RATE_LIMITED_PER_PERIOD = 100  # uploads refused for their rate in five minutes: abuse or a runaway client


def app_metric(name: str, statistic: str = "Sum", period: Duration = PERIOD) -> aws_cloudwatch.Metric:
    """One of the figures the functions emit as CloudWatch EMF, summed per period unless told otherwise."""
    return aws_cloudwatch.Metric(
        namespace=APP_NAMESPACE, metric_name=name, dimensions_map=APP_DIMENSIONS, statistic=statistic, period=period
    )


def app_alarms() -> dict[str, tuple[str, aws_cloudwatch.IMetric, float, int]]:
    """Alarm id -> (description, metric, threshold it must pass, periods) on the application's EMF figures."""
    needs_review_rate = aws_cloudwatch.MathExpression(
        expression="IF(parsed + review > 0, review / (parsed + review), 0)",
        using_metrics={
            "parsed": app_metric("ResumeParsed", period=HOUR),
            "review": app_metric("ResumeNeedsReview", period=HOUR),
        },
        label="needs_review rate",
        period=HOUR,
    )
    return {
        "ResumeIntakeFailures": (
            "Resumes failed intake after every attempt (quarantined): see the rejections and the parse logs.",
            app_metric("ResumeIntakeFailed"), 0, 1,
        ),
        "NeedsReviewRate": (
            f"Over {NEEDS_REVIEW_RATE:.0%} of an hour's parsed resumes need review: the parser or the inputs changed.",
            needs_review_rate, NEEDS_REVIEW_RATE, 1,
        ),
        "ImportRowsFailed": (
            f"Over {IMPORT_ROWS_FAILED} feed or scraped rows refused in an hour: see GET /api/admin/rejections.",
            app_metric("ImportRowsFailed", period=HOUR), IMPORT_ROWS_FAILED, 1,
        ),
        "WorkDeadLettered": (
            "Work messages were given up on after their receives: see GET /api/admin/rejections (work_message).",
            app_metric(DEAD_LETTERED), 0, 1,
        ),
        "LlmCost": (
            f"The estimated LLM spend passed {LLM_COST_PER_HOUR_USD} USD in an hour.",
            app_metric(LLM_COST, period=HOUR), LLM_COST_PER_HOUR_USD, 1,
        ),
        "RateLimited": (
            f"Over {RATE_LIMITED_PER_PERIOD} requests refused for their rate in 5 minutes: abuse or a runaway client.",
            app_metric(RATE_LIMITED), RATE_LIMITED_PER_PERIOD, 1,
        ),
    }  # fmt: skip


def _graph(title: str, names: tuple[str, ...], width: int = 8, stacked: bool = False) -> aws_cloudwatch.GraphWidget:
    """A graph of application figures, each summed per period."""
    return aws_cloudwatch.GraphWidget(
        title=title, left=[app_metric(name) for name in names], width=width, stacked=stacked
    )


class Dashboard(Construct):
    """One CloudWatch dashboard of the platform's health: parse outcomes and latency, the work queue (depth and
    age of the oldest message), dead letters, function errors, intake and imports, matches, LLM calls and cost,
    the hiring funnel, feedback rephrasing and rate-limited requests; what GET /api/admin/metrics shows a tenant,
    for the operators of the whole stack."""

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
        latency = [app_metric(PARSE_LATENCY, statistic=p, period=PERIOD).with_(label=p) for p in ("p50", "p90", "p99")]
        self.dashboard = aws_cloudwatch.Dashboard(
            self,
            "Dashboard",
            default_interval=Duration.days(1),
            widgets=[
                [
                    _graph("Parse outcomes", PARSE_OUTCOMES, width=12, stacked=True),
                    aws_cloudwatch.GraphWidget(
                        title="Work queue",
                        left=[work_queue.metric_approximate_number_of_messages_visible(period=PERIOD)],
                        right=[work_queue.metric_approximate_age_of_oldest_message(period=PERIOD)],
                        width=12,
                    ),
                ],
                [
                    aws_cloudwatch.GraphWidget(title="Parse latency (ms)", left=latency, width=8),
                    aws_cloudwatch.GraphWidget(
                        title="Dead letters",
                        left=[dead_letters.metric_approximate_number_of_messages_visible(period=PERIOD)],
                        width=8,
                    ),
                    _graph("Work dead-lettered", (DEAD_LETTERED,)),
                ],
                [
                    aws_cloudwatch.GraphWidget(
                        title="Function errors",
                        left=[functions[name].metric_errors(period=PERIOD, label=name) for name in names],
                        width=24,
                    ),
                ],
                [
                    _graph("Intake", INTAKE_COUNTS, width=12),
                    _graph("Imports and failures", IMPORT_COUNTS, width=12),
                ],
                [
                    aws_cloudwatch.GraphWidget(
                        title="LLM calls and cost",
                        left=[app_metric(name) for name in LLM_COUNTS],
                        right=[app_metric(LLM_COST)],
                        width=12,
                    ),
                    _graph("Matches stored", MATCH_COUNTS, width=12),
                ],
                [
                    _graph("Applications", FUNNEL_COUNTS),
                    _graph("Feedback rephrasing", FEEDBACK_COUNTS),
                    _graph("Rate-limited requests", (RATE_LIMITED,)),
                ],
                [
                    _graph("Application packs", PACK_COUNTS),
                    _graph("Job boards", BOARD_COUNTS),
                    _graph("Housekeeping", HOUSEKEEPING_COUNTS),
                ],
            ],
        )
