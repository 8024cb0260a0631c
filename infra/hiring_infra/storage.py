"""Blob storage: the S3 bucket for resumes and uploads, whose inbox/ prefix starts the parse function."""

from __future__ import annotations

from aws_cdk import CfnOutput, Duration, RemovalPolicy, aws_lambda, aws_s3, aws_s3_notifications
from constructs import Construct


class BlobStorage(Construct):
    """The blob bucket: private, TLS only, versioned, with server access logs in a bucket of their own."""

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        access_logs = aws_s3.Bucket(
            self,
            "AccessLogs",
            encryption=aws_s3.BucketEncryption.S3_MANAGED,  # the log delivery service cannot write with a KMS key
            block_public_access=aws_s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            object_ownership=aws_s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            lifecycle_rules=[aws_s3.LifecycleRule(expiration=Duration.days(90))],
            removal_policy=RemovalPolicy.RETAIN,
        )
        self.bucket = aws_s3.Bucket(
            self,
            "Blobs",
            # S3-managed keys: presigned uploads and the functions need no KMS grants, and objects are still
            # encrypted at rest.
            encryption=aws_s3.BucketEncryption.S3_MANAGED,
            block_public_access=aws_s3.BlockPublicAccess.BLOCK_ALL,
            enforce_ssl=True,
            versioned=True,
            object_ownership=aws_s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            server_access_logs_bucket=access_logs,
            server_access_logs_prefix="blobs/",
            lifecycle_rules=[
                aws_s3.LifecycleRule(
                    noncurrent_version_expiration=Duration.days(30),
                    abort_incomplete_multipart_upload_after=Duration.days(7),
                )
            ],
            removal_policy=RemovalPolicy.RETAIN,
        )
        CfnOutput(self, "BlobBucketName", value=self.bucket.bucket_name, description="Drop resumes under inbox/")

    def notify_on_create(self, function: aws_lambda.IFunction, prefix: str) -> None:
        """Invoke `function` for every object created under `prefix`."""
        if not prefix:
            # Without a prefix the parse function's own writes would trigger it again, without end.
            raise ValueError("an S3 trigger needs a key prefix")
        self.bucket.add_object_created_notification(
            aws_s3_notifications.LambdaDestination(function), aws_s3.NotificationKeyFilter(prefix=prefix)
        )
