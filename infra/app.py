"""The CDK app: `python infra/app.py` synthesizes HiringStack into cdk.out, offline, with no AWS account."""

from __future__ import annotations

from hiring_infra.application import build_app, new_app

if __name__ == "__main__":
    app = new_app()
    build_app(app)
    app.synth()
