"""CBS tables the readers know by title, and the year of a table without a time dimension.

A StatLine CSV download carries no table id: the file is named after the table's title
(``Regionale_kerncijfers_Nederland_23012024_192144.csv``). :func:`tabel_uit_naam` finds the id
when the title is one of :data:`BEKENDE_TABELLEN`. Each title below was read from a real file or
response (source in the entry); add a table here only with such a source.
"""

from __future__ import annotations

import re

#: id -> title, source organisation and where the title was read.
BEKENDE_TABELLEN: dict[str, dict[str, str]] = {
    "70072NED": {
        "titel": "Regionale kerncijfers Nederland",
        "bron": "CBS",
        "herkomst": "bestandsnaam van twee StatLine-downloads (2020, 2024) in tests/fixtures/echt/",
    },
    "84799NED": {
        "titel": "Kerncijfers wijken en buurten 2020",
        "bron": "CBS",
        "herkomst": "TableInfos (Metadata.json) in tests/fixtures/echt/09_odata_84799NED_kwb2020_statline-bq",
    },
    "50120NED": {
        "titel": "Gezondheid per wijk en buurt; 2012/2016/2020/2022",
        "bron": "RIVM",
        "herkomst": "TableInfos van dataderden.cbs.nl (data/raw/monitor/koppeling.yaml)",
    },
    "50150NED": {
        "titel": "Gezondheid per wijk en buurt; 2012/2016/2020/2022/2024 (indeling 2024)",
        "bron": "RIVM",
        "herkomst": "issue 15 (opvolger van 50120NED op dataderden.cbs.nl)",
    },
    "50140NED": {
        "titel": "",
        "bron": "RIVM",
        "herkomst": "catalogus RIVM op dataderden.cbs.nl (PROVENANCE van tests/fixtures/echt/01_50140NED_typeddataset_csv)",
    },
}

TABEL_ID = re.compile(r"(?<![0-9A-Za-z])(\d{5}[A-Za-z]{3})(?![0-9A-Za-z])")
_DOWNLOADSTEMPEL = re.compile(r"[_ ]\d{8}[_ ]\d{6}$")  # StatLine: _<ddmmyyyy>_<hhmmss>


def _titelsleutel(t: str) -> str:
    return re.sub(r"[\s_]+", " ", t).strip().casefold()


def tabel_uit_naam(bestandsnaam: str) -> str | None:
    """Table id from a file name: an id in the name (``50120NED_rijswijk.csv``,
    ``50140NED_TypedDataSet_22092025_192544.csv``) or a known title as StatLine names its downloads
    (``Regionale_kerncijfers_Nederland_23012024_192144.csv`` -> ``70072NED``); None otherwise."""
    m = TABEL_ID.search(bestandsnaam)
    if m:
        return m.group(1).upper()
    stam = re.sub(r"\.[A-Za-z0-9]+$", "", bestandsnaam)
    stam = _DOWNLOADSTEMPEL.sub("", stam)
    for tid, t in BEKENDE_TABELLEN.items():
        if t["titel"] and _titelsleutel(t["titel"]) == _titelsleutel(stam):
            return tid
    return None


def bron_van(tabel_id: str | None) -> str | None:
    """Publishing organisation of a known table (RIVM for the Gezondheidsmonitor tables)."""
    return BEKENDE_TABELLEN.get(str(tabel_id or "").upper(), {}).get("bron")


def jaar_uit_titel(titel: str | None) -> int | None:
    """The year of a one-period table from its title ("Kerncijfers wijken en buurten 2020" ->
    2020); None when the title names no year or several ("2012/2016/2020/2022")."""
    jaren = re.findall(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)", titel or "")
    return int(jaren[0]) if len(set(jaren)) == 1 else None
