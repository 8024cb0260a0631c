"""Subcommands of `hiring` beyond the core ones: each module here exposes `register(subparsers)`.

`register` adds its parser(s) with `set_defaults(func=...)`; the function takes the parsed args and returns
an exit code. Modules are discovered automatically, so capabilities add commands without editing cli.py.
"""
