"""Settings: ``params.yaml`` read once into one typed object, with every default defined once."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluatie.gedeeld.definities import THEMA_ID, is_gemeente_code
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.yaml_lezer import lees_yaml

#: Defaults of the optional settings (the only place they are written).
STANDAARD: dict[str, Any] = {
    "kosten_baten.discontovoet": 0.0225,  # real, Werkgroep discontovoet 2020; see docs/kosten_baten.md
    "kosten_baten.innovatiebudget_per_jaar": 450_000,  # factsheet innovatieprogramma Rijswijk
    "drempels.alpha": 0.05,
    "drempels.interval_niveau": 0.95,
    "drempels.kans_op_koers": 0.5,
    "drempels.tempo_op_koers": 0.95,
    "drempels.min_punten_trend": 5,  # fewest waves for a trend line, projection and "kans"
    "drempels.materialiteit": 0.01,  # registrations: |relative change| below this counts as no change
    "drempels.design_effect": 1.5,  # survey design effect, only used when a wave has n but no interval
    "drempels.benjamini_hochberg": False,  # False-discovery-rate correction over the report's z-tests
    "onthulling.min_aantal": 10,
    "onthulling.onderdruk_onbetrouwbaar": True,
    "vergelijkingsgemeenten": [],
    "status": "concept",
}

#: Allowed values of ``status`` (the cover says whether the college has adopted the report).
STATUSSEN = ("concept", "definitief")

DREMPEL_NAMEN = tuple(k.split(".")[1] for k in STANDAARD if k.startswith("drempels."))

#: The researchers' own texts besides one per theme: ``data/raw/tekst/<editie>/<naam>.md``.
EIGEN_TEKSTEN = ("samenvatting", "inleiding", "aanbevelingen")


@dataclass(frozen=True)
class Instellingen:
    """The checked contents of ``params.yaml`` and the paths derived from them.

    ``params`` is the mapping as read; the properties give typed values with their one default
    (:data:`STANDAARD`) and the folders a stage reads and writes, under ``root``.
    """

    root: Path
    params: dict[str, Any]

    def waarde(self, sleutel: str) -> Any:
        """A dotted setting (``"drempels.alpha"``) from params.yaml, else its default in :data:`STANDAARD`."""
        blok, _, naam = sleutel.partition(".")
        if naam:
            return (self.params.get(blok) or {}).get(naam, STANDAARD[sleutel])
        return self.params.get(blok, STANDAARD.get(sleutel))

    @property
    def gemeente_code(self) -> str:
        return str(self.params["gemeente_code"])

    @property
    def gemeente_naam(self) -> str:
        return str(self.params["gemeente_naam"])

    @property
    def editie(self) -> str:
        return str(self.params["editie"])

    @property
    def peiljaar(self) -> int:
        """The last year of the edition's evaluation period (``2021-2022`` -> 2022): measurements of later
        years do not belong to this edition (a wave of 2023 did not exist when 2021-2022 was evaluated)."""
        return int(self.editie[-4:])

    @property
    def vorige_editie(self) -> str | None:
        """The edition this one is compared with ("Wat is er veranderd"), or None."""
        waarde = self.params.get("vorige_editie")
        return None if waarde in (None, "") else str(waarde)

    @property
    def vorige_metrics(self) -> Path | None:
        """The recorded metrics of the previous edition (``data/raw/edities/<vorige>/voortgang_metrics.json``)."""
        v = self.vorige_editie
        return None if v is None else self.raw / "edities" / v / "voortgang_metrics.json"

    @property
    def datum(self) -> "dt.date":
        """Date of the report (``datum``, ISO 8601): printed on the cover, and the PDF's timestamp."""
        return dt.date.fromisoformat(str(self.params["datum"]))

    @property
    def status(self) -> str:
        """``concept`` or ``definitief``."""
        return str(self.params.get("status") or STANDAARD["status"])

    @property
    def vastgesteld(self) -> "dt.date | None":
        """Date the college adopted the report (only with status ``definitief``)."""
        waarde = self.params.get("vastgesteld")
        return None if waarde in (None, "") else dt.date.fromisoformat(str(waarde))

    def kaftgegeven(self, sleutel: str) -> str | None:
        """Optional one-line cover fact: ``auteur``, ``afdeling`` or ``contact``."""
        waarde = self.params.get(sleutel)
        return None if waarde in (None, "") else str(waarde)

    @property
    def themas(self) -> list[str]:
        return list(self.params["themas"])

    @property
    def vergelijkingsgemeenten(self) -> list[str]:
        return list(self.params.get("vergelijkingsgemeenten") or [])

    @property
    def drempels(self) -> dict[str, float]:
        """Thresholds of the progress rules (see docs/methodologie.md), defaults filled in."""
        return {naam: self.waarde(f"drempels.{naam}") for naam in DREMPEL_NAMEN}

    @property
    def min_aantal(self) -> int:
        """Smallest count of people that may be published (disclosure control)."""
        return int(self.waarde("onthulling.min_aantal"))

    @property
    def onderdruk_onbetrouwbaar(self) -> bool:
        return bool(self.waarde("onthulling.onderdruk_onbetrouwbaar"))

    @property
    def discontovoet(self) -> float:
        """Real discount rate for present values (fraction per year)."""
        return float(self.waarde("kosten_baten.discontovoet"))

    @property
    def innovatiebudget_per_jaar(self) -> int:
        """Yearly innovation budget in euros (factsheet), for the budget-use table."""
        return int(self.waarde("kosten_baten.innovatiebudget_per_jaar"))

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def kader(self) -> Path:
        return self.raw / "kader" / self.params["gemeente"]

    @property
    def monitor(self) -> Path:
        return self.raw / "monitor"

    @property
    def monitormappen(self) -> list[Path]:
        """The monitor folders this edition reads: ``data/raw/monitor`` (waves every edition shares) and the
        ``monitor/`` folder of this and every earlier edition under ``data/raw/edities/`` (a wave lands in the
        edition it arrived for, so a later edition sees it and an earlier one is rebuilt without it)."""
        edities = self.raw / "edities"
        eigen = sorted(p / "monitor" for p in edities.iterdir()
                       if p.is_dir() and p.name <= self.editie and (p / "monitor").is_dir()) if edities.is_dir() else []
        return [self.monitor, *eigen]

    @property
    def tekst(self) -> Path:
        return self.raw / "tekst" / str(self.params["editie"])

    @property
    def voortzetten(self) -> Path:
        """The assessments of the activities (by the body the kader names) and the predecessor links of this edition."""
        return self.raw / "voortzetten" / f"{self.params['editie']}.yaml"

    @property
    def rapport(self) -> Path:
        return self.root / "reports" / str(self.params["editie"])

    def thema_invoer(self, thema: str) -> Path:
        return self.processed / "thema" / thema


