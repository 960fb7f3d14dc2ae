"""Shared parsing helpers for the monitor readers: sidecars, text decoding,
delimiter and decimal detection, CBS periods, markers and numbers."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from evaluatie.gedeeld.fouten import InvoerFout

SIDECAR_SUFFIX = ".bron.yaml"

MARKERS = {".", "x", "-", "?"}

# keys allowed in a sidecar <file>.bron.yaml
_SIDECAR_SLEUTELS = {
    "demo",
    "generator",
    "seed",
    "opmerking",
    "bron",
    "tabel",
    "titel",
    "url",
    "opgehaald_op",
    "sha256",
    "filter",
    "gebieden",
    "velden",
    "licentie",
    "ankers",
    "basis_url",
}


@dataclass(frozen=True)
class Sidecar:
    """Provenance next to a data file: ``<file>.bron.yaml``.

    demo
        True for generated example data (VOORBEELDDATA); propagated into the
        ``demo`` column of every metingen row read from the file.
    bron, tabel
        override/complete what the file itself does not say (a StatLine CSV
        carries no table id, a CBS table may be published for RIVM).
    gebieden
        area name -> code, for StatLine CSVs that show names ("Rijswijk").
    velden
        StatLine column title -> CBS field key.
    """

    demo: bool = False
    bron: str | None = None
    tabel: str | None = None
    gebieden: dict[str, str] = field(default_factory=dict)
    velden: dict[str, str] = field(default_factory=dict)
    inhoud: dict[str, Any] = field(default_factory=dict)


def sidecar_pad(pad: Path) -> Path:
    return pad.with_name(pad.name + SIDECAR_SUFFIX)


def lees_sidecar(pad: Path) -> Sidecar:
    """Read ``<pad>.bron.yaml`` if present; absent means: real data, no overrides."""
    sc = sidecar_pad(pad)
    if not sc.exists():
        return Sidecar()
    try:
        inhoud = yaml.safe_load(sc.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise InvoerFout(sc, f"geen geldige YAML: {e}") from None
    if not isinstance(inhoud, dict):
        raise InvoerFout(sc, "verwacht een mapping (sleutel: waarde)")
    onbekend = sorted(set(inhoud) - _SIDECAR_SLEUTELS)
    if onbekend:
        raise InvoerFout(
            sc,
            f"onbekende sleutel; toegestaan: {', '.join(sorted(_SIDECAR_SLEUTELS))}",
            sleutel=onbekend[0],
        )
    demo = inhoud.get("demo", False)
    if not isinstance(demo, bool):
        raise InvoerFout(sc, "demo moet true of false zijn", sleutel="demo")
    for sleutel in ("gebieden", "velden"):
        waarde = inhoud.get(sleutel) or {}
        if not isinstance(waarde, dict):
            raise InvoerFout(sc, "verwacht een mapping naam: code", sleutel=sleutel)
    return Sidecar(
        demo=demo,
        bron=str(inhoud["bron"]) if inhoud.get("bron") else None,
        tabel=str(inhoud["tabel"]) if inhoud.get("tabel") else None,
        gebieden={str(k).strip(): str(v).strip() for k, v in (inhoud.get("gebieden") or {}).items()},
        velden={str(k).strip(): str(v).strip() for k, v in (inhoud.get("velden") or {}).items()},
        inhoud=inhoud,
    )


def decodeer(data: bytes, bestand: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (cp1252)."""
    if not data.strip():
        raise InvoerFout(bestand, "het bestand is leeg")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as fout:
        regel = data[: fout.start].count(b"\n") + 1
        raise InvoerFout(bestand, f"onleesbare tekens (byte {fout.start}): geen UTF-8 en geen Windows-1252; "
                                  "is dit wel een tekstbestand?", rij=regel) from None


def _velden_per_rij(tekst: str, scheiding: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(tekst), delimiter=scheiding, quotechar='"'))
    except csv.Error:
        return []  # not parseable with this separator (e.g. a cell larger than the csv limit)


