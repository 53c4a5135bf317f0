# The two commands a newcomer needs: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: run test lint typecheck bench screenshots setup clean bundle bundle-test

$(STAMP): pyproject.toml scripts/setup.sh
	PYTHON=$(PYTHON) VENV=$(VENV) bash scripts/setup.sh
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/python -m jamsos_desktop

lint: $(STAMP)
	$(BIN)/ruff check jamsos_desktop tests bench scripts
	$(BIN)/ruff format --check jamsos_desktop tests bench scripts
	$(BIN)/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

# The app as one folder, dist/jamsos/, for the system it is built on (Windows: docs/architecture.md).
bundle: $(STAMP)
	$(BIN)/python -m pip install -q -e ".[bundle]"
	$(BIN)/python scripts/build_translations.py
	$(BIN)/pyinstaller --noconfirm --log-level WARN build.spec

# The built folder's own test: the app's --smoke-test offscreen, `jamsos --version`, `jamsos doctor`.
bundle-test:
	bash scripts/bundle_smoke.sh dist/jamsos

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .ruff_cache .pytest_cache
