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

.PHONY: lab test notebooks check exercises bench grade voila lint clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,dev]"
	touch $(STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=. notebooks/00_toolkit.ipynb

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

lint: $(STAMP)
	$(VENV)/bin/ruff check echemlab tests tools bench

clean-venv:
	rm -rf $(VENV)
