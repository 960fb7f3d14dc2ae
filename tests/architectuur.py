"""What each DVC stage reads, compared with what dvc.yaml declares (used by the architecture tests).

``importsluiting`` follows every ``import evaluatie...`` statement (also those inside functions, so lazy
imports count) from a stage's entry module and its notebook template; ``stap_deps`` expands dvc.yaml's
templating (``${gemeente}``, ``${editie}``, ``foreach``) with the values in params.yaml.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import yaml

NOTEBOOK = {"thema": "notebooks/thema.ipynb", "kosten_baten": "notebooks/kosten_baten.ipynb"}


def _vul_in(tekst: str, params: dict, item: str | None) -> str:
    def vervang(m: re.Match) -> str:
        naam = m.group(1)
        return item if naam == "item" else str(params[naam])

    return re.sub(r"\$\{(\w+)\}", vervang, tekst)


def stappen(root: Path) -> dict[str, dict]:
    """Every stage of dvc.yaml with its deps and outs filled in (a foreach stage as ``naam@item``)."""
    params = yaml.safe_load((root / "params.yaml").read_text(encoding="utf-8"))
    dvc = yaml.safe_load((root / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    uit = {}
    for naam, stap in dvc.items():
        if "foreach" in stap:
            lijst = params[stap["foreach"].strip("${}")]
            for item in lijst:
                d = stap["do"]
                uit[f"{naam}@{item}"] = {
                    "cmd": _vul_in(d["cmd"], params, item),
                    "deps": [_vul_in(p, params, item) for p in d.get("deps", [])],
                    "outs": [_vul_in(p if isinstance(p, str) else next(iter(p)), params, item) for p in d.get("outs", [])],
                }
        else:
            uit[naam] = {
                "cmd": _vul_in(stap["cmd"], params, None),
                "deps": [_vul_in(p, params, None) for p in stap.get("deps", [])],
                "outs": [_vul_in(p if isinstance(p, str) else next(iter(p)), params, None) for p in stap.get("outs", [])]
                + [_vul_in(next(iter(m)) if isinstance(m, dict) else m, params, None) for m in stap.get("metrics", [])],
            }
    return uit


def _module_pad(src: Path, module: str) -> Path | None:
    basis = src.joinpath(*module.split("."))
    if basis.with_suffix(".py").is_file():
        return basis.with_suffix(".py")
    if (basis / "__init__.py").is_file():
        return basis / "__init__.py"
    return None


def _imports(code: str) -> set[str]:
    namen: set[str] = set()
    for knoop in ast.walk(ast.parse(code)):
        if isinstance(knoop, ast.Import):
            namen.update(a.name for a in knoop.names)
        elif isinstance(knoop, ast.ImportFrom) and knoop.module and knoop.level == 0:
            namen.add(knoop.module)
            namen.update(f"{knoop.module}.{a.name}" for a in knoop.names)
    return {n for n in namen if n == "evaluatie" or n.startswith("evaluatie.")}


def importsluiting(src: Path, modules: set[str], extra_code: str = "") -> dict[str, Path]:
    """Every evaluatie module (name -> file) reachable from ``modules`` and from ``extra_code``.

    Parent packages count too: importing ``evaluatie.a.b`` runs ``evaluatie/__init__.py`` and
    ``evaluatie/a/__init__.py``.
    """
    te_doen = set(modules) | _imports(extra_code)
    gevonden: dict[str, Path] = {}
    while te_doen:
        module = te_doen.pop()
        delen = module.split(".")
        for i in range(1, len(delen) + 1):
            naam = ".".join(delen[:i])
            if naam in gevonden:
                continue
            pad = _module_pad(src, naam)
            if pad is None:  # a name imported from a module, not a module itself
                continue
            gevonden[naam] = pad
            te_doen |= _imports(pad.read_text(encoding="utf-8")) - set(gevonden)
    return gevonden


def notebook_code(pad: Path) -> str:
    nb = json.loads(pad.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


def gedekt(rel: str, deps: list[str]) -> bool:
    """Is the file ``rel`` (relative to the root) a declared dep or inside a declared folder?"""
    return any(rel == d or rel.startswith(d.rstrip("/") + "/") for d in deps)


def onverklaarde_imports(root: Path, stap: dict, naam: str) -> list[str]:
    """Modules a stage imports that lie outside its declared deps (relative paths)."""
    m = re.search(r"python -m ([\w.]+)", stap["cmd"])
    assert m, f"stap {naam}: onbekend commando {stap['cmd']!r}"
    basis = naam.split("@")[0]
    code = notebook_code(root / NOTEBOOK[basis]) if basis in NOTEBOOK else ""
    sluiting = importsluiting(root / "src", {m.group(1)}, code)
    rel = sorted(p.relative_to(root).as_posix() for p in sluiting.values())
    return [r for r in rel if not gedekt(r, stap["deps"])]