def editie_probleem(editie: str, voorbeeld: str = "2023-2024") -> str | None:
    """What is wrong with an edition id (Dutch, starting with "ongeldige editie"), or None when it is a valid
    ``jjjj-jjjj`` whose second year is the first or at most ten years later."""
    m = re.fullmatch(r"(\d{4})-(\d{4})", editie)
    if not m:
        return f"ongeldige editie {editie!r} (verwacht jjjj-jjjj, bijv. {voorbeeld})"
    begin, eind = int(m.group(1)), int(m.group(2))
    if eind < begin:
        return f"ongeldige editie {editie!r}: het tweede jaar ligt vóór het eerste (bedoeld: {eind}-{begin}?)"
    if eind - begin > 10:
        return (f"ongeldige editie {editie!r}: het tweede jaar ligt hoogstens tien jaar na het eerste "
                f"(bij {begin} uiterlijk {begin + 10})")
    return None


def controleer_thema_id(thema: str, bron: str = "params.yaml") -> str:
    """Refuse theme ids that could break a path or a notebook parameter cell."""
    if not isinstance(thema, str) or not THEMA_ID.match(thema):
        raise InvoerFout(
            bron,
            f"ongeldige thema-id {thema!r}: alleen kleine letters, cijfers en '_' "
            "(beginnend met een letter, hoogstens 40 tekens)",
            sleutel="themas",
        )
    return thema


