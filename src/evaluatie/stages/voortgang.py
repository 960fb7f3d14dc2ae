"""Stage `voortgang`: progress per indicator, split per thema for the notebooks.

Writes data/processed/voortgang.parquet (all indicators, all methods side by side),
data/processed/thema/<thema>/ (what one theme notebook needs, nothing more, so a
change in one theme's data reruns only that theme) and DVC metrics.
"""

from __future__ import annotations

import json

import pandas as pd

from evaluatie.bestanden import schrijf_parquet, schrijf_tekst
from evaluatie.fouten import InvoerFout
from evaluatie.stages import Paden, draai, laad_params

STATUS_CODE = {
    "doel gehaald": 5,
    "op koers": 4,
    "vooruitgang, te langzaam": 3,
    "geen meetbare verandering": 2,
    "verkeerde richting": 1,
    "onvoldoende gegevens": 0,
}


def metrics(voortgang: pd.DataFrame) -> dict:
    """Per indicator: status (word and code) and distance closed, for `dvc metrics diff`."""
    uit: dict[str, dict] = {}
    for rij in voortgang.itertuples(index=False):
        afstand = getattr(rij, "afstand_gesloten", None)
        uit[rij.indicator_id] = {
            "status": rij.status,
            "status_code": STATUS_CODE.get(rij.status, -1),
            "afstand_gesloten": None if afstand is None or pd.isna(afstand) else round(float(afstand), 4),
        }
    return {"indicatoren": uit}


def per_thema(thema: str, tabellen: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The slice of every table that belongs to one theme."""
    ind = tabellen["indicatoren"]
    ids = set(ind.loc[ind["thema_id"] == thema, "indicator_id"])
    reeksen = tabellen["gekoppeld"]
    return {
        "thema": tabellen["themas"][tabellen["themas"]["thema_id"] == thema],
        "indicatoren": ind[ind["thema_id"] == thema],
        "voortgang": tabellen["voortgang"][tabellen["voortgang"]["indicator_id"].isin(ids)],
        "reeksen": reeksen[reeksen["indicator_id"].isin(ids)],
        "acties": tabellen["acties"][tabellen["acties"]["thema_id"] == thema],
    }


def run(paden: Paden | None = None) -> None:
    paden = paden or laad_params()
    p = paden.params

    # load inputs
    from evaluatie.ingest import koppel, laad_koppeling
    from evaluatie.onthulling import onderdruk
    from evaluatie.voortgang import beoordeel_alles

    lees = lambda naam: pd.read_parquet(paden.processed / f"{naam}.parquet")  # noqa: E731
    tabellen = {naam: lees(naam) for naam in ("themas", "indicatoren", "acties", "metingen")}
    koppeling = laad_koppeling(paden.monitor / "koppeling.yaml")
    bekend = set(tabellen["themas"]["thema_id"])
    for i, thema in enumerate(p["themas"]):
        if thema not in bekend:
            raise InvoerFout(paden.root / "params.yaml",
                             f"thema {thema!r} staat niet in het beleidskader van {p['gemeente']} "
                             f"(bekend: {', '.join(sorted(bekend))})", sleutel=f"themas[{i}]")

    # process
    gekoppeld = koppel(tabellen["metingen"], koppeling, p["gemeente_code"])
    for code in p.get("vergelijkingsgemeenten") or []:  # comparable municipalities, own rows only
        ander = koppel(tabellen["metingen"], koppeling, code)
        gekoppeld = pd.concat([gekoppeld, ander[ander["gebied"] == code]], ignore_index=True)
    # only measurements of indicators in this gemeente's framework feed the report,
    # and no cell that could reveal a small group of residents (disclosure control)
    gekoppeld = gekoppeld[gekoppeld["indicator_id"].isin(tabellen["indicatoren"]["indicator_id"])]
    regels = p.get("onthulling") or {}
    tabellen["gekoppeld"] = onderdruk(gekoppeld.reset_index(drop=True), int(regels.get("min_aantal", 10)),
                                      bool(regels.get("onderdruk_onbetrouwbaar", True)))
    voortgang = beoordeel_alles(
        tabellen["indicatoren"], tabellen["gekoppeld"], p["gemeente_code"], p.get("drempels") or {}
    )
    thema_van = tabellen["indicatoren"][["indicator_id", "thema_id"]].drop_duplicates("indicator_id")
    tabellen["voortgang"] = voortgang.merge(thema_van, on="indicator_id", how="left", validate="many_to_one")

    # save outputs
    schrijf_parquet(tabellen["gekoppeld"], paden.processed / "metingen_gekoppeld.parquet")
    schrijf_parquet(tabellen["voortgang"], paden.processed / "voortgang.parquet")
    for thema in p["themas"]:
        for naam, tabel in per_thema(thema, tabellen).items():
            schrijf_parquet(tabel.reset_index(drop=True), paden.thema_invoer(thema) / f"{naam}.parquet")
    schrijf_tekst(paden.processed / "voortgang_metrics.json",
                  json.dumps(metrics(tabellen["voortgang"]), indent=2, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    draai(run)
