# The two commands of the quick start are `make build` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# Reproducible builds: every date MkDocs stamps comes from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: build test test-requirements check serve lint unit browser lock bench clean new status schema links

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r requirements.lock 2>&1 | { grep -v "is ignored: it is neither a file" || true; }
	touch $@

build: $(VENV)/.installed
	$(PY) -m generator build

check: $(VENV)/.installed
	$(PY) -m generator check

# make serve [PORT=8000] [HOST=127.0.0.1]: preview with drafts; reloads on every save.
serve: $(VENV)/.installed
	$(PY) -m generator serve --port $(or $(PORT),8000) $(if $(HOST),--host $(HOST))

# make new ID=<id> [KIND=claim|story|page|person|source|staff]: a commented skeleton to fill in.
new: $(VENV)/.installed
	@test -n "$(ID)" || { echo "usage: make new ID=<id> [KIND=claim|story|page|person|source|staff]" >&2; exit 2; }
	$(PY) -m generator new $(or $(KIND),claim) $(ID)

status: $(VENV)/.installed
	$(PY) -m generator status

schema: $(VENV)/.installed
	$(PY) -m generator schema

# make links [ARCHIVE=1]: check every source URL (results kept a day in .cache/links.json).
links: $(VENV)/.installed
	$(PY) -m generator links $(if $(ARCHIVE),--archive)

lint: $(VENV)/.installed
	$(PY) -m ruff check generator tests site_tests tools
	$(PY) -m mypy generator

# Chromium and Java, installed when missing (as root on Debian), else the command to run.
test-requirements:
	@tools/test-requirements

# pytest exits 5 when it ran no test: that is a failure here, like any other non-zero code.
test: test-requirements $(VENV)/.installed lint
	$(PY) -m generator check
	$(PY) -m pytest

unit: $(VENV)/.installed
	$(PY) -m pytest tests

browser: test-requirements $(VENV)/.installed
	$(PY) -m pytest site_tests

bench: $(VENV)/.installed
	$(PY) benchmarks/bench.py

lock:
	$(PYTHON) -m venv /tmp/bayyin-lock && /tmp/bayyin-lock/bin/pip install --quiet pip-tools
	/tmp/bayyin-lock/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-header \
		-o requirements.lock requirements.in

clean:
	rm -rf site .site-build-* .site-old-* $(VENV)
