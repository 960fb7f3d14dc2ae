"""Reading a policy framework ("kader") strictly: every refusal names file, key path and line.

A kader is one YAML file under ``data/raw/kader/<gemeente>/<programma>.yaml``: themes,
indicators with baseline and target, actions, and for the innovation programme the factsheet
projects with their subsidies. Every figure carries a ``bron`` (document, bestand, sectie).

Loading is strict: :func:`laad_kader` refuses a file with :class:`InvoerFout` naming the file,
the key path (``indicatoren[2].doel.waarde``; list positions are 0-based, as in the YAML
sequence) and the line in the file. Only ``yaml.safe_load``-level constructs are accepted.

Public API
----------
- :func:`laad_kader` (one file) and :func:`laad_kaders` (all ``*.yaml`` in a folder, sorted)
- :func:`valideer_map` (validate a folder, including cross-file checks)
- :func:`kader_tabellen` (tidy pandas tables, validated with the pandera schemas below)
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from evaluatie.gedeeld.definities import eenheid_soort
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.yaml_lezer import Pad, YamlBestand, lees_yaml, pad_tekst as _pad_tekst
from evaluatie.ingest.kader.model import (
    ACTIE_STATUS,
    Actie,
    BUDGETTEN,
    Basis,
    Bron,
    DOEL_TYPES,
    Doel,
    Indicator,
    JAAR_BEPALINGEN,
    JAAR_MAX,
    JAAR_MIN,
    Kader,
    LANDELIJKE_THEMA_NAMEN,
    Project,
    RICHTINGEN,
    Subsidie,
    Thema,
    _GEMEENTE_CODE,
    _ID,
    _PROJECT_ID,
)

__all__ = ["controleer_jaren", "laad_kader", "laad_kaders", "valideer_map"]

#: Largest kader file read (the largest real one is ~40 KB); a larger file is refused before parsing.
MAX_KADER_BYTES = 2_000_000

#: Latest target year accepted, in years after the report's year (``datum`` in params.yaml).
DOEL_HORIZON_JAREN = 30


# --------------------------------------------------------------------------- reading


class _Lezer:
    """Strict reader for one YAML file: every refusal names file, key path and line."""

    def __init__(self, gelezen: YamlBestand) -> None:
        self.bestand = gelezen.bestand
        self._gelezen = gelezen

    # -- errors
    def fout(self, pad: Pad, melding: str) -> InvoerFout:
        return self._gelezen.fout(pad, melding)

    # -- structure
    def mapping(
        self,
        obj: Any,
        pad: Pad,
        verplicht: Iterable[str] = (),
        optioneel: Iterable[str] = (),
    ) -> dict[str, Any]:
        if not isinstance(obj, dict):
            raise self.fout(pad, f"verwacht een mapping (sleutel: waarde), gevonden {_soort(obj)}")
        verplicht = tuple(verplicht)
        toegestaan = set(verplicht) | set(optioneel)
        for sleutel in obj:
            if not isinstance(sleutel, str):
                raise self.fout(pad, f"sleutel {sleutel!r} moet tekst zijn")
            if sleutel not in toegestaan:
                suggestie = difflib.get_close_matches(sleutel, sorted(toegestaan), n=1)
                hint = f"; bedoelt u '{suggestie[0]}'?" if suggestie else ""
                raise self.fout(
                    pad + (sleutel,),
                    f"onbekende sleutel '{sleutel}'{hint} Toegestaan: {', '.join(sorted(toegestaan))}",
                )
        for sleutel in verplicht:
            if sleutel not in obj:
                if sleutel == "bron":
                    raise self.fout(
                        pad + ("bron",),
                        "gegeven zonder bron: voeg 'bron' toe met document, bestand en sectie",
                    )
                raise self.fout(pad + (sleutel,), f"verplichte sleutel '{sleutel}' ontbreekt")
        return obj

    def lijst(self, obj: Any, pad: Pad, leeg_mag: bool = True) -> list[Any]:
        if obj is None and leeg_mag:
            return []
        if not isinstance(obj, list):
            raise self.fout(pad, f"verwacht een lijst, gevonden {_soort(obj)}")
        if not obj and not leeg_mag:
            raise self.fout(pad, "lijst mag niet leeg zijn")
        return obj

    # -- scalars
    def tekst(self, obj: Any, pad: Pad, *, leeg_mag: bool = False, none_mag: bool = False) -> str | None:
        if obj is None and none_mag:
            return None
        if not isinstance(obj, str):
            raise self.fout(pad, f"verwacht tekst, gevonden {_soort(obj)}")
        if not obj.strip() and not leeg_mag:
            raise self.fout(pad, "tekst mag niet leeg zijn")
        return obj.strip()

    def ident(self, obj: Any, pad: Pad) -> str:
        waarde = self.tekst(obj, pad)
        assert waarde is not None
        if not _ID.match(waarde):
            raise self.fout(pad, f"ongeldig id '{waarde}': alleen kleine letters, cijfers en '_'")
        return waarde

    def project_id(self, obj: Any, pad: Pad) -> str:
        if isinstance(obj, bool) or not isinstance(obj, (str, int, float)):
            raise self.fout(pad, f"verwacht een projectnummer als tekst, gevonden {_soort(obj)}")
        if not isinstance(obj, str):
            raise self.fout(
                pad, f"projectnummer {obj!r} moet tekst zijn; zet het tussen aanhalingstekens ('{obj}')"
            )
        if not _PROJECT_ID.match(obj):
            raise self.fout(pad, f"ongeldig projectnummer '{obj}' (verwacht bijvoorbeeld '0' of '1.1')")
        return obj

    def booleaans(self, obj: Any, pad: Pad) -> bool:
        if not isinstance(obj, bool):
            raise self.fout(pad, f"verwacht true of false, gevonden {_soort(obj)}")
        return obj

    def getal(self, obj: Any, pad: Pad, *, negatief_mag: bool = False) -> float:
        if isinstance(obj, bool) or not isinstance(obj, (int, float)):
            raise self.fout(pad, f"verwacht een getal, gevonden {_soort(obj)}")
        if not math.isfinite(obj):
            raise self.fout(pad, f"getal {obj} is niet eindig")
        if obj < 0 and not negatief_mag:
            raise self.fout(pad, f"negatief bedrag of aantal ({obj}) is niet toegestaan")
        return float(obj)

    def geheel(self, obj: Any, pad: Pad) -> int:
        if isinstance(obj, bool) or not isinstance(obj, int):
            raise self.fout(pad, f"verwacht een geheel getal, gevonden {_soort(obj)}")
        if obj < 0:
            raise self.fout(pad, f"negatief bedrag of aantal ({obj}) is niet toegestaan")
        return obj

    def jaar(self, obj: Any, pad: Pad, *, none_mag: bool = False) -> int | None:
        if obj is None and none_mag:
            return None
        if isinstance(obj, bool) or not isinstance(obj, int):
            raise self.fout(pad, f"verwacht een jaartal (geheel getal), gevonden {_soort(obj)}")
        if not JAAR_MIN <= obj <= JAAR_MAX:
            raise self.fout(pad, f"jaar {obj} valt buiten het bereik {JAAR_MIN}-{JAAR_MAX}")
        return obj

    def keuze(self, obj: Any, pad: Pad, opties: Sequence[str], *, none_mag: bool = False) -> str | None:
        if obj is None and none_mag:
            return None
        if not isinstance(obj, str) or obj not in opties:
            raise self.fout(pad, f"ongeldige waarde {obj!r}; kies uit: {', '.join(opties)}")
        return obj

    def percentage(self, waarde: float, pad: Pad) -> float:
        if not 0 <= waarde <= 100:
            raise self.fout(pad, f"percentage {_getal_tekst(waarde)} valt buiten 0-100")
        return waarde

    def bron(self, obj: Any, pad: Pad) -> Bron:
        if obj is None:
            raise self.fout(pad, "gegeven zonder bron: 'bron' is leeg")
        m = self.mapping(obj, pad, ("document", "bestand", "sectie"), ("citaat", "opmerking"))
        self.tekst(m.get("opmerking"), pad + ("opmerking",), none_mag=True)
        return Bron(
            document=self.tekst(m["document"], pad + ("document",)),  # type: ignore[arg-type]
            bestand=self.tekst(m["bestand"], pad + ("bestand",)),  # type: ignore[arg-type]
            sectie=self.tekst(m["sectie"], pad + ("sectie",)),  # type: ignore[arg-type]
            citaat=self.tekst(m.get("citaat"), pad + ("citaat",), none_mag=True),
        )

    def uniek(self, ids: list[tuple[str, Pad]], wat: str) -> None:
        gezien: dict[str, Pad] = {}
        for waarde, pad in ids:
            if waarde in gezien:
                raise self.fout(
                    pad, f"dubbel {wat} '{waarde}' (ook al gebruikt op {_pad_tekst(gezien[waarde])})"
                )
            gezien[waarde] = pad


def _soort(obj: Any) -> str:
    if obj is None:
        return "niets (null)"
    if isinstance(obj, bool):
        return f"booleaanse waarde {obj!r}"
    if isinstance(obj, (int, float)):
        return f"getal {obj!r}"
    if isinstance(obj, str):
        return f"tekst {obj!r}"
    if isinstance(obj, list):
        return "een lijst"
    if isinstance(obj, dict):
        return "een mapping"
    return type(obj).__name__


def _getal_tekst(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


# --------------------------------------------------------------------------- sections

_TOP_VERPLICHT = ("kader_id", "gemeente", "gemeente_code", "titel", "periode", "documenten", "bron")
_TOP_OPTIONEEL = (
    "omschrijving",
    "opmerking",
    "themas",
    "indicatoren",
    "acties",
    "projecten",
    "organisaties",
    "kerncoalitie",
    "toezicht",
    "plan",
    "evaluatie",
    "monitoring",
    "budget",
    "factsheet",
    "effectdimensies",
    "landelijke_themas",
    "claims",
    "visie",
    "doelen",
    "dashboards",
)


def _lees_themas(lz: _Lezer, ruw: Any) -> tuple[Thema, ...]:
    uit = []
    for i, item in enumerate(lz.lijst(ruw, ("themas",))):
        pad: Pad = ("themas", i)
        m = lz.mapping(
            item, pad, ("id", "naam", "omschrijving", "bron"), ("coalitie", "soort", "dashboard", "opmerking")
        )
        uit.append(
            Thema(
                id=lz.ident(m["id"], pad + ("id",)),
                naam=lz.tekst(m["naam"], pad + ("naam",)),  # type: ignore[arg-type]
                omschrijving=lz.tekst(m["omschrijving"], pad + ("omschrijving",)),  # type: ignore[arg-type]
                coalitie=lz.tekst(m.get("coalitie"), pad + ("coalitie",), none_mag=True),
                soort=lz.keuze(m.get("soort"), pad + ("soort",), ("primair", "ondersteunend"), none_mag=True),
                bron=lz.bron(m["bron"], pad + ("bron",)),
            )
        )
        if "dashboard" in m:
            lz.tekst(m["dashboard"], pad + ("dashboard",), none_mag=True)
        lz.tekst(m.get("opmerking"), pad + ("opmerking",), none_mag=True)
    lz.uniek([(t.id, ("themas", i, "id")) for i, t in enumerate(uit)], "thema-id")
    return tuple(uit)


def _lees_basis(lz: _Lezer, ruw: Any, pad: Pad, is_pct: bool) -> Basis | None:
    if ruw is None:
        return None
    m = lz.mapping(ruw, pad, ("jaar", "waarde", "bron"), ("jaar_aangenomen", "opmerking"))
    waarde = lz.getal(m["waarde"], pad + ("waarde",), negatief_mag=True)
    if is_pct:
        lz.percentage(waarde, pad + ("waarde",))
    aangenomen = lz.booleaans(m.get("jaar_aangenomen", False), pad + ("jaar_aangenomen",))
    opmerking = lz.tekst(m.get("opmerking"), pad + ("opmerking",), none_mag=True)
    if aangenomen and not opmerking:
        raise lz.fout(pad + ("opmerking",), "jaar_aangenomen is true: leg de aanname uit in 'opmerking'")
    if m["jaar"] is None:
        raise lz.fout(pad + ("jaar",), "basiswaarde zonder basisjaar: vul het jaar in waarop de basiswaarde "
                      "slaat (noemt de bron het niet, zet dan jaar_aangenomen: true en leg de keuze uit in "
                      "'opmerking')")
    return Basis(
        jaar=lz.jaar(m["jaar"], pad + ("jaar",)),
        waarde=waarde,
        jaar_aangenomen=aangenomen,
        opmerking=opmerking,
        bron=lz.bron(m["bron"], pad + ("bron",)),
    )


def _lees_doel(lz: _Lezer, ruw: Any, pad: Pad, is_pct: bool, richting: str) -> Doel:
    basis_m = lz.mapping(
        ruw, pad, ("type",), ("waarde", "jaar", "jaar_aangenomen", "richting_per_jaar", "opmerking", "bron")
    )
    soort = lz.keuze(basis_m["type"], pad + ("type",), DOEL_TYPES)
    opmerking = lz.tekst(basis_m.get("opmerking"), pad + ("opmerking",), none_mag=True)
    if soort == "geen":
        m = lz.mapping(ruw, pad, ("type",), ("opmerking", "bron"))
        bron = lz.bron(m["bron"], pad + ("bron",)) if "bron" in m else None
        return Doel(type="geen", opmerking=opmerking, bron=bron)
    if soort == "waarde":
        m = lz.mapping(ruw, pad, ("type", "waarde", "jaar", "bron"), ("jaar_aangenomen", "opmerking"))
        waarde = lz.getal(m["waarde"], pad + ("waarde",), negatief_mag=True)
        if is_pct:
            lz.percentage(waarde, pad + ("waarde",))
        aangenomen = lz.booleaans(m.get("jaar_aangenomen", False), pad + ("jaar_aangenomen",))
        if aangenomen and not opmerking:
            raise lz.fout(pad + ("opmerking",), "jaar_aangenomen is true: leg de aanname uit in 'opmerking'")
        if m["jaar"] is None:
            raise lz.fout(pad + ("jaar",), "doelwaarde zonder doeljaar: vul het jaar in waarin het doel gehaald "
                          "moet zijn (noemt de bron het niet, zet dan jaar_aangenomen: true en leg de keuze uit "
                          "in 'opmerking')")
        return Doel(
            type="waarde",
            waarde=waarde,
            jaar=lz.jaar(m["jaar"], pad + ("jaar",)),
            jaar_aangenomen=aangenomen,
            opmerking=opmerking,
            bron=lz.bron(m["bron"], pad + ("bron",)),
        )
    m = lz.mapping(ruw, pad, ("type", "richting_per_jaar", "bron"), ("opmerking",))
    rpj_pad = pad + ("richting_per_jaar",)
    rpj_ruw = m["richting_per_jaar"]
    if not isinstance(rpj_ruw, dict) or not rpj_ruw:
        raise lz.fout(rpj_pad, "verwacht een niet-lege mapping jaar: hoger|lager")
    rpj: dict[int, str] = {}
    for jaar_ruw, r in rpj_ruw.items():
        jaar = lz.jaar(jaar_ruw, rpj_pad + (str(jaar_ruw),))
        assert jaar is not None
        rpj[jaar] = lz.keuze(r, rpj_pad + (str(jaar_ruw),), RICHTINGEN)  # type: ignore[assignment]
        if rpj[jaar] != richting:
            raise lz.fout(
                rpj_pad + (str(jaar_ruw),),
                f"richting '{rpj[jaar]}' in {jaar} spreekt de gewenste richting '{richting}' "
                "van de indicator tegen",
            )
    return Doel(
        type="richting_per_jaar",
        richting_per_jaar=dict(sorted(rpj.items())),
        opmerking=opmerking,
        bron=lz.bron(m["bron"], pad + ("bron",)),
    )


def _lees_indicatoren(lz: _Lezer, ruw: Any, thema_ids: set[str]) -> tuple[Indicator, ...]:
    uit = []
    for i, item in enumerate(lz.lijst(ruw, ("indicatoren",))):
        pad: Pad = ("indicatoren", i)
        m = lz.mapping(
            item,
            pad,
            (
                "id",
                "thema",
                "naam",
                "eenheid",
                "populatie",
                "richting",
                "is_percentage",
                "bron_omschrijving",
                "doel",
                "bron",
            ),
            ("basis", "cbs_dataset", "opmerking", "telling"),
        )
        iid = lz.ident(m["id"], pad + ("id",))
        thema = lz.ident(m["thema"], pad + ("thema",))
        if thema not in thema_ids:
            raise lz.fout(
                pad + ("thema",),
                f"indicator '{iid}' verwijst naar onbekend thema '{thema}'; "
                f"bekende thema's: {', '.join(sorted(thema_ids)) or '(geen)'}",
            )
        richting = lz.keuze(m["richting"], pad + ("richting",), RICHTINGEN)
        assert richting is not None
        is_pct = lz.booleaans(m["is_percentage"], pad + ("is_percentage",))
        eenheid = lz.tekst(m["eenheid"], pad + ("eenheid",))
        soort = eenheid_soort(eenheid)
        if is_pct and soort in ("telling", "ratio"):
            raise lz.fout(pad + ("eenheid",), f"eenheid '{eenheid}' is een aantal, maar is_percentage is true")
        if not is_pct and soort == "percentage":
            raise lz.fout(pad + ("is_percentage",), f"eenheid '{eenheid}' is een percentage, maar is_percentage "
                                                    "is false")
        telling = lz.booleaans(m.get("telling", soort == "telling"), pad + ("telling",))
        if telling and is_pct:
            raise lz.fout(pad + ("telling",), "telling: true (een aantal personen) past niet bij is_percentage: true")
        basis = _lees_basis(lz, m.get("basis"), pad + ("basis",), is_pct)
        doel = _lees_doel(lz, m["doel"], pad + ("doel",), is_pct, richting)
        if doel.type == "waarde" and basis is not None and doel.waarde is not None:
            if richting == "lager" and doel.waarde > basis.waarde:
                raise lz.fout(
                    pad + ("doel", "waarde"),
                    f"doel {_getal_tekst(doel.waarde)} ligt boven de basiswaarde "
                    f"{_getal_tekst(basis.waarde)}, maar de gewenste richting is 'lager'",
                )
            if richting == "hoger" and doel.waarde < basis.waarde:
                raise lz.fout(
                    pad + ("doel", "waarde"),
                    f"doel {_getal_tekst(doel.waarde)} ligt onder de basiswaarde "
                    f"{_getal_tekst(basis.waarde)}, maar de gewenste richting is 'hoger'",
                )
        if basis is not None and basis.jaar is not None:
            eind = doel.eind_jaar
            if eind is not None and eind < basis.jaar:
                raise lz.fout(
                    pad + ("doel", "jaar"),
                    f"doeljaar {eind} ligt vóór het basisjaar {basis.jaar}",
                )
        uit.append(
            Indicator(
                id=iid,
                thema=thema,
                naam=lz.tekst(m["naam"], pad + ("naam",)),  # type: ignore[arg-type]
                eenheid=lz.tekst(m["eenheid"], pad + ("eenheid",)),  # type: ignore[arg-type]
                populatie=lz.tekst(m["populatie"], pad + ("populatie",)),  # type: ignore[arg-type]
                richting=richting,
                is_percentage=is_pct,
                bron_omschrijving=lz.tekst(m["bron_omschrijving"], pad + ("bron_omschrijving",)),  # type: ignore[arg-type]
                cbs_dataset=lz.tekst(m.get("cbs_dataset"), pad + ("cbs_dataset",), none_mag=True),
                basis=basis,
                doel=doel,
                opmerking=lz.tekst(m.get("opmerking"), pad + ("opmerking",), none_mag=True),
                bron=lz.bron(m["bron"], pad + ("bron",)),
                telling=telling,
            )
        )
    lz.uniek([(x.id, ("indicatoren", i, "id")) for i, x in enumerate(uit)], "indicator-id")
    return tuple(uit)


def _lees_acties(lz: _Lezer, ruw: Any, thema_ids: set[str]) -> tuple[Actie, ...]:
    uit = []
    for i, item in enumerate(lz.lijst(ruw, ("acties",))):
        pad: Pad = ("acties", i)
        m = lz.mapping(
            item, pad, ("id", "thema", "naam", "status", "bron"), ("ook_themas", "omschrijving", "opmerking")
        )
        aid = lz.ident(m["id"], pad + ("id",))
        thema = None if m["thema"] is None else lz.ident(m["thema"], pad + ("thema",))
        ook = tuple(
            lz.ident(t, pad + ("ook_themas", j)) for j, t in enumerate(lz.lijst(m.get("ook_themas"), pad + ("ook_themas",)))
        )
        for j, t in enumerate(((thema,) if thema else ()) + ook):
            if t not in thema_ids:
                sub = ("thema",) if (thema and j == 0) else ("ook_themas", j - (1 if thema else 0))
                raise lz.fout(
                    pad + sub,
                    f"actie '{aid}' verwijst naar onbekend thema '{t}'; "
                    f"bekende thema's: {', '.join(sorted(thema_ids)) or '(geen)'}",
                )
        if thema is None and not m.get("opmerking"):
            raise lz.fout(pad + ("thema",), "actie zonder thema: leg in 'opmerking' uit waarom")
        lz.tekst(m.get("omschrijving"), pad + ("omschrijving",), none_mag=True)
        uit.append(
            Actie(
                id=aid,
                thema=thema,
                naam=lz.tekst(m["naam"], pad + ("naam",)),  # type: ignore[arg-type]
                status=lz.keuze(m["status"], pad + ("status",), ACTIE_STATUS, none_mag=True),
                ook_themas=ook,
                opmerking=lz.tekst(m.get("opmerking"), pad + ("opmerking",), none_mag=True),
                bron=lz.bron(m["bron"], pad + ("bron",)),
            )
        )
    lz.uniek([(x.id, ("acties", i, "id")) for i, x in enumerate(uit)], "actie-id")
    return tuple(uit)


def _lees_subsidies(lz: _Lezer, ruw: Any, pad: Pad) -> tuple[Subsidie, ...]:
    uit = []
    sleutels: list[tuple[str, Pad]] = []
    for i, item in enumerate(lz.lijst(ruw, pad)):
        p = pad + (i,)
        m = lz.mapping(item, p, ("jaar", "bedrag_x1000_eur", "budget", "jaar_bepaling", "bron"), ("opmerking",))
        s = Subsidie(
            jaar=lz.jaar(m["jaar"], p + ("jaar",)),  # type: ignore[arg-type]
            bedrag_x1000_eur=lz.getal(m["bedrag_x1000_eur"], p + ("bedrag_x1000_eur",)),
            budget=lz.keuze(m["budget"], p + ("budget",), BUDGETTEN),  # type: ignore[arg-type]
            jaar_bepaling=lz.keuze(m["jaar_bepaling"], p + ("jaar_bepaling",), JAAR_BEPALINGEN),  # type: ignore[arg-type]
            opmerking=lz.tekst(m.get("opmerking"), p + ("opmerking",), none_mag=True),
            bron=lz.bron(m["bron"], p + ("bron",)),
        )
        uit.append(s)
        sleutels.append((f"{s.jaar} / {s.budget}", p))
    lz.uniek(sleutels, "subsidie (jaar / budget)")
    return tuple(uit)


def _lees_projecten(lz: _Lezer, ruw: Any, thema_ids: set[str]) -> tuple[Project, ...]:
    uit = []
    for i, item in enumerate(lz.lijst(ruw, ("projecten",))):
        pad: Pad = ("projecten", i)
        m = lz.mapping(
            item,
            pad,
            ("id", "naam", "programmalijn", "status", "geborgd", "geborgd_bepaling", "bereik", "subsidies", "bron"),
            ("naam_bijlage", "indicatoren_genoemd", "opmerking", "bron_bijlage"),
        )
        pid = lz.project_id(m["id"], pad + ("id",))
        lijn = lz.ident(m["programmalijn"], pad + ("programmalijn",))
        if lijn not in thema_ids:
            raise lz.fout(
                pad + ("programmalijn",),
                f"project '{pid}' verwijst naar onbekend thema (programmalijn) '{lijn}'; "
                f"bekende thema's: {', '.join(sorted(thema_ids)) or '(geen)'}",
            )
        bereik = None if m["bereik"] is None else lz.geheel(m["bereik"], pad + ("bereik",))
        genoemd = tuple(
            lz.tekst(x, pad + ("indicatoren_genoemd", j))  # type: ignore[misc]
            for j, x in enumerate(lz.lijst(m.get("indicatoren_genoemd"), pad + ("indicatoren_genoemd",)))
        )
        uit.append(
            Project(
                id=pid,
                naam=lz.tekst(m["naam"], pad + ("naam",)),  # type: ignore[arg-type]
                naam_bijlage=lz.tekst(m.get("naam_bijlage"), pad + ("naam_bijlage",), none_mag=True),
                programmalijn=lijn,
                status=lz.tekst(m["status"], pad + ("status",), none_mag=True),
                geborgd=lz.booleaans(m["geborgd"], pad + ("geborgd",)),
                geborgd_bepaling=lz.tekst(m["geborgd_bepaling"], pad + ("geborgd_bepaling",)),  # type: ignore[arg-type]
                bereik=bereik,
                indicatoren_genoemd=genoemd,
                subsidies=_lees_subsidies(lz, m["subsidies"], pad + ("subsidies",)),
                opmerking=lz.tekst(m.get("opmerking"), pad + ("opmerking",), none_mag=True),
                bron=lz.bron(m["bron"], pad + ("bron",)),
                bron_bijlage=lz.bron(m["bron_bijlage"], pad + ("bron_bijlage",)) if "bron_bijlage" in m else None,
            )
        )
    lz.uniek([(x.id, ("projecten", i, "id")) for i, x in enumerate(uit)], "project-id")
    return tuple(uit)


def _lees_landelijke_themas(lz: _Lezer, ruw: Any, project_ids: set[str]) -> dict[str, tuple[str, ...]]:
    uit: dict[str, tuple[str, ...]] = {}
    ids: list[tuple[str, Pad]] = []
    for i, item in enumerate(lz.lijst(ruw, ("landelijke_themas",))):
        pad: Pad = ("landelijke_themas", i)
        m = lz.mapping(item, pad, ("naam", "projecten", "bron"), ("kader", "opmerking"))
        naam = lz.keuze(m["naam"], pad + ("naam",), LANDELIJKE_THEMA_NAMEN)
        assert naam is not None
        lz.tekst(m.get("kader"), pad + ("kader",), none_mag=True)
        lz.bron(m["bron"], pad + ("bron",))
        projecten = []
        for j, p in enumerate(lz.lijst(m["projecten"], pad + ("projecten",))):
            pid = lz.project_id(p, pad + ("projecten", j))
            if pid not in project_ids:
                raise lz.fout(pad + ("projecten", j), f"landelijk thema '{naam}' verwijst naar onbekend project '{pid}'")
            projecten.append(pid)
        lz.uniek([(p, pad + ("projecten", j)) for j, p in enumerate(projecten)], "project in landelijk thema")
        ids.append((naam, pad + ("naam",)))
        uit[naam] = tuple(projecten)
    lz.uniek(ids, "landelijk thema")
    return uit


def _lees_secties(lz: _Lezer, d: dict[str, Any], project_ids: set[str]) -> dict[str, Any]:
    """Validate the free-form sections; return them as plain data (figures checked, bron required)."""
    s: dict[str, Any] = {}
    if d.get("organisaties") is not None:
        p: Pad = ("organisaties",)
        m = lz.mapping(d["organisaties"], p, ("lijst", "bron"), ("opmerking",))
        namen = []
        for i, o in enumerate(lz.lijst(m["lijst"], p + ("lijst",), leeg_mag=False)):
            om = lz.mapping(o, p + ("lijst", i), ("naam",), ("rol", "opmerking"))
            lz.tekst(om.get("rol"), p + ("lijst", i, "rol"), none_mag=True)
            lz.tekst(om.get("opmerking"), p + ("lijst", i, "opmerking"), none_mag=True)
            namen.append((lz.tekst(om["naam"], p + ("lijst", i, "naam")), p + ("lijst", i, "naam")))
        lz.uniek(namen, "organisatie")  # type: ignore[arg-type]
        lz.bron(m["bron"], p + ("bron",))
        s["organisaties"] = m
    if d.get("kerncoalitie") is not None:
        p = ("kerncoalitie",)
        m = lz.mapping(d["kerncoalitie"], p, ("omschrijving", "bron"), ("bijeenkomsten_per_jaar_minimaal", "opmerking"))
        lz.tekst(m["omschrijving"], p + ("omschrijving",))
        if "bijeenkomsten_per_jaar_minimaal" in m:
            lz.geheel(m["bijeenkomsten_per_jaar_minimaal"], p + ("bijeenkomsten_per_jaar_minimaal",))
        lz.bron(m["bron"], p + ("bron",))
        s["kerncoalitie"] = m
    if d.get("toezicht") is not None:
        # who oversees the activities and assesses them (the report names this body), as the source says
        p = ("toezicht",)
        m = lz.mapping(d["toezicht"], p, ("naam", "taak", "bron"), ("besluit", "opmerking"))
        for k in ("naam", "taak"):
            lz.tekst(m[k], p + (k,))
        lz.tekst(m.get("besluit"), p + ("besluit",), none_mag=True)
        lz.tekst(m.get("opmerking"), p + ("opmerking",), none_mag=True)
        lz.bron(m["bron"], p + ("bron",))
        s["toezicht"] = m
    if d.get("plan") is not None:
        # how the report names this plan in running text ("de agenda", "het plan") and the successor the
        # source prescribes, if any
        p = ("plan",)
        m = lz.mapping(d["plan"], p, ("naam", "bron"), ("vervolg", "opmerking"))
        lz.tekst(m["naam"], p + ("naam",))
        lz.tekst(m.get("vervolg"), p + ("vervolg",), none_mag=True)
        lz.tekst(m.get("opmerking"), p + ("opmerking",), none_mag=True)
        lz.bron(m["bron"], p + ("bron",))
        s["plan"] = m
    if d.get("evaluatie") is not None:
        p = ("evaluatie",)
        m = lz.mapping(d["evaluatie"], p, ("regel", "bron"), ("termijn_jaren", "voortzetting", "opmerking"))
        lz.tekst(m["regel"], p + ("regel",))
        lz.tekst(m.get("voortzetting"), p + ("voortzetting",), none_mag=True)
        if "termijn_jaren" in m:
            lz.geheel(m["termijn_jaren"], p + ("termijn_jaren",))
        lz.bron(m["bron"], p + ("bron",))
        s["evaluatie"] = m
    if d.get("monitoring") is not None:
        p = ("monitoring",)
        m = lz.mapping(d["monitoring"], p, ("frequentie", "omschrijving", "bron"), ("kleuren", "opmerking"))
        lz.tekst(m["frequentie"], p + ("frequentie",))
        lz.tekst(m["omschrijving"], p + ("omschrijving",))
        for i, k in enumerate(lz.lijst(m.get("kleuren"), p + ("kleuren",))):
            lz.keuze(k, p + ("kleuren", i), ACTIE_STATUS)
        lz.bron(m["bron"], p + ("bron",))
        s["monitoring"] = m
    if d.get("budget") is not None:
        p = ("budget",)
        m = lz.mapping(
            d["budget"],
            p,
            ("bron",),
            (
                "budget_plafond_eur",
                "kosten_boven_plafond_pct",
                "kosten_boven_plafond_circa",
                "innovatiebudget_per_jaar_eur",
                "innovatiebudget_jaren",
                "opmerking",
            ),
        )
        for k in ("budget_plafond_eur", "innovatiebudget_per_jaar_eur"):
            if m.get(k) is not None:
                lz.getal(m[k], p + (k,))
        if m.get("kosten_boven_plafond_pct") is not None:
            lz.percentage(lz.getal(m["kosten_boven_plafond_pct"], p + ("kosten_boven_plafond_pct",)), p + ("kosten_boven_plafond_pct",))
        if "kosten_boven_plafond_circa" in m:
            lz.booleaans(m["kosten_boven_plafond_circa"], p + ("kosten_boven_plafond_circa",))
        for i, j in enumerate(lz.lijst(m.get("innovatiebudget_jaren"), p + ("innovatiebudget_jaren",))):
            lz.jaar(j, p + ("innovatiebudget_jaren", i))
        lz.tekst(m.get("opmerking"), p + ("opmerking",), none_mag=True)
        lz.bron(m["bron"], p + ("bron",))
        s["budget"] = m
    if d.get("factsheet") is not None:
        p = ("factsheet",)
        m = lz.mapping(d["factsheet"], p, ("eenheid", "raming_jaren", "totalen_x1000_eur", "bron"), ("opmerking",))
        lz.tekst(m["eenheid"], p + ("eenheid",))
        raming = [lz.jaar(j, p + ("raming_jaren", i)) for i, j in enumerate(lz.lijst(m["raming_jaren"], p + ("raming_jaren",)))]
        tot = m["totalen_x1000_eur"]
        if not isinstance(tot, dict):
            raise lz.fout(p + ("totalen_x1000_eur",), f"verwacht een mapping jaar: bedrag, gevonden {_soort(tot)}")
        totalen = {}
        for j, b in tot.items():
            jaar = lz.jaar(j, p + ("totalen_x1000_eur", str(j)))
            totalen[jaar] = lz.getal(b, p + ("totalen_x1000_eur", str(j)))
        lz.bron(m["bron"], p + ("bron",))
        s["factsheet"] = {**m, "raming_jaren": raming, "totalen_x1000_eur": totalen}
    if d.get("effectdimensies") is not None:
        p = ("effectdimensies",)
        m = lz.mapping(d["effectdimensies"], p, ("lijst", "bron"), ("opmerking",))
        for i, x in enumerate(lz.lijst(m["lijst"], p + ("lijst",), leeg_mag=False)):
            lz.tekst(x, p + ("lijst", i))
        lz.bron(m["bron"], p + ("bron",))
        s["effectdimensies"] = m
    if d.get("claims") is not None:
        ids = []
        for i, c in enumerate(lz.lijst(d["claims"], ("claims",))):
            p = ("claims", i)
            m = lz.mapping(
                c, p, ("id", "omschrijving", "bedrag_eur", "bron"), ("project", "circa", "per", "ten_laste_van", "opmerking")
            )
            ids.append((lz.ident(m["id"], p + ("id",)), p + ("id",)))
            lz.tekst(m["omschrijving"], p + ("omschrijving",))
            lz.getal(m["bedrag_eur"], p + ("bedrag_eur",))
            if "circa" in m:
                lz.booleaans(m["circa"], p + ("circa",))
            if m.get("project") is not None:
                pid = lz.project_id(m["project"], p + ("project",))
                if pid not in project_ids:
                    raise lz.fout(p + ("project",), f"claim verwijst naar onbekend project '{pid}'")
            lz.bron(m["bron"], p + ("bron",))
        lz.uniek(ids, "claim-id")
        s["claims"] = d["claims"]
    if d.get("visie") is not None:
        p = ("visie",)
        m = lz.mapping(d["visie"], p, ("bron",), ("droom", "doelstelling", "opmerking"))
        lz.tekst(m.get("droom"), p + ("droom",), none_mag=True)
        if m.get("doelstelling") is not None:
            dm = lz.mapping(m["doelstelling"], p + ("doelstelling",), ("jaar", "tekst"))
            lz.jaar(dm["jaar"], p + ("doelstelling", "jaar"))
            lz.tekst(dm["tekst"], p + ("doelstelling", "tekst"))
        lz.bron(m["bron"], p + ("bron",))
        s["visie"] = m
    if d.get("doelen") is not None:
        p = ("doelen",)
        m = lz.mapping(d["doelen"], p, ("gekwantificeerd", "toelichting", "bron"), ("jaar", "opmerking"))
        lz.booleaans(m["gekwantificeerd"], p + ("gekwantificeerd",))
        lz.tekst(m["toelichting"], p + ("toelichting",))
        if "jaar" in m:
            lz.jaar(m["jaar"], p + ("jaar",), none_mag=True)
        lz.bron(m["bron"], p + ("bron",))
        s["doelen"] = m
    if d.get("dashboards") is not None:
        p = ("dashboards",)
        m = lz.mapping(d["dashboards"], p, ("omschrijving", "inhoud_in_bron", "bron"), ("jaar", "opmerking"))
        lz.tekst(m["omschrijving"], p + ("omschrijving",))
        lz.booleaans(m["inhoud_in_bron"], p + ("inhoud_in_bron",))
        if "jaar" in m:
            lz.jaar(m["jaar"], p + ("jaar",), none_mag=True)
        lz.bron(m["bron"], p + ("bron",))
        s["dashboards"] = m
    return s


def _controleer_factsheet(lz: _Lezer, projecten: tuple[Project, ...], factsheet: dict[str, Any] | None) -> None:
    """The innovation-budget amounts per year must add up to the factsheet's TOTAAL row."""
    if not factsheet:
        return
    sommen: dict[int, float] = {}
    for p in projecten:
        for s in p.subsidies:
            if s.budget == "innovatiebudget":
                sommen[s.jaar] = sommen.get(s.jaar, 0.0) + s.bedrag_x1000_eur
    for jaar, totaal in factsheet["totalen_x1000_eur"].items():
        som = sommen.get(jaar, 0.0)
        if abs(som - totaal) > 1e-9:
            raise lz.fout(
                ("factsheet", "totalen_x1000_eur", str(jaar)),
                f"de subsidies ten laste van het innovatiebudget in {jaar} tellen op tot "
                f"{_getal_tekst(som)}, de factsheet noemt {_getal_tekst(totaal)} (x 1000 euro)",
            )


