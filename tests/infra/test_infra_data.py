"""Stores are private and encrypted, the queue redrives to a DLQ, and dead letters raise an alarm."""

from __future__ import annotations

from aws_cdk.assertions import Match
from synthesized_stack import ALARM_TOPIC, ALERT_TOPIC, Synthesized

from hiring.catalog import FUNCTIONS, TriggerKind

(CONSUMER,) = [spec for spec in FUNCTIONS if spec.trigger.kind is TriggerKind.SQS]
BLOCK_ALL = {
    "BlockPublicAcls": True,
    "BlockPublicPolicy": True,
    "IgnorePublicAcls": True,
    "RestrictPublicBuckets": True,
}


def test_every_bucket_is_encrypted_and_blocks_public_access(synth: Synthesized) -> None:
    buckets = synth.of_type("AWS::S3::Bucket")

    assert buckets
    for bucket in buckets.values():
        assert bucket["Properties"]["BucketEncryption"]["ServerSideEncryptionConfiguration"]
        assert bucket["Properties"]["PublicAccessBlockConfiguration"] == BLOCK_ALL


def test_every_bucket_refuses_requests_without_tls(synth: Synthesized) -> None:
    buckets = synth.of_type("AWS::S3::Bucket")
    denied = {
        policy["Properties"]["Bucket"]["Ref"]
        for policy in synth.of_type("AWS::S3::BucketPolicy").values()
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        if statement["Effect"] == "Deny" and statement.get("Condition") == {"Bool": {"aws:SecureTransport": "false"}}
    }

    assert denied == set(buckets)


def test_blob_bucket_is_versioned_and_logs_access(synth: Synthesized) -> None:
    synth.template.has_resource_properties(
        "AWS::S3::Bucket",
        {"VersioningConfiguration": {"Status": "Enabled"}, "LoggingConfiguration": Match.object_like({})},
    )


def test_match_queue_redrives_to_the_dlq_after_the_catalog_receive_count(synth: Synthesized) -> None:
    queue, dead_letters = synth.queues()

    properties = synth.resources[queue]["Properties"]

    assert properties["RedrivePolicy"]["maxReceiveCount"] == CONSUMER.trigger.max_receive_count
    assert dead_letters != queue


def test_match_queue_hides_a_message_six_times_the_consumer_timeout(synth: Synthesized) -> None:
    queue, _ = synth.queues()

    assert synth.resources[queue]["Properties"]["VisibilityTimeout"] == 6 * CONSUMER.timeout_s


def test_queues_are_encrypted_and_tls_only(synth: Synthesized) -> None:
    queues = synth.of_type("AWS::SQS::Queue")
    tls_only = synth.tls_only("AWS::SQS::QueuePolicy", "Queues")

    assert all(queue["Properties"]["SqsManagedSseEnabled"] for queue in queues.values())
    assert tls_only == set(queues)


def test_database_is_private_encrypted_postgres_16(synth: Synthesized) -> None:
    (database,) = synth.of_type("AWS::RDS::DBInstance").values()

    properties = database["Properties"]
    assert properties["PubliclyAccessible"] is False
    assert properties["StorageEncrypted"] is True
    assert properties["Engine"] == "postgres"
    assert properties["EngineVersion"].split(".")[0] == "16"
    assert properties["DeletionProtection"] is True


def test_database_credentials_are_a_generated_secret(synth: Synthesized) -> None:
    (database,) = synth.of_type("AWS::RDS::DBInstance").values()

    password = database["Properties"]["MasterUserPassword"]["Fn::Join"][1]

    assert any("resolve:secretsmanager" in str(part) for part in password)
    synth.template.has_resource_properties(
        "AWS::SecretsManager::Secret", {"GenerateSecretString": Match.object_like({"GenerateStringKey": "password"})}
    )


