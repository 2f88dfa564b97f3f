# The two commands of the quick start are `make build` and `make test`.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# Reproducible builds: every date MkDocs stamps comes from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: build test test-requirements check serve lint unit browser lock bench clean new status schema links

# Every command runs Python with -P (PYTHONSAFEPATH): the current folder is never on sys.path,
# so a file a pull request adds at the top of the repository (difflib.py, markdown.py, yaml/)
# cannot stand in for a module. The generator is imported through a link to generator/ in
# the environment's site-packages instead.
export PYTHONSAFEPATH := 1
GEN := $(PY) -P -m generator

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r requirements.lock 2>&1 | { grep -v "is ignored: it is neither a file" || true; }
	touch $@

$(VENV)/.linked: $(VENV)/.installed
	ln -sfn "$(CURDIR)/generator" \
		"$$($(PY) -P -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/generator"
	touch $@

build: $(VENV)/.linked
	$(GEN) build

check: $(VENV)/.linked
	$(GEN) check

# make serve [PORT=8000] [HOST=127.0.0.1]: preview with drafts; reloads on every save.
serve: $(VENV)/.linked
	$(GEN) serve --port $(or $(PORT),8000) $(if $(HOST),--host $(HOST))

# make new ID=<id> [KIND=claim|story|page|person|source|staff]: a commented skeleton to fill in.
new: $(VENV)/.linked
	@test -n "$(ID)" || { echo "usage: make new ID=<id> [KIND=claim|story|page|person|source|staff]" >&2; exit 2; }
	$(GEN) new $(or $(KIND),claim) $(ID)

status: $(VENV)/.linked
	$(GEN) status

schema: $(VENV)/.linked
	$(GEN) schema

# make links [ARCHIVE=1]: check every source URL (results kept a day in .cache/links.json).
links: $(VENV)/.linked
	$(GEN) links $(if $(ARCHIVE),--archive)

lint: $(VENV)/.linked
	$(PY) -m ruff check generator tests site_tests tools
	$(PY) -m ruff format --check generator tests site_tests tools benchmarks
	$(PY) -m mypy generator

# Chromium and Java, installed when missing (as root on Debian), else the command to run.
test-requirements:
	@tools/test-requirements

# pytest exits 5 when it ran no test: that is a failure here, like any other non-zero code.
test: test-requirements $(VENV)/.linked lint
	$(GEN) check
	$(PY) -m pytest

unit: $(VENV)/.linked
	$(PY) -m pytest tests

browser: test-requirements $(VENV)/.linked
	$(PY) -m pytest site_tests

bench: $(VENV)/.linked
	$(PY) benchmarks/bench.py

lock:
	$(PYTHON) -m venv /tmp/bayyin-lock && /tmp/bayyin-lock/bin/pip install --quiet pip-tools
	/tmp/bayyin-lock/bin/pip-compile --generate-hashes --allow-unsafe --strip-extras --no-header \
		-o requirements.lock requirements.in

clean:
	rm -rf site .site-build-* .site-old-* $(VENV)
