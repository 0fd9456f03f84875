# echemlab — two commands on a fresh machine:
#   make lab    open the course in JupyterLab
#   make test   run every test (unit, property, notebooks, homework, browser)
# Both create the virtual environment .venv on first use.

PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
STAMP   = $(VENV)/.echemlab-installed
PYTEST_ARGS ?=
# one BLAS thread per process: pytest-xdist, kernels and the grader already use both cores
export OPENBLAS_NUM_THREADS = 1
export OMP_NUM_THREADS = 1
export MKL_NUM_THREADS = 1

.PHONY: lab test notebooks check exercises bench grade voila dashboard dashboards site determinism hub-links lint clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,dev]"
	touch $(STAMP)

# Jupyter refuses to run as root unless told; containers and CI machines often are root
ROOT_FLAG = $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=. $(ROOT_FLAG) notebooks/00_toolkit.ipynb

test: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

# re-execute every notebook in place, regenerate navigation, README table, exercises
notebooks: $(STAMP)
	$(PY) tools/build.py $(if $(ONLY),--only $(ONLY),)

check: $(STAMP)
	$(PY) tools/build.py --check

exercises: $(STAMP)
	$(PY) -m echemlab.homework.generate

bench: $(STAMP)
	$(PY) bench/run.py

voila: $(STAMP)
	$(VENV)/bin/voila --Voila.ip=127.0.0.1 notebooks/$(or $(NB),01_intercalation).ipynb

# a chapter's explorers as a Voila dashboard: make dashboard CH=07
DASHBOARD = $(firstword $(wildcard dashboards/$(or $(CH),01)_*.ipynb))
# Voila serves the repository (tree mode), so the dashboard's link to its lecture works too
dashboard: $(STAMP)
	@test -n "$(DASHBOARD)" || { echo "no dashboard for chapter '$(CH)': see dashboards/"; exit 2; }
	@echo "open http://127.0.0.1:$(or $(PORT),8866)/voila/render/$(DASHBOARD)  (Ctrl-C stops the server)"
	$(VENV)/bin/voila --Voila.ip=127.0.0.1 --port=$(or $(PORT),8866) --no-browser .

# regenerate dashboards/ from the explorers (also part of make notebooks)
dashboards: $(STAMP)
	$(PY) tools/dashboards.py $(if $(ONLY),--only $(ONLY),)

# the static HTML course (lectures with outputs, homework without solutions) in site/
site: $(STAMP)
	$(PY) tools/site.py --out $(or $(OUT),site)

# execute every notebook 3 times and compare every output with the committed one
determinism: $(STAMP)
	$(PY) tools/determinism.py --runs 3

# nbgitpuller links for a JupyterHub: make hub-links HUB=https://hub.example.edu REPO=https://github.com/ORG/echemlab
hub-links: $(STAMP)
	$(PY) tools/hub_link.py --hub "$(HUB)" --repo "$(REPO)" --branch "$(or $(BRANCH),main)" --all

lint: $(STAMP)
	$(VENV)/bin/ruff check echemlab tests tools bench notebooks solutions dashboards

clean-venv:
	rm -rf $(VENV)
