"""Fixtures of the infra tests: the stack synthesized once per session, and layers/build.py as a module."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

# hiring_infra sits next to infra/app.py, which CDK runs as a script; the tests import it from there.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "infra"))

import pytest  # noqa: E402
from aws_cdk import App, assertions  # noqa: E402
from hiring_infra.application import STACK_NAME, build_app, cdk_json_context  # noqa: E402
from synthesized_stack import DEPLOY_ID, Synthesized, load_layer_build  # noqa: E402


@pytest.fixture(scope="session")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    """The app as `python infra/app.py` builds it, with no layers built (as on a fresh clone)."""
    outdir = tmp_path_factory.mktemp("cdk.out")
    app = App(context=cdk_json_context() | {"hiring:deployId": DEPLOY_ID}, outdir=str(outdir))
    stack = build_app(app, layer_build_dir=tmp_path_factory.mktemp("no-layers"))
    validation_error = None
    try:
        app.synth()
    except RuntimeError as error:  # cdk-nag findings fail the synth; the template is still written
        validation_error = str(error)
    template = assertions.Template.from_json(json.loads((outdir / f"{STACK_NAME}.template.json").read_text()))
    annotations = assertions.Annotations.from_stack(stack) if validation_error is None else None
    return Synthesized(template, annotations, outdir, validation_error)


@pytest.fixture(scope="session")
def layer_build() -> Iterator[ModuleType]:
    yield load_layer_build()
