"""Reader for the CSV that StatLine's download button produces.

Modelled on the StatLine CSV export::

    "Gezondheid per wijk en buurt; 2012/2016/2020/2022"             <- title line(s)
    "Marges";"Leeftijd";"Wijken en buurten";"Perioden";"Eenzaam (%)";"Ernstig/zeer ernstig eenzaam (%)"
    "Waarde";"18 jaar of ouder";"Rijswijk";"2022";"47";"9"
    "Ondergrens 95%-betrouwbaarheidsinterval";"18 jaar of ouder";"Rijswijk";"2022";"45";"7"
    ...
    "Bron: CBS, RIVM"                                                 <- footer line(s)

Also accepted: a topic row above the header (``"Onderwerp";"";"";"";"Eenzaam"``)
with the units in the header row below it (``...;"Perioden";"%"``).

* separator ';' (StatLine default), ',' or tab, detected; decimal comma or
  point, detected; UTF-8 with/without BOM or Windows-1252 (cp1252);
* the header row is the row naming the period column ("Perioden") and an area
  column ("Wijken en buurten", "Regio's", "Gemeenten"); rows above it are
  titles, single-cell rows below the data are footers ("Bron: CBS",
  "© Centraal Bureau voor de Statistiek, Den Haag/Heerlen ...");
* periods "2022", "2022JJ00" and provisional "2022*"; area labels may be codes
  (GM0603, possibly padded) or names ("Rijswijk"): names are resolved through a
  "Codering" column when the download has one, else through the sidecar's
  ``gebieden`` mapping and a short built-in list (Nederland, Rijswijk,
  Leidschendam-Voorburg);
* a "Marges" column is matched on its titles (Waarde / Ondergrens / Bovengrens);
* the field is the column title without unit ("Eenzaam"); the sidecar's
  ``velden`` mapping (title -> CBS key) replaces it by the key, and then every
  numeric column must be listed there;
* the table id comes from the sidecar (``tabel``), the file name or the title
  lines (e.g. "50120NED").

Row numbers in errors: the first line below the header row is row 1.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.monitor.bron import (
    Sidecar,
    classificeer_marge,
    decodeer,
    detecteer_decimaal,
    detecteer_scheiding,
    gebiedsnamen,
    getal,
    lees_csv_rijen,
    lees_sidecar,
    marker,
    parse_periode,
    splits_eenheid,
)
from evaluatie.ingest.monitor.schema import GEBIED_PATROON, gebied_niveau, valideer_metingen

_JAAR = re.compile(r"^(perioden?|jaar|jaren)$", re.IGNORECASE)
_GEBIED = re.compile(r"^(wijken en buurten.*|regio'?s?|regio's|gemeenten?|gebied(en)?)$", re.IGNORECASE)
_MARGES = re.compile(r"^marges?$", re.IGNORECASE)
_LEEFTIJD = re.compile(r"^leeftijd", re.IGNORECASE)
_CODERING = re.compile(r"^(codering|regiocode|gemeentecode|wijkcode|buurtcode)\b", re.IGNORECASE)
_ONDERWERP = re.compile(r"^onderwerp(en)?$", re.IGNORECASE)
_TABEL_ID = re.compile(r"(?<![0-9A-Za-z])(\d{5}[A-Za-z]{3})(?![0-9A-Za-z])")


def lees_statline_csv(pad: Path, sidecar: Sidecar | None = None) -> pd.DataFrame:
    pad = Path(pad)
    tekst = decodeer(pad.read_bytes(), pad)
    sidecar = sidecar or lees_sidecar(pad)
    scheiding = detecteer_scheiding(tekst)
    if scheiding is None:
        eerste = next((r for r in tekst.splitlines() if r.strip()), "")
        raise InvoerFout(
            pad,
            "scheidingsteken niet herkend: het bestand heeft maar één kolom; "
            "een StatLine-download gebruikt ';'",
            kolom=eerste.strip()[:60],
        )
    rijen = lees_csv_rijen(tekst, scheiding)

    h = next(
        (
            i
            for i, r in enumerate(rijen)
            if any(_JAAR.match(c) for c in r) and any(_GEBIED.match(c) for c in r)
        ),
        None,
    )
    if h is None:
        raise InvoerFout(
            pad,
            "geen kopregel gevonden met een kolom 'Perioden' en een regiokolom "
            "('Wijken en buurten', 'Regio's' of 'Gemeenten'); is dit een StatLine-CSV?",
        )
    kop = list(rijen[h])
    while kop and kop[-1] == "":
        kop.pop()
    ncol = len(kop)

    def eerste_index(patroon: re.Pattern) -> int | None:
        return next((i for i, c in enumerate(kop) if patroon.match(c)), None)

    i_jaar = eerste_index(_JAAR)
    i_gebied = eerste_index(_GEBIED)
    i_marges = eerste_index(_MARGES)
    i_leeftijd = eerste_index(_LEEFTIJD)
    dim_idx = {i for i in (i_jaar, i_gebied, i_marges, i_leeftijd) if i is not None}

    # topic row above the header? (its width wins: a unit cell may be empty)
    onderwerp = None
    if h > 0 and rijen[h - 1]:
        boven = list(rijen[h - 1])
        while boven and boven[-1] == "":
            boven.pop()
        ncol = max(ncol, len(boven))
        boven += [""] * (ncol - len(boven))
        if (_ONDERWERP.match(boven[0]) or boven[0] == "") and any(
            boven[i] for i in range(ncol) if i not in dim_idx
        ):
            onderwerp = boven
        else:
            ncol = len(kop)
    kop += [""] * (ncol - len(kop))
    kolommen: dict[int, tuple[str, str]] = {}  # index -> (title, unit)
    i_codering = None
    for i in range(ncol):
        if i in dim_idx:
            continue
        if onderwerp is not None:
            titel, eenheid = onderwerp[i], kop[i]
            if not titel:
                continue
        else:
            titel, eenheid = splits_eenheid(kop[i])
        if _CODERING.match(titel):
            i_codering = i
            continue
        if not titel:
            raise InvoerFout(pad, "kolom zonder titel in de kopregel", kolom=f"kolom {i + 1}")
        kolommen[i] = (titel, eenheid)

    # data rows and footer
    data: list[tuple[int, list[str]]] = []
    voet: list[str] = []
    for nr, r in enumerate(rijen[h + 1 :], start=1):
        gevuld = [c for c in r if c]
        if len(gevuld) <= 1:
            if gevuld:
                voet.append(gevuld[0])
            continue
        if voet:
            raise InvoerFout(pad, "gegevensrij na de voetregel (bron/copyright)", rij=nr)
        if len(r) > ncol and any(r[ncol:]):
            raise InvoerFout(pad, f"rij heeft {len(r)} velden, de kopregel {ncol}", rij=nr)
        data.append((nr, r + [""] * (ncol - len(r))))
    if not data:
        raise InvoerFout(pad, "alleen kop- en voetregels, geen gegevensrijen", rij=1)

    # table id and source
    titelregels = [c for r in rijen[:h] for c in r if c]
    tabel_id = sidecar.tabel
    if not tabel_id:
        for tekstje in [pad.name, *titelregels, *voet]:
            m = _TABEL_ID.search(tekstje)
            if m:
                tabel_id = m.group(1).upper()
                break
    if not tabel_id:
        raise InvoerFout(
            pad,
            "tabel-id onbekend: zet het in de bestandsnaam (bijv. 50120NED_rijswijk.csv) "
            "of in de sidecar onder 'tabel'",
        )
    bron = sidecar.bron
    if not bron:
        for v in voet:
            m = re.match(r"^bron\s*:\s*(.+)$", v, re.IGNORECASE)
            if m:
                bron = m.group(1).strip().rstrip(".")
                break
    bron = bron or "CBS"

    # classify topic columns: numeric or text; detect the decimal sign
    decimaal = detecteer_decimaal([r[i] for _, r in data for i in kolommen])
    numeriek: dict[int, tuple[str, str]] = {}
    for i, (titel, eenheid) in kolommen.items():
        waarden = [(nr, r[i]) for nr, r in data if marker(r[i]) is None]
        getallen = [getal(w, decimaal) is not None for _, w in waarden]
        if waarden and not any(getallen):
            continue  # text column (e.g. municipality name)
        for (nr, w), ok in zip(waarden, getallen):
            if not ok:
                raise InvoerFout(
                    pad,
                    f"'{w}' is geen getal en geen CBS-symbool (decimaalteken in dit bestand: '{decimaal}')",
                    rij=nr,
                    kolom=kop[i],
                )
        if sidecar.velden and titel not in sidecar.velden:
            raise InvoerFout(
                pad,
                "onbekend veld: deze kolom staat niet in 'velden' van de sidecar",
                kolom=kop[i] if onderwerp is None else titel,
            )
        numeriek[i] = (titel, eenheid)
    if not numeriek:
        raise InvoerFout(pad, "geen kolommen met getallen gevonden")

    naar_code, naar_naam = gebiedsnamen(sidecar)
    cellen: dict[tuple, dict] = {}
    for nr, r in data:
        jaar = parse_periode(r[i_jaar])
        if jaar is None:
            raise InvoerFout(
                pad,
                f"ongeldige periode '{r[i_jaar]}' (verwacht een jaar, bijv. 2022 of 2022JJ00)",
                rij=nr,
                kolom=kop[i_jaar],
            )
        label = r[i_gebied]
        code = label.strip().upper()
        if re.match(GEBIED_PATROON, code):
            naam = naar_naam.get(code, "")
        else:
            naam = label
            if i_codering is not None and r[i_codering]:
                code = r[i_codering].strip().upper()
            elif label in naar_code:
                code = naar_code[label]
            else:
                raise InvoerFout(
                    pad,
                    f"onbekend gebied '{label}': geen code en geen kolom Codering; "
                    "geef de code in de sidecar onder 'gebieden' (naam: code)",
                    rij=nr,
                    kolom=kop[i_gebied],
                )
            if not re.match(GEBIED_PATROON, code):
                raise InvoerFout(
                    pad,
                    f"ongeldige gebiedscode '{code}' (verwacht NL01, GMnnnn, WKnnnnnn of BUnnnnnnnn)",
                    rij=nr,
                    kolom=kop[i_codering] if i_codering is not None else kop[i_gebied],
                )
        rol = "waarde"
        if i_marges is not None:
            rol = classificeer_marge(r[i_marges])
            if rol is None:
                continue
        lft = r[i_leeftijd] if i_leeftijd is not None else ""
        for i, (titel, eenheid) in numeriek.items():
            veld = sidecar.velden.get(titel, titel)
            sleutel = (veld, code, lft, jaar)
            per_rol = cellen.setdefault(sleutel, {"_meta": (naam, eenheid, kop[i], nr)})
            if rol in per_rol:
                raise InvoerFout(
                    pad,
                    f"dubbele meting voor {titel}, gebied {code}, leeftijd '{lft}', jaar {jaar}"
                    f" (ook in rij {per_rol[rol][1]})",
                    rij=nr,
                    kolom=kop[i],
                )
            per_rol[rol] = (r[i], nr)

    records = []
    for (veld, code, lft, jaar), per_rol in cellen.items():
        naam, eenheid, kolom, eerste = per_rol["_meta"]
        waarde, mark, rij_w = float("nan"), ".", eerste
        if "waarde" in per_rol:
            ruw, rij_w = per_rol["waarde"]
            mark = marker(ruw) or ""
            waarde = float("nan") if mark else getal(ruw, decimaal)
        rec = {
            "bron": bron,
            "tabel": tabel_id,
            "veld": veld,
            "gebied": code,
            "gebied_niveau": gebied_niveau(code),
            "gebied_naam": naam,
            "leeftijd": lft,
            "jaar": jaar,
            "waarde": waarde,
            "markering": mark,
            "eenheid": eenheid,
            "demo": sidecar.demo,
            "bestand": pad.name,
            "_rij": rij_w,
            "_kolom_waarde": kolom,
            "_kolom_ondergrens": kolom,
            "_kolom_bovengrens": kolom,
        }
        for g in ("ondergrens", "bovengrens"):
            if g in per_rol and not mark:
                ruw, nr = per_rol[g]
                rec[g] = float("nan") if marker(ruw) else getal(ruw, decimaal)
                rec["_rij_" + g] = nr
            else:
                rec[g] = float("nan")
                rec["_rij_" + g] = rij_w
        records.append(rec)
    df = pd.DataFrame.from_records(records)
    kolomnamen = {"gebied": kop[i_gebied], "gebied_niveau": kop[i_gebied], "jaar": kop[i_jaar]}
    if i_leeftijd is not None:
        kolomnamen["leeftijd"] = kop[i_leeftijd]
    return valideer_metingen(df, pad, kolomnamen)
