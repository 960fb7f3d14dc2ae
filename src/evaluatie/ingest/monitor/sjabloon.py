"""Reader for the plain CSV template "evaluatie-sjabloon".

For figures that come from neither CBS OData nor a StatLine download: partner
figures, the GGD youth monitor, municipal registrations. One measurement per
row::

    bron;tabel;veld;gebied;leeftijd;jaar;waarde;ondergrens;bovengrens;markering;eenheid
    GGD;gezondheidsmonitor_jeugd;eenzaam_matig_zeer_ernstig;GM0603;12 tot 18 jaar;2019;46;43;49;;%

* separator ';' or ',' (detected); decimal comma or point, decided per column from all its
  cells (``46,5`` in a column makes ``1.234`` there a thousand and 234); a column where every
  number is ambiguous (``1.234``) takes the sign of the other number columns or the sidecar's
  ``decimaalteken``, else it is refused (with ',' as separator a decimal comma needs quotes: "12,5");
* encoding UTF-8 (with or without BOM) or Windows-1252;
* ``gebied`` is a code (NL01, GMnnnn, WKnnnnnn, BUnnnnnnnn); an optional
  extra column ``gebied_naam`` gives the name;
* ``jaar`` a year (2022; 2022JJ00 is accepted too);
* ``waarde`` empty or a CBS symbol means no value: the symbol is taken from
  ``markering`` ('.', 'x', '-', '?'), an empty cell without symbol becomes '.';
* ``ondergrens``/``bovengrens`` optional (empty);
* ``eenheid`` '%' switches on the 0–100 check.

Row numbers in errors: the first line below the header is row 1.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pandas as pd

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.monitor.bron import (
    Sidecar,
    decodeer,
    bestandsdecimaal,
    detecteer_scheiding,
    gebiedsnamen,
    kies_decimaal,
    lees_getal,
    lees_csv_rijen,
    lees_sidecar,
    marker,
    parse_periode,
)
from evaluatie.ingest.monitor.schema import gebied_niveau, valideer_metingen

SJABLOON_KOLOMMEN = [
    "bron",
    "tabel",
    "veld",
    "gebied",
    "leeftijd",
    "jaar",
    "waarde",
    "ondergrens",
    "bovengrens",
    "markering",
    "eenheid",
]
OPTIONELE_KOLOMMEN = ["gebied_naam"]

#: Columns of the frame handed to ``valideer_metingen`` (``_rij``: data row, for error messages).
UIT_KOLOMMEN = ["bron", "tabel", "veld", "gebied", "gebied_niveau", "gebied_naam", "leeftijd", "jaar", "waarde",
                "ondergrens", "bovengrens", "markering", "eenheid", "demo", "bestand", "_rij"]


def lijkt_sjabloon(kop: list[str]) -> bool:
    """A header naming at least three template columns is meant as template."""
    namen = {c.strip().lower() for c in kop}
    return len(namen & set(SJABLOON_KOLOMMEN)) >= 3


def lees_sjabloon(pad: Path, tekst: str | None = None, sidecar: Sidecar | None = None) -> pd.DataFrame:
    """Read a template file into validated ``metingen`` (see the module docstring).

    The cyclic garbage collector is paused while reading: the reader makes millions of small
    lists and no reference cycles, and every collection would walk all of them again (a
    million-row template: ± 30 % of the CPU time). Nothing else changes."""
    aan = gc.isenabled()
    gc.disable()
    try:
        return _lees_sjabloon(pad, tekst, sidecar)
    finally:
        if aan:
            gc.enable()


def _lees_sjabloon(pad: Path, tekst: str | None, sidecar: Sidecar | None) -> pd.DataFrame:
    pad = Path(pad)
    if tekst is None:
        tekst = decodeer(pad.read_bytes(), pad)
    sidecar = sidecar or lees_sidecar(pad)
    df = _lees_kolomsgewijs(pad, tekst, sidecar)
    if df is not None:
        return valideer_metingen(df, pad, {"gebied_niveau": "gebied"})
    scheiding = detecteer_scheiding(tekst)
    if scheiding is None:
        eerste = next((r for r in tekst.splitlines() if r.strip()), "")
        raise InvoerFout(
            pad,
            "scheidingsteken niet herkend: het bestand heeft maar één kolom; gebruik ';' of ','",
            kolom=eerste.strip()[:60],
        )
    rijen = lees_csv_rijen(tekst, scheiding)
    while rijen and not rijen[0]:
        rijen.pop(0)
    kop = [c.strip().lower() for c in rijen[0]]
    while kop and kop[-1] == "":
        kop.pop()
    for naam in kop:
        if naam not in SJABLOON_KOLOMMEN and naam not in OPTIONELE_KOLOMMEN:
            raise InvoerFout(
                pad,
                f"onbekende kolom in de kopregel; verwacht: {';'.join(SJABLOON_KOLOMMEN)}",
                kolom=naam,
            )
    ontbrekend = [k for k in SJABLOON_KOLOMMEN if k not in kop]
    if ontbrekend:
        raise InvoerFout(
            pad, f"kolom ontbreekt in de kopregel (nodig: {';'.join(SJABLOON_KOLOMMEN)})", kolom=ontbrekend[0]
        )
    if len(set(kop)) != len(kop):
        dubbel = next(k for k in kop if kop.count(k) > 1)
        raise InvoerFout(pad, "kolom staat twee keer in de kopregel", kolom=dubbel)

    data = [(nr, r) for nr, r in enumerate(rijen[1:], start=1) if r]
    if not data:
        raise InvoerFout(pad, "alleen een kopregel, geen gegevensrijen", rij=1)
    pos = {k: i for i, k in enumerate(kop)}
    # marker() per distinct cell text, not per cell (3 million calls for a million rows)
    als_marker: dict[str, str | None] = {}

    def is_marker(t: str) -> bool:
        if t not in als_marker:
            als_marker[t] = marker(t)
        return als_marker[t] is not None

    cellen = {
        k: [(nr, r[pos[k]]) for nr, r in data if pos[k] < len(r) and not is_marker(r[pos[k]])]
        for k in ("waarde", "ondergrens", "bovengrens")
    }
    hint = bestandsdecimaal(list(cellen.values()), pad)
    decimalen = {k: kies_decimaal(c, pad, k, bestandsbreed=hint, instelling=sidecar.decimaalteken)
                 for k, c in cellen.items()}
    del cellen
    _, naar_naam = gebiedsnamen(sidecar)

    # Column lists instead of one dict per row (a million rows: ~0.6 GB less), and the pure
    # per-cell functions evaluated once per distinct cell text (a template repeats its codes,
    # years and, at one decimal, most of its numbers). Same order of checks, same errors.
    kolommen: dict[str, list] = {k: [] for k in UIT_KOLOMMEN}
    als_getal: dict[tuple[str, str], float | None] = {}
    als_jaar: dict[str, int | None] = {}
    als_niveau: dict[str, str] = {}
    bron_standaard, tabel_standaard = sidecar.bron or "", sidecar.tabel or ""
    for nr, r in data:
        if len(r) > len(kop) and any(r[len(kop):]):
            raise InvoerFout(
                pad,
                f"rij heeft {len(r)} velden, de kopregel {len(kop)} "
                "(decimaalkomma zonder aanhalingstekens in een komma-gescheiden bestand?)",
                rij=nr,
            )
        r = r + [""] * (len(kop) - len(r))
        cel = {k: r[pos[k]] for k in kop}
        tekst_jaar = cel["jaar"]
        if tekst_jaar not in als_jaar:
            als_jaar[tekst_jaar] = parse_periode(tekst_jaar)
        jaar = als_jaar[tekst_jaar]
        if jaar is None:
            raise InvoerFout(pad, f"'{cel['jaar']}' is geen jaartal", rij=nr, kolom="jaar")
        getallen: dict[str, float] = {}
        mark = cel["markering"]
        for k in ("waarde", "ondergrens", "bovengrens"):
            t = cel[k]
            if t not in als_marker:
                als_marker[t] = marker(t)
            if als_marker[t] is not None:
                if k == "waarde" and t and not mark:
                    mark = t  # a symbol typed in the value cell
                getallen[k] = float("nan")
                continue
            sleutel = (t, decimalen[k])
            if sleutel not in als_getal:
                als_getal[sleutel] = lees_getal(t, decimalen[k])
            g = als_getal[sleutel]
            if g is None:
                raise InvoerFout(
                    pad,
                    f"'{cel[k]}' is geen getal (decimaalteken in deze kolom: '{decimalen[k]}')",
                    rij=nr,
                    kolom=k,
                )
            getallen[k] = g
        if pd.isna(getallen["waarde"]) and not mark:
            mark = "."
        gebied = cel["gebied"].strip().upper()
        if gebied not in als_niveau:
            als_niveau[gebied] = gebied_niveau(gebied)
        kolommen["bron"].append(cel["bron"] or bron_standaard)
        kolommen["tabel"].append(cel["tabel"] or tabel_standaard)
        kolommen["veld"].append(cel["veld"])
        kolommen["gebied"].append(gebied)
        kolommen["gebied_niveau"].append(als_niveau[gebied])
        kolommen["gebied_naam"].append(cel.get("gebied_naam") or naar_naam.get(gebied, ""))
        kolommen["leeftijd"].append(cel["leeftijd"])
        kolommen["jaar"].append(jaar)
        kolommen["waarde"].append(getallen["waarde"])
        kolommen["ondergrens"].append(getallen["ondergrens"])
        kolommen["bovengrens"].append(getallen["bovengrens"])
        kolommen["markering"].append(mark)
        kolommen["eenheid"].append(cel["eenheid"])
        kolommen["demo"].append(sidecar.demo)
        kolommen["bestand"].append(pad.name)
        kolommen["_rij"].append(nr)
    del data, rijen
    df = pd.DataFrame(kolommen)
    del kolommen
    return valideer_metingen(df, pad, {"gebied_niveau": "gebied"})


def _lees_kolomsgewijs(pad: Path, tekst: str, sidecar: Sidecar) -> pd.DataFrame | None:
    """The frame the row-by-row loop of :func:`_lees_sjabloon` builds, computed column-wise, for a
    simple text (:mod:`~evaluatie.ingest.monitor.csvregels`: no quotes; every data row as wide as
    the header row; blank lines empty) that the loop would read without an error. Returns None
    otherwise (another shape, or any cell the loop refuses), and the loop then runs as before and
    raises its own error with file, row and column: errors never come from here.

    Each per-cell function (``marker``, ``lees_getal``, ``parse_periode``, ``gebied_niveau``) is
    evaluated once per distinct text of its column; the decimal sign of a column is decided from
    the first occurrence of each distinct text in row order, which gives the same outcome as all
    its cells (:func:`kies_decimaal` and :func:`bestandsdecimaal` keep the first cell of each kind)."""
    import numpy as np

    from evaluatie.ingest.monitor import csvregels

    regels = csvregels.regels_van(tekst)
    if regels is None:
        return None
    scheiding = csvregels.detecteer_scheiding(regels)
    if scheiding is None:
        return None
    eerste = csvregels.eerste_rij(regels, scheiding)
    if eerste is None:
        return None
    kop_index, kopcellen = eerste
    kop = [c.strip().lower() for c in kopcellen]
    while kop and kop[-1] == "":
        kop.pop()
    if (any(k not in SJABLOON_KOLOMMEN and k not in OPTIONELE_KOLOMMEN for k in kop)
            or any(k not in kop for k in SJABLOON_KOLOMMEN) or len(set(kop)) != len(kop)):
        return None
    gelezen = csvregels.lees_cellen(regels, scheiding, kop_index, len(kopcellen))
    del regels
    csvregels.vergeet()  # the text's bytes and line arrays are no longer needed (a million rows: ~0.2 GB)
    if gelezen is None or not len(gelezen[0]):
        return None
    rijnummers, kolommen = gelezen
    # cells beyond the header's named columns must be empty (else: too many fields)
    for codes, teksten in kolommen[len(kop):]:
        if any(t.strip() for t in teksten):
            return None
    pos = {k: i for i, k in enumerate(kop)}

    def kolom(k: str) -> tuple[np.ndarray, list[str]]:
        codes, teksten = kolommen[pos[k]]
        return codes, [t.strip() for t in teksten]

    def per_rij(codes: np.ndarray, waarden: list, dtype=object) -> np.ndarray:
        return np.asarray(waarden, dtype=dtype)[codes] if len(waarden) else np.empty(0, dtype=dtype)

    # the decimal sign of each number column, from the first occurrence of each distinct text
    getalkolommen = {k: kolom(k) for k in ("waarde", "ondergrens", "bovengrens")}
    cellen = {}
    for k, (codes, teksten) in getalkolommen.items():
        uniek, eerst = np.unique(codes, return_index=True)
        paren = sorted((int(rijnummers[i]), teksten[c]) for c, i in zip(uniek, eerst))
        cellen[k] = [(nr, t) for nr, t in paren if marker(t) is None]
    try:
        hint = bestandsdecimaal(list(cellen.values()), pad)
        decimalen = {k: kies_decimaal(c, pad, k, bestandsbreed=hint, instelling=sidecar.decimaalteken)
                     for k, c in cellen.items()}
    except InvoerFout:
        return None
    _, naar_naam = gebiedsnamen(sidecar)

    codes, teksten = kolom("jaar")
    jaren = [parse_periode(t) for t in teksten]
    if any(j is None for j in jaren):
        return None
    jaar = per_rij(codes, jaren, np.int64)

    getallen: dict[str, np.ndarray] = {}
    for k, (codes, teksten) in getalkolommen.items():
        waarden = []
        for t in teksten:
            if marker(t) is not None:
                waarden.append(float("nan"))
                continue
            g = lees_getal(t, decimalen[k])
            if g is None:
                return None
            waarden.append(g)
        getallen[k] = per_rij(codes, waarden, np.float64)

    def paren(a: tuple[np.ndarray, list], b: tuple[np.ndarray, list]):
        """Codes of the distinct (text of a, text of b) pairs per row, and those pairs."""
        samen = a[0].astype(np.int64) * max(1, len(b[1])) + b[0]
        uniek, per = np.unique(samen, return_inverse=True)
        return per, [(a[1][u // max(1, len(b[1]))], b[1][u % max(1, len(b[1]))]) for u in uniek.tolist()]

    w_codes, w_teksten = getalkolommen["waarde"]
    w_info = [(t if (t and marker(t) is not None) else "", marker(t) is not None) for t in w_teksten]
    per, combinaties = paren(kolom("markering"), (w_codes, w_info))
    # a symbol typed in the value cell is the marking when that cell is empty; no value and no
    # marking: '.' (a number never parses to NaN, so "no value" is "a symbol in the value cell")
    markeringen = []
    for m, (symbool, geen_waarde) in combinaties:
        if not m and symbool:
            m = symbool
        if geen_waarde and not m:
            m = "."
        markeringen.append(m)
    mark = (per, markeringen)

    g_codes, teksten = kolom("gebied")
    gebieden = [t.upper() for t in teksten]
    niveau = (g_codes, [gebied_niveau(g) for g in gebieden])
    if "gebied_naam" in pos:
        per, combinaties = paren(kolom("gebied_naam"), (g_codes, gebieden))
        naam = (per, [nm or naar_naam.get(g, "") for nm, g in combinaties])
    else:
        naam = (g_codes, [naar_naam.get(g, "") for g in gebieden])

    def tekstkolom(k: str, standaard: str = "") -> tuple[np.ndarray, list[str]]:
        codes, teksten = kolom(k)
        return codes, [t or standaard for t in teksten]

    n = len(rijnummers)
    df = pd.DataFrame({
        "bron": _str_kolom(tekstkolom("bron", sidecar.bron or "")),
        "tabel": _str_kolom(tekstkolom("tabel", sidecar.tabel or "")),
        "veld": _str_kolom(tekstkolom("veld")),
        "gebied": _str_kolom((g_codes, gebieden)),
        "gebied_niveau": _str_kolom(niveau),
        "gebied_naam": _str_kolom(naam),
        "leeftijd": _str_kolom(tekstkolom("leeftijd")),
        "jaar": jaar,
        "waarde": getallen["waarde"],
        "ondergrens": getallen["ondergrens"],
        "bovengrens": getallen["bovengrens"],
        "markering": _str_kolom(mark),
        "eenheid": _str_kolom(tekstkolom("eenheid")),
        "demo": np.full(n, bool(sidecar.demo)),
        "bestand": _str_kolom((np.zeros(n, dtype=np.int64), [pad.name])),
        "_rij": rijnummers.astype(np.int64),
    })
    return df


def _str_kolom(kolom: tuple) -> pd.Series:
    """A text column from (codes per row, distinct texts), in pandas' own text type (the type a
    column built from a list of str gets), via Arrow instead of a million Python objects."""
    import numpy as np
    import pyarrow as pa

    codes, teksten = kolom
    arr = pa.array(teksten, type=pa.large_string()).take(pa.array(np.asarray(codes)))
    return pd.Series(arr.to_pandas(types_mapper={pa.large_string(): pd.StringDtype("pyarrow", na_value=np.nan)}.get))
