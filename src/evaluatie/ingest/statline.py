"""Reader for the StatLine CSV download (placeholder, completed below)."""
from pathlib import Path
from evaluatie.fouten import InvoerFout
def lees_statline_csv(pad: Path):
    raise InvoerFout(pad, "StatLine-CSV nog niet ondersteund")
