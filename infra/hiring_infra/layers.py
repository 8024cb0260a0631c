"""Lambda layers: one per dependency set the catalog names, from layers/build/<name> once `make layers` ran."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from aws_cdk import Annotations, aws_lambda
from constructs import Construct

from hiring.llm.config import LlmSettings
from hiring_infra.configuration import setting_env
from hiring_infra.lambda_platform import ARCHITECTURE, RUNTIME
from hiring_infra.paths import LAYER_PLACEHOLDER_DIR

NOT_BUILT_WARNING = "hiring:layerNotBuilt"
# Lambda unpacks a layer into /opt; folders that layers/build.py puts beside python/ (its LAYER_FOLDERS) land
# under /opt, and every function with the layer is told where.
LAYER_MOUNT = "/opt"
LAYER_ENVIRONMENT: dict[str, dict[str, str]] = {
    "parse": {setting_env("prompts_dir", LlmSettings): f"{LAYER_MOUNT}/prompts"},
    "api": {setting_env("prompts_dir", LlmSettings): f"{LAYER_MOUNT}/prompts"},
}


def is_built(layer_dir: Path) -> bool:
    """A built layer holds at least one entry under python/, where Lambda puts /opt/python on sys.path."""
    packages = layer_dir / "python"
    return packages.is_dir() and any(packages.iterdir())


class DependencyLayers(Construct):
    """The layers of the app, by name; an unbuilt one is a marked placeholder plus a warning, never silent."""

    def __init__(self, scope: Construct, construct_id: str, *, names: Iterable[str], build_dir: Path) -> None:
        super().__init__(scope, construct_id)
        self._layers: dict[str, aws_lambda.LayerVersion] = {}
        for name in sorted(set(names)):
            built = is_built(build_dir / name)
            layer = aws_lambda.LayerVersion(
                self,
                name.title(),
                code=aws_lambda.Code.from_asset(str(build_dir / name if built else LAYER_PLACEHOLDER_DIR)),
                compatible_runtimes=[RUNTIME],
                compatible_architectures=[ARCHITECTURE],
                description=f"hiring {name} dependencies" + ("" if built else " (PLACEHOLDER: not built)"),
            )
            if not built:
                Annotations.of(layer).add_warning_v2(
                    NOT_BUILT_WARNING, f"layer {name} not built: run make layers before deploy"
                )
            self._layers[name] = layer

    @staticmethod
    def environment(name: str) -> dict[str, str]:
        """Variables that tell a function where the files a layer carries beside its packages are."""
        return dict(LAYER_ENVIRONMENT.get(name, {}))

    def named(self, name: str) -> aws_lambda.ILayerVersion:
        """The layer for a dependency set, or a KeyError naming the ones that exist."""
        try:
            return self._layers[name]
        except KeyError:
            raise KeyError(f"no layer {name!r}; layers: {', '.join(self._layers)}") from None