def laad_kader(pad: Path) -> Kader:
    """Read and validate one kader YAML file; raise :class:`InvoerFout` on any problem.

    Key paths in messages use 0-based list positions (``indicatoren[0]`` is the first
    indicator); the message also gives the 1-based line number in the file.
    """
    pad = Path(pad)
    try:
        grootte = pad.stat().st_size
    except FileNotFoundError:
        raise InvoerFout(pad, "bestand niet gevonden") from None
    if grootte > MAX_KADER_BYTES:
        raise InvoerFout(pad, f"kaderbestand is te groot ({grootte / 1e6:.1f} MB; hoogstens "
                              f"{MAX_KADER_BYTES / 1e6:.0f} MB). Een kader beschrijft beleid in enkele tientallen "
                              "kilobytes; splits het of verwijder wat er niet in hoort")
    gelezen = lees_yaml(pad, mapping=False)
    d = gelezen.data
    lz = _Lezer(gelezen)
    d = lz.mapping(d, (), _TOP_VERPLICHT, _TOP_OPTIONEEL)
    kader_id = lz.ident(d["kader_id"], ("kader_id",))
    code = lz.tekst(d["gemeente_code"], ("gemeente_code",))
    if not _GEMEENTE_CODE.match(code or ""):
        raise lz.fout(("gemeente_code",), f"ongeldige gemeentecode '{code}' (verwacht bijvoorbeeld 'GM0603')")
    per = lz.mapping(d["periode"], ("periode",), ("van", "tot", "bron"), ("opmerking",))
    van = lz.jaar(per["van"], ("periode", "van"), none_mag=True)
    tot = lz.jaar(per["tot"], ("periode", "tot"), none_mag=True)
    if van is not None and tot is not None and tot < van:
        raise lz.fout(("periode", "tot"), f"periode eindigt ({tot}) vóór het begin ({van})")
    lz.bron(per["bron"], ("periode", "bron"))
    documenten = []
    for i, doc in enumerate(lz.lijst(d["documenten"], ("documenten",), leeg_mag=False)):
        m = lz.mapping(doc, ("documenten", i), ("document", "bestand"))
        documenten.append(
            Bron(
                document=lz.tekst(m["document"], ("documenten", i, "document")),  # type: ignore[arg-type]
                bestand=lz.tekst(m["bestand"], ("documenten", i, "bestand")),  # type: ignore[arg-type]
                sectie="",
            )
        )

    themas = _lees_themas(lz, d.get("themas"))
    thema_ids = {t.id for t in themas}
    indicatoren = _lees_indicatoren(lz, d.get("indicatoren"), thema_ids)
    acties = _lees_acties(lz, d.get("acties"), thema_ids)
    projecten = _lees_projecten(lz, d.get("projecten"), thema_ids)
    project_ids = {p.id for p in projecten}
    landelijk = _lees_landelijke_themas(lz, d.get("landelijke_themas"), project_ids)
    secties = _lees_secties(lz, d, project_ids)
    _controleer_factsheet(lz, projecten, secties.get("factsheet"))
    return Kader(
        bestand=pad,
        kader_id=kader_id,
        gemeente=lz.tekst(d["gemeente"], ("gemeente",)),  # type: ignore[arg-type]
        gemeente_code=code,  # type: ignore[arg-type]
        titel=lz.tekst(d["titel"], ("titel",)),  # type: ignore[arg-type]
        periode_van=van,
        periode_tot=tot,
        documenten=tuple(documenten),
        omschrijving=lz.tekst(d.get("omschrijving"), ("omschrijving",), none_mag=True),
        bron=lz.bron(d["bron"], ("bron",)),
        themas=themas,
        indicatoren=indicatoren,
        acties=acties,
        projecten=projecten,
        landelijke_themas=landelijk,
        secties=secties,
    )