def test_database_and_search_domain_sit_in_isolated_subnets(synth: Synthesized) -> None:
    (subnet_group,) = synth.of_type("AWS::RDS::DBSubnetGroup").values()
    (domain,) = synth.of_type("AWS::OpenSearchService::Domain").values()
    isolated = {
        logical_id
        for logical_id, subnet in synth.of_type("AWS::EC2::Subnet").items()
        if {"Key": "aws-cdk:subnet-type", "Value": "Isolated"} in subnet["Properties"]["Tags"]
    }

    assert {ref["Ref"] for ref in subnet_group["Properties"]["SubnetIds"]} <= isolated
    assert {ref["Ref"] for ref in domain["Properties"]["VPCOptions"]["SubnetIds"]} <= isolated


def test_search_domain_encrypts_at_rest_between_nodes_and_in_transit(synth: Synthesized) -> None:
    synth.template.has_resource_properties(
        "AWS::OpenSearchService::Domain",
        {
            "EncryptionAtRestOptions": {"Enabled": True},
            "NodeToNodeEncryptionOptions": {"Enabled": True},
            "DomainEndpointOptions": Match.object_like({"EnforceHTTPS": True}),
            "VPCOptions": Match.object_like({"SecurityGroupIds": Match.any_value()}),
        },
    )


def test_jwt_signing_key_is_generated_in_secrets_manager(synth: Synthesized) -> None:
    synth.template.has_resource_properties(
        "AWS::SecretsManager::Secret",
        {"Description": Match.string_like_regexp("signing key"), "GenerateSecretString": Match.object_like({})},
    )


def test_any_dead_letter_raises_an_alarm_on_the_alarm_topic(synth: Synthesized) -> None:
    _, dead_letters = synth.queues()
    topic = synth.topic(ALARM_TOPIC)

    synth.template.has_resource_properties(
        "AWS::CloudWatch::Alarm",
        {
            "Namespace": "AWS/SQS",
            "MetricName": "ApproximateNumberOfMessagesVisible",
            "Dimensions": [{"Name": "QueueName", "Value": {"Fn::GetAtt": [dead_letters, "QueueName"]}}],
            "ComparisonOperator": "GreaterThanThreshold",
            "Threshold": 0,
            "AlarmActions": [{"Ref": topic}],
        },
    )


def test_every_function_has_an_errors_alarm(synth: Synthesized) -> None:
    alarmed = {
        alarm["Properties"]["Dimensions"][0]["Value"]["Ref"]
        for alarm in synth.of_type("AWS::CloudWatch::Alarm").values()
        if alarm["Properties"].get("MetricName") == "Errors"
    }

    assert alarmed == {synth.tagged("AWS::Lambda::Function", spec) for spec in FUNCTIONS}


def test_every_topic_is_encrypted_with_a_rotating_key_of_its_own(synth: Synthesized) -> None:
    keys = [
        topic["Properties"]["KmsMasterKeyId"]["Fn::GetAtt"][0] for topic in synth.of_type("AWS::SNS::Topic").values()
    ]

    assert {synth.topic(ALARM_TOPIC), synth.topic(ALERT_TOPIC)} <= set(synth.of_type("AWS::SNS::Topic"))
    assert len(set(keys)) == len(keys)
    assert all(synth.resources[key]["Properties"]["EnableKeyRotation"] is True for key in keys)


def test_every_topic_refuses_publishing_without_tls(synth: Synthesized) -> None:
    tls_only = synth.tls_only("AWS::SNS::TopicPolicy", "Topics")

    assert tls_only == set(synth.of_type("AWS::SNS::Topic"))


def test_no_topic_policy_lets_anyone_publish(synth: Synthesized) -> None:
    allows = [
        statement
        for policy in synth.of_type("AWS::SNS::TopicPolicy").values()
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
        if statement["Effect"] == "Allow"
    ]

    assert allows == []


def test_alarms_never_go_to_the_alerts_topic(synth: Synthesized) -> None:
    actions = [
        action
        for alarm in synth.of_type("AWS::CloudWatch::Alarm").values()
        for action in alarm["Properties"].get("AlarmActions", [])
    ]

    assert actions
    assert all(action == {"Ref": synth.topic(ALARM_TOPIC)} for action in actions)
