"""Data: the VPC, PostgreSQL on RDS (credentials in Secrets Manager) and the OpenSearch k-NN domain."""

from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy, Stack, aws_ec2, aws_iam, aws_logs, aws_opensearchservice, aws_rds
from constructs import Construct

from hiring_infra.nag import acknowledge_all

DATABASE_NAME = "hiring"
DATABASE_USER = "hiring"
LOG_RETENTION = aws_logs.RetentionDays.ONE_MONTH

# Functions run in the egress subnets (they call AWS APIs and optional model endpoints over HTTPS through the
# NAT); the database and the search domain sit in isolated subnets that no route leads out of.
FUNCTION_SUBNETS = aws_ec2.SubnetSelection(subnet_type=aws_ec2.SubnetType.PRIVATE_WITH_EGRESS)
DATA_SUBNETS = aws_ec2.SubnetSelection(subnet_type=aws_ec2.SubnetType.PRIVATE_ISOLATED)

DATABASE_ACKNOWLEDGMENTS = {
    "AwsSolutions-RDS3": "Single-AZ to keep the first environment cheap; daily backups and snapshot-on-delete "
    "protect the data. Turn on multi_az before production traffic.",
    "AwsSolutions-RDS11": "Only the functions' security groups reach the instance, in isolated subnets; a "
    "non-default port would add obscurity, not protection.",
    "AwsSolutions-SMG4": "Single-user rotation invalidates the password that warm functions hold in their "
    "connection pools. Add multi-user rotation once the database adapter re-reads the secret on an "
    "authentication failure.",
}
SEARCH_DOMAIN_ACKNOWLEDGMENTS = {
    "AwsSolutions-OS3": "The domain is reachable only inside the VPC, from the security groups of functions that "
    "use vectors; IAM identity policies on those roles authorize each request.",
    "AwsSolutions-OS5": "No resource policy, by design: with none, the domain serves only SigV4-signed requests "
    "that the identity policies of this account's function roles allow (those listing VECTORS).",
    "AwsSolutions-OS4": "One data node holds an index that can be rebuilt from the data in Postgres; dedicated "
    "masters would triple the cost without protecting any data.",
    "AwsSolutions-OS7": "Single node, single zone: the index can be rebuilt from the data in Postgres; add zone "
    "awareness with a second node when search must survive a zone outage.",
}


