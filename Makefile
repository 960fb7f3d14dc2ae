# evaluatie — twee opdrachten: `make rapport` en `make test`.
# Maakt .venv/ aan en installeert alles wanneer dat nog niet gebeurd is.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.evaluatie-geinstalleerd
export PATH := $(CURDIR)/$(BIN):$(PATH)
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# Let Python keep its bytecode cache (__pycache__/, ignored by git and by DVC through .dvcignore), as it
# does by default: with PYTHONDONTWRITEBYTECODE set every stage, test worker and command compiles the
# project's modules again on each start.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: rapport alle-gemeenten voorbeeld test test-snel omgeving lock

# EDITIE=jjjj-jjjj en/of GEMEENTE=naam bouwen die editie/gemeente zonder params.yaml te wijzigen
# (`evaluatie bouw` zet de instellingen alleen tijdens de bouw in params.yaml en daarna byte voor byte terug).
rapport: $(STAMP)
	@# one build at a time, and no `evaluatie demo`/`ophalen`/`nieuw-thema` during a build (same lock); waits up
	@# to 10 s, so a preview (`evaluatie voorbeeld --volg` holds the lock ± 2 s after each save) is not a refusal
	@EVALUATIE_SLOT_GEHOUDEN=1 flock -w 10 -E 75 .evaluatie.lock $(BIN)/evaluatie bouw $(if $(EDITIE),--editie $(EDITIE)) $(if $(GEMEENTE),--gemeente $(GEMEENTE)); rc=$$?; \
	if [ $$rc -eq 75 ]; then echo "make rapport geweigerd: in deze map loopt al een bouw of een opdracht die invoer schrijft (10 s gewacht); wacht tot die klaar is." >&2; fi; \
	exit $$rc

# Alle gemeenten in configuraties/ via de DVC-wachtrij naar reports/<gemeente>/<editie>/ (params.yaml blijft
# ongewijzigd); JOBS gemeenten tegelijk, EDITIE=jjjj-jjjj voor die editie bij elke gemeente die haar heeft,
# GEMEENTEN="a b" alleen die gemeenten.
JOBS ?= 2
alle-gemeenten: $(STAMP)
	@$(BIN)/evaluatie alle-gemeenten --jobs $(JOBS) $(if $(EDITIE),--editie $(EDITIE)) $(foreach g,$(GEMEENTEN),--gemeente $(g))

# Tijdens het schrijven: één document uit je huidige eigen teksten in voorbeeld/<editie>/, buiten DVC om
# (cijfers en figuren van de laatste bouw). VORM=pdf|html|docx, DOCUMENT=evaluatie|verantwoording;
# VOLG=1 blijft draaien en maakt het voorbeeld opnieuw bij elke keer opslaan van een eigen tekst (Ctrl-C stopt).
voorbeeld: $(STAMP)
	@$(BIN)/evaluatie voorbeeld $(if $(VORM),--vorm $(VORM)) $(if $(DOCUMENT),--document $(DOCUMENT)) $(if $(VOLG),--volg)

test: $(STAMP)
	@$(BIN)/python -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest vond geen tests; dat telt als fout" >&2; fi; \
	exit $$rc

# Alleen de unittests (tests/unit): de snelle lus tijdens het programmeren, onder een minuut.
# Twee werkers (pytest-xdist, één per kern); geen .pytest_cache; het hypothesis-profiel `snel`
# (tests/conftest.py) trekt een kwart van de voorbeelden; tests die een Jupyter-kernel starten om die
# met de notebooks in het eigen proces te vergelijken (marker `kernel`) slaat ze over. `make test` draait
# alles (ook die, tests/integratie en tests/e2e) met het volle aantal voorbeelden. Zie docs/prestaties.md.
test-snel: $(STAMP)
	@$(BIN)/python -m pytest tests/unit -q -n 2 -p no:cacheprovider --hypothesis-profile=snel -m "not kernel"; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test-snel: pytest vond geen tests; dat telt als fout" >&2; fi; \
	exit $$rc

omgeving: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 nodig, gevonden: " + sys.version)'
	@# a .venv left half-made by an interrupted `python -m venv` (no pip) is made anew
	@if [ -d $(VENV) ] && ! $(BIN)/python -m pip --version >/dev/null 2>&1; then \
		echo "De omgeving $(VENV) is onvolledig (afgebroken installatie?); ik maak haar opnieuw." >&2; rm -rf $(VENV); fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name evaluatie --display-name "evaluatie (.venv)" >/dev/null
	@touch $(STAMP)

# Vernieuw requirements.lock (de vastgepinde versies) na een wijziging in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable --exclude evaluatie | sort > requirements.lock
