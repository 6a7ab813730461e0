.PHONY: setup check test demo

setup:
	bash scripts/setup-dev.sh

check: setup
	.venv/bin/ruff format --check src tests
	.venv/bin/ruff check src tests
	.venv/bin/mypy
	.venv/bin/lint-imports
	.venv/bin/python -m gongkai_web makemigrations --check --dry-run
	.venv/bin/python -m gongkai_web check
	GONGKAI_TEST_POSTGRES=1 .venv/bin/pytest -q src/gongkai_web
	.venv/bin/pytest

test: setup
	.venv/bin/pytest

demo: setup
	.venv/bin/gongkai serve --demo
