"""Fetch the console's vendored libraries from npm into static/vendor/ (`make console-vendor`).

Each library is pinned; `npm pack NAME@VERSION` downloads its registry tarball into a temporary folder and only
the listed files (the built bundle and the licence) are copied, so nothing is ever loaded from a CDN. The copied
files are committed; run this again only to change a version."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"

# package -> (version, {file in the package: name under static/vendor/})
LIBRARIES: dict[str, tuple[str, dict[str, str]]] = {
    "chart.js": ("4.6.2", {"dist/chart.umd.min.js": "chart.umd.min.js", "LICENSE.md": "chart.js.LICENSE.md"}),
}


def fetch(package: str, version: str, files: dict[str, str], dest: Path = VENDOR_DIR) -> list[Path]:
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is needed to fetch the console's vendored libraries (apt-get install npm)")
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="console-vendor-") as tmp:
        command = [npm, "pack", f"{package}@{version}", "--silent"]  # pinned names from LIBRARIES above
        subprocess.run(command, cwd=tmp, check=True, capture_output=True)  # noqa: S603
        (tarball,) = Path(tmp).glob("*.tgz")
        with tarfile.open(tarball) as archive:
            for inside, name in files.items():
                member = archive.extractfile(f"package/{inside}")
                if member is None:
                    raise SystemExit(f"{package}@{version} has no {inside}")
                target = dest / name
                target.write_bytes(member.read())
                written.append(target)
    return written


def main() -> int:
    for package, (version, files) in LIBRARIES.items():
        for path in fetch(package, version, files):
            print(f"{package}@{version}: {path.relative_to(VENDOR_DIR.parent)} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
