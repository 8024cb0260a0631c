"""Layers: one requirements file per catalog layer, built layers used as assets, sizes held under the limit."""

from __future__ import annotations

import re
import time
from pathlib import Path
from types import ModuleType

import pytest
from aws_cdk import App, Stack, assertions
from hiring_infra.layers import LAYER_ENVIRONMENT, LAYER_MOUNT, DependencyLayers
from synthesized_stack import REPO_ROOT

from hiring.catalog import FUNCTIONS, FunctionSpec, Trigger, TriggerKind

LAYERS = sorted({layer for spec in FUNCTIONS for layer in spec.layers})


def spec(name: str, *layers: str) -> FunctionSpec:
    return FunctionSpec(name, "handler.handler", Trigger(TriggerKind.HTTP), 128, 3, layers)


def write(path: Path, size: int = 0, text: str | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if text is None:
        path.write_bytes(b"x" * size)
    else:
        path.write_text(text)


@pytest.mark.parametrize("layer", LAYERS)
def test_every_catalog_layer_has_a_requirements_file(layer: str) -> None:
    assert (REPO_ROOT / "layers" / "requirements" / f"{layer}.txt").is_file()


def test_parse_layer_stays_on_pymupdf_1_26() -> None:
    requirements = (REPO_ROOT / "layers" / "requirements" / "parse.txt").read_text()

    assert re.search(r"^pymupdf==1\.26\.\*$", requirements, re.MULTILINE)


@pytest.mark.parametrize(
    ("layer", "distribution"),
    [("core", "rapidfuzz"), ("parse", "python-docx"), ("parse", "openai")],
)
def test_layer_requires_what_its_functions_import(layer: str, distribution: str) -> None:
    requirements = (REPO_ROOT / "layers" / "requirements" / f"{layer}.txt").read_text().lower()

    assert re.search(rf"^{re.escape(distribution)}\b", requirements, re.MULTILINE)


def test_no_layer_ships_boto3() -> None:
    for layer in LAYERS:
        requirements = (REPO_ROOT / "layers" / "requirements" / f"{layer}.txt").read_text().lower()
        assert not re.search(r"^(boto3|botocore)\b", requirements, re.MULTILINE)


def test_size_report_adds_each_function_code_to_its_layers(tmp_path: Path, layer_build: ModuleType) -> None:
    write(tmp_path / "build" / "core" / "python" / "a.so", 1000)
    write(tmp_path / "build" / "api" / "python" / "b" / "c.py", 300)
    write(tmp_path / "functions" / "web" / "handler.py", 20)
    write(tmp_path / "functions" / "job" / "handler.py", 10)

    report = layer_build.size_report(
        [spec("web", "core", "api"), spec("job", "core")], tmp_path / "build", tmp_path / "functions", limit=1200
    )

    assert report.layers == {"api": 300, "core": 1000}
    assert report.functions == {"web": 1320, "job": 1010}
    assert report.oversized == ["web"]


def test_check_fails_an_oversized_function_and_an_unbuilt_layer(tmp_path: Path, layer_build: ModuleType) -> None:
    write(tmp_path / "build" / "core" / "python" / "a.so", 1000)
    write(tmp_path / "functions" / "web" / "handler.py", text="import json\n")
    specs = [spec("web", "core", "api")]

    report = layer_build.size_report(specs, tmp_path / "build", tmp_path / "functions", limit=900)
    problems = layer_build.check(specs, report, tmp_path / "build", tmp_path / "functions")

    assert problems == ["web: 1,012 bytes unzipped > 900", "layer api is not built"]


def test_report_only_exits_non_zero_over_the_limit(tmp_path: Path, layer_build: ModuleType) -> None:
    write(tmp_path / "build" / "core" / "python" / "a.so", 1000)
    write(tmp_path / "functions" / "web" / "handler.py", text="import json\n")
    args = ["--report-only", "--build-dir", str(tmp_path / "build"), "--functions-dir", str(tmp_path / "functions")]

    assert layer_build.main([*args, "--limit", "2000"], specs=[spec("web", "core")]) == 0
    assert layer_build.main([*args, "--limit", "500"], specs=[spec("web", "core")]) == 1


def test_import_check_names_load_time_imports_no_layer_provides(tmp_path: Path, layer_build: ModuleType) -> None:
    functions = tmp_path / "functions"
    write(functions / "web" / "handler.py", text="import json\nimport boto3\nfrom helpers import run\n")
    write(
        functions / "web" / "helpers.py",
        text=(
            "from typing import TYPE_CHECKING\nimport yaml\nimport jwt\n"
            "if TYPE_CHECKING:\n    import numpy\n"
            "try:\n    import ujson\nexcept ImportError:\n    ujson = None\n"
            "def run():\n    import pgserver\n"
        ),
    )
    write(tmp_path / "build" / "core" / "python" / "yaml" / "__init__.py", text="")

    missing = layer_build.missing_imports(spec("web", "core"), tmp_path / "build", functions)

    assert set(missing) == {"jwt"}
    assert missing["jwt"] == functions / "web" / "helpers.py"


def test_a_real_layer_builds_for_lambda_and_leaves_out_what_its_base_holds(
    tmp_path: Path, layer_build: ModuleType
) -> None:
    write(tmp_path / "base.txt", text="six==1.17.0\n")
    write(tmp_path / "top.txt", text="python-dateutil==2.9.0.post0\nmarkupsafe==3.0.2\n")
    base, top = tmp_path / "base" / "python", tmp_path / "top" / "python"
    started = time.monotonic()

    layer_build.build_layer(tmp_path / "base.txt", base)
    left_out = layer_build.build_layer(tmp_path / "top.txt", top, base=base)

    assert time.monotonic() - started < 60, "a real build this slow belongs under @pytest.mark.slow"
    assert left_out == ["six"]  # dateutil needs six; the base layer has it
    assert (top / "dateutil").is_dir() and not (top / "six.py").exists()
    assert list((top / "markupsafe").glob("*.cpython-312-x86_64-linux-gnu.so")), "not built for CPython 3.12"
    assert not list(top.rglob("*.pyc"))
    assert layer_build.tree_size(top) == sum(p.stat().st_size for p in top.rglob("*") if p.is_file())


def test_a_built_layer_is_packaged_from_its_build_folder_without_warning(tmp_path: Path) -> None:
    write(tmp_path / "core" / "python" / "hiring" / "__init__.py", text="")
    app = App(outdir=str(tmp_path / "out"))
    stack = Stack(app, "Layers")

    DependencyLayers(stack, "Layers", names=["core", "api"], build_dir=tmp_path)
    assembly = app.synth()

    warnings = [m.entry.data for m in assembly.get_stack_by_name("Layers").messages]
    assert [w for w in warnings if "layer api not built" in str(w)]
    assert not [w for w in warnings if "layer core not built" in str(w)]
    template = assertions.Template.from_stack(stack)
    template.has_resource_properties(
        "AWS::Lambda::LayerVersion",
        {"Description": "hiring core dependencies", "CompatibleRuntimes": ["python3.12"]},
    )


def test_layer_environment_points_at_folders_the_build_puts_in_the_layer(layer_build: ModuleType) -> None:
    for layer, variables in LAYER_ENVIRONMENT.items():
        for value in variables.values():
            folder = Path(value).relative_to(LAYER_MOUNT)
            assert str(folder) in layer_build.LAYER_FOLDERS[layer], f"{layer}: {value} is not built into the layer"


def test_parse_layer_carries_every_prompt_version(layer_build: ModuleType) -> None:
    prompts = layer_build.LAYER_FOLDERS["parse"]["prompts"]

    assert prompts == REPO_ROOT / "prompts"
    assert list(prompts.glob("*.v*.md"))


def test_layer_folders_are_copied_beside_the_packages_and_checked(tmp_path: Path, layer_build: ModuleType) -> None:
    write(tmp_path / "prompts" / "a.v1.md", text="---")
    write(tmp_path / "build" / "parse" / "prompts" / "stale.v0.md", text="old")

    layer_build.copy_layer_folders(tmp_path / "build" / "parse", {"prompts": tmp_path / "prompts"})

    assert sorted(p.name for p in (tmp_path / "build" / "parse" / "prompts").iterdir()) == ["a.v1.md"]


def test_check_names_a_layer_folder_file_the_build_lacks(
    tmp_path: Path, layer_build: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "prompts" / "a.v1.md", text="---")
    write(tmp_path / "build" / "parse" / "python" / "x.py", text="")
    monkeypatch.setattr(layer_build, "LAYER_FOLDERS", {"parse": {"prompts": tmp_path / "prompts"}})

    assert layer_build.missing_layer_folders(["parse"], tmp_path / "build") == ["parse/prompts/a.v1.md"]


def test_package_data_check_names_data_files_the_layer_lacks(tmp_path: Path, layer_build: ModuleType) -> None:
    source = tmp_path / "shared" / "hiring"
    write(source / "__init__.py", text="")
    write(source / "skills" / "data" / "taxonomy.json.gz", 10)
    write(source / "migrations" / "0001.sql", text="select 1;")
    write(source / "__pycache__" / "x.cpython-312.pyc", 5)
    layer = tmp_path / "build" / "core" / "python" / "hiring"
    write(layer / "__init__.py", text="")
    write(layer / "migrations" / "0001.sql", text="select 1;")

    missing = layer_build.missing_package_data(tmp_path / "build", source)

    assert missing == ["skills/data/taxonomy.json.gz"]
