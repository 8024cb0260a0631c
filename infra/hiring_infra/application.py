"""Build the CDK app: the feature flags from cdk.json, the one stack, and cdk-nag."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aws_cdk import App

from hiring_infra.nag import apply_nag
from hiring_infra.paths import REPO_ROOT
from hiring_infra.stack import HiringStack

STACK_NAME = "HiringStack"  # fixed: never derived from a branch, a user or the time
DEPLOY_ID_CONTEXT = "hiring:deployId"
CDK_JSON = REPO_ROOT / "cdk.json"


def cdk_json_context(path: Path = CDK_JSON) -> dict[str, Any]:
    """The context of cdk.json (feature flags), which the CDK CLI passes but `python infra/app.py` must read."""
    context: dict[str, Any] = json.loads(path.read_text())["context"]
    return context


def new_app(**context: Any) -> App:
    """An App with cdk.json's flags; outside the CLI it writes to cdk.out at the repository root."""
    # Under the CLI, CDK_OUTDIR names the output folder and passing another one is an error.
    outdir = None if "CDK_OUTDIR" in os.environ else str(REPO_ROOT / "cdk.out")
    return App(context=cdk_json_context() | context, outdir=outdir)


def build_app(app: App, **stack_options: Any) -> HiringStack:
    """Add the stack and cdk-nag to `app`; `-c hiring:deployId=...` pins the migration trigger."""
    # Unpinned, every synth gets a new id, so every deploy runs the migrations (they skip what is applied).
    deploy_id = app.node.try_get_context(DEPLOY_ID_CONTEXT) or datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    stack = HiringStack(
        app, STACK_NAME, deploy_id=str(deploy_id), description="Hiring intelligence platform", **stack_options
    )
    apply_nag(app)
    return stack
