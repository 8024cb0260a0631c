"""Each function's role grants what its catalog resources imply, and nothing more."""

from __future__ import annotations

from typing import Any

import pytest
from synthesized_stack import Synthesized

from hiring.catalog import FUNCTIONS, FunctionSpec, Resource, function_named

SPECS = {spec.name: spec for spec in FUNCTIONS}
# Every function writes its logs and traces; a function in the VPC manages its network interfaces.
BASELINE = {"logs:CreateLogStream", "logs:PutLogEvents", "xray:PutTraceSegments", "xray:PutTelemetryRecords"}
IN_VPC = {
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
}
# What each catalog resource may add (the test's own statement of intent, not read from the infra code).
ALLOWED = {
    Resource.DATABASE: {"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
    Resource.JWT_SECRET: {"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
    Resource.BLOBS_READ: {"s3:GetObject", "s3:ListBucket"},
    Resource.BLOBS_WRITE: {"s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"},
    Resource.QUEUE_SEND: {"sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"},
    Resource.QUEUE_CONSUME: {
        "sqs:ReceiveMessage",
        "sqs:ChangeMessageVisibility",
        "sqs:DeleteMessage",
        "sqs:GetQueueAttributes",
        "sqs:GetQueueUrl",
    },
    Resource.VECTORS: {f"es:ESHttp{verb}" for verb in ("Get", "Head", "Post", "Put", "Patch", "Delete")},
}
# The action that proves a grant is there.
SIGNATURE = {
    Resource.BLOBS_READ: "s3:GetObject",
    Resource.BLOBS_WRITE: "s3:PutObject",
    Resource.QUEUE_SEND: "sqs:SendMessage",
    Resource.QUEUE_CONSUME: "sqs:ReceiveMessage",
    Resource.VECTORS: "es:ESHttpPost",
}


def statements(synth: Synthesized, spec: FunctionSpec) -> list[dict[str, Any]]:
    """Every Allow statement in the policies attached to the function's role."""
    role = synth.tagged("AWS::IAM::Role", spec)
    found = []
    for policy in synth.of_type("AWS::IAM::Policy").values():
        if {"Ref": role} in policy["Properties"]["Roles"]:
            found += policy["Properties"]["PolicyDocument"]["Statement"]
    assert all(statement["Effect"] == "Allow" for statement in found)
    return found


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def actions(synth: Synthesized, spec: FunctionSpec) -> set[str]:
    return {action for statement in statements(synth, spec) for action in as_list(statement["Action"])}


def secrets_readable(synth: Synthesized, spec: FunctionSpec) -> set[str]:
    """Logical ids of the secrets the function may read (the database one is read through its attachment)."""
    return {
        resource["Ref"]
        for statement in statements(synth, spec)
        if "secretsmanager:GetSecretValue" in as_list(statement["Action"])
        for resource in as_list(statement["Resource"])
    }


@pytest.mark.parametrize("name", SPECS)
def test_role_grants_nothing_beyond_what_the_catalog_resources_allow(synth: Synthesized, name: str) -> None:
    spec = SPECS[name]
    allowed = BASELINE | IN_VPC | {action for resource in spec.resources for action in ALLOWED[resource]}

    assert actions(synth, spec) <= allowed


@pytest.mark.parametrize("name", SPECS)
@pytest.mark.parametrize("resource", list(SIGNATURE), ids=str)
def test_role_has_a_data_grant_exactly_when_the_catalog_lists_it(
    synth: Synthesized, name: str, resource: Resource
) -> None:
    spec = SPECS[name]

    assert (SIGNATURE[resource] in actions(synth, spec)) == (resource in spec.resources)


@pytest.mark.parametrize("name", SPECS)
def test_role_reads_exactly_the_secrets_the_catalog_lists(synth: Synthesized, name: str) -> None:
    spec = SPECS[name]
    (attachment,) = synth.of_type("AWS::SecretsManager::SecretTargetAttachment")
    (jwt,) = [
        k
        for k, v in synth.of_type("AWS::SecretsManager::Secret").items()
        if "signing key" in v["Properties"]["Description"]
    ]
    expected = {attachment} if Resource.DATABASE in spec.resources else set()
    expected |= {jwt} if Resource.JWT_SECRET in spec.resources else set()

    assert secrets_readable(synth, spec) == expected


@pytest.mark.parametrize("name", SPECS)
def test_only_ungrantable_actions_use_a_wildcard_resource(synth: Synthesized, name: str) -> None:
    wildcard_actions = {
        action
        for statement in statements(synth, SPECS[name])
        if "*" in as_list(statement["Resource"])
        for action in as_list(statement["Action"])
    }

    assert wildcard_actions <= IN_VPC | {"xray:PutTraceSegments", "xray:PutTelemetryRecords"}


@pytest.mark.parametrize(
    ("name", "forbidden"),
    [
        ("match_worker", "s3:"),
        ("expire_jobs", "sqs:SendMessage"),
        ("parse_resume", "sqs:ReceiveMessage"),
        ("nightly_refresh", "es:"),
        ("migrate", "s3:"),
    ],
)
def test_function_cannot_do_what_it_has_no_business_doing(synth: Synthesized, name: str, forbidden: str) -> None:
    assert not [action for action in actions(synth, function_named(name)) if action.startswith(forbidden)]


def ingress_sources(synth: Synthesized, target_group: str) -> set[str]:
    return {
        rule["Properties"]["SourceSecurityGroupId"]["Fn::GetAtt"][0]
        for rule in synth.of_type("AWS::EC2::SecurityGroupIngress").values()
        if rule["Properties"]["GroupId"] == {"Fn::GetAtt": [target_group, "GroupId"]}
    }


def test_database_admits_exactly_the_functions_that_use_it(synth: Synthesized) -> None:
    (database,) = synth.of_type("AWS::RDS::DBInstance").values()
    (group,) = database["Properties"]["VPCSecurityGroups"]

    expected = {synth.tagged("AWS::EC2::SecurityGroup", s) for s in FUNCTIONS if Resource.DATABASE in s.resources}
    assert ingress_sources(synth, group["Fn::GetAtt"][0]) == expected


def test_search_domain_admits_exactly_the_functions_that_use_vectors(synth: Synthesized) -> None:
    (domain,) = synth.of_type("AWS::OpenSearchService::Domain").values()
    (group,) = domain["Properties"]["VPCOptions"]["SecurityGroupIds"]

    expected = {synth.tagged("AWS::EC2::SecurityGroup", s) for s in FUNCTIONS if Resource.VECTORS in s.resources}
    assert ingress_sources(synth, group["Fn::GetAtt"][0]) == expected
