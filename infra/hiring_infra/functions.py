"""The function factory: every Lambda of the catalog is built here, one way, from its FunctionSpec."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import assert_never

from aws_cdk import (
    Duration,
    RemovalPolicy,
    Tags,
    aws_ec2,
    aws_iam,
    aws_lambda,
    aws_lambda_destinations,
    aws_logs,
    aws_opensearchservice,
    aws_rds,
    aws_s3,
    aws_secretsmanager,
    aws_sns,
    aws_sqs,
)
from constructs import Construct

from hiring.catalog import FunctionSpec, Resource, TriggerKind
from hiring.config import Settings
from hiring.llm.config import LlmSettings
from hiring.scraping.config import ScrapeSettings
from hiring_infra.configuration import setting_env
from hiring_infra.data import FUNCTION_SUBNETS, LOG_RETENTION
from hiring_infra.lambda_platform import ARCHITECTURE, RUNTIME
from hiring_infra.layers import DependencyLayers
from hiring_infra.nag import acknowledge, wildcard_under
from hiring_infra.queue import WorkQueue

FUNCTION_TAG = "hiring:function"  # on each function and everything built for it (role, logs, security group)
POWERTOOLS_ENVIRONMENT = {"POWERTOOLS_SERVICE_NAME": "hiring", "POWERTOOLS_METRICS_NAMESPACE": "Hiring"}
# Resources reached over the VPC; a function touching any of them runs in the VPC.
NETWORK_RESOURCES = frozenset({Resource.DATABASE, Resource.VECTORS})
# Lambda creates and removes the function's network interfaces with these; EC2 cannot scope them to a resource.
ENI_ACTIONS = (
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
)
BLOB_READ_ACTIONS = ("s3:GetObject",)  # get and head (BlobStore.get, head, the source of copy)
BLOB_WRITE_ACTIONS = ("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload")  # put, copy, delete


def construct_id(spec: FunctionSpec) -> str:
    """`parse_resume` -> `ParseResume`: a stable construct id per catalog entry."""
    return "".join(part.title() for part in spec.name.split("_"))


@dataclass(frozen=True)
class FunctionDependencies:
    """Everything a function may be granted, one member per catalog Resource, and where its code lives."""

    vpc: aws_ec2.IVpc
    database: aws_rds.DatabaseInstance
    vectors: aws_opensearchservice.Domain
    blobs: aws_s3.Bucket
    work_queue: WorkQueue
    jwt_secret: aws_secretsmanager.ISecret
    llm_api_key: aws_secretsmanager.ISecret
    github_token: aws_secretsmanager.ISecret
    alerts: aws_sns.ITopic
    layers: DependencyLayers
    functions_dir: Path
    # Deploy-time configuration by function name, e.g. the board list for scrape_boards (see configuration.py).
    configuration: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @property
    def database_secret(self) -> aws_secretsmanager.ISecret:
        secret = self.database.secret
        if secret is None:
            raise ValueError("the database has no credentials secret")
        return secret

    def environment(self, spec: FunctionSpec) -> dict[str, str]:
        """What `spec` reads at cold start: the common settings, plus what its resources, layers and
        deploy-time configuration add; names come from the domain's settings models."""
        settings = {
            "runtime": "aws",
            "blob_bucket": self.blobs.bucket_name,
            "queue_url": self.work_queue.queue.queue_url,
            "queue_visibility_timeout_s": str(self.work_queue.visibility_timeout_s),
            "queue_max_receives": str(self.work_queue.consumer.trigger.max_receive_count),
            "database_secret_arn": self.database_secret.secret_arn,
            "jwt_secret_arn": self.jwt_secret.secret_arn,
            "opensearch_endpoint": f"https://{self.vectors.domain_endpoint}",
            "opensearch_index": str(Settings.model_fields["opensearch_index"].default),
        }
        if spec.trigger.kind is TriggerKind.S3:  # the service's attempt count follows Lambda's async retries
            settings["intake_max_attempts"] = str(spec.trigger.async_attempts)
        environment = {setting_env(name): value for name, value in settings.items()} | POWERTOOLS_ENVIRONMENT
        if Resource.ALERTS_PUBLISH in spec.resources:
            environment[setting_env("alert_topic_arn", ScrapeSettings)] = self.alerts.topic_arn
        if Resource.LLM_API_KEY in spec.resources:
            environment[setting_env("api_key_secret_arn", LlmSettings)] = self.llm_api_key.secret_arn
        if Resource.GITHUB_TOKEN in spec.resources:
            environment[setting_env("github_token_secret_arn")] = self.github_token.secret_arn
        for layer in spec.layers:
            environment |= self.layers.environment(layer)
        return environment | dict(self.configuration.get(spec.name, {}))


