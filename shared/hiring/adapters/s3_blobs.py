"""BlobStore on Amazon S3."""

from __future__ import annotations

from typing import Any

import boto3
from botocore.client import BaseClient
from botocore.config import Config
from botocore.exceptions import ClientError

from hiring.ports import BlobInfo, BlobNotFound

# S3 reports a missing key as NoSuchKey on GET/COPY and as a bare 404 on HEAD (which has no body).
_MISSING_KEY_CODES = frozenset({"NoSuchKey", "404", "NotFound"})


def s3_client(region: str) -> BaseClient:
    """An S3 client fit for presigned URLs: SigV4 (new buckets reject SigV2) and virtual-hosted regional URLs."""
    config = Config(signature_version="s3v4", s3={"addressing_style": "virtual"})
    return boto3.client("s3", region_name=region, config=config)


def _etag(raw: str) -> str:
    return raw.strip('"')


def _is_missing_key(error: ClientError) -> bool:
    return error.response.get("Error", {}).get("Code") in _MISSING_KEY_CODES


class S3BlobStore:
    """Objects in one bucket; every write is encrypted at rest."""

    def __init__(
        self,
        bucket: str,
        client: BaseClient,
        *,
        server_side_encryption: str = "AES256",
        kms_key_id: str | None = None,
    ) -> None:
        self.bucket = bucket
        self._client = client
        self._sse: dict[str, str] = {"ServerSideEncryption": server_side_encryption}
        if kms_key_id is not None:
            self._sse["SSEKMSKeyId"] = kms_key_id

    @classmethod
    def for_region(cls, bucket: str, region: str) -> S3BlobStore:
        """Build the store with a fresh S3 client for `region`."""
        return cls(bucket, s3_client(region))

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> BlobInfo:
        response = self._client.put_object(
            Bucket=self.bucket, Key=key, Body=data, ContentType=content_type, **self._sse
        )
        return BlobInfo(key=key, size=len(data), etag=_etag(response["ETag"]))

    def get(self, key: str) -> bytes:
        try:
            response = self._client.get_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if _is_missing_key(error):
                raise BlobNotFound(key) from None
            raise
        body: bytes = response["Body"].read()
        return body

    def head(self, key: str) -> BlobInfo:
        try:
            response = self._client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if _is_missing_key(error):
                raise BlobNotFound(key) from None
            raise
        return BlobInfo(key=key, size=int(response["ContentLength"]), etag=_etag(response["ETag"]))

    def delete(self, key: str) -> None:
        # S3 deletes are idempotent: a missing key is not an error.
        self._client.delete_object(Bucket=self.bucket, Key=key)

    def copy(self, source_key: str, dest_key: str) -> BlobInfo:
        try:
            self._client.copy_object(
                Bucket=self.bucket,
                Key=dest_key,
                CopySource={"Bucket": self.bucket, "Key": source_key},
                **self._sse,
            )
        except ClientError as error:
            if _is_missing_key(error):
                raise BlobNotFound(source_key) from None
            raise
        # CopyObject does not report the size; one HEAD gives both size and the new ETag.
        return self.head(dest_key)

    def list(self, prefix: str) -> list[BlobInfo]:
        paginator = self._client.get_paginator("list_objects_v2")
        found: list[BlobInfo] = []
        for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                found.append(BlobInfo(key=item["Key"], size=int(item["Size"]), etag=_etag(item["ETag"])))
        return found

    def presigned_put(self, key: str, expires_s: int, content_type: str | None = None) -> str:
        """A URL that lets a client PUT one object directly (uploads too large for API Gateway).

        When `content_type` is given it is part of the signature, so the uploader must send exactly that
        Content-Type header. Encryption is not signed (the uploader would have to send the header too);
        the bucket's default encryption covers objects written this way.
        """
        if expires_s <= 0:
            raise ValueError("expires_s must be positive")
        params: dict[str, Any] = {"Bucket": self.bucket, "Key": key}
        if content_type is not None:
            params["ContentType"] = content_type
        url: str = self._client.generate_presigned_url(
            "put_object", Params=params, ExpiresIn=expires_s, HttpMethod="PUT"
        )
        if "X-Amz-Signature=" not in url:
            # Unless the client is configured for s3v4, botocore presigns with legacy SigV2, which S3 refuses for
            # buckets created since mid-2020.
            raise ValueError(
                "presigned URLs need an S3 client with signature_version='s3v4'; build it with s3_client()"
            )
        return url
