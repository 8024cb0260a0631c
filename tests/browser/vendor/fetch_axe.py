"""Fetch axe-core (test-only: the accessibility audit of tests/browser/test_accessibility.py) from npm.

`npm pack axe-core@<AXE_VERSION>` downloads the registry tarball into a temporary folder and only axe.min.js and
its licence (MPL-2.0) are copied here; both are committed. The console never loads them: the audit injects
axe.min.js into the page under test. Run again only to change the version:

    .venv/bin/python tests/browser/vendor/fetch_axe.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from hiring.console.vendor import fetch

AXE_VERSION = "4.14.1"
HERE = Path(__file__).resolve().parent


def main() -> int:
    files = {"axe.min.js": "axe.min.js", "LICENSE": "axe-core.LICENSE"}
    for path in fetch("axe-core", AXE_VERSION, files, dest=HERE):
        print(f"axe-core@{AXE_VERSION}: {path.name} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