def laad_kaders(map: Path) -> list[Kader]:  # noqa: A002 - name fixed by the shared contract
    """Load every ``*.yaml`` in ``map`` (one gemeente folder), sorted by file name."""
    map = Path(map)
    if not map.is_dir():
        raise InvoerFout(map, "map met kaders niet gevonden")
    return [laad_kader(p) for p in sorted(map.glob("*.yaml"))]


def valideer_map(map: Path) -> list[Kader]:  # noqa: A002
    """Validate all kaders in a folder, including cross-file checks; write nothing.

    Refuses (InvoerFout) an empty folder, a duplicate ``kader_id`` or an indicator id used in
    two files (indicator ids are global: monitor data is joined on them).
    """
    map = Path(map)
    kaders = laad_kaders(map)
    if not kaders:
        raise InvoerFout(map, "geen kaderbestanden (*.yaml) gevonden")
    _controleer_uniek_over_bestanden(kaders)
    return kaders


def _controleer_uniek_over_bestanden(kaders: Sequence[Kader]) -> None:
    kader_ids: dict[str, Kader] = {}
    indicator_ids: dict[str, Kader] = {}
    for k in kaders:
        if k.kader_id in kader_ids:
            raise InvoerFout(
                k.bestand,
                f"dubbel kader_id '{k.kader_id}' (ook in {kader_ids[k.kader_id].bestand.name})",
                sleutel="kader_id",
            )
        kader_ids[k.kader_id] = k
        for i, ind in enumerate(k.indicatoren):
            if ind.id in indicator_ids:
                raise InvoerFout(
                    k.bestand,
                    f"dubbel indicator-id '{ind.id}' (ook in {indicator_ids[ind.id].bestand.name})",
                    sleutel=f"indicatoren[{i}].id",
                )
            indicator_ids[ind.id] = k


