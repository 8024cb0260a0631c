"""The web console in AWS: its static files in a private S3 bucket behind a CloudFront distribution, whose
default behaviour reads the bucket through origin access control and whose /api/* and /health behaviours go to
the HTTP API, so the console calls the API on its own origin exactly as it does under `hiring dev`."""

from __future__ import annotations

from typing import Any

from aws_cdk import (
    CfnOutput,
    Duration,
    Fn,
    RemovalPolicy,
    Stack,
    aws_apigatewayv2,
    aws_cloudfront,
    aws_cloudfront_origins,
    aws_s3,
    aws_s3_deployment,
)
from constructs import Construct

from hiring.console import CONTENT_SECURITY_POLICY  # the same policy the app sets when it serves the console
from hiring_infra.nag import acknowledge_all, wildcard_under
from hiring_infra.paths import CONSOLE_DIR

# The singleton Lambda that aws-cdk-lib adds to copy files into a bucket (Custom::CDKBucketDeployment).
BUCKET_DEPLOYMENT_HANDLER = "Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C"
_BASIC_EXECUTION = (
    "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]"
)
_CDK_COPIER = "CDK's bucket-deployment copier, configured by aws-cdk-lib: "

API_PATHS = ("/api/*", "/health")
INDEX = "index.html"
ASSET_MAX_AGE = Duration.minutes(5)


def _private_bucket(scope: Construct, construct_id: str, **options: Any) -> aws_s3.Bucket:
    """A bucket no one reaches without a grant: S3-managed encryption, public access blocked, TLS only."""
    return aws_s3.Bucket(
        scope,
        construct_id,
        encryption=aws_s3.BucketEncryption.S3_MANAGED,
        block_public_access=aws_s3.BlockPublicAccess.BLOCK_ALL,
        enforce_ssl=True,
        **options,
    )


