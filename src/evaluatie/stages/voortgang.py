"""Stage `voortgang`: progress per indicator, split per thema for the notebooks.

Writes data/processed/voortgang.parquet (all indicators, all methods side by side),
data/processed/thema/<thema>/ (what one theme notebook needs, nothing more, so a
change in one theme's data reruns only that theme) and DVC metrics.
"""

from __future__ import annotations

import json

import pandas as pd

from evaluatie.gedeeld.bestanden import ruim_op, schrijf_parquet, schrijf_tekst
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.instellingen import Instellingen, laad_instellingen
from evaluatie.stages import draai

#: Status -> ordinal code for `dvc metrics diff` (higher is better; 0 = no verdict possible).
STATUS_CODE = {
    "doel gehaald": 7,
    "doel gehaald, binnen de foutmarge": 6,
    "op koers": 5,
    "vooruitgang, te langzaam": 4,
    "geen meetbare verandering": 3,
    "verkeerde richting": 2,
    "doel niet gehaald": 1,
    "onvoldoende gegevens": 0,
}


def _getal(x: object, decimalen: int = 4) -> float | None:
    return None if x is None or pd.isna(x) else round(float(x), decimalen)  # type: ignore[arg-type]


def _tekst(x: object) -> str | None:
    return None if x is None or pd.isna(x) else str(x)  # type: ignore[arg-type]


def metrics(voortgang: pd.DataFrame) -> dict:
    """Per indicator: status (word and code), target verdict, change and Nederland verdicts and
    distance closed; plus the count per status, for `dvc metrics diff`."""
    uit: dict[str, dict] = {}
    for rij in voortgang.itertuples(index=False):
        uit[rij.indicator_id] = {
            "status": rij.status,
            "status_code": STATUS_CODE.get(rij.status, -1),
            "doel_oordeel": _tekst(getattr(rij, "doel_oordeel", None)),
            "verandering_oordeel": _tekst(getattr(rij, "verandering_oordeel", None)),
            "nl_oordeel": _tekst(getattr(rij, "nl_oordeel", None)),
            "afstand_gesloten": _getal(getattr(rij, "afstand_gesloten", None)),
        }
    telling = {status: int((voortgang["status"] == status).sum()) for status in STATUS_CODE}
    return {"indicatoren": uit, "per_status": telling}


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


def run(inst: Instellingen | None = None) -> None:
    inst = inst or laad_instellingen()
    from evaluatie.voortgang.beoordeel import beoordeel_alles
    from evaluatie.voortgang.onthulling import onderdruk

    # load inputs
    lees = lambda naam: pd.read_parquet(inst.processed / f"{naam}.parquet")  # noqa: E731
    tabellen = {naam: lees(naam) for naam in ("themas", "indicatoren", "acties", "metingen_gekoppeld")}
    bekend = set(tabellen["themas"]["thema_id"])
    for i, thema in enumerate(inst.themas):
        if thema not in bekend:
            raise InvoerFout(inst.root / "params.yaml",
                             f"thema {thema!r} staat niet in het beleidskader van {inst.params['gemeente']} "
                             f"(bekend: {', '.join(sorted(bekend))})", sleutel=f"themas[{i}]")

    # process: no cell that could reveal a small group of residents feeds the report
    gekoppeld = tabellen.pop("metingen_gekoppeld")
    # a series counts people when koppeling.yaml or the kader says so (telling), whatever its unit string
    ind = tabellen["indicatoren"]
    telt = set(ind.loc[ind["telling"].astype(bool), "indicator_id"]) if "telling" in ind else set()
    gekoppeld["telling"] = gekoppeld.get("telling", False) | gekoppeld["indicator_id"].isin(telt)
    tabellen["gekoppeld"] = onderdruk(gekoppeld, inst.min_aantal, inst.onderdruk_onbetrouwbaar)
    voortgang = beoordeel_alles(tabellen["indicatoren"], tabellen["gekoppeld"], inst.gemeente_code, inst.drempels)
    thema_van = tabellen["indicatoren"][["indicator_id", "thema_id"]].drop_duplicates("indicator_id")
    tabellen["voortgang"] = voortgang.merge(thema_van, on="indicator_id", how="left", validate="many_to_one")

    # save outputs
    schrijf_parquet(tabellen["voortgang"], inst.processed / "voortgang.parquet")
    for thema in inst.themas:
        for naam, tabel in per_thema(thema, tabellen).items():
            schrijf_parquet(tabel.reset_index(drop=True), inst.thema_invoer(thema) / f"{naam}.parquet")
    ruim_op(inst.processed / "thema", set(inst.themas))
    schrijf_tekst(inst.processed / "voortgang_metrics.json",
                  json.dumps(metrics(tabellen["voortgang"]), indent=2, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    draai(run)
