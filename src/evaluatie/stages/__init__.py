"""Pipeline stages run by DVC (`python -m evaluatie.stages.<stage>`).

Each stage reads in three labelled parts: load inputs / process / save outputs,
and writes every output atomically so a failed run leaves the old outputs intact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from evaluatie.fouten import InvoerFout

THEMA_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class Paden:
    """Where a stage reads and writes, relative to the project root."""

    root: Path
    params: dict[str, Any]

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
    def tekst(self) -> Path:
        return self.raw / "tekst" / str(self.params["editie"])

    @property
    def rapport(self) -> Path:
        return self.root / "reports" / str(self.params["editie"])

    def thema_invoer(self, thema: str) -> Path:
        return self.processed / "thema" / thema


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


VERPLICHT = ("gemeente", "gemeente_code", "gemeente_naam", "editie", "themas")


def laad_params(root: Path | None = None) -> Paden:
    """Read and check params.yaml in the project root (cwd by default)."""
    root = Path.cwd() if root is None else Path(root)
    pad = root / "params.yaml"
    try:
        params = yaml.safe_load(pad.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InvoerFout(pad, "bestand ontbreekt") from exc
    except yaml.YAMLError as exc:
        regel = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InvoerFout(pad, f"geen geldige YAML: {exc}", rij=None if regel is None else regel + 1) from exc
    if not isinstance(params, dict):
        raise InvoerFout(pad, "verwacht een mapping met instellingen")
    for sleutel in VERPLICHT:
        if sleutel not in params:
            raise InvoerFout(pad, "verplichte instelling ontbreekt", sleutel=sleutel)
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", str(params["gemeente"])):
        raise InvoerFout(pad, f"ongeldige gemeente {params['gemeente']!r}", sleutel="gemeente")
    if not re.fullmatch(r"GM\d{4}", str(params["gemeente_code"])):
        raise InvoerFout(pad, f"ongeldige gemeentecode {params['gemeente_code']!r} (verwacht GM + 4 cijfers)",
                         sleutel="gemeente_code")
    if not re.fullmatch(r"\d{4}(-\d{4})?", str(params["editie"])):
        raise InvoerFout(pad, f"ongeldige editie {params['editie']!r} (verwacht bijv. 2021-2022)", sleutel="editie")
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
    for sleutel in ("gemeente_naam", "titel", "ondertitel", "periode"):
        waarde = params.get(sleutel)
        if waarde is not None and (not isinstance(waarde, (str, int)) or re.search(r"[<>\n\r`$#\\]", str(waarde))):
            raise InvoerFout(pad, f"ongeldige tekst {waarde!r}: één regel zonder < > ` $ # of \\", sleutel=sleutel)
    vergelijk = params.get("vergelijkingsgemeenten") or []
    if not isinstance(vergelijk, list):
        raise InvoerFout(pad, "verwacht een lijst met CBS-codes", sleutel="vergelijkingsgemeenten")
    for i, code in enumerate(vergelijk):
        if not re.fullmatch(r"GM\d{4}", str(code)) or code == params["gemeente_code"]:
            raise InvoerFout(pad, f"ongeldige vergelijkingsgemeente {code!r} (verwacht GM + 4 cijfers, "
                                  "niet de eigen gemeente)", sleutel=f"vergelijkingsgemeenten[{i}]")
    _controleer_getallen(pad, params)
    return Paden(root=root, params=params)


GETALLEN = {
    "kosten_baten.discontovoet": (-0.05, 0.2),
    "kosten_baten.innovatiebudget_per_jaar": (0, 1e9),
    "drempels.alpha": (1e-6, 0.5),
    "drempels.interval_niveau": (0.5, 0.999999),
    "drempels.kans_op_koers": (0.0, 1.0),
    "drempels.tempo_op_koers": (0.0, 10.0),
    "drempels.min_punten_trend": (3, 100),
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
    onthulling = params.get("onthulling") or {}
    if "onderdruk_onbetrouwbaar" in onthulling and not isinstance(onthulling["onderdruk_onbetrouwbaar"], bool):
        raise InvoerFout(pad, "verwacht true of false", sleutel="onthulling.onderdruk_onbetrouwbaar")


def draai(stap, *args: Any) -> None:
    """Run a stage function; bad input ends with a clear message and exit code 1."""
    import os
    import sys

    try:
        stap(*args)
    except InvoerFout as fout:
        if os.environ.get("EVALUATIE_DEBUG"):
            raise
        print(f"fout: {fout}", file=sys.stderr)
        raise SystemExit(1) from None