class HiringFunction(Construct):
    """One catalog function: its Lambda, its own role granted only its spec.resources, its logs and network."""

    def __init__(self, scope: Construct, spec: FunctionSpec, deps: FunctionDependencies) -> None:
        super().__init__(scope, construct_id(spec))
        code_dir = deps.functions_dir / spec.name
        handler_file = code_dir / Path(spec.module_path).name
        if not handler_file.is_file():
            raise FileNotFoundError(
                f"function {spec.name!r}: the catalog names handler {spec.handler!r}, but {handler_file} does not exist"
            )
        self.spec = spec
        self.role = aws_iam.Role(
            self,
            "Role",
            assumed_by=aws_iam.ServicePrincipal("lambda.amazonaws.com"),
            description=f"hiring {spec.name}: {', '.join(sorted(spec.resources)) or 'no resources'}",
        )
        self.log_group = aws_logs.LogGroup(self, "Logs", retention=LOG_RETENTION, removal_policy=RemovalPolicy.DESTROY)
        in_vpc = bool(spec.resources & NETWORK_RESOURCES)
        self.security_group = (
            aws_ec2.SecurityGroup(
                self,
                "SecurityGroup",
                vpc=deps.vpc,
                description=f"hiring {spec.name} function",
                allow_all_outbound=False,  # HTTPS out, plus what each grant below opens
            )
            if in_vpc
            else None
        )
        if self.security_group:
            self.security_group.add_egress_rule(
                aws_ec2.Peer.any_ipv4(), aws_ec2.Port.tcp(443), "AWS APIs and model endpoints over HTTPS"
            )
        # An asynchronously invoked function (S3) gets bounded retries and keeps the events it failed on in a
        # dead-letter queue of its own (an on-failure destination), with an alarm: none is dropped unseen.
        self.failed_invocations = (
            aws_sqs.Queue(
                self,
                "FailedInvocations",
                encryption=aws_sqs.QueueEncryption.SQS_MANAGED,
                enforce_ssl=True,
                retention_period=Duration.days(14),
            )
            if spec.trigger.kind is TriggerKind.S3
            else None
        )
        if self.failed_invocations is not None:
            acknowledge(
                self.failed_invocations,
                "AwsSolutions-SQS3",
                "This queue is the function's on-failure destination (its dead-letter queue); it has none itself.",
            )
        self.function = aws_lambda.Function(
            self,
            "Function",
            retry_attempts=spec.trigger.async_retries if self.failed_invocations is not None else None,
            on_failure=(
                aws_lambda_destinations.SqsDestination(self.failed_invocations)
                if self.failed_invocations is not None
                else None
            ),
            description=spec.description or None,
            runtime=RUNTIME,
            architecture=ARCHITECTURE,
            handler=spec.handler,
            code=aws_lambda.Code.from_asset(str(code_dir), exclude=["__pycache__", "*.pyc"]),
            layers=[deps.layers.named(name) for name in spec.layers],
            memory_size=spec.memory_mb,
            timeout=Duration.seconds(spec.timeout_s),
            environment=deps.environment(spec),
            tracing=aws_lambda.Tracing.ACTIVE,
            role=self.role,
            log_group=self.log_group,
            vpc=deps.vpc if in_vpc else None,
            vpc_subnets=FUNCTION_SUBNETS if in_vpc else None,
            security_groups=[self.security_group] if self.security_group else None,
        )
        self.log_group.grant_write(self.role)
        if in_vpc:
            self.role.add_to_principal_policy(aws_iam.PolicyStatement(actions=list(ENI_ACTIONS), resources=["*"]))
        for resource in sorted(spec.resources):
            self._grant(resource, deps)
        acknowledge(
            self.role,
            "AwsSolutions-IAM5[Resource::*]",
            "X-Ray trace writes and the Lambda VPC network-interface actions support no resource-level scoping.",
        )
        acknowledge(
            self.function,
            "AwsSolutions-L1",
            "Pinned to python3.12: the layers are built for CPython 3.12 (layers/build.py); move both together.",
        )
        Tags.of(self).add(FUNCTION_TAG, spec.name)

    def _grant(self, resource: Resource, deps: FunctionDependencies) -> None:
        """The narrowest grant (IAM and network) for one catalog resource."""
        match resource:
            case Resource.DATABASE:
                deps.database_secret.grant_read(self.role)
                assert self.security_group is not None
                deps.database.connections.allow_default_port_from(self.security_group, f"{self.spec.name} function")
            case Resource.BLOBS_READ:
                self._grant_objects(deps.blobs, BLOB_READ_ACTIONS, "reads blobs by key anywhere in the bucket")
                # Listing lets a missing key answer 404 instead of 403, and serves BlobStore.list.
                self.role.add_to_principal_policy(
                    aws_iam.PolicyStatement(actions=["s3:ListBucket"], resources=[deps.blobs.bucket_arn])
                )
            case Resource.BLOBS_WRITE:
                self._grant_objects(
                    deps.blobs, BLOB_WRITE_ACTIONS, "puts, copies and deletes blobs by key in the bucket"
                )
            case Resource.QUEUE_SEND:
                deps.work_queue.queue.grant_send_messages(self.role)
            case Resource.QUEUE_CONSUME:
                deps.work_queue.queue.grant_consume_messages(self.role)
            case Resource.VECTORS:
                deps.vectors.grant_read_write(self.role)
                assert self.security_group is not None
                deps.vectors.connections.allow_from(
                    self.security_group, aws_ec2.Port.tcp(443), f"{self.spec.name} function"
                )
                acknowledge(
                    self.role,
                    wildcard_under(deps.vectors),
                    "Index and search requests go to paths under the one vector domain (es:ESHttp* by path).",
                )
            case Resource.JWT_SECRET:
                deps.jwt_secret.grant_read(self.role)
            case Resource.LLM_API_KEY:
                deps.llm_api_key.grant_read(self.role)
            case Resource.GITHUB_TOKEN:
                deps.github_token.grant_read(self.role)
            case Resource.ALERTS_PUBLISH:
                # sns:Publish on the one alerts topic, and use of its KMS key to encrypt the message.
                deps.alerts.grant_publish(self.role)
                acknowledge(
                    self.role,
                    "AwsSolutions-IAM5[Action::kms:GenerateDataKey*]",
                    "Publishing to the KMS-encrypted alerts topic needs data keys from that one key (CDK's "
                    "grant_publish, scoped to the key's ARN).",
                )
            case _:
                assert_never(resource)

    def _grant_objects(self, bucket: aws_s3.Bucket, actions: tuple[str, ...], why: str) -> None:
        self.role.add_to_principal_policy(
            aws_iam.PolicyStatement(actions=list(actions), resources=[bucket.arn_for_objects("*")])
        )
        acknowledge(self.role, wildcard_under(bucket), f"The {self.spec.name} function {why}.")
