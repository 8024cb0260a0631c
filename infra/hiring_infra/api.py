"""The HTTP API: API Gateway (HTTP API, payload v2) proxying every route to the `api` function."""

from __future__ import annotations

import json

from aws_cdk import CfnOutput, RemovalPolicy, aws_apigatewayv2, aws_apigatewayv2_integrations, aws_lambda, aws_logs
from constructs import Construct

from hiring_infra.nag import acknowledge

ACCESS_LOG_FORMAT = {
    "requestId": "$context.requestId",
    "ip": "$context.identity.sourceIp",
    "requestTime": "$context.requestTime",
    "method": "$context.httpMethod",
    "routeKey": "$context.routeKey",
    "path": "$context.path",
    "status": "$context.status",
    "responseLength": "$context.responseLength",
    "integrationLatency": "$context.integrationLatency",
    "integrationError": "$context.integrationErrorMessage",
}


class HttpApi(Construct):
    """One $default route: FastAPI inside the function does routing, authentication and validation."""

    def __init__(self, scope: Construct, construct_id: str, *, function: aws_lambda.IFunction) -> None:
        super().__init__(scope, construct_id)
        self.api = aws_apigatewayv2.HttpApi(
            self,
            "Api",
            description="hiring API",
            default_integration=aws_apigatewayv2_integrations.HttpLambdaIntegration("Lambda", function),
            create_default_stage=False,  # the stage below adds access logs, which the default stage cannot
        )
        access_logs = aws_logs.LogGroup(
            self, "AccessLogs", retention=aws_logs.RetentionDays.ONE_MONTH, removal_policy=RemovalPolicy.DESTROY
        )
        stage = self.api.add_stage("DefaultStage", stage_name="$default", auto_deploy=True)
        cfn_stage = stage.node.default_child
        assert isinstance(cfn_stage, aws_apigatewayv2.CfnStage)
        cfn_stage.access_log_settings = aws_apigatewayv2.CfnStage.AccessLogSettingsProperty(
            destination_arn=access_logs.log_group_arn, format=json.dumps(ACCESS_LOG_FORMAT)
        )
        acknowledge(
            self.api,
            "AwsSolutions-APIG4",
            "The app authorizes in one place: JWT bearer tokens and scraper API keys checked by FastAPI, with "
            "sign-up, sign-in and health routes open by design.",
        )
        CfnOutput(self, "Url", value=self.api.api_endpoint, description="Base URL of the HTTP API")
