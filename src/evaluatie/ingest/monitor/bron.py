"""Shared parsing helpers for the monitor readers: sidecars, text decoding,
delimiter and decimal detection, CBS periods, markers and numbers."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.yaml_lezer import lees_yaml

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
    "jaar",
    "decimaalteken",
    "bestanden",
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
    jaar
        the year of a table without a time dimension (a one-wave table such as 50140NED).
    decimaalteken
        ',' or '.': decides numbers such as ``1.234`` in a column where no cell does.
    """

    demo: bool = False
    bron: str | None = None
    tabel: str | None = None
    gebieden: dict[str, str] = field(default_factory=dict)
    velden: dict[str, str] = field(default_factory=dict)
    inhoud: dict[str, Any] = field(default_factory=dict)
    jaar: int | None = None
    decimaalteken: str | None = None


def sidecar_pad(pad: Path) -> Path:
    return pad.with_name(pad.name + SIDECAR_SUFFIX)


def lees_sidecar(pad: Path) -> Sidecar:
    """Read ``<pad>.bron.yaml`` if present; absent means: real data, no overrides."""
    sc = sidecar_pad(pad)
    if not sc.exists():
        return Sidecar()
    inhoud = dict(lees_yaml(sc).data)
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
    jaar = inhoud.get("jaar")
    if jaar is not None and (isinstance(jaar, bool) or not isinstance(jaar, int) or not 1900 <= jaar <= 2100):
        raise InvoerFout(sc, "jaar moet een jaartal zijn, bijv. 2024", sleutel="jaar")
    decimaalteken = inhoud.get("decimaalteken")
    if decimaalteken is not None and decimaalteken not in (",", "."):
        raise InvoerFout(sc, "decimaalteken moet ',' of '.' zijn", sleutel="decimaalteken")
    return Sidecar(
        jaar=jaar,
        decimaalteken=decimaalteken,
        demo=demo,
        bron=str(inhoud["bron"]) if inhoud.get("bron") else None,
        tabel=str(inhoud["tabel"]) if inhoud.get("tabel") else None,
        gebieden={str(k).strip(): str(v).strip() for k, v in (inhoud.get("gebieden") or {}).items()},
        velden={str(k).strip(): str(v).strip() for k, v in (inhoud.get("velden") or {}).items()},
        inhoud=inhoud,
    )


def laad_json(tekst: str | bytes, bestand: Path) -> Any:
    """Parse JSON text; invalid JSON and nesting too deep for the parser (a ``RecursionError``)
    are refused naming ``bestand``.

    The standard library's ``json``, on purpose: orjson (already installed with DVC) reads a
    national snapshot 0,5 s faster, but turns integers beyond 64 bits into floats and refuses
    ``NaN``, so values and messages would depend on the parser (measured in session 8)."""
    import json

    try:
        if isinstance(tekst, bytes):
            tekst = tekst.decode("utf-8-sig")
        return json.loads(tekst)
    except json.JSONDecodeError as e:
        raise InvoerFout(bestand, f"geen geldige JSON: {e.msg}", regel=e.lineno) from None
    except UnicodeDecodeError as e:
        raise InvoerFout(bestand, f"geen geldige JSON: geen UTF-8 ({e.reason}, byte {e.start})") from None
    except RecursionError:
        raise InvoerFout(bestand, "JSON is te diep genest (lijsten of objecten in elkaar); een CBS-snapshot "
                                  "nest hoogstens een paar niveaus") from None


