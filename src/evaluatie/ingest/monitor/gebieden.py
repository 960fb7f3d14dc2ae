"""Region names -> CBS codes through the shipped, versioned municipality list ``gemeenten.csv``.

StatLine CSV downloads show regions by NAME ("Rijswijk (ZH.)", "'s-Gravenhage (gemeente)",
"Groningen (gemeente)"), never by code. :class:`Gemeentelijst` resolves such a name to its code.

The list (``src/evaluatie/ingest/monitor/gemeenten.csv``, ``;``-separated, ``#`` comment lines
name the sources) has one row per municipality::

    code;naam;statline_naam;vanaf;tot;bron
    GM0603;Rijswijk;Rijswijk (ZH.);;;84799NED 2020
    GM1980;Dijk en Waard;;2022;;CBS gemeentelijke indeling 2022 (Heerhugowaard GM0398, Langedijk GM0416)

* ``naam``: the name in the 2020 WijkenEnBuurten listing of CBS table 84799NED (355 municipalities);
* ``statline_naam``: the official name with suffix as StatLine writes it (taken from a real
  StatLine download of table 70072ned, 2020–2023) when it differs from ``naam``;
* ``vanaf`` / ``tot``: first / last year of the municipality when it falls in 2021 or later
  (municipal reorganisations after the 2020 listing); empty = existed in 2020 / still exists;
* ``bron``: where the row comes from.

:func:`bouw_gemeentelijst` rebuilds the file from those two real files plus
:data:`HERINDELINGEN`; a unit test checks the shipped file equals the rebuild.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from evaluatie.gedeeld.fouten import InvoerFout

LIJST = Path(__file__).with_name("gemeenten.csv")

#: Municipalities formed on 1 January of ``jaar`` after the 2020 listing: (code, name, year,
#: dissolved municipalities as (code, name)). Source: CBS, "Gemeentelijke indeling op 1 januari
#: <jaar>" (cbs.nl, one publication per year); GM1980, GM1982 and GM1992 are also named in
#: ``../shared/realdata/README.md``. All five new names occur in the real StatLine download of
#: 70072ned (2020–2023) that the list is checked against.
HERINDELINGEN: list[tuple[str, str, int, list[tuple[str, str]]]] = [
    ("GM1979", "Eemsdelta", 2021, [("GM0003", "Appingedam"), ("GM0010", "Delfzijl"), ("GM0024", "Loppersum")]),
    ("GM1980", "Dijk en Waard", 2022, [("GM0398", "Heerhugowaard"), ("GM0416", "Langedijk")]),
    ("GM1982", "Land van Cuijk", 2022, [("GM0756", "Boxmeer"), ("GM1684", "Cuijk"), ("GM0786", "Grave"),
                                        ("GM0815", "Mill en Sint Hubert"), ("GM1702", "Sint Anthonis")]),
    ("GM1991", "Maashorst", 2022, [("GM1685", "Landerd"), ("GM0856", "Uden")]),
    ("GM1992", "Voorne aan Zee", 2023, [("GM0501", "Brielle"), ("GM0530", "Hellevoetsluis"),
                                        ("GM0614", "Westvoorne")]),
]

#: Municipalities absorbed by an existing one (code, name, last year, absorbing code). Same source.
OPGEHEVEN: list[tuple[str, str, int, str]] = [
    ("GM0788", "Haaren", 2020, "GM0281 Boxtel, GM0824 Oisterwijk, GM0855 Tilburg, GM0865 Vught"),
    ("GM0370", "Beemster", 2021, "GM0439 Purmerend"),
    ("GM0457", "Weesp", 2021, "GM0363 Amsterdam"),
]

BRON_2020 = "CBS 84799NED Kerncijfers wijken en buurten 2020, dimensie WijkenEnBuurten"
BRON_STATLINE = "StatLine-download 70072ned Regionale kerncijfers Nederland (23-01-2024)"
KOLOMMEN = ["code", "naam", "statline_naam", "vanaf", "tot", "bron"]


@dataclass(frozen=True)
class Gemeente:
    code: str
    naam: str
    statline_naam: str
    vanaf: int | None
    tot: int | None


def _sleutel(naam: str) -> str:
    """Comparison key of a name: NFC, case-folded, single spaces, typographic quotes as '."""
    t = unicodedata.normalize("NFC", str(naam)).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", t).strip().casefold()


_ACHTERVOEGSEL = re.compile(r"^(.*?)\s*\(([^()]*)\)$")


class Gemeentelijst:
    """Names -> codes. Built from :data:`LIJST` by :func:`gemeentelijst`."""

    def __init__(self, gemeenten: list[Gemeente]):
        self.gemeenten = gemeenten
        exact: dict[str, set[str]] = {}
        basis: dict[str, set[str]] = {}
        for g in gemeenten:
            for n in {g.naam, g.statline_naam} - {""}:
                exact.setdefault(_sleutel(n), set()).add(g.code)
                exact.setdefault(_sleutel(f"{n} (gemeente)"), set()).add(g.code)
                m = _ACHTERVOEGSEL.match(n)
                if m:  # "Rijswijk (ZH.)" is also known as "Rijswijk" when that is unique
                    basis.setdefault(_sleutel(m.group(1)), set()).add(g.code)
        self._exact = exact
        self._basis = basis
        self._namen = sorted({n for g in gemeenten for n in (g.naam, g.statline_naam) if n})

    def zoek(self, naam: str, suggesties: bool = True) -> tuple[str | None, list[str], bool]:
        """(code, [], False) for a known name; (None, candidates, True) for an ambiguous name
        (every municipality it may mean, as 'name (code)', e.g. "Bergen"); (None, nearest names,
        False) for an unknown one (``suggesties=False``: no nearest names, which is the slow part)."""
        s = _sleutel(naam)
        if s in ("nederland", "nederland (land)"):
            return "NL01", [], False
        codes = self._exact.get(s) or self._basis.get(s) or set()
        if len(codes) == 1:
            return next(iter(codes)), [], False
        if len(codes) > 1:
            per_code = {g.code: g for g in self.gemeenten}
            return None, [f"{per_code[c].statline_naam or per_code[c].naam} ({c})" for c in sorted(codes)], True
        if not suggesties:
            return None, [], False
        return None, difflib.get_close_matches(str(naam).strip(), self._namen, n=3, cutoff=0.6), False

    def naam(self, code: str) -> str:
        """Official name of ``code`` ('' when not in the list)."""
        for g in self.gemeenten:
            if g.code == code:
                return g.statline_naam or g.naam
        return ""


