"""Migrations: a custom resource that runs the `migrate` function on every deploy."""

from __future__ import annotations

from aws_cdk import CustomResource, RemovalPolicy, aws_iam, aws_lambda, aws_logs, custom_resources
from constructs import Construct

from hiring_infra.nag import acknowledge, wildcard_under


class Migrations(Construct):
    """Applies pending SQL migrations during each deployment, before it reports complete."""

    def __init__(self, scope: Construct, construct_id: str, *, function: aws_lambda.IFunction, deploy_id: str) -> None:
        super().__init__(scope, construct_id)
        logs = aws_logs.LogGroup(
            self, "ProviderLogs", retention=aws_logs.RetentionDays.ONE_MONTH, removal_policy=RemovalPolicy.DESTROY
        )
        # Our own role rather than CDK's default, which would carry the AWS-managed basic execution policy:
        # the framework function needs only its log group and (granted by the Provider) invoking `function`.
        framework_role = aws_iam.Role(
            self,
            "FrameworkRole",
            assumed_by=aws_iam.ServicePrincipal("lambda.amazonaws.com"),
            description="hiring migrations: CDK provider framework, invokes the migrate function",
        )
        logs.grant_write(framework_role)
        provider = custom_resources.Provider(
            self, "Provider", on_event_handler=function, log_group=logs, framework_on_event_role=framework_role
        )
        acknowledge(
            framework_role,
            wildcard_under(function, ":*"),
            "CDK's provider framework invokes the migrate function, any version of it (lambda:InvokeFunction).",
        )
        self.resource = CustomResource(
            self,
            "Run",
            service_token=provider.service_token,
            resource_type="Custom::HiringMigrations",
            # A value that differs on every synth makes CloudFormation send an Update, so every deploy
            # migrates; the migrate function applies only what is pending.
            properties={"DeployId": deploy_id},
        )