class ConsoleSite(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, api: aws_apigatewayv2.HttpApi) -> None:
        super().__init__(scope, construct_id)
        logs = _private_bucket(
            self,
            "AccessLogs",
            # CloudFront standard logs are written with an ACL: the bucket owner keeps them (OBJECT_WRITER).
            object_ownership=aws_s3.ObjectOwnership.OBJECT_WRITER,
            lifecycle_rules=[aws_s3.LifecycleRule(expiration=Duration.days(90))],
            removal_policy=RemovalPolicy.RETAIN,
        )
        self.bucket = _private_bucket(
            self,
            "Files",
            object_ownership=aws_s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            server_access_logs_bucket=logs,
            server_access_logs_prefix="files/",
            removal_policy=RemovalPolicy.DESTROY,  # the files are rebuilt from the repository by every deploy
        )
        headers = aws_cloudfront.ResponseHeadersPolicy(
            self,
            "SecurityHeaders",
            comment="hiring console: same-origin only",
            security_headers_behavior=aws_cloudfront.ResponseSecurityHeadersBehavior(
                content_security_policy=aws_cloudfront.ResponseHeadersContentSecurityPolicy(
                    content_security_policy=CONTENT_SECURITY_POLICY, override=True
                ),
                content_type_options=aws_cloudfront.ResponseHeadersContentTypeOptions(override=True),
                referrer_policy=aws_cloudfront.ResponseHeadersReferrerPolicy(
                    referrer_policy=aws_cloudfront.HeadersReferrerPolicy.NO_REFERRER, override=True
                ),
                frame_options=aws_cloudfront.ResponseHeadersFrameOptions(
                    frame_option=aws_cloudfront.HeadersFrameOption.DENY, override=True
                ),
                strict_transport_security=aws_cloudfront.ResponseHeadersStrictTransportSecurity(
                    access_control_max_age=Duration.days(365), include_subdomains=True, override=True
                ),
            ),
        )
        stack = Stack.of(self)
        api_domain = Fn.select(2, Fn.split("/", api.api_endpoint))  # https://<id>.execute-api.<region>.<suffix>
        api_origin = aws_cloudfront_origins.HttpOrigin(
            api_domain, protocol_policy=aws_cloudfront.OriginProtocolPolicy.HTTPS_ONLY
        )
        api_behaviour = aws_cloudfront.BehaviorOptions(
            origin=api_origin,
            viewer_protocol_policy=aws_cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            allowed_methods=aws_cloudfront.AllowedMethods.ALLOW_ALL,
            cache_policy=aws_cloudfront.CachePolicy.CACHING_DISABLED,
            origin_request_policy=aws_cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        )
        self.distribution = aws_cloudfront.Distribution(
            self,
            "Distribution",
            comment=f"hiring console and API ({stack.stack_name})",
            default_root_object=INDEX,
            default_behavior=aws_cloudfront.BehaviorOptions(
                origin=aws_cloudfront_origins.S3BucketOrigin.with_origin_access_control(self.bucket),
                viewer_protocol_policy=aws_cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                cache_policy=aws_cloudfront.CachePolicy.CACHING_OPTIMIZED,
                response_headers_policy=headers,
            ),
            additional_behaviors={path: api_behaviour for path in API_PATHS},
            enable_logging=True,
            log_bucket=logs,
            log_file_prefix="cloudfront/",
        )
        # index.html is always revalidated; the modules and styles live a few minutes in caches.
        assets = aws_s3_deployment.BucketDeployment(
            self,
            "Assets",
            sources=[aws_s3_deployment.Source.asset(str(CONSOLE_DIR), exclude=[INDEX])],
            destination_bucket=self.bucket,
            exclude=[INDEX],
            cache_control=[aws_s3_deployment.CacheControl.from_string(f"public, max-age={ASSET_MAX_AGE.to_seconds()}")],
            distribution=self.distribution,
            distribution_paths=["/*"],
        )
        index = aws_s3_deployment.BucketDeployment(
            self,
            "Index",
            sources=[aws_s3_deployment.Source.asset(str(CONSOLE_DIR), exclude=["*", f"!{INDEX}"])],
            destination_bucket=self.bucket,
            exclude=["*"],
            include=[INDEX],
            cache_control=[aws_s3_deployment.CacheControl.no_cache()],
            distribution=self.distribution,
            distribution_paths=[f"/{INDEX}"],
        )
        index.node.add_dependency(assets)  # the page appears once the modules it loads are there
        acknowledge_all(
            self.distribution,
            {
                "AwsSolutions-CFR1": "The console is for every organisation's users wherever they are, so no "
                "geographic restriction applies; the API authenticates every call.",
                "AwsSolutions-CFR2": "No WAF in this stack: the API throttles logins and checks every body itself; "
                "a WAF web ACL can be attached to the distribution per deployment.",
                "AwsSolutions-CFR4": "The distribution uses the default CloudFront certificate, which allows older "
                "TLS; a custom domain with a TLSv1.2_2021 minimum is a per-deployment setting.",
            },
        )
        self._acknowledge_copier(stack)
        CfnOutput(self, "Url", value=f"https://{self.distribution.distribution_domain_name}", description="Console")

    def _acknowledge_copier(self, stack: Stack) -> None:
        """Findings on the copier Lambda of BucketDeployment, whose role and runtime aws-cdk-lib decides."""
        copier = stack.node.try_find_child(BUCKET_DEPLOYMENT_HANDLER)
        if copier is None:
            return
        wildcard = "it reads the CDK asset bucket and writes, lists and prunes the console's files, as its grants say."
        reasons = {
            _BASIC_EXECUTION: _CDK_COPIER + "the managed policy only lets it write its own logs.",
            "AwsSolutions-L1": _CDK_COPIER + "aws-cdk-lib pins and upgrades its runtime itself.",
            wildcard_under(self.bucket): _CDK_COPIER + wildcard,
        }
        for rule in (
            "Action::s3:GetBucket*",
            "Action::s3:GetObject*",
            "Action::s3:List*",
            "Action::s3:Abort*",
            "Action::s3:DeleteObject*",
            "Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*",
            "Resource::*",
        ):
            reasons[f"AwsSolutions-IAM5[{rule}]"] = _CDK_COPIER + wildcard
        acknowledge_all(copier, reasons)
