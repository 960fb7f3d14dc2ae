"""The one strict YAML reader: safe constructs only, every refusal with file, line and key path.

Used for ``params.yaml``, the kaders, ``koppeling.yaml``, ``baten.yaml`` and the ``*.bron.yaml``
sidecars. It refuses what ``yaml.safe_load`` would silently accept or crash on: a key twice in one
mapping (safe_load keeps the last), invalid UTF-8, documents nested deeper than
:data:`MAX_DIEPTE`, and it walks aliases once so an "alias bomb" costs linear time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from evaluatie.gedeeld.fouten import InvoerFout

#: A key path: mapping keys and 0-based list positions, e.g. ``("indicatoren", 2, "doel")``.
Pad = tuple[str | int, ...]

#: Deepest nesting accepted (the deepest real file, a kader, nests 6 levels).
MAX_DIEPTE = 40

def pad_tekst(pad: Pad) -> str:
    """``("indicatoren", 2, "doel")`` -> ``"indicatoren[2].doel"``."""
    uit = ""
    for deel in pad:
        if isinstance(deel, int):
            uit += f"[{deel}]"
        else:
            uit += f".{deel}" if uit else str(deel)
    return uit


def regelkaart(tekst: str) -> tuple[dict[Pad, int], list[tuple[Pad, int]], int]:
    """Map key paths to 1-based line numbers using the YAML node tree (no objects are built).

    Returns the map, the keys that occur twice in one mapping (with their line) and the
    deepest nesting level. Every node is walked once, aliases included.
    """
    kaart: dict[Pad, int] = {}
    dubbel: list[tuple[Pad, int]] = []
    diepste = 0
    try:
        wortel = yaml.compose(tekst, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:  # reported with its line by the caller's safe_load
        return kaart, dubbel, 0
    gezien: set[int] = set()
    stapel: list[tuple[yaml.Node, Pad]] = [] if wortel is None else [(wortel, ())]
    while stapel:  # iterative: a deeply nested file must not overflow Python's stack
        node, pad = stapel.pop()
        kaart.setdefault(pad, node.start_mark.line + 1)
        diepste = max(diepste, len(pad))
        if id(node) in gezien:
            continue
        gezien.add(id(node))
        if isinstance(node, yaml.MappingNode):
            sleutels: set[str] = set()
            for sleutel, waarde in node.value:
                if isinstance(sleutel, yaml.ScalarNode) and sleutel.value != "<<":
                    if sleutel.value in sleutels:
                        dubbel.append((pad + (sleutel.value,), sleutel.start_mark.line + 1))
                    sleutels.add(sleutel.value)
                    kaart.setdefault(pad + (sleutel.value,), sleutel.start_mark.line + 1)
                    stapel.append((waarde, pad + (sleutel.value,)))
        elif isinstance(node, yaml.SequenceNode):
            stapel.extend((item, pad + (i,)) for i, item in enumerate(node.value))
    dubbel.sort(key=lambda d: d[1])
    return kaart, dubbel, diepste


@dataclass
class YamlBestand:
    """A parsed YAML file with the line of every key path, for precise refusals."""

    bestand: Path
    data: Any
    regels: dict[Pad, int] = field(default_factory=dict)

    def regel(self, pad: Pad) -> int | None:
        """Line of ``pad`` or of its nearest parent that has one."""
        for n in range(len(pad), -1, -1):
            sleutel = tuple(d if isinstance(d, int) else str(d) for d in pad[:n])
            if sleutel in self.regels:
                return self.regels[sleutel]
        return None

    def fout(self, pad: Pad, melding: str) -> InvoerFout:
        """An :class:`InvoerFout` naming this file, the key path and its line."""
        regel = self.regel(pad)
        if regel is not None:
            melding = f"{melding} (regel {regel})"
        return InvoerFout(self.bestand, melding, sleutel=pad_tekst(pad) or None)


def lees_yaml(pad: str | Path, *, tekst: str | None = None, mapping: bool = True) -> YamlBestand:
    """Read ``pad`` strictly.

    Raises
    ------
    InvoerFout
        missing file, invalid UTF-8 (with line), a YAML syntax error or a tag that would build
        objects (line and column), a duplicate key (key path and line), nesting deeper than
        :data:`MAX_DIEPTE`, or — when ``mapping`` — a top level that is not a mapping.
    """
    pad = Path(pad)
    if tekst is None:
        try:
            ruw = pad.read_bytes()
        except FileNotFoundError:
            raise InvoerFout(pad, "bestand niet gevonden") from None
        except IsADirectoryError:
            raise InvoerFout(pad, "verwacht een bestand, gevonden een map") from None
        try:
            tekst = ruw.decode("utf-8")
        except UnicodeDecodeError as e:
            regel = ruw[: e.start].count(b"\n") + 1
            raise InvoerFout(pad, f"bestand is geen geldige UTF-8-tekst ({e.reason}, byte {e.start}, "
                                  f"regel {regel}); sla het op als UTF-8") from None
    regels, dubbel, diepte = regelkaart(tekst)
    if diepte > MAX_DIEPTE:
        raise InvoerFout(pad, f"te diep genest ({diepte} niveaus; hoogstens {MAX_DIEPTE})")
    try:
        data = yaml.load(tekst, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        plaats = f"regel {mark.line + 1}, kolom {mark.column + 1}" if mark is not None else "onbekende regel"
        if isinstance(e, yaml.constructor.ConstructorError):
            uitleg = "niet-toegestane YAML-tag; alleen gewone gegevens zijn toegestaan, geen code"
        else:
            uitleg = "syntaxfout"
        detail = f"; technische melding: {e.problem}" if e.problem else ""
        raise InvoerFout(pad, f"ongeldige YAML op {plaats}: {uitleg}{detail}") from None
    except yaml.YAMLError as e:
        raise InvoerFout(pad, f"ongeldige YAML ({e})") from None
    except RecursionError:
        raise InvoerFout(pad, f"te diep genest (hoogstens {MAX_DIEPTE} niveaus)") from None
    bestand = YamlBestand(pad, data, regels)
    for sleutelpad, regel in dubbel:
        raise InvoerFout(pad, f"sleutel '{sleutelpad[-1]}' staat twee keer in dezelfde mapping (regel {regel})",
                         sleutel=pad_tekst(sleutelpad))
    if mapping and not isinstance(data, Mapping):
        if data is None:
            raise InvoerFout(pad, "bestand is leeg; verwacht een mapping (sleutel: waarde)")
        raise InvoerFout(pad, "verwacht een mapping (sleutel: waarde) op het hoogste niveau")
    return bestand