class DataStores(Construct):
    """The network and the two stores every function's data lives in."""

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.vpc = self._network()
        self.database = self._database()
        self.vectors = self._vectors()

    def _network(self) -> aws_ec2.Vpc:
        vpc = aws_ec2.Vpc(
            self,
            "Vpc",
            max_azs=2,
            nat_gateways=1,  # one NAT for cost; functions lose egress (not data) if its zone fails
            subnet_configuration=[
                aws_ec2.SubnetConfiguration(name="Public", subnet_type=aws_ec2.SubnetType.PUBLIC, cidr_mask=24),
                aws_ec2.SubnetConfiguration(
                    name="Functions", subnet_type=aws_ec2.SubnetType.PRIVATE_WITH_EGRESS, cidr_mask=22
                ),
                aws_ec2.SubnetConfiguration(name="Data", subnet_type=aws_ec2.SubnetType.PRIVATE_ISOLATED, cidr_mask=24),
            ],
            # S3 traffic stays off the NAT (and its per-GB charge) through a free gateway endpoint.
            gateway_endpoints={
                "S3": aws_ec2.GatewayVpcEndpointOptions(service=aws_ec2.GatewayVpcEndpointAwsService.S3)
            },
        )
        flow_logs = aws_logs.LogGroup(self, "FlowLogs", retention=LOG_RETENTION, removal_policy=RemovalPolicy.DESTROY)
        vpc.add_flow_log("FlowLog", destination=aws_ec2.FlowLogDestination.to_cloud_watch_logs(flow_logs))
        return vpc

    def _database(self) -> aws_rds.DatabaseInstance:
        # A fixed identifier lets the log group RDS exports to exist first, with a retention, instead of
        # CDK's log-retention Lambda; the stack name is fixed too, so two copies cannot collide in one region.
        identifier = f"{Stack.of(self).stack_name.lower()}-postgres"
        postgres_logs = aws_logs.LogGroup(
            self,
            "PostgresLogs",
            log_group_name=f"/aws/rds/instance/{identifier}/postgresql",
            retention=LOG_RETENTION,
            removal_policy=RemovalPolicy.DESTROY,
        )
        database = aws_rds.DatabaseInstance(
            self,
            "Postgres",
            instance_identifier=identifier,
            engine=aws_rds.DatabaseInstanceEngine.postgres(version=aws_rds.PostgresEngineVersion.VER_16),
            instance_type=aws_ec2.InstanceType.of(
                aws_ec2.InstanceClass.BURSTABLE4_GRAVITON, aws_ec2.InstanceSize.MICRO
            ),
            vpc=self.vpc,
            vpc_subnets=DATA_SUBNETS,
            # The secret holds host, port, dbname, username and password: what the functions' settings read.
            credentials=aws_rds.Credentials.from_generated_secret(DATABASE_USER),
            database_name=DATABASE_NAME,
            publicly_accessible=False,
            storage_encrypted=True,
            allocated_storage=20,
            max_allocated_storage=100,
            backup_retention=Duration.days(7),
            deletion_protection=True,
            removal_policy=RemovalPolicy.SNAPSHOT,
            multi_az=False,
            auto_minor_version_upgrade=True,
            cloudwatch_logs_exports=["postgresql"],
        )
        database.node.add_dependency(postgres_logs)
        acknowledge_all(database, DATABASE_ACKNOWLEDGMENTS)
        return database

    def _vectors(self) -> aws_opensearchservice.Domain:
        slow_search = aws_logs.LogGroup(self, "SearchSlowLogs", retention=LOG_RETENTION)
        slow_index = aws_logs.LogGroup(self, "IndexSlowLogs", retention=LOG_RETENTION)
        app_logs = aws_logs.LogGroup(self, "SearchAppLogs", retention=LOG_RETENTION)
        domain = aws_opensearchservice.Domain(
            self,
            "Vectors",
            version=aws_opensearchservice.EngineVersion.OPENSEARCH_2_19,
            capacity=aws_opensearchservice.CapacityConfig(
                data_nodes=1, data_node_instance_type="t3.small.search", multi_az_with_standby_enabled=False
            ),
            ebs=aws_opensearchservice.EbsOptions(volume_size=10, volume_type=aws_ec2.EbsDeviceVolumeType.GP3),
            zone_awareness=aws_opensearchservice.ZoneAwarenessConfig(enabled=False),
            vpc=self.vpc,
            # One data node lives in one subnet.
            vpc_subnets=[aws_ec2.SubnetSelection(subnets=[self.vpc.isolated_subnets[0]])],
            encryption_at_rest=aws_opensearchservice.EncryptionAtRestOptions(enabled=True),
            node_to_node_encryption=True,
            enforce_https=True,
            tls_security_policy=aws_opensearchservice.TLSSecurityPolicy.TLS_1_2,
            logging=aws_opensearchservice.LoggingOptions(
                slow_search_log_enabled=True,
                slow_search_log_group=slow_search,
                slow_index_log_enabled=True,
                slow_index_log_group=slow_index,
                app_log_enabled=True,
                app_log_group=app_logs,
            ),
            # CDK would write the logs resource policy through a custom-resource Lambda; a plain
            # AWS::Logs::ResourcePolicy below does the same with nothing to run.
            suppress_logs_resource_policy=True,
            removal_policy=RemovalPolicy.RETAIN,
        )
        logs_policy = aws_logs.ResourcePolicy(
            self,
            "SearchLogsPolicy",
            policy_statements=[
                aws_iam.PolicyStatement(
                    principals=[aws_iam.ServicePrincipal("es.amazonaws.com")],
                    actions=["logs:PutLogEvents", "logs:CreateLogStream"],
                    resources=[group.log_group_arn for group in (slow_search, slow_index, app_logs)],
                )
            ],
        )
        domain.node.add_dependency(logs_policy)
        acknowledge_all(domain, SEARCH_DOMAIN_ACKNOWLEDGMENTS)
        return domain
