"""Reader for the CSV that StatLine's download button produces, in all its real variants.

Seen in real downloads (copies in ``tests/fixtures/echt/``)::

    "Perioden";"Regio's";"Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)";...
    "2020";"Rijswijk (ZH.)";54450;3901
    "2020";"Aalburg";;

    "Regio";"Perioden";"aantal";"aantal inwoners per km²";"km²"          <- units only
    "Rijswijk";"2020";"54450";"3901";"13,96"

and the older layout with title line(s), a "Marges" column and a "Bron:" footer::

    "Gezondheid per wijk en buurt; 2012/2016/2020/2022"
    "Marges";"Leeftijd";"Wijken en buurten";"Perioden";"Eenzaam (%)"
    "Waarde";"18 jaar of ouder";"Rijswijk";"2022";"47"
    "Bron: CBS, RIVM"

* no title line and no footer needed; separator ';', ',' or tab; UTF-8 (BOM) or cp1252;
* the header row names a period column ("Perioden") and a region column ("Regio's", "Regio",
  "Wijken en buurten", "Gemeenten"); a topic row above it may hold the titles with the units below;
* column titles may carry the theme path (``Bevolking/.../Totale bevolking (aantal)``): the field is
  the topic title without path and unit, the unit the text in brackets; a header that holds only
  units (``"aantal"``) names the field after its unit and says so;
* numbers quoted or not, right-aligned (``"   54450"``), missing as an empty field (``;;``) or a CBS
  symbol; the decimal sign is decided per column from all its cells (:func:`~.bron.kies_decimaal`);
* periods ``2022``, ``2022JJ00``, ``2022*``, ``2022**``; rows of quarters or months are skipped and
  counted (a file of only such rows is refused);
* regions as codes or names: names go through a "Codering" column, the sidecar's ``gebieden`` and
  the shipped municipality list (:mod:`.gebieden`); a row whose name is unknown but that holds no
  figure at all (a municipality dissolved before the download's years) is skipped and counted;
  with a figure it is refused naming the nearest known names; provinces, landsdelen and COROP
  areas ("(PV)", "(LD)", "(CR)") are skipped and counted;
* the table id comes from ``--tabel``, the sidecar, an id in the title lines, footer or file name,
  or a known title as file name (``Regionale_kerncijfers_Nederland_<stempel>.csv``).

Row numbers in errors: the first line below the header row is row 1.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from evaluatie.gedeeld.definities import BRON_GEBIED_PATROON, gebiedscode
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest.monitor.bron import (
    Sidecar,
    bestandsdecimaal,
    classificeer_marge,
    decodeer,
    detecteer_scheiding,
    gebiedsnamen,
    is_deelperiode,
    is_getal,
    kies_decimaal,
    lees_csv_rijen,
    lees_getal,
    lees_sidecar,
    marker,
    met_meldingen,
    opsomming,
    parse_periode,
    splits_thema,
)
from evaluatie.ingest.monitor.gebieden import gemeentelijst
from evaluatie.ingest.monitor.schema import gebied_niveau, valideer_metingen
from evaluatie.ingest.monitor.tabellen import TABEL_ID, bron_van, tabel_uit_naam

_JAAR = re.compile(r"^(perioden?|jaar|jaren)$", re.IGNORECASE)
_GEBIED = re.compile(r"^(wijken en buurten.*|regio'?s?|regio's|gemeenten?|gebied(en)?)$", re.IGNORECASE)
_MARGES = re.compile(r"^marges?$", re.IGNORECASE)
_LEEFTIJD = re.compile(r"^leeftijd", re.IGNORECASE)
_CODERING = re.compile(r"^(codering|regiocode|gemeentecode|wijkcode|buurtcode)\b", re.IGNORECASE)
_ONDERWERP = re.compile(r"^onderwerp(en)?$", re.IGNORECASE)
_TABEL_ID = TABEL_ID
#: A header cell that is a CBS unit and nothing else ("aantal", "km²", "%", "x 1 000 euro").
_EENHEID = re.compile(
    r"^(aantal( .*)?|%|‰|km²?|ha|m²|m³|kg|euro( .*)?|x \d[\d ]*( .*)?|per \d[\d .]*( .*)?|jaar|jaren|"
    r"dagen|uren|index.*|promille|procent.*)$",
    re.IGNORECASE,
)
#: StatLine suffixes of region kinds this project does not model: provincie, landsdeel, COROP.
_ANDER_GEBIED = re.compile(r"\((PV|LD|CR)\)\s*$")


def lees_statline_csv(
    pad: Path, sidecar: Sidecar | None = None, *, tabel: str | None = None, tekst: str | None = None
) -> pd.DataFrame:
    """Read a StatLine CSV download (see module docstring) into validated metingen rows.

    ``tabel``: the table id when the file cannot say it (``evaluatie inlezen --tabel``).
    Notes for the user (skipped rows, where the table id came from) are in
    ``df.attrs["meldingen"]``. Raises InvoerFout naming file, row (1 = first row under the
    header) and column.
    """
    pad = Path(pad)
    if tekst is None:
        tekst = decodeer(pad.read_bytes(), pad)
    sidecar = sidecar or lees_sidecar(pad)
    meldingen: list[str] = []
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
            "('Regio's', 'Wijken en buurten' of 'Gemeenten'); is dit een StatLine-CSV?",
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
    alleen_eenheid: list[str] = []
    i_codering = None
    for i in range(ncol):
        if i in dim_idx:
            continue
        if onderwerp is not None:
            titel, eenheid = onderwerp[i], kop[i]
            if not titel:
                continue
            titel, _, _ = splits_thema(titel)
        else:
            titel, eenheid, _ = splits_thema(kop[i])
            if not eenheid and _EENHEID.match(titel):
                eenheid = titel  # header of units only: the field is named after its unit
                alleen_eenheid.append(titel)
        if _CODERING.match(titel):
            i_codering = i
            continue
        if not titel:
            raise InvoerFout(pad, "kolom zonder titel in de kopregel", kolom=f"kolom {i + 1}")
        kolommen[i] = (titel, eenheid)
    titels = [t for t, _ in kolommen.values()]
    for i, (titel, eenheid) in list(kolommen.items()):
        if titels.count(titel) > 1:  # two topics with the same title (e.g. two units "aantal")
            kolommen[i] = (f"{titel} (kolom {i + 1})", eenheid)
    if alleen_eenheid:
        meldingen.append(
            f"{pad.name}: de kopregel noemt alleen eenheden ({', '.join(alleen_eenheid)}); de velden heten "
            "naar hun eenheid. Geef de onderwerpen zo nodig in de sidecar onder 'velden' (kop: CBS-sleutel)."
        )

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
    tabel_id, herkomst = (tabel.strip().upper(), "--tabel") if tabel else (sidecar.tabel, "de sidecar")
    if not tabel_id:
        for tekstje in [*titelregels, *voet]:
            m = _TABEL_ID.search(tekstje)
            if m:
                tabel_id, herkomst = m.group(1).upper(), "de titel- of voetregel"
                break
    if not tabel_id:
        tabel_id, herkomst = tabel_uit_naam(pad.name), "de bestandsnaam"
    if not tabel_id:
        raise InvoerFout(
            pad,
            "tabel-id onbekend: het bestand noemt het niet (geen titelregel, geen voetregel) en de "
            "bestandsnaam is geen bekende tabeltitel; geef het met --tabel (bijv. --tabel 70072NED) "
            "of in de sidecar onder 'tabel'",
        )
    if herkomst == "de bestandsnaam" and not _TABEL_ID.search(pad.name):
        meldingen.append(f"{pad.name}: tabel {tabel_id} afgeleid uit de bestandsnaam (bekende tabeltitel)")
    bron = sidecar.bron
    if not bron:
        for v in voet:
            m = re.match(r"^bron\s*:\s*(.+)$", v, re.IGNORECASE)
            if m:
                bron = m.group(1).strip().rstrip(".")
                break
    bron = bron or bron_van(tabel_id) or "CBS"

    # classify topic columns: numeric or text; decide each column's decimal sign from its cells
    cellen_per_kolom = {
        i: [(nr, r[i]) for nr, r in data if marker(r[i]) is None] for i in kolommen
    }
    numeriek: dict[int, tuple[str, str]] = {}
    for i, (titel, eenheid) in kolommen.items():
        waarden = cellen_per_kolom[i]
        if waarden and not any(is_getal(w) for _, w in waarden):
            continue  # text column (e.g. municipality name)
        for nr, w in waarden:
            if not is_getal(w):
                raise InvoerFout(pad, f"'{w}' is geen getal en geen CBS-symbool (., x, -, ?)", rij=nr, kolom=kop[i])
        if sidecar.velden and titel not in sidecar.velden:
            raise InvoerFout(
                pad,
                "onbekend veld: deze kolom staat niet in 'velden' van de sidecar",
                kolom=kop[i] if onderwerp is None else titel,
            )
        numeriek[i] = (titel, eenheid)
    if not numeriek:
        raise InvoerFout(pad, "geen kolommen met getallen gevonden")
    hint = bestandsdecimaal([cellen_per_kolom[i] for i in numeriek], pad)
    decimaal = {
        i: kies_decimaal(cellen_per_kolom[i], pad, kop[i] if onderwerp is None else numeriek[i][0],
                         bestandsbreed=hint, instelling=sidecar.decimaalteken)
        for i in numeriek
    }

    naar_code, naar_naam = gebiedsnamen(sidecar)
    lijst = gemeentelijst()
    deelperioden: dict[str, int] = {}
    onbekend_leeg: list[str] = []
    ander_gebied: list[str] = []
    cellen: dict[tuple, dict] = {}
    for nr, r in data:
        periode = r[i_jaar]
        jaar = parse_periode(periode)
        if jaar is None:
            if is_deelperiode(periode):
                deelperioden[periode] = deelperioden.get(periode, 0) + 1
                continue
            raise InvoerFout(
                pad,
                f"ongeldige periode '{periode}' (verwacht een jaar, bijv. 2022, 2022JJ00 of 2022*)",
                rij=nr,
                kolom=kop[i_jaar],
            )
        label = r[i_gebied]
        heeft_cijfer = any(marker(r[i]) is None for i in numeriek)
        code = gebiedscode(label)
        if re.match(BRON_GEBIED_PATROON, code):
            naam = naar_naam.get(code, "") or lijst.naam(code)
        else:
            naam = label
            if i_codering is not None and r[i_codering]:
                code = gebiedscode(r[i_codering])
            elif label in naar_code:
                code = naar_code[label]
            else:
                if _ANDER_GEBIED.search(label):
                    ander_gebied.append(label)
                    continue
                gevonden, kandidaten, dubbelzinnig = lijst.zoek(label, suggesties=heeft_cijfer)
                if gevonden is None and not heeft_cijfer:
                    onbekend_leeg.append(label)  # e.g. a municipality dissolved before these years
                    continue
                if gevonden is None:
                    uitleg = (f"dubbelzinnige gebiedsnaam '{label}': kan zijn {' of '.join(kandidaten)}"
                              if dubbelzinnig else
                              f"onbekend gebied '{label}'" + (f"; bedoelt u {' of '.join(repr(k) for k in kandidaten)}?"
                                                             if kandidaten else ""))
                    raise InvoerFout(
                        pad,
                        f"{uitleg} (de gemeentelijst kent de namen van 2020 tot en met 2023); geef de code "
                        "in de sidecar onder 'gebieden' (naam: code)",
                        rij=nr,
                        kolom=kop[i_gebied],
                    )
                code = gevonden
            code = gebiedscode(code)
            if not re.match(BRON_GEBIED_PATROON, code):
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
            per_rol = cellen.setdefault(sleutel, {"_meta": (naam, eenheid, kop[i], nr, decimaal[i])})
            if rol in per_rol:
                raise InvoerFout(
                    pad,
                    f"dubbele meting voor {titel}, gebied {code}, leeftijd '{lft}', jaar {jaar}"
                    f" (ook in rij {per_rol[rol][1]})",
                    rij=nr,
                    kolom=kop[i],
                )
            per_rol[rol] = (r[i], nr)
    if deelperioden:
        n = sum(deelperioden.values())
        if not cellen:
            raise InvoerFout(pad, f"geen jaarcijfers: alle {n} rijen gelden voor een kwartaal of maand "
                                  f"({opsomming(sorted(deelperioden))}); download de jaarcijfers", kolom=kop[i_jaar])
        meldingen.append(f"{pad.name}: {n} rijen van kwartalen of maanden overgeslagen "
                         f"({opsomming(sorted(deelperioden))}); alleen jaarcijfers worden gelezen")
    if onbekend_leeg:
        meldingen.append(f"{pad.name}: {len(onbekend_leeg)} rijen zonder cijfers van gebieden die niet in de "
                         f"gemeentelijst staan overgeslagen (opgeheven gemeenten): {opsomming(sorted(set(onbekend_leeg)))}")
    if ander_gebied:
        meldingen.append(f"{pad.name}: {len(ander_gebied)} rijen van provincies, landsdelen of COROP-gebieden "
                         f"overgeslagen: {opsomming(sorted(set(ander_gebied)))}")
    if not cellen:
        raise InvoerFout(pad, "geen rijen met een bekend gebied en een jaar", rij=1)

    records = []
    for (veld, code, lft, jaar), per_rol in cellen.items():
        naam, eenheid, kolom, eerste, dec = per_rol["_meta"]
        waarde, mark, rij_w = float("nan"), ".", eerste
        if "waarde" in per_rol:
            ruw, rij_w = per_rol["waarde"]
            mark = marker(ruw) or ""
            waarde = float("nan") if mark else lees_getal(ruw, dec)
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
                rec[g] = float("nan") if marker(ruw) else lees_getal(ruw, dec)
                rec["_rij_" + g] = nr
            else:
                rec[g] = float("nan")
                rec["_rij_" + g] = rij_w
        records.append(rec)
    df = pd.DataFrame.from_records(records)
    kolomnamen = {"gebied": kop[i_gebied], "gebied_niveau": kop[i_gebied], "jaar": kop[i_jaar]}
    if i_leeftijd is not None:
        kolomnamen["leeftijd"] = kop[i_leeftijd]
    return met_meldingen(valideer_metingen(df, pad, kolomnamen), meldingen)
