"""Where the app finds what it packages, relative to the repository root."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
FUNCTIONS_DIR = REPO_ROOT / "functions"
LAYER_BUILD_DIR = REPO_ROOT / "layers" / "build"
# An explicitly marked stand-in for an unbuilt layer, so synth works offline; see layers.DependencyLayers.
LAYER_PLACEHOLDER_DIR = REPO_ROOT / "layers" / "placeholder"
# The web console's static files: uploaded to S3 by the Console construct (not shipped in any Lambda layer).
CONSOLE_DIR = REPO_ROOT / "shared" / "hiring" / "console" / "static"