#: control characters, zero-width and bidirectional formatting characters (could spoof a name on the cover)
_STUURTEKENS = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

VERPLICHT = ("gemeente", "gemeente_code", "gemeente_naam", "editie", "datum", "themas")

#: Every setting params.yaml may hold (top level), and the keys of its blocks. A misspelt optional key
#: ("auteurr", "vorige_edtie") would otherwise be ignored without a word.
BLOKKEN: dict[str, tuple[str, ...]] = {
    blok: tuple(k.split(".", 1)[1] for k in STANDAARD if k.startswith(f"{blok}."))
    for blok in ("kosten_baten", "drempels", "onthulling")}
SLEUTELS: tuple[str, ...] = (*VERPLICHT, "vorige_editie", "titel", "ondertitel", "periode", "status",
                             "vastgesteld", "auteur", "afdeling", "contact", "vergelijkingsgemeenten", *BLOKKEN)


def _onbekende_sleutel(pad: Path, sleutel: str, bekend: tuple[str, ...]) -> InvoerFout:
    import difflib

    bijna = difflib.get_close_matches(sleutel.rsplit(".", 1)[-1], bekend, n=1)
    hint = f"bedoel je '{bijna[0]}'? " if bijna else ""
    return InvoerFout(pad, f"onbekende instelling; {hint}bekend: {', '.join(bekend)}", sleutel=sleutel)


