# talkgraph — `make run` builds the example graph, `make test` runs the suite, `make check` checks format, lint and types.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE_GRAPH := output/graph.ttl

.PHONY: install run check test test-fast bench vocabulary clean

install: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/talkgraph build examples/ -o $(EXAMPLE_GRAPH)
	$(BIN)/talkgraph viz $(EXAMPLE_GRAPH) -o output/network.html
	$(BIN)/talkgraph report $(EXAMPLE_GRAPH) -o output/report.html
	mkdir -p output/queries
	for query in schema/queries/*.rq; do \
	  if grep -q '^# *param:' $$query; then continue; fi; \
	  name=$$(basename $$query .rq); \
	  $(BIN)/talkgraph query $(EXAMPLE_GRAPH) $$query --format csv -o output/queries/$$name.csv || exit 1; \
	  echo "wrote output/queries/$$name.csv"; \
	done

check: $(STAMP)
	$(BIN)/ruff format --check
	$(BIN)/ruff check
	$(BIN)/mypy

test: $(STAMP)
	$(BIN)/python -m pytest

# the suite without the tests that start chromium, a SPARQL server or a Dask cluster
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not server and not dask"

# figures for a folder of transcripts: make bench CORPUS=path/to/transcripts
ifneq ($(filter bench,$(MAKECMDGOALS)),)
ifndef CORPUS
$(error make bench needs a folder of transcripts: make bench CORPUS=path/to/transcripts)
endif
endif
bench: $(STAMP)
	$(BIN)/python scripts/bench.py $(CORPUS)

# after editing schema/relations.yaml: rewrite the generated parts of schema/ontology.ttl and shapes.ttl
vocabulary: $(STAMP)
	$(BIN)/python -m graph.vocabulary schema

clean:
	rm -rf output/*.ttl output/*.html output/queries output/report .pytest_cache
