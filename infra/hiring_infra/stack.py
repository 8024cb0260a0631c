"""The one stack: feature constructs, every catalog function from the factory, each wired to its trigger."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, assert_never

from aws_cdk import Stack
from constructs import Construct

from hiring.catalog import FUNCTIONS, FunctionSpec, TriggerKind
from hiring_infra.api import HttpApi
from hiring_infra.auth import AuthSecrets, ThirdPartyKeys
from hiring_infra.configuration import boards_environment
from hiring_infra.console import ConsoleSite
from hiring_infra.data import DataStores
from hiring_infra.functions import FunctionDependencies, HiringFunction
from hiring_infra.layers import DependencyLayers
from hiring_infra.migrations import Migrations
from hiring_infra.nag import acknowledge
from hiring_infra.observability import Alarms, Dashboard, ProductAlerts
from hiring_infra.paths import FUNCTIONS_DIR, LAYER_BUILD_DIR
from hiring_infra.queue import WorkQueue
from hiring_infra.scheduling import Schedules
from hiring_infra.storage import BlobStorage

# The singleton Lambda that CDK adds to configure bucket notifications (Custom::S3BucketNotifications).
BUCKET_NOTIFICATIONS_HANDLER = "BucketNotificationsHandler050a0587b7544547bf325f094a3db834"
BOARD_SCRAPER = "scrape_boards"  # the catalog function that reads the board list (HIRING_BOARDS)


def only(specs: Sequence[FunctionSpec], kind: TriggerKind) -> FunctionSpec:
    """The single catalog function with this trigger kind: the stack has one API and one queue."""
    matching = [spec for spec in specs if spec.trigger.kind is kind]
    if len(matching) != 1:
        raise ValueError(f"expected exactly one {kind} function, found {[s.name for s in matching]}")
    return matching[0]


class HiringStack(Stack):
    """Everything the platform runs on, synthesized offline from the function catalog."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        deploy_id: str,
        specs: Sequence[FunctionSpec] = FUNCTIONS,
        layer_build_dir: Path = LAYER_BUILD_DIR,
        functions_dir: Path = FUNCTIONS_DIR,
        **kwargs: Any,
    ) -> None:
        super().__init__(scope, construct_id, **kwargs)
        data = DataStores(self, "Data")
        storage = BlobStorage(self, "Storage")
        work = WorkQueue(self, "Matching", consumer=only(specs, TriggerKind.SQS))  # the id keeps the logical ids
        auth = AuthSecrets(self, "Auth")
        keys = ThirdPartyKeys(self, "ThirdPartyKeys")
        alerts = ProductAlerts(self, "Alerts")
        layers = DependencyLayers(
            self, "Layers", names=[layer for spec in specs for layer in spec.layers], build_dir=layer_build_dir
        )
        deps = FunctionDependencies(
            vpc=data.vpc,
            database=data.database,
            vectors=data.vectors,
            blobs=storage.bucket,
            work_queue=work,
            jwt_secret=auth.jwt_secret,
            llm_api_key=keys.llm_api_key,
            github_token=keys.github_token,
            alerts=alerts.topic,
            layers=layers,
            functions_dir=functions_dir,
            configuration={BOARD_SCRAPER: boards_environment(self)},
        )
        scope_of_functions = Construct(self, "Functions")
        self.functions = {spec.name: HiringFunction(scope_of_functions, spec, deps) for spec in specs}

        schedules = Schedules(self, "Schedules")
        for spec in specs:
            function = self.functions[spec.name].function
            match spec.trigger.kind:
                case TriggerKind.HTTP:
                    # The console's CloudFront distribution sends /api/* and /health to this API.
                    ConsoleSite(self, "Console", api=HttpApi(self, "Api", function=function).api)
                case TriggerKind.S3:
                    storage.notify_on_create(function, spec.trigger.prefix or "")
                case TriggerKind.SQS:
                    work.attach_consumer(function)
                case TriggerKind.SCHEDULE:
                    schedules.add(spec, function)
                case TriggerKind.CUSTOM_RESOURCE:
                    migrations = Migrations(self, "Migrations", function=function, deploy_id=deploy_id)
                    # Run once the database and the function's network rules and grants exist, not merely its code.
                    migrations.node.add_dependency(data.database, self.functions[spec.name])
                case _:
                    assert_never(spec.trigger.kind)

        Alarms(
            self,
            "Observability",
            dead_letters=work.dead_letters,
            work_queue=work.queue,
            functions={name: built.function for name, built in self.functions.items()},
            failed_invocations={
                name: built.failed_invocations
                for name, built in self.functions.items()
                if built.failed_invocations is not None
            },
        )
        Dashboard(
            self,
            "Health",
            work_queue=work.queue,
            dead_letters=work.dead_letters,
            functions={name: built.function for name, built in self.functions.items()},
        )
        self._acknowledge_cdk_internals()

    def _acknowledge_cdk_internals(self) -> None:
        """Findings on the helper Lambdas aws-cdk-lib adds itself, which it configures and we cannot."""
        handler = self.node.try_find_child(BUCKET_NOTIFICATIONS_HANDLER)
        if handler is None:
            return
        acknowledge(
            handler,
            "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
            "CDK's bucket-notification handler: the managed policy only lets it write its own logs.",
        )