def decodeer(data: bytes, bestand: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (cp1252)."""
    if not data or data.isspace():  # as `not data.strip()`, without copying a 232 MB file
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
                                  "is dit wel een tekstbestand?", regel=regel) from None


def _velden_per_rij(tekst: str, scheiding: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(tekst), delimiter=scheiding, quotechar='"'))
    except csv.Error:
        return []  # not parseable with this separator (e.g. a cell larger than the csv limit)


def detecteer_scheiding(tekst: str) -> str | None:
    """Pick ';', ',' or tab: the delimiter that splits most rows into the same,
    largest number of fields. None when every row is a single column.

    A simple text (no quotes; :mod:`~evaluatie.ingest.monitor.csvregels`) is counted with
    numpy instead of being parsed three times, with the same choice."""
    from evaluatie.ingest.monitor import csvregels

    regels = csvregels.regels_van(tekst)
    if regels is not None:
        return csvregels.detecteer_scheiding(regels)
    return _detecteer_scheiding_rijen(tekst)


def _detecteer_scheiding_rijen(tekst: str) -> str | None:
    """:func:`detecteer_scheiding` with the csv module (any text)."""
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


# --- numbers: the decimal sign is decided per column from all its cells --------------------------
_INT = re.compile(r"^[-+]?\d+$")
_KOMMA_ZEKER = re.compile(r"^[-+]?(\d+,\d+|\d{1,3}(\.\d{3})+,\d+|\d{1,3}(\.\d{3}){2,})$")
_PUNT_ZEKER = re.compile(r"^[-+]?(\d+\.\d+([eE][-+]?\d+)?|\d+[eE][-+]?\d+|\d{1,3}(,\d{3})+\.\d+|\d{1,3}(,\d{3}){2,})$")
_PUNT_DUBBEL = re.compile(r"^[-+]?\d{1,3}\.\d{3}$")  # 1.234: thousands (1234) or decimal (1,234)?
_KOMMA_DUBBEL = re.compile(r"^[-+]?\d{1,3},\d{3}$")  # 1,234: decimal (1,234) or thousands (1234)?


def _schoon(tekst: str) -> str:
    return str(tekst).strip().replace("\u00a0", "").replace(" ", "")


def decimaal_aanwijzing(cel: str) -> str | None:
    """',' or '.' when this cell alone decides the decimal sign of its column; else None.

    ``8,7`` and ``1.234,5`` and ``1.234.567`` say ','; ``12.5``, ``1234.567`` and ``1,234.5`` say
    '.'; ``1.234``, ``1,234`` and integers say nothing (``1.234`` has exactly three digits after
    the dot: a Dutch thousands separator or an English decimal point)."""
    t = _schoon(cel)
    if _PUNT_DUBBEL.match(t) or _KOMMA_DUBBEL.match(t):
        return None
    if _KOMMA_ZEKER.match(t):
        return ","
    if _PUNT_ZEKER.match(t):
        return "."
    return None


def is_getal(cel: str) -> bool:
    """True when ``cel`` is a number in either notation."""
    t = _schoon(cel)
    return bool(_INT.match(t) or _KOMMA_ZEKER.match(t) or _PUNT_ZEKER.match(t) or _PUNT_DUBBEL.match(t)
                or _KOMMA_DUBBEL.match(t))


def kies_decimaal(
    cellen: list[tuple[int, str]],
    bestand: Path,
    kolom: str,
    *,
    bestandsbreed: str | None = None,
    instelling: str | None = None,
) -> str:
    """The decimal sign of one column, decided from ALL its cells (``(row, text)`` pairs).

    1. cells that decide (:func:`decimaal_aanwijzing`): if some say ',' and others '.', the
       column is refused naming one cell of each kind (neither is blamed);
    2. no cell decides: the sign the other columns of the same file use (``bestandsbreed``),
       else the sidecar's ``decimaalteken`` (``instelling``);
    3. still undecided while some cell is ambiguous (``1.234``): refused, naming that cell and the
       setting; a column of integers only returns '.' (nothing to decide).

    Raises InvoerFout naming file, row and column.
    """
    eerste: dict[str, tuple[int, str]] = {}
    dubbel: tuple[int, str] | None = None
    for nr, cel in cellen:
        a = decimaal_aanwijzing(cel)
        if a is not None:
            eerste.setdefault(a, (nr, cel))
        elif dubbel is None and (_PUNT_DUBBEL.match(_schoon(cel)) or _KOMMA_DUBBEL.match(_schoon(cel))):
            dubbel = (nr, cel)
    if len(eerste) == 2:
        (rk, ck), (rp, cp) = eerste[","], eerste["."]
        raise InvoerFout(
            bestand,
            f"kolom mengt decimaalkomma (rij {rk}: '{ck.strip()}') en decimaalpunt (rij {rp}: '{cp.strip()}'); "
            "één kolom gebruikt één schrijfwijze",
            rij=max(rk, rp),
            kolom=kolom,
        )
    if eerste:
        return next(iter(eerste))
    if dubbel is None:
        return bestandsbreed or instelling or "."
    if bestandsbreed or instelling:
        return bestandsbreed or instelling
    raise InvoerFout(
        bestand,
        f"'{dubbel[1].strip()}' is dubbelzinnig: duizendtal (punt als scheiding van duizendtallen) of "
        "decimaal getal? Geen andere cel in deze kolom of in dit bestand beslist het; zet in de sidecar "
        "'decimaalteken: \",\"' (Nederlandse notatie, 1.234 = 1234) of 'decimaalteken: \".\"'",
        rij=dubbel[0],
        kolom=kolom,
    )


def bestandsdecimaal(kolommen: list[list[tuple[int, str]]], bestand: Path) -> str | None:
    """The decimal sign the columns of one file agree on (None: no cell decides). Columns that
    disagree with each other are refused naming one cell of each (the file mixes notations)."""
    gezien: dict[str, tuple[int, str]] = {}
    for cellen in kolommen:
        for nr, cel in cellen:
            a = decimaal_aanwijzing(cel)
            if a is not None:
                gezien.setdefault(a, (nr, cel))
    if len(gezien) == 2:
        return None  # columns differ; each column then decides for itself (kies_decimaal)
    return next(iter(gezien), None)


def lees_getal(tekst: str, decimaal: str) -> float | None:
    """Parse a number in a column whose decimal sign is ``decimaal`` (see :func:`kies_decimaal`);
    the other sign is then only a thousands separator. None when not a number."""
    t = _schoon(tekst)
    if _INT.match(t):
        return float(t)
    dubbel = bool(_PUNT_DUBBEL.match(t) or _KOMMA_DUBBEL.match(t))
    if decimaal == ",":
        if dubbel or decimaal_aanwijzing(t) == ",":
            return float(t.replace(".", "").replace(",", "."))
        return None
    if dubbel or decimaal_aanwijzing(t) == ".":
        return float(t.replace(",", ""))
    return None


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


_PERIODE = re.compile(r"^(\d{4})(JJ00)?\s*\*{0,2}$")
_MAANDEN = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
_DEELPERIODE = re.compile(
    r"^\d{4}(KW0[1-4]|MM(0[1-9]|1[0-2])|HJ0[12]|W\d{2}|X\d{2,3})\s*\*{0,2}$"
    rf"|^\d{{4}}\s+(\d\s*e\s+(kwartaal|halfjaar)|{_MAANDEN}|week\s+\d+)\s*\*{{0,2}}$",
    re.IGNORECASE,
)


def parse_periode(tekst: str) -> int | None:
    """'2022JJ00' -> 2022, '2022' -> 2022, '2022*' (provisional) and '2022**' (CBS "nader
    voorlopig", revised provisional) -> 2022; None otherwise.

    Only yearly periods give a year; quarters (2022KW01) and months are recognised by
    :func:`is_deelperiode` and skipped by the readers. Source of the codes: CBS OData v3
    ``Perioden`` keys (``JJ00`` year, ``KWnn`` quarter, ``MMnn`` month, ``HJnn`` half year) and
    the StatLine CSV titles ("2022 1e kwartaal", "2022 januari"); ``*``/``**``: CBS "Verklaring van
    symbolen".
    """
    m = _PERIODE.match(str(tekst).strip())
    return int(m.group(1)) if m else None


def is_deelperiode(tekst: str) -> bool:
    """True for a CBS period shorter than a year (quarter, month, half year, week)."""
    return _DEELPERIODE.match(str(tekst).strip()) is not None


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


def map_sha256(pad: Path) -> str:
    """sha256 of a snapshot directory: of the lines '<sha256 of file>  <name>' of its files, sorted
    by name (the same files with the same bytes give the same hash)."""
    regels = [f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {f.name}\n"
              for f in sorted(pad.iterdir()) if f.is_file()]
    return hashlib.sha256("".join(regels).encode("utf-8")).hexdigest()


def met_meldingen(df, meldingen: list[str]):
    """Attach Dutch notes for the user (skipped rows, where a year came from, ...) to a reader's
    frame as ``df.attrs["meldingen"]``; the CLI and the ingest stage print them."""
    df.attrs["meldingen"] = list(df.attrs.get("meldingen", [])) + [m for m in meldingen if m]
    return df


def opsomming(namen: list[str], max_aantal: int = 5) -> str:
    """'a, b, c en 4 andere' (Dutch list of at most ``max_aantal`` names)."""
    namen = list(dict.fromkeys(namen))
    if len(namen) <= max_aantal:
        return ", ".join(namen)
    return ", ".join(namen[:max_aantal]) + f" en {len(namen) - max_aantal} andere"


def splits_thema(titel: str) -> tuple[str, str, str]:
    """'Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)' ->
    ('Totale bevolking', 'aantal', 'Bevolking/Bevolkingssamenstelling op 1 januari').

    StatLine joins the theme levels and the topic with '/'. A topic title may hold a '/' itself
    ('Ernstig/zeer ernstig eenzaam'): a part that starts with a lower-case letter belongs to the
    part before it, so 'Gezondheid/Ernstig/zeer ernstig eenzaam (%)' gives the topic
    'Ernstig/zeer ernstig eenzaam' under the theme 'Gezondheid'."""
    zonder, eenheid = splits_eenheid(titel)
    delen = [d.strip() for d in zonder.split("/")]
    onderwerp = [delen.pop()] if delen else [""]
    while delen and onderwerp[0][:1].islower():
        onderwerp.insert(0, delen.pop())
    if any(not d for d in delen):
        return zonder, eenheid, ""
    return "/".join(onderwerp), eenheid, "/".join(delen)


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
