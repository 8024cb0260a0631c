"""Lambda entry point: the CloudFormation custom resource that applies migrations on every deploy."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.data_classes import CloudFormationCustomResourceEvent
from aws_lambda_powertools.utilities.typing import LambdaContext

from hiring.adapters.postgres import migrate
from hiring.container import get_container
from hiring.observability import logger, tracer


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    resource = CloudFormationCustomResourceEvent(event)
    if resource.request_type == "Delete":  # never drop data when the stack goes away
        return {"PhysicalResourceId": resource.physical_resource_id or "hiring-migrations"}
    applied = migrate(get_container().database_url)
    logger.info("migrations done", extra={"applied": applied})
    return {"PhysicalResourceId": "hiring-migrations", "Data": {"Applied": ",".join(applied) or "none"}}
