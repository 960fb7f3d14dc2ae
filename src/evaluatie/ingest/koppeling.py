"""Indicator -> source field mapping (``data/raw/monitor/koppeling.yaml``) and
:func:`koppel`, which picks each indicator's measurements for a municipality.

An indicator names its field by key (``veld``, e.g. ``Eenzaam_27``) and/or by topic title
(``veld_titel``, as a StatLine CSV shows it; compared without theme path, unit and case). It may
name the same measure in other versions of the table under ``ook``, e.g. 50120NED and its
successor 50150NED (other field keys, the 2024 wave)::

    eenzaam_65plus:
      tabel: 50120NED
      veld: Eenzaam_27
      ook:
        - {tabel: 50150NED, veld: Eenzaam_25}

A wave present in more than one version is taken from the first entry that has it (the main
``tabel`` first, then ``ook`` in order). :func:`koppel_verslag` says per file how many of its
fields the mapping links ("0 van de N velden gekoppeld"), so a file nobody maps is never dropped
without a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from evaluatie.gedeeld.definities import GEMEENTE_CODE, eenheid_soort
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.yaml_lezer import lees_yaml

KOPPELING_KOLOMMEN = [
    "indicator_id",
    "kader_id",
    "bron",
    "tabel",
    "veld",
    "veld_titel",
    "leeftijd",
    "marges",
    "veld_status",
    "opmerking",
]
_VERPLICHT = ("kader_id", "bron", "tabel", "veld", "leeftijd", "marges")
_OOK_SLEUTELS = {"tabel", "veld", "veld_titel", "opmerking"}
BRONVELD_KOLOMMEN = ["indicator_id", "volgorde", "tabel", "veld", "veld_titel"]
_TABEL_SLEUTELS = {"titel", "bron", "basis_url", "opmerking", "onzekerheid"}
MARGES_OPTIES = ("95%-betrouwbaarheidsinterval", "geen")
#: Declared kind of uncertainty of a source table (docs/methodologie.md, "Soorten bronnen"):
#: a direct survey estimate, a small-area model estimate (RIVM SMAP) or a registration.
ONZEKERHEID_OPTIES = ("directe_schatting", "modelschatting", "registratie")

KOPPEL_KOLOMMEN = [
    "indicator_id",
    "gebied",
    "gebied_niveau",
    "gebied_naam",
    "jaar",
    "waarde",
    "ondergrens",
    "bovengrens",
    "markering",
    "eenheid",
    "demo",
    "bron",
    "tabel",
    "veld",
    "onzekerheid",
    "telling",
]
_NIVEAU_VOLGORDE = {"land": 0, "gemeente": 1, "wijk": 2, "buurt": 3}


@dataclass(frozen=True)
class Koppeling:
    """``indicatoren``: one row per indicator (columns :data:`KOPPELING_KOLOMMEN`);
    ``tabellen``: per table id its title, source and OData base URL."""

    indicatoren: pd.DataFrame
    tabellen: dict[str, dict[str, Any]] = field(default_factory=dict)
    pad: Path | None = None
    bronvelden: pd.DataFrame | None = None
    """One row per indicator and table version (:data:`BRONVELD_KOLOMMEN`); ``volgorde`` 0 is the
    main ``tabel``/``veld``, 1.. the ``ook`` entries in order."""


def laad_koppeling(pad: Path) -> Koppeling:
    """Read and check koppeling.yaml. Unknown or missing keys raise InvoerFout
    with the key path (e.g. ``indicatoren.eenzaam_ernstig.veld``)."""
    pad = Path(pad)
    if not pad.exists():
        raise InvoerFout(pad, "koppelingsbestand bestaat niet")
    inhoud = lees_yaml(pad).data
    onbekend = set(inhoud) - {"versie", "tabellen", "indicatoren"}
    if onbekend:
        raise InvoerFout(pad, "onbekende sleutel", sleutel=sorted(onbekend)[0])
    tabellen = inhoud.get("tabellen") or {}
    if not isinstance(tabellen, dict):
        raise InvoerFout(pad, "verwacht een mapping tabel-id: gegevens", sleutel="tabellen")
    for tid, t in tabellen.items():
        if not isinstance(t, dict):
            raise InvoerFout(pad, "verwacht een mapping", sleutel=f"tabellen.{tid}")
        extra = set(t) - _TABEL_SLEUTELS
        if extra:
            raise InvoerFout(pad, "onbekende sleutel", sleutel=f"tabellen.{tid}.{sorted(extra)[0]}")
        if t.get("onzekerheid") not in ONZEKERHEID_OPTIES:
            raise InvoerFout(pad, f"onzekerheid moet een van {', '.join(ONZEKERHEID_OPTIES)} zijn",
                             sleutel=f"tabellen.{tid}.onzekerheid")
    indicatoren = inhoud.get("indicatoren")
    if not isinstance(indicatoren, dict) or not indicatoren:
        raise InvoerFout(pad, "geen indicatoren", sleutel="indicatoren")
    rijen = []
    bronvelden = []
    for iid, k in indicatoren.items():
        plek = f"indicatoren.{iid}"
        if not re.match(r"^[a-z][a-z0-9_]*$", str(iid)):
            raise InvoerFout(pad, "indicator-id: kleine letters, cijfers en _", sleutel=plek)
        if not isinstance(k, dict):
            raise InvoerFout(pad, "verwacht een mapping", sleutel=plek)
        extra = set(k) - set(KOPPELING_KOLOMMEN) - {"ook", "telling"}
        if extra:
            raise InvoerFout(pad, "onbekende sleutel", sleutel=f"{plek}.{sorted(extra)[0]}")
        if not isinstance(k.get("telling", False), bool):
            raise InvoerFout(pad, "telling moet true of false zijn (true: de reeks telt personen en valt onder "
                                  "onthulling.min_aantal)", sleutel=f"{plek}.telling")
        for sleutel in _VERPLICHT:
            if sleutel not in k or k[sleutel] is None:
                raise InvoerFout(pad, "verplichte sleutel ontbreekt", sleutel=f"{plek}.{sleutel}")
        if k["marges"] not in MARGES_OPTIES:
            raise InvoerFout(
                pad, f"marges moet een van {', '.join(MARGES_OPTIES)} zijn", sleutel=f"{plek}.marges"
            )
        rij = {kol: ("" if k.get(kol) is None else str(k.get(kol)).strip()) for kol in KOPPELING_KOLOMMEN}
        rij["indicator_id"] = str(iid)
        rij["telling"] = bool(k.get("telling", False))
        rijen.append(rij)
        bronvelden.append({"indicator_id": str(iid), "volgorde": 0, "tabel": rij["tabel"], "veld": rij["veld"],
                           "veld_titel": rij["veld_titel"]})
        ook = k.get("ook") or []
        if not isinstance(ook, list):
            raise InvoerFout(pad, "verwacht een lijst van {tabel, veld}", sleutel=f"{plek}.ook")
        for n, o in enumerate(ook, start=1):
            if not isinstance(o, dict):
                raise InvoerFout(pad, "verwacht een mapping met tabel en veld", sleutel=f"{plek}.ook[{n - 1}]")
            extra = set(o) - _OOK_SLEUTELS
            if extra:
                raise InvoerFout(pad, "onbekende sleutel", sleutel=f"{plek}.ook[{n - 1}].{sorted(extra)[0]}")
            if not o.get("tabel") or not (o.get("veld") or o.get("veld_titel")):
                raise InvoerFout(pad, "tabel en veld (of veld_titel) zijn verplicht", sleutel=f"{plek}.ook[{n - 1}]")
            bronvelden.append({"indicator_id": str(iid), "volgorde": n, "tabel": str(o["tabel"]).strip(),
                               "veld": str(o.get("veld") or "").strip(),
                               "veld_titel": str(o.get("veld_titel") or "").strip()})
    df = pd.DataFrame(rijen, columns=[*KOPPELING_KOLOMMEN, "telling"]).sort_values("indicator_id").reset_index(drop=True)
    bv = pd.DataFrame(bronvelden, columns=BRONVELD_KOLOMMEN).sort_values(["indicator_id", "volgorde"])
    return Koppeling(indicatoren=df, tabellen={str(k): dict(v) for k, v in tabellen.items()}, pad=pad,
                     bronvelden=bv.reset_index(drop=True))


def titelsleutel(titel: str) -> str:
    """A topic title compared without theme path, unit and case:
    'Bevolking/Bevolkingssamenstelling op 1 januari/Totale bevolking (aantal)' and
    'totale bevolking' give the same key."""
    from evaluatie.ingest.monitor.bron import splits_thema

    kaal = splits_thema(str(titel or ""))[0]
    return re.sub(r"\s+", " ", kaal).strip().casefold()


def _bronvelden(koppeling: Koppeling) -> pd.DataFrame:
    if koppeling.bronvelden is not None:
        return koppeling.bronvelden
    ind = koppeling.indicatoren
    return pd.DataFrame({"indicator_id": ind["indicator_id"], "volgorde": 0, "tabel": ind["tabel"],
                         "veld": ind["veld"], "veld_titel": ind["veld_titel"]})


def _past(metingen: pd.DataFrame, tabel: str, veld: str, veld_titel: str) -> pd.Series:
    """Rows of ``metingen`` from ``tabel`` whose field is ``veld`` (key) or has the title ``veld_titel``."""
    in_tabel = metingen["tabel"] == tabel
    sleutels = {veld} - {""}
    titels = {titelsleutel(t) for t in (veld_titel, veld) if t}
    op_sleutel = metingen["veld"].isin(sleutels)
    if not in_tabel.any():
        return in_tabel
    passend = {v for v in metingen.loc[in_tabel, "veld"].unique() if titelsleutel(v) in titels}
    op_titel = in_tabel & metingen["veld"].isin(passend)
    return in_tabel & (op_sleutel | op_titel)


def koppel_dekking(metingen: pd.DataFrame, koppeling: Koppeling) -> list[tuple[str, int, int, str]]:
    """Per source file (sorted by name): ``(bestand, linked fields, fields, Dutch line)``, the line e.g.
    ``"50150NED: 0 van de 4 velden gekoppeld (tabel 50150NED staat niet in koppeling.yaml)"``.
    A field counts as linked when some mapping entry names its table and its key or title
    (regardless of region and age)."""
    uit = []
    bv = _bronvelden(koppeling)
    for bestand, deel in metingen.groupby("bestand", sort=True):
        paren = deel[["tabel", "veld"]].drop_duplicates()
        gekoppeld = pd.Series(False, index=paren.index)
        for b in bv.itertuples(index=False):
            gekoppeld |= _past(paren, b.tabel, b.veld, b.veld_titel)
        k, n = int(gekoppeld.sum()), len(paren)
        regel = f"{bestand}: {k} van de {n} velden gekoppeld"
        if k == 0:
            tabellen = sorted(set(paren["tabel"]))
            onbekend = [t for t in tabellen if t not in set(bv["tabel"])]
            regel += (f" (tabel {', '.join(onbekend)} staat niet in koppeling.yaml)" if onbekend else
                      " (geen veldsleutel of -titel komt overeen met koppeling.yaml)")
        uit.append((str(bestand), k, n, regel))
    return uit


def koppel_verslag(metingen: pd.DataFrame, koppeling: Koppeling) -> list[str]:
    """The lines of :func:`koppel_dekking`: per source file how many of its fields the mapping links."""
    return [regel for *_, regel in koppel_dekking(metingen, koppeling)]


def koppel(metingen: pd.DataFrame, koppeling: Koppeling | Path | str, gemeente_code: str) -> pd.DataFrame:
    """Per indicator, the measurements for ``gemeente_code``, Nederland (NL01)
    and the municipality's districts (WK + the 4 digits of the municipality).

    A measurement belongs to an indicator when table, age group and field
    match; the field may be given by key (``veld``, OData/template) or by title
    (``veld_titel``, as in a StatLine CSV). With ``marges: geen`` the bounds are
    dropped. The column ``onzekerheid`` carries the declared uncertainty of the
    indicator's table (:data:`ONZEKERHEID_OPTIES`). Returns columns :data:`KOPPEL_KOLOMMEN`, sorted by indicator,
    area level (land, gemeente, wijk), area and year.
    """
    if not isinstance(koppeling, Koppeling):
        koppeling = laad_koppeling(Path(koppeling))
    code = str(gemeente_code).strip().upper()
    if not GEMEENTE_CODE.match(code):
        raise InvoerFout(None, f"ongeldige gemeentecode '{gemeente_code}' (verwacht GMnnnn, bijv. GM0603)")
    wijk_prefix = "WK" + code[2:]
    gebied_ok = (
        (metingen["gebied"] == "NL01")
        | (metingen["gebied"] == code)
        | metingen["gebied"].str.startswith(wijk_prefix)
    )
    basis = metingen[gebied_ok]
    bv = _bronvelden(koppeling)
    delen = []
    for _, k in koppeling.indicatoren.iterrows():
        versies = []
        for b in bv[bv["indicator_id"] == k["indicator_id"]].itertuples(index=False):
            deel = basis[_past(basis, b.tabel, b.veld, b.veld_titel) & (basis["leeftijd"] == k["leeftijd"])].copy()
            deel["_volgorde"] = b.volgorde
            versies.append(deel)
        sel = pd.concat(versies, ignore_index=True) if versies else basis.iloc[:0].copy()
        # one wave in two table versions: the first entry (main table, then 'ook' in order) wins
        sel = sel.sort_values("_volgorde", kind="mergesort").drop_duplicates(["gebied", "jaar"], keep="first")
        if k["marges"] == "geen":
            sel["ondergrens"] = float("nan")
            sel["bovengrens"] = float("nan")
        sel.insert(0, "indicator_id", k["indicator_id"])
        # each row carries the declared uncertainty of the table it came from (main table or 'ook')
        hoofd = koppeling.tabellen.get(k["tabel"], {}).get("onzekerheid")
        sel["onzekerheid"] = sel["tabel"].astype(str).map(
            lambda tabel: koppeling.tabellen.get(tabel, {}).get("onzekerheid", hoofd)).astype(object)
        # a count of people, declared (telling: true) or by the kind of its unit: disclosure control applies
        sel["telling"] = bool(k.get("telling", False)) | sel["eenheid"].map(
            lambda e: eenheid_soort(e) == "telling").astype(bool)
        delen.append(sel[KOPPEL_KOLOMMEN])
    if not delen:
        return pd.DataFrame(columns=KOPPEL_KOLOMMEN)
    uit = pd.concat(delen, ignore_index=True)
    uit["_niveau"] = uit["gebied_niveau"].map(_NIVEAU_VOLGORDE)
    uit = uit.sort_values(["indicator_id", "_niveau", "gebied", "jaar"], kind="mergesort")
    return uit.drop(columns="_niveau").reset_index(drop=True)


def controleer_gebieden(metingen: pd.DataFrame, koppeling: Koppeling, indicatoren: pd.DataFrame,
                        gemeente_code: str, vergelijkingsgemeenten: list[str], params: Path,
                        monitor: Path | list[Path] = Path("data/raw/monitor")) -> None:
    """Refuse, by name, a gemeente the report needs that the monitor data does not have.

    ``monitor`` is the monitor folder, or the edition's folders (the file named in an error is looked up there).

    * the gemeente itself: for each indicator of its kader that koppeling.yaml links, the files of the
      linked tables must hold at least one row of ``gemeente_code`` (otherwise the report would
      silently say "onvoldoende gegevens");
    * every ``vergelijkingsgemeenten`` code must occur in at least one monitor file.
    """
    gebieden = set(metingen["gebied"].unique())
    for i, code in enumerate(vergelijkingsgemeenten):
        if code not in gebieden:
            raise InvoerFout(params, f"vergelijkingsgemeente {code} komt in geen enkel monitorbestand voor "
                                     "(data/raw/monitor/); controleer de CBS-code of haal de gegevens op",
                             sleutel=f"vergelijkingsgemeenten[{i}]")
    bv = _bronvelden(koppeling)
    eigen = set(indicatoren["indicator_id"])
    aanwezig = set(metingen["tabel"].unique())
    met_gemeente = set(metingen.loc[metingen["gebied"] == gemeente_code, "tabel"].unique())
    for iid in sorted(eigen & set(koppeling.indicatoren["indicator_id"])):
        tabellen = set(bv.loc[bv["indicator_id"] == iid, "tabel"])
        if not tabellen & aanwezig or tabellen & met_gemeente:
            continue  # no file for the table at all is reported by koppel_verslag and the report itself
        bestanden = sorted(set(metingen.loc[metingen["tabel"].isin(tabellen), "bestand"]))
        mappen = [Path(m) for m in (monitor if isinstance(monitor, list) else [monitor])]
        pad = next((m / bestanden[0] for m in mappen if (m / bestanden[0]).exists()), mappen[0] / bestanden[0])
        raise InvoerFout(pad, f"bevat geen metingen voor de gemeente {gemeente_code} (gemeente_code in "
                                       f"params.yaml), maar indicator '{iid}' komt uit tabel "
                                       f"{', '.join(sorted(tabellen))}; lever het bestand voor deze gemeente aan",
                         kolom="gebied")


def controleer_eenheden(gekoppeld: pd.DataFrame, indicatoren: pd.DataFrame, kaders: list[Any],
                        koppeling: Koppeling) -> None:
    """Refuse a kader indicator whose kind of unit (percentage or count) differs from its monitor field:
    a kader ``aantal`` against a monitor field in ``%`` (or the reverse) would compare unlike numbers."""
    soort_kader = {r.indicator_id: ("percentage" if r.is_percentage else eenheid_soort(r.eenheid))
                   for r in indicatoren.itertuples(index=False)}
    velden = gekoppeld.drop_duplicates(["indicator_id", "tabel", "veld", "eenheid"])
    for r in velden.itertuples(index=False):
        kader, monitor = soort_kader.get(r.indicator_id, ""), eenheid_soort(r.eenheid)
        percentages = {kader, monitor} & {"percentage"}
        if not percentages or kader == monitor or not kader or not monitor:
            continue
        bestand, sleutel = koppeling.pad, f"indicatoren.{r.indicator_id}"
        for k in kaders:
            for i, ind in enumerate(k.indicatoren):
                if ind.id == r.indicator_id:
                    bestand, sleutel = k.bestand, f"indicatoren[{i}].eenheid"
        kader_eenheid = indicatoren.loc[indicatoren["indicator_id"] == r.indicator_id, "eenheid"].iloc[0]
        raise InvoerFout(bestand, f"eenheid '{kader_eenheid}' van indicator '{r.indicator_id}' past niet bij het "
                                  f"monitorveld {r.tabel}/{r.veld} in '{r.eenheid}' (koppeling.yaml, "
                                  f"indicatoren.{r.indicator_id}): een aantal en een percentage zijn niet te "
                                  "vergelijken", sleutel=sleutel)
