.PHONY: setup check test demo

setup:
	bash scripts/setup-dev.sh

check: setup
	.venv/bin/ruff format --check src tests
	.venv/bin/ruff check src tests
	.venv/bin/mypy
	.venv/bin/lint-imports
	.venv/bin/pytest

test: setup
	.venv/bin/pytest

demo: setup
	.venv/bin/gongkai check --samples