def laad_instellingen(root: Path | None = None, pad: Path | None = None) -> Instellingen:
    """Read and check ``params.yaml`` in the project root (cwd by default).

    ``pad`` reads another file with the same checks (an edition's merged settings before they are used).

    Raises
    ------
    InvoerFout
        naming params.yaml and the key of the first setting that is missing, of the wrong type,
        outside its range or unsafe in a path or a document.
    """
    root = Path.cwd() if root is None else Path(root)
    pad = root / "params.yaml" if pad is None else Path(pad)
    params = lees_yaml(pad).data
    for sleutel in VERPLICHT:
        if sleutel not in params:
            raise InvoerFout(pad, "verplichte instelling ontbreekt", sleutel=sleutel)
    for sleutel in params:
        if sleutel not in SLEUTELS:
            raise _onbekende_sleutel(pad, str(sleutel), SLEUTELS)
    for blok, namen in BLOKKEN.items():
        for sleutel in (params.get(blok) or {}) if isinstance(params.get(blok), dict) else ():
            if sleutel not in namen:
                raise _onbekende_sleutel(pad, f"{blok}.{sleutel}", namen)
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,59}", str(params["gemeente"])):
        raise InvoerFout(pad, f"ongeldige gemeente {params['gemeente']!r}: de naam van een map onder "
                              "data/raw/kader/ (kleine letters, cijfers, '-' en '_')", sleutel="gemeente")
    kaders = root / "data" / "raw" / "kader"
    if kaders.is_dir() and not (kaders / str(params["gemeente"])).is_dir():
        bekend = ", ".join(sorted(p.name for p in kaders.iterdir() if p.is_dir()))
        raise InvoerFout(pad, f"onbekende gemeente {params['gemeente']!r}: geen map data/raw/kader/"
                              f"{params['gemeente']} (bekend: {bekend})", sleutel="gemeente")
    if not is_gemeente_code(params["gemeente_code"]):
        raise InvoerFout(pad, f"ongeldige gemeentecode {params['gemeente_code']!r} (verwacht GM + 4 cijfers)",
                         sleutel="gemeente_code")
    editie = str(params["editie"])
    if (probleem := editie_probleem(editie, voorbeeld="2021-2022")) is not None:
        raise InvoerFout(pad, probleem, sleutel="editie")
    try:
        dt.date.fromisoformat(str(params["datum"]))
    except ValueError:
        raise InvoerFout(pad, f"ongeldige datum {params['datum']!r} (verwacht jjjj-mm-dd, bijv. 2026-12-01)",
                         sleutel="datum") from None
    themas = params["themas"]
    if not isinstance(themas, list) or not themas:
        raise InvoerFout(pad, "verwacht een lijst met thema-id's", sleutel="themas")
    for i, t in enumerate(themas):
        try:
            controleer_thema_id(t, str(pad))
        except InvoerFout as fout:
            raise InvoerFout(pad, fout.melding, sleutel=f"themas[{i}]") from None
    if len(set(themas)) != len(themas):
        raise InvoerFout(pad, "thema komt dubbel voor", sleutel="themas")
    _controleer_kaft(pad, params)
    vorige = params.get("vorige_editie")
    if vorige not in (None, "") and (not re.fullmatch(r"\d{4}-\d{4}", str(vorige)) or str(vorige) >= editie):
        raise InvoerFout(pad, f"ongeldige vorige editie {vorige!r} (verwacht jjjj-jjjj, eerder dan {editie})",
                         sleutel="vorige_editie")
    for sleutel in ("gemeente_naam", "titel", "ondertitel", "periode", "auteur", "afdeling", "contact"):
        waarde = params.get(sleutel)
        if waarde is not None and (not isinstance(waarde, (str, int)) or re.search(r"[<>\n\r`$#\\]", str(waarde))
                                   or _STUURTEKENS.search(str(waarde))):
            onzichtbaar = isinstance(waarde, str) and _STUURTEKENS.search(waarde)
            raise InvoerFout(pad, f"ongeldige tekst {waarde!r}: één regel zonder < > ` $ # of \\"
                             + (f" en zonder onzichtbare stuurtekens (gevonden: U+{ord(onzichtbaar.group(0)):04X})"
                                if onzichtbaar else ""), sleutel=sleutel)
    vergelijk = params.get("vergelijkingsgemeenten") or []
    if not isinstance(vergelijk, list):
        raise InvoerFout(pad, "verwacht een lijst met CBS-codes", sleutel="vergelijkingsgemeenten")
    for i, code in enumerate(vergelijk):
        if not is_gemeente_code(code) or code == params["gemeente_code"]:
            raise InvoerFout(pad, f"ongeldige vergelijkingsgemeente {code!r} (verwacht GM + 4 cijfers, "
                                  "niet de eigen gemeente)", sleutel=f"vergelijkingsgemeenten[{i}]")
    _controleer_getallen(pad, params)
    return Instellingen(root=root, params=dict(params))


def _controleer_kaft(pad: Path, params: dict[str, Any]) -> None:
    """Cover metadata: status concept|definitief; a definitive report names its adoption date."""
    status = params.get("status", STANDAARD["status"])
    if status not in STATUSSEN:
        raise InvoerFout(pad, f"ongeldige status {status!r}: kies concept of definitief", sleutel="status")
    vastgesteld = params.get("vastgesteld")
    if vastgesteld not in (None, ""):
        try:
            datum = dt.date.fromisoformat(str(vastgesteld))
        except ValueError:
            raise InvoerFout(pad, f"ongeldige datum {vastgesteld!r} (verwacht jjjj-mm-dd)",
                             sleutel="vastgesteld") from None
        if status != "definitief":
            raise InvoerFout(pad, "een concept is nog niet vastgesteld: zet status op definitief of laat "
                                  "vastgesteld leeg", sleutel="vastgesteld")
        if datum > dt.date.fromisoformat(str(params["datum"])):
            raise InvoerFout(pad, "vastgesteld ligt na de datum van het rapport", sleutel="vastgesteld")
    elif status == "definitief":
        raise InvoerFout(pad, "een definitief rapport noemt de datum waarop het college het vaststelde",
                         sleutel="vastgesteld")


