# The course's two commands: `make start` serves the course, `make test` runs every check.
# Everything installs into .venv; re-runs skip installation while pyproject.toml is unchanged.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8866
export JUPYTER_PATH := $(CURDIR)/share/jupyter
export JUPYTER_PREFER_ENV_PATH := 1

.PHONY: start lab hub test lint unit bench install install-test clean help

help:
	@echo "make start  – starta kursen (Voilà, Startsidan) på http://localhost:$(PORT)"
	@echo "make test   – kör alla kontroller (ruff, enhets-, widget-, nbval- och webbläsartester)"
	@echo "make lab    – JupyterLab på samma notebooks"
	@echo "make hub    – kursen på en JupyterHub på http://localhost:8000 (demo på en dator: ett delat lösenord)"
	@echo "make bench  – prestandamätningar (rapport i reports/; en del: make bench BENCH=store, apps, larlogg)"

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 eller senare behövs (hittade " + sys.version.split()[0] + ").")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (digikomp)" >/dev/null
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

$(VENV)/.installed-hub: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[hub]'
	@touch $@

node_modules/.installed: package.json package-lock.json
	sh tools/hub.sh install-proxy
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

start: $(VENV)/.installed
	$(BIN)/digikomp start --port $(PORT) $(START_ARGS)

# make lab LAB_ARGS="--no-browser --port=8890": more flags to JupyterLab. tools/jupyter-server.sh adds the course's
# template and settings, and --allow-root when run as root.
lab: $(VENV)/.installed
	sh tools/jupyter-server.sh $(BIN)/jupyter lab --ServerApp.root_dir=$(CURDIR) \
		--ServerApp.default_url=/lab/tree/notebooks/00_start.ipynb $(LAB_ARGS)

# make hub: JupyterHub (deploy/jupyterhub_config.py) with demo users, groups and the group service; a demo on one
# computer only (one shared password, no isolation between users). Ctrl-C stops everything. See docs/deploy.md.
hub: $(VENV)/.installed-hub node_modules/.installed
	VENV=$(VENV) sh tools/hub.sh start

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy

test: $(VENV)/.installed-test node_modules/.installed
	bash tools/ensure_system_packages.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest tests/unit tests/widgets
	$(BIN)/python -m pytest -p no:cacheprovider tests/hub
	$(BIN)/python -m pytest --nbval-lax --nbval-current-env -p no:cacheprovider notebooks
	$(BIN)/python -m pytest -m browser tests/browser

unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests/unit tests/widgets

# Sections of make bench (tools/bench/): apps (render, interaction, serving, Monte Carlo, imports; reports/),
# store (the personal store's save, list, search, export) and larlogg (the lärlogg views). BENCH=store: one section.
BENCH ?= apps store larlogg
bench: $(VENV)/.installed-test node_modules/.installed
	bash tools/ensure_system_packages.sh
	$(if $(filter apps,$(BENCH)),$(BIN)/python -m tools.bench)
	$(if $(filter store,$(BENCH)),$(BIN)/python -m tools.bench.store)
	$(if $(filter larlogg,$(BENCH)),$(BIN)/python -m tools.bench.larlogg)

clean:
	rm -rf $(VENV) reports .pytest_cache node_modules
