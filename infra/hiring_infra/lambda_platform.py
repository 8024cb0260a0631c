"""The one Lambda platform every function and layer targets (layers/build.py builds for the same)."""

from __future__ import annotations

from aws_cdk import aws_lambda

# Layers are built for CPython 3.12 on manylinux x86_64; changing either means rebuilding them to match.
RUNTIME = aws_lambda.Runtime.PYTHON_3_12
ARCHITECTURE = aws_lambda.Architecture.X86_64
