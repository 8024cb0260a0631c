"""The `hiring` command line: run the system locally, invoke handlers, manage the database."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import sys
from pathlib import Path
from typing import Any

from hiring.catalog import FUNCTIONS


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _err(text: str) -> None:
    sys.stderr.write(text + "\n")


def _local_container() -> Any:
    from hiring.container import build_container, set_container

    container = build_container()
    set_container(container)
    return container


def cmd_dev(args: argparse.Namespace) -> int:
    import uvicorn

    from hiring.api.app import create_app
    from hiring.config import get_settings
    from hiring.runtime.demo import DEMO_USERS, seed_demo
    from hiring.runtime.local import LocalRuntime

    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")  # no CloudWatch here; keep the console readable
    settings = get_settings()
    port = args.port or settings.port
    container = _local_container()
    seed = seed_demo(container, settings.demo_password)
    settings.inbox_dir.mkdir(parents=True, exist_ok=True)
    (settings.inbox_dir / settings.default_tenant).mkdir(exist_ok=True)
    runtime = LocalRuntime(container)
    runtime.start()
    _out("hiring: local runtime ready")
    _out(f"  API          http://{settings.host}:{port}  (OpenAPI docs at /docs)")
    _out(f"  database     {'embedded PostgreSQL 16 + pgvector' if not settings.database_url else 'DATABASE_URL'}")
    _out(f"  drop folder  {settings.inbox_dir / settings.default_tenant}  (PDF or .txt resumes)")
    _out(f"  demo tenant  {seed.tenant_id} with {seed.jobs} real job postings")
    source = "generated for this run" if seed.password_generated else "from HIRING_DEMO_PASSWORD"
    for role, email in DEMO_USERS.items():
        _out(f"  {role.value:<10}   {email} / {seed.password}  ({source})")
    try:
        # The API reads X-Forwarded-For itself, and only when HIRING_TRUST_FORWARDED_FOR says so (login throttling).
        uvicorn.run(create_app(), host=settings.host, port=port, log_level="info", proxy_headers=False)
    finally:
        runtime.stop()
        container.close()
    return 0


def cmd_invoke(args: argparse.Namespace) -> int:
    from hiring.runtime.invoke import invoke

    event = json.loads(Path(args.event).read_text(encoding="utf-8"))
    _local_container()
    result = invoke(args.function, event)
    _out(json.dumps(result, indent=2, default=str))
    return 0


def cmd_migrate(_: argparse.Namespace) -> int:
    from hiring.adapters.postgres import migrate
    from hiring.container import build_container

    container = build_container(apply_migrations=False)
    applied = migrate(container.database_url)
    _out(f"applied: {', '.join(applied) if applied else 'nothing (up to date)'}")
    return 0


def cmd_seed_demo(_: argparse.Namespace) -> int:
    from hiring.config import get_settings
    from hiring.runtime.demo import seed_demo

    seed = seed_demo(_local_container(), get_settings().demo_password)
    _out(json.dumps({"tenant_id": seed.tenant_id, "jobs": seed.jobs, "password": seed.password}))
    return 0


def cmd_drain(_: argparse.Namespace) -> int:
    from hiring.runtime.local import LocalRuntime

    totals = LocalRuntime(_local_container()).drain()
    _out(json.dumps(totals))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hiring", description="Hiring intelligence platform")
    sub = parser.add_subparsers(dest="command", required=True)

    dev = sub.add_parser("dev", help="run API, drop-folder watcher, queue workers and scheduler locally")
    dev.add_argument("--port", type=int, default=None, help="port for the API (default: $PORT or 8000)")
    dev.set_defaults(func=cmd_dev)

    inv = sub.add_parser("invoke", help="run one function's handler locally with an event file")
    inv.add_argument("function", choices=[f.name for f in FUNCTIONS])
    inv.add_argument("--event", required=True, help="path to an event JSON file (see events/)")
    inv.set_defaults(func=cmd_invoke)

    sub.add_parser("migrate", help="apply pending SQL migrations").set_defaults(func=cmd_migrate)
    sub.add_parser("seed-demo", help="create the demo tenant, users and jobs").set_defaults(func=cmd_seed_demo)
    sub.add_parser("drain", help="process the inbox and the queue until both are empty").set_defaults(func=cmd_drain)

    import hiring.commands

    for module_info in sorted(pkgutil.iter_modules(hiring.commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"hiring.commands.{module_info.name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> None:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
    except KeyboardInterrupt:
        code = 130
    except (FileNotFoundError, json.JSONDecodeError, KeyError, ValueError) as exc:
        _err(f"hiring {args.command}: {exc}")
        code = 2
    raise SystemExit(code)
