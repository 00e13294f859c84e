# Two commands a new user needs: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint docs bench data clean system-deps

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,pdf]"
	touch $(STAMP)

## run: validate the shipped data, print what it covers, score every state, build the site
run: $(STAMP) system-deps
	$(BIN)/riskscore validate
	$(BIN)/riskscore coverage
	$(BIN)/riskscore score
	$(BIN)/riskscore report --all --out reports/site

## test: lint (style, types, dead code, docs in sync), then the whole test suite (installs
## Chromium for the browser test if it can)
test: lint system-deps
	$(BIN)/python -m pytest -q -n auto

## system-deps: what pip cannot install, when root with apt-get (Debian/Ubuntu): Pango for
## PDF reports (WeasyPrint) and Chromium + ChromeDriver for the browser test. Elsewhere the
## PDF and browser tests are skipped with their reason printed, never silently.
system-deps:
	@if ldconfig -p 2>/dev/null | grep -q libpango-1.0; then echo "pango: present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null 2>&1 \
	  && echo "pango: installed" || echo "pango: could not install; PDF tests will be skipped"; \
	else echo "pango: missing and not root; PDF output and its test will be unavailable"; fi
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then \
	  echo "chromium: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  (apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 || \
	   (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1)) \
	  && echo "chromium: installed" || echo "chromium: could not install; the browser test will be skipped"; \
	else echo "chromium: not installed and not root; the browser test will be skipped"; fi

## lint: ruff, mypy, a dead-code check (vulture: unused functions, methods, classes, imports),
## and the README's command table checked against --help (cog)
lint: $(STAMP)
	$(BIN)/ruff check riskscore tests benchmarks
	$(BIN)/mypy
	@dead=$$($(BIN)/vulture | grep -E "unused (function|method|class|import|property)" || true); \
	  if [ -n "$$dead" ]; then echo "dead code:"; echo "$$dead"; exit 1; fi; echo "vulture: no dead code"
	$(BIN)/cog --check README.md

## docs: regenerate the README's command table from the CLI's --help
docs: $(STAMP)
	$(BIN)/cog -r README.md

bench: $(STAMP)
	@for f in benchmarks/bench_*.py; do [ -e "$$f" ] && $(BIN)/python $$f; done; true

## data: rebuild country_data/ from ../shared/data (maintainers only; see country_data/README.md)
data: $(STAMP)
	bash country_data/rebuild.sh ../shared/data

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis reports/site
