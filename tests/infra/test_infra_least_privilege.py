"""Each function's role grants what its catalog resources imply, and nothing more."""

from __future__ import annotations

from typing import Any

import pytest
from synthesized_stack import ALERT_TOPIC, Synthesized

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
    Resource.LLM_API_KEY: {"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
    Resource.GITHUB_TOKEN: {"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
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
    # Publishing to a KMS-encrypted topic also needs data keys from the topic's key.
    Resource.ALERTS_PUBLISH: {"sns:Publish", "kms:Decrypt", "kms:GenerateDataKey*"},
}
# The action that proves a grant is there.
SIGNATURE = {
    Resource.BLOBS_READ: "s3:GetObject",
    Resource.BLOBS_WRITE: "s3:PutObject",
    Resource.QUEUE_SEND: "sqs:SendMessage",
    Resource.QUEUE_CONSUME: "sqs:ReceiveMessage",
    Resource.VECTORS: "es:ESHttpPost",
    Resource.ALERTS_PUBLISH: "sns:Publish",
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
    described = {k: v["Properties"]["Description"] for k, v in synth.of_type("AWS::SecretsManager::Secret").items()}
    (jwt,) = [k for k, text in described.items() if "signing key" in text]
    (llm,) = [k for k, text in described.items() if "LLM endpoint" in text]
    (github,) = [k for k, text in described.items() if "GitHub token" in text]
    expected = {attachment} if Resource.DATABASE in spec.resources else set()
    expected |= {jwt} if Resource.JWT_SECRET in spec.resources else set()
    expected |= {llm} if Resource.LLM_API_KEY in spec.resources else set()
    expected |= {github} if Resource.GITHUB_TOKEN in spec.resources else set()

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
        ("match_worker", "sns:"),
        ("expire_jobs", "sqs:SendMessage"),
        ("parse_resume", "sqs:ReceiveMessage"),
        ("nightly_refresh", "es:"),
        ("migrate", "s3:"),
        ("scrape_boards", "sns:"),
        ("scrape_boards", "s3:"),
        ("scrape_watchdog", "s3:"),
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


def publishers(synth: Synthesized, action: str, resource: dict[str, Any]) -> set[str]:
    """Logical ids of every role in the stack allowed `action` on `resource`."""
    return {
        role["Ref"]
        for policy in synth.of_type("AWS::IAM::Policy").values()
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        if action in as_list(statement["Action"]) and resource in as_list(statement["Resource"])
        for role in policy["Properties"]["Roles"]
    }


def test_only_functions_listing_alerts_publish_may_publish_to_the_alerts_topic(synth: Synthesized) -> None:
    topic = synth.topic(ALERT_TOPIC)
    key = synth.resources[topic]["Properties"]["KmsMasterKeyId"]
    expected = {synth.tagged("AWS::IAM::Role", s) for s in FUNCTIONS if Resource.ALERTS_PUBLISH in s.resources}

    assert expected == {synth.tagged("AWS::IAM::Role", function_named("scrape_watchdog"))}
    assert publishers(synth, "sns:Publish", {"Ref": topic}) == expected
    assert publishers(synth, "kms:GenerateDataKey*", key) == expected


def test_alert_publishers_publish_to_no_other_topic(synth: Synthesized) -> None:
    topic = synth.topic(ALERT_TOPIC)

    for spec in FUNCTIONS:
        published = [s["Resource"] for s in statements(synth, spec) if "sns:Publish" in as_list(s["Action"])]
        assert published == ([{"Ref": topic}] if Resource.ALERTS_PUBLISH in spec.resources else []), spec.name


def egress(synth: Synthesized, spec: FunctionSpec) -> tuple[list[dict[str, Any]], set[str]]:
    """A function's outbound rules: to address ranges, and to the security groups of other resources."""
    group = synth.tagged("AWS::EC2::SecurityGroup", spec)
    to_ranges = synth.resources[group]["Properties"].get("SecurityGroupEgress", [])
    to_groups = {
        rule["Properties"]["DestinationSecurityGroupId"]["Fn::GetAtt"][0]
        for rule in synth.of_type("AWS::EC2::SecurityGroupEgress").values()
        if rule["Properties"]["GroupId"] == {"Fn::GetAtt": [group, "GroupId"]}
    }
    return to_ranges, to_groups


def test_board_scraper_goes_out_over_https_only_and_otherwise_only_to_the_database(synth: Synthesized) -> None:
    spec = function_named("scrape_boards")
    (database,) = synth.of_type("AWS::RDS::DBInstance").values()
    (database_group,) = database["Properties"]["VPCSecurityGroups"]

    to_ranges, to_groups = egress(synth, spec)

    assert [(r["CidrIp"], r["IpProtocol"], r["FromPort"], r["ToPort"]) for r in to_ranges] == [
        ("0.0.0.0/0", "tcp", 443, 443)
    ]
    assert to_groups == {database_group["Fn::GetAtt"][0]}


def test_board_scraper_runs_in_subnets_whose_default_route_is_the_nat(synth: Synthesized) -> None:
    function = synth.resources[synth.tagged("AWS::Lambda::Function", function_named("scrape_boards"))]
    subnets = {ref["Ref"] for ref in function["Properties"]["VpcConfig"]["SubnetIds"]}
    route_tables = {
        association["Properties"]["RouteTableId"]["Ref"]
        for association in synth.of_type("AWS::EC2::SubnetRouteTableAssociation").values()
        if association["Properties"]["SubnetId"]["Ref"] in subnets
    }

    default_routes = [
        route["Properties"]
        for route in synth.of_type("AWS::EC2::Route").values()
        if route["Properties"]["RouteTableId"]["Ref"] in route_tables
        and route["Properties"]["DestinationCidrBlock"] == "0.0.0.0/0"
    ]

    assert subnets and len(default_routes) == len(route_tables)
    assert all("NatGatewayId" in route for route in default_routes)
