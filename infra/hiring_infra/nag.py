"""cdk-nag on the app, and acknowledgments that always carry a reason."""

from __future__ import annotations

from collections.abc import Mapping

from aws_cdk import Acknowledgment, App, CfnElement, Stack, Validations
from cdk_nag import AwsSolutionsChecks
from constructs import IConstruct


def apply_nag(app: App) -> None:
    """Check every stack of the app against the AWS Solutions rules when it synthesizes."""
    # The audit trail of acknowledgments goes into the template metadata, next to the resources.
    Validations.of(app).add_plugins(AwsSolutionsChecks(app, write_suppressions_to_cloud_formation=True))


def acknowledge(scope: IConstruct, rule: str, reason: str) -> None:
    """Accept one finding of `rule` on `scope` and everything below it, for the reason given."""
    Validations.of(scope).acknowledge(Acknowledgment(id=rule, reason=reason))


def acknowledge_all(scope: IConstruct, reasons: Mapping[str, str]) -> None:
    """Accept each rule -> reason on `scope` and everything below it."""
    for rule, reason in reasons.items():
        acknowledge(scope, rule, reason)


def wildcard_under(resource: IConstruct, suffix: str = "/*") -> str:
    """The IAM5 finding id for a policy resource `<ARN of resource><suffix>`, e.g. every object of a bucket."""
    element = resource.node.default_child if not isinstance(resource, CfnElement) else resource
    if not isinstance(element, CfnElement):
        raise TypeError(f"{resource.node.path} has no CloudFormation resource")
    stack = Stack.of(element)
    logical_id = stack.resolve(stack.get_logical_id(element))
    return f"AwsSolutions-IAM5[Resource::<{logical_id}.Arn>{suffix}]"