def lees_lijst(tekst: str, bestand: Path = LIJST) -> list[Gemeente]:
    """Parse the list text (see module docstring). Raises InvoerFout for a malformed row."""
    regels = [r for r in tekst.splitlines() if r.strip() and not r.startswith("#")]
    uit = []
    lezer = csv.DictReader(io.StringIO("\n".join(regels)), delimiter=";")
    if lezer.fieldnames != KOLOMMEN:
        raise InvoerFout(bestand, f"kopregel moet {';'.join(KOLOMMEN)} zijn")
    for nr, r in enumerate(lezer, start=1):
        if not re.match(r"^GM\d{4}$", r["code"] or "") or not r["naam"]:
            raise InvoerFout(bestand, "ongeldige regel (code GMnnnn en naam verplicht)", rij=nr)
        uit.append(Gemeente(r["code"], r["naam"], r["statline_naam"] or "",
                            int(r["vanaf"]) if r["vanaf"] else None, int(r["tot"]) if r["tot"] else None))
    return uit


@lru_cache(maxsize=1)
def gemeentelijst() -> Gemeentelijst:
    """The shipped list, loaded once."""
    return Gemeentelijst(lees_lijst(LIJST.read_text(encoding="utf-8")))


def bouw_gemeentelijst(wijken_en_buurten: Path, statline_csv: Path) -> str:
    """Rebuild ``gemeenten.csv`` (text) from real CBS files.

    ``wijken_en_buurten``: the WijkenEnBuurten endpoint of 84799NED as parquet (columns Key,
    Title); its ``GM`` rows are the 355 municipalities of 2020. ``statline_csv``: a StatLine CSV
    download of 70072ned with all regions; its names give the official suffixed spelling
    ("Rijswijk (ZH.)"). Adds :data:`HERINDELINGEN` and marks :data:`OPGEHEVEN`.
    """
    import pandas as pd

    from evaluatie.ingest.monitor.bron import decodeer, detecteer_scheiding, lees_csv_rijen

    wb = pd.read_parquet(wijken_en_buurten, columns=["Key", "Title"])
    wb["Key"] = wb["Key"].str.strip()
    gm = wb[wb["Key"].str.match(r"^GM\d{4}$")].sort_values("Key")
    tekst = decodeer(statline_csv.read_bytes(), statline_csv)
    rijen = lees_csv_rijen(tekst, detecteer_scheiding(tekst) or ";")
    kop = rijen[0]
    i = next(j for j, c in enumerate(kop) if c.lower().startswith("regio"))
    periode = next(j for j, c in enumerate(kop) if c.lower().startswith("perioden"))
    statline = sorted({r[i] for r in rijen[1:] if len(r) > i and r[i]})
    # names with at least one figure: a dissolved "Hengelo (Gld.)" has none after 2005
    met_cijfers = {r[i] for r in rijen[1:] if len(r) > i and any(c for j, c in enumerate(r) if j not in (i, periode))}
    eind = {code: jaar for code, _, jaar, _ in OPGEHEVEN}
    for _, _, jaar, oud in HERINDELINGEN:
        for code, _ in oud:
            eind[code] = jaar - 1

    def statline_naam(naam: str) -> str:
        if naam in statline:
            return ""
        kandidaten = [s for s in statline if (m := _ACHTERVOEGSEL.match(s)) and m.group(1) == naam]
        if len(kandidaten) > 1:
            kandidaten = [s for s in kandidaten if s in met_cijfers]
        return kandidaten[0] if len(kandidaten) == 1 else ""

    regels = [
        "# Gemeenten met CBS-code, naam en (na 2020) het jaar van een herindeling.",
        f"# Bron 2020: {BRON_2020} (355 gemeenten).",
        f"# statline_naam: officiële schrijfwijze met achtervoegsel volgens {BRON_STATLINE}.",
        "# Herindelingen 2021-2023: CBS, 'Gemeentelijke indeling op 1 januari <jaar>'.",
        "# Gebouwd met evaluatie.ingest.monitor.gebieden.bouw_gemeentelijst; niet met de hand wijzigen.",
        ";".join(KOLOMMEN),
    ]
    for code, naam in zip(gm["Key"], gm["Title"]):
        tot = eind.get(code)
        regels.append(";".join([code, naam, statline_naam(naam), "", str(tot) if tot else "", "84799NED 2020"]))
    for code, naam, jaar, oud in HERINDELINGEN:
        herkomst = ", ".join(f"{n} {c}" for c, n in oud)
        regels.append(";".join([code, naam, statline_naam(naam), str(jaar), "",
                                f"CBS gemeentelijke indeling {jaar} ({herkomst})"]))
    return "\n".join(regels) + "\n"
