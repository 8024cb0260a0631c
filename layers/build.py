"""Build the Lambda layers for the Lambda platform (manylinux x86_64, CPython 3.12) without Docker, and hold sizes."""

# Each layer in layers/requirements/<name>.txt is installed into layers/build/<name>/python. `core` is built
# first; every other layer is resolved against core's exact versions and then leaves out what core already holds,
# because layers unpack into one /opt and a second, different copy of a package would overwrite the first.
# A layer may also carry folders of plain files next to python/ (LAYER_FOLDERS): Lambda unpacks them under /opt.
# The report gives the unzipped size of each layer and of each function (its code plus its layers) and fails
# when a function passes Lambda's limit, imports at load time a module its layers and the runtime lack, or
# when the domain package in the base layer lacks a data file of the source tree (package-data in pyproject).

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
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

# Folders copied into a layer beside python/, which Lambda unpacks to /opt/<folder>: the parse function's
# versioned LLM prompts (infra points HIRING_LLM_PROMPTS_DIR at /opt/prompts for functions with this layer).
LAYER_FOLDERS: dict[str, dict[str, Path]] = {"parse": {"prompts": REPO_ROOT / "prompts"}}
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
    args = ["-r", str(requirements)]
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
        copy_layer_folders(build_dir / name, LAYER_FOLDERS.get(name, {}))
        print(f"built {name}: left out {', '.join(left_out) or 'nothing'}")


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
    args = parser.parse_args(argv)

    if not args.report_only:
        build_all(args.layers or catalog_layers(specs), build_dir=args.build_dir)
    report = size_report(specs, args.build_dir, args.functions_dir, args.limit)
    print(format_report(report))
    problems = check(specs, report, args.build_dir, args.functions_dir)
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
