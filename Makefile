# Two commands a new user needs: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench data clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

## run: validate the shipped data, print what it covers, then score every state
run: $(STAMP)
	$(BIN)/riskscore validate
	$(BIN)/riskscore coverage
	$(BIN)/riskscore score

## test: lint, then the whole test suite
test: $(STAMP)
	$(BIN)/ruff check riskscore tests
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check riskscore tests benchmarks

bench: $(STAMP)
	@for f in benchmarks/bench_*.py; do [ -e "$$f" ] && $(BIN)/python $$f; done; true

## data: rebuild country_data/ from ../shared/data (maintainers only; see country_data/README.md)
data: $(STAMP)
	bash country_data/rebuild.sh ../shared/data

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