GETALLEN = {
    "kosten_baten.discontovoet": (-0.05, 0.2),
    "kosten_baten.innovatiebudget_per_jaar": (0, 1e9),
    "drempels.alpha": (1e-6, 0.5),
    "drempels.interval_niveau": (0.5, 0.999999),
    "drempels.kans_op_koers": (0.0, 1.0),
    "drempels.tempo_op_koers": (0.0, 10.0),
    "drempels.min_punten_trend": (3, 100),
    "drempels.materialiteit": (0.0, 0.5),
    "drempels.design_effect": (1.0, 10.0),
    "onthulling.min_aantal": (0, 1e6),
}


def _controleer_getallen(pad: Path, params: dict[str, Any]) -> None:
    """Numbers in params.yaml must be numbers within a sensible range."""
    for sleutel, (laag, hoog) in GETALLEN.items():
        blok, naam = sleutel.split(".")
        sectie = params.get(blok)
        if sectie is None:
            continue
        if not isinstance(sectie, dict):
            raise InvoerFout(pad, "verwacht een blok met instellingen", sleutel=blok)
        if naam not in sectie:
            continue
        waarde = sectie[naam]
        if isinstance(waarde, bool) or not isinstance(waarde, (int, float)):
            raise InvoerFout(pad, f"verwacht een getal, gevonden {waarde!r}", sleutel=sleutel)
        if not laag <= waarde <= hoog:
            raise InvoerFout(pad, f"{waarde} ligt buiten het toegestane bereik {laag}–{hoog}", sleutel=sleutel)
    drempels = params.get("drempels") or {}
    if "benjamini_hochberg" in drempels and not isinstance(drempels["benjamini_hochberg"], bool):
        raise InvoerFout(pad, "verwacht true of false", sleutel="drempels.benjamini_hochberg")
    onthulling = params.get("onthulling") or {}
    if "onderdruk_onbetrouwbaar" in onthulling and not isinstance(onthulling["onderdruk_onbetrouwbaar"], bool):
        raise InvoerFout(pad, "verwacht true of false", sleutel="onthulling.onderdruk_onbetrouwbaar")


def controleer_tekstnamen(inst: "Instellingen") -> list[Path]:
    """The own texts of the edition (``data/raw/tekst/<editie>/*.md`` but README.md and hidden files), each
    checked to have a place in the report: :data:`EIGEN_TEKSTEN` or a theme of this edition. Returns them
    sorted. Hidden names are editors' and file systems' companions, not texts: Emacs' lock file
    ``.#inleiding.md`` while a text has unsaved changes, macOS' ``._inleiding.md`` on a shared drive.

    Raises
    ------
    InvoerFout
        naming the first file whose name the report does not read (a misspelt theme, a theme not in this
        edition), with the closest valid name and the list of valid names; a text that is silently left out
        would look checked while the council never sees it.
    """
    import difflib

    if not inst.tekst.is_dir():
        return []
    bekend = [*EIGEN_TEKSTEN, *inst.themas]
    paden = sorted(p for p in inst.tekst.glob("*.md") if p.name != "README.md" and not p.name.startswith("."))
    for pad in paden:
        if pad.stem in bekend:
            continue
        bijna = difflib.get_close_matches(pad.stem, bekend, n=1)
        hint = f"bedoel je {bijna[0]}.md? " if bijna else ""
        raise InvoerFout(pad, f"deze tekst komt in geen enkel hoofdstuk; {hint}Een eigen tekst heet naar zijn plek "
                              f"in het rapport: {', '.join(f'{n}.md' for n in bekend)} (zie data/raw/tekst/README.md)")
    return paden
