"""The console in AWS: a private bucket behind CloudFront (origin access control), /api/* and /health to the HTTP
API, the console's security headers, and the static folder uploaded with index.html never cached stale."""

from __future__ import annotations

from typing import Any

from synthesized_stack import Synthesized

from hiring.console import CONTENT_SECURITY_POLICY

CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # the managed CachePolicy.CACHING_DISABLED


def _distribution(synth: Synthesized) -> dict[str, Any]:
    (distribution,) = synth.of_type("AWS::CloudFront::Distribution").values()
    config: dict[str, Any] = distribution["Properties"]["DistributionConfig"]
    return config


def _console_bucket(synth: Synthesized) -> str:
    (origin,) = [o for o in _distribution(synth)["Origins"] if "S3OriginConfig" in o]
    return str(origin["DomainName"]["Fn::GetAtt"][0])


def test_the_default_behaviour_reads_a_private_bucket_through_origin_access_control(synth: Synthesized) -> None:
    config = _distribution(synth)
    bucket = _console_bucket(synth)
    (origin,) = [o for o in config["Origins"] if o["Id"] == config["DefaultCacheBehavior"]["TargetOriginId"]]

    assert origin["OriginAccessControlId"] and origin["S3OriginConfig"]["OriginAccessIdentity"] == ""
    assert config["DefaultRootObject"] == "index.html"
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    block = synth.resources[bucket]["Properties"]["PublicAccessBlockConfiguration"]
    assert all(block[k] for k in ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"))
    (policy,) = [
        p for p in synth.of_type("AWS::S3::BucketPolicy").values() if p["Properties"]["Bucket"]["Ref"] == bucket
    ]
    statements = policy["Properties"]["PolicyDocument"]["Statement"]
    readers = [s for s in statements if s["Effect"] == "Allow"]
    assert any(s.get("Condition") == {"Bool": {"aws:SecureTransport": "false"}} for s in statements)  # TLS only
    assert [(s["Principal"], s["Action"]) for s in readers] == [
        ({"Service": "cloudfront.amazonaws.com"}, "s3:GetObject")
    ]
    assert "AWS:SourceArn" in readers[0]["Condition"]["StringEquals"]  # only this distribution


def test_api_paths_go_to_the_http_api_uncached_with_every_method(synth: Synthesized) -> None:
    config = _distribution(synth)
    origins = {o["Id"]: o for o in config["Origins"]}
    (api,) = synth.of_type("AWS::ApiGatewayV2::Api")

    behaviours = {b["PathPattern"]: b for b in config["CacheBehaviors"]}

    assert set(behaviours) == {"/api/*", "/health"}
    for behaviour in behaviours.values():
        origin = origins[behaviour["TargetOriginId"]]
        assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
        assert str(origin["DomainName"]).count(api) == 1  # the domain of the API's endpoint
        assert behaviour["CachePolicyId"] == CACHING_DISABLED
        assert {"POST", "PUT", "PATCH", "DELETE"} <= set(behaviour["AllowedMethods"])


def test_the_console_gets_the_same_security_headers_in_aws_as_locally(synth: Synthesized) -> None:
    config = _distribution(synth)
    (policy_id,) = synth.of_type("AWS::CloudFront::ResponseHeadersPolicy")
    headers = synth.resources[policy_id]["Properties"]["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]

    assert config["DefaultCacheBehavior"]["ResponseHeadersPolicyId"] == {"Ref": policy_id}
    assert headers["ContentSecurityPolicy"]["ContentSecurityPolicy"] == CONTENT_SECURITY_POLICY
    assert headers["ContentTypeOptions"]["Override"] is True
    assert headers["ReferrerPolicy"]["ReferrerPolicy"] == "no-referrer"


def test_the_static_folder_is_uploaded_and_index_html_is_never_cached_stale(synth: Synthesized) -> None:
    bucket = _console_bucket(synth)
    deployments = list(synth.of_type("Custom::CDKBucketDeployment").values())

    assert len(deployments) == 2
    assert all(d["Properties"]["DestinationBucketName"] == {"Ref": bucket} for d in deployments)
    by_cache = {d["Properties"]["SystemMetadata"]["cache-control"]: d["Properties"] for d in deployments}
    assert by_cache["no-cache"]["Include"] == ["index.html"]
    (assets,) = [p for c, p in by_cache.items() if c.startswith("public, max-age=")]
    assert assets["Exclude"] == ["index.html"]
    assert all(p["DistributionId"] for p in by_cache.values())  # each upload invalidates what it replaced
