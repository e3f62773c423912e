# Two commands matter: `make run` (the site with demo content) and `make test`.
PYTHON_VERSION := $(shell cat .python-version)
PYTHON ?= $(shell command -v python$(PYTHON_VERSION) 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Only for local commands; production sets its own SECRET_KEY.
TEST_ENV := SECRET_KEY=$${SECRET_KEY:-tests-only-not-a-secret} EMAIL_URL=$${EMAIL_URL:-memorymail://}
# `make run PORT=8001` beside another site on 8000; links in emails follow unless SITE_URL is set.
override PORT := $(or $(PORT),8000)
RUN_ENV := DEBUG=1 SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)}

.PHONY: run test lint format migrate messages bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; v = "%d.%d" % sys.version_info[:2]; sys.exit(0 if v == "$(PYTHON_VERSION)" else "Python $(PYTHON_VERSION) is needed (found " + v + " at $(PYTHON)); install it or set PYTHON=/path/to/python$(PYTHON_VERSION)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

run: $(VENV)/.runtime-installed
	$(RUN_ENV) $(MANAGE) migrate --noinput
	$(RUN_ENV) $(MANAGE) seed_demo
	$(RUN_ENV) $(MANAGE) ensure_admin
	@echo "Serving http://127.0.0.1:$(PORT) (admin at http://127.0.0.1:$(PORT)/$${ADMIN_URL:-admin/})."
	@echo "Emails (a signature's confirmation link) are printed here, below the requests."
	$(RUN_ENV) $(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.dev-installed
	$(BIN)/pip check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(MANAGE) check
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: $(VENV)/.runtime-installed
	DEBUG=1 $(MANAGE) migrate

# After changing a translated string (needs GNU gettext): update the Russian and Kazakh
# catalogues, translate what is new, then run it again to compile the .mo files to commit.
messages: $(VENV)/.runtime-installed
	$(TEST_ENV) $(MANAGE) makemessages -l ru -l kk --add-location=file --ignore=.venv \
		--ignore=staticfiles --ignore=tests --ignore=bench --ignore=media --no-obsolete
	$(TEST_ENV) $(MANAGE) makemessages -d djangojs -l ru -l kk --add-location=file \
		--ignore=.venv --ignore=staticfiles --ignore=tests --ignore=bench --ignore=media \
		--no-obsolete
	$(TEST_ENV) $(MANAGE) compilemessages --ignore=.venv

# The load benchmark (bench/README.md): needs PostgreSQL, Redis and wrk; BENCH_ARGS=--quick.
bench: $(VENV)/.dev-installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