def controleer_jaren(kaders: Sequence[Kader], peiljaar: int) -> None:
    """Refuse years that cannot be right in a report dated in ``peiljaar`` (the year of ``datum``):
    a baseline measured after it, or a target year more than :data:`DOEL_HORIZON_JAREN` years later.

    The refusal names the kader file, the key path and its line.
    """
    for k in kaders:
        for i, ind in enumerate(k.indicatoren):
            pad: Pad = ("indicatoren", i)
            if ind.basis is not None and ind.basis.jaar is not None and ind.basis.jaar > peiljaar:
                raise lees_yaml(k.bestand, mapping=False).fout(
                    pad + ("basis", "jaar"),
                    f"basisjaar {ind.basis.jaar} ligt na het jaar van het rapport ({peiljaar}, 'datum' in "
                    "params.yaml): een basiswaarde is al gemeten")
            eind = ind.doel.eind_jaar
            if eind is not None and eind > peiljaar + DOEL_HORIZON_JAREN:
                sleutel = ("doel", "jaar") if ind.doel.type == "waarde" else ("doel", "richting_per_jaar", str(eind))
                raise lees_yaml(k.bestand, mapping=False).fout(
                    pad + sleutel,
                    f"doeljaar {eind} ligt meer dan {DOEL_HORIZON_JAREN} jaar na het jaar van het rapport "
                    f"({peiljaar}, 'datum' in params.yaml)")