def detecteer_scheiding(tekst: str) -> str | None:
    """Pick ';', ',' or tab: the delimiter that splits most rows into the same,
    largest number of fields. None when every row is a single column."""
    beste: tuple[int, int] = (1, 0)
    keuze = None
    for scheiding in (";", ",", "\t"):
        rijen = [r for r in _velden_per_rij(tekst, scheiding) if any(c.strip() for c in r)]
        aantallen = Counter(len(r) for r in rijen if len(r) > 1)
        if not aantallen:
            continue
        breedte, hoe_vaak = max(aantallen.items(), key=lambda kv: (kv[1], kv[0]))
        if (hoe_vaak, breedte) > (beste[1], beste[0]):
            beste = (breedte, hoe_vaak)
            keuze = scheiding
    return keuze


def lees_csv_rijen(tekst: str, scheiding: str) -> list[list[str]]:
    """All rows, each cell stripped; fully empty rows kept as []."""
    rijen = []
    for r in _velden_per_rij(tekst, scheiding):
        cellen = [c.strip() for c in r]
        rijen.append([] if not any(cellen) else cellen)
    return rijen


_KOMMA_GETAL = re.compile(r"^-?\d+,\d+$")
_PUNT_GETAL = re.compile(r"^-?\d+\.\d+$")


def detecteer_decimaal(cellen: list[str]) -> str:
    """',' when some cell looks like 12,5 and none like 12.5; else '.'."""
    komma = any(_KOMMA_GETAL.match(c) for c in cellen)
    punt = any(_PUNT_GETAL.match(c) for c in cellen)
    if komma and not punt:
        return ","
    return "."


_GETAL_PUNT = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_GETAL_KOMMA = re.compile(r"^[-+]?(\d+(,\d*)?|,\d+)$")
_DUIZEND_KOMMA = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$")


def getal(tekst: str, decimaal: str) -> float | None:
    """Parse a number written with the file's decimal sign; None if not a number.

    With a decimal comma, '.' is accepted only as a thousands separator
    (1.234,5); with a decimal point a comma is never accepted.
    """
    t = tekst.strip().replace("\u00a0", "").replace(" ", "")
    if decimaal == ",":
        if _GETAL_KOMMA.match(t):
            return float(t.replace(",", "."))
        if _DUIZEND_KOMMA.match(t):
            return float(t.replace(".", "").replace(",", "."))
        return None
    if _GETAL_PUNT.match(t):
        return float(t)
    return None


_PERIODE = re.compile(r"^(\d{4})(JJ00)?\*?$")


def parse_periode(tekst: str) -> int | None:
    """'2022JJ00' -> 2022, '2022' -> 2022, '2022*' (provisional) -> 2022; None otherwise.

    Only yearly periods are accepted; quarters (2022KW01) and months are not.
    """
    m = _PERIODE.match(str(tekst).strip())
    return int(m.group(1)) if m else None


def marker(tekst: Any) -> str | None:
    """CBS marker for a missing value: None, blanks and '.' give '.', the
    symbols 'x', '-', '?' are kept; returns None when ``tekst`` is not a marker."""
    if tekst is None:
        return "."
    if isinstance(tekst, float) and tekst != tekst:
        return "."
    t = str(tekst).strip()
    if t == "":
        return "."
    if t in MARKERS:
        return t
    return None


def splits_eenheid(titel: str) -> tuple[str, str]:
    """'Eenzaam (%)' -> ('Eenzaam', '%'); 'Banen' -> ('Banen', '')."""
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", titel.strip())
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return titel.strip(), ""


BEKENDE_GEBIEDEN: dict[str, str] = {
    "Nederland": "NL01",
    "Rijswijk": "GM0603",
    "Leidschendam-Voorburg": "GM1916",
}
"""Area names that may appear instead of codes (StatLine CSV, template). More
names can be given per file in the sidecar under ``gebieden``."""


def gebiedsnamen(sidecar: Sidecar) -> tuple[dict[str, str], dict[str, str]]:
    """(name -> code, code -> name) from the built-in list plus the sidecar."""
    naar_code = dict(BEKENDE_GEBIEDEN)
    naar_code.update(sidecar.gebieden)
    naar_naam = {c: n for n, c in naar_code.items()}
    return naar_code, naar_naam


def classificeer_marge(titel: str) -> str | None:
    """Role of a Marges item from its TITLE: 'waarde', 'ondergrens', 'bovengrens' or None."""
    t = titel.lower()
    if "ondergrens" in t or "lower" in t:
        return "ondergrens"
    if "bovengrens" in t or "upper" in t:
        return "bovengrens"
    if "waarde" in t or t.strip() == "value":
        return "waarde"
    return None
