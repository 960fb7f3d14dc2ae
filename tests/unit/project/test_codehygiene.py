"""Reliability: no code is ever run from data.

Every YAML file the project reads is loaded with the safe loader: a `!!python/object/apply` tag
is refused with a clean message and the command it carries is not executed. And src/ contains
no eval/exec, no unsafe yaml.load, no pickle of data, no shell=True / os.system.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from evaluatie.gedeeld.fouten import InvoerFout

SRC = ROOT / "src" / "evaluatie"
TAG = '!!python/object/apply:os.system ["touch pwned"]'


def _laad_params(pad: Path):
    from evaluatie.gedeeld.instellingen import laad_instellingen

    return laad_instellingen(pad.parent)


def _laad_kader(pad: Path):
    from evaluatie.ingest.kader import laad_kader

    return laad_kader(pad)


def _laad_baten(pad: Path):
    from evaluatie.kosten_baten import laad_baten

    return laad_baten(pad)


def _laad_koppeling(pad: Path):
    from evaluatie.ingest import laad_koppeling

    return laad_koppeling(pad)


def _lees_sidecar(pad: Path):
    from evaluatie.ingest import lees_bestand

    data = pad.with_name("meting.csv")
    data.write_text("bron;tabel;veld;gebied;leeftijd;jaar;waarde;ondergrens;bovengrens;markering;eenheid\n"
                    "GGD;t;v;GM0603;;2021;1;;;;aantal\n", encoding="utf-8")
    return lees_bestand(data)


# reader, file name, a valid-looking file with the tag in a value position
LEZERS = [
    (_laad_params, "params.yaml", (ROOT / "params.yaml").read_text(encoding="utf-8").replace(
        "gemeente_naam: Rijswijk", f"gemeente_naam: {TAG}")),
    (_laad_kader, "kader.yaml", f"kader_id: {TAG}\n"),
    (_laad_baten, "baten.yaml", f"versie: 1\naannames: {TAG}\n"),
    (_laad_koppeling, "koppeling.yaml", f"versie: {TAG}\n"),
    (_lees_sidecar, "meting.csv.bron.yaml", f"demo: {TAG}\n"),
]


@pytest.mark.parametrize("lezer, naam, tekst", LEZERS, ids=[n for _, n, _ in LEZERS])
def test_python_tag_wordt_geweigerd(lezer, naam, tekst, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pad = tmp_path / naam
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(InvoerFout) as info:
        lezer(pad)
    assert naam in str(info.value)
    assert not (tmp_path / "pwned").exists() and not (ROOT / "pwned").exists()


def test_python_tag_via_cli_valideer(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from evaluatie.cli import app

    map_ = tmp_path / "kader"
    map_.mkdir()
    shutil.copyfile(ROOT / "tests" / "corpus" / "kader" / "python_tag.yaml", map_ / "python_tag.yaml")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["valideer", str(map_)])
    assert res.exit_code == 1 and isinstance(res.exception, SystemExit)
    assert "python_tag.yaml" in res.stderr and "geen code" in res.stderr
    assert not (tmp_path / "pwned").exists() and not (ROOT / "pwned").exists()


# --------------------------------------------------------------------------- static check of src/

VERBODEN_NAMEN = {"eval", "exec", "compile", "__import__"}
VERBODEN_ATTR = {
    ("yaml", "unsafe_load"), ("yaml", "unsafe_load_all"),
    ("yaml", "full_load"), ("yaml", "full_load_all"),
    ("pickle", "load"), ("pickle", "loads"), ("pickle", "Unpickler"), ("marshal", "loads"),
    ("dill", "load"), ("dill", "loads"), ("joblib", "load"), ("shelve", "open"),
    ("pd", "read_pickle"), ("pandas", "read_pickle"),
    ("os", "system"), ("os", "popen"),
}


def _veilige_loader(waarde: ast.expr) -> bool:
    """Loader=SafeLoader / CSafeLoader (also getattr(yaml, 'CSafeLoader', yaml.SafeLoader))."""
    namen = re.findall(r"[A-Za-z_]*Loader", ast.unparse(waarde))
    return bool(namen) and all(n in ("SafeLoader", "CSafeLoader") for n in namen)


def _overtredingen(pad: Path) -> list[str]:
    boom = ast.parse(pad.read_text(encoding="utf-8"), filename=str(pad))
    uit = []
    for knoop in ast.walk(boom):
        if isinstance(knoop, ast.Import | ast.ImportFrom):
            namen = [a.name for a in knoop.names]
            module = getattr(knoop, "module", None) or ""
            if {"pickle", "marshal", "dill", "shelve"} & {module, *namen}:
                uit.append(f"{pad.name}:{knoop.lineno} importeert {module or namen}")
        if not isinstance(knoop, ast.Call):
            continue
        f = knoop.func
        if isinstance(f, ast.Name) and f.id in VERBODEN_NAMEN:
            uit.append(f"{pad.name}:{knoop.lineno} {f.id}()")
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and (f.value.id, f.attr) in VERBODEN_ATTR:
            uit.append(f"{pad.name}:{knoop.lineno} {f.value.id}.{f.attr}()")
        if (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "yaml"
                and f.attr in ("load", "load_all")
                and not any(kw.arg == "Loader" and _veilige_loader(kw.value) for kw in knoop.keywords)):
            uit.append(f"{pad.name}:{knoop.lineno} yaml.{f.attr}() zonder SafeLoader")
        for kw in knoop.keywords:
            if kw.arg == "shell" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                uit.append(f"{pad.name}:{knoop.lineno} shell=...")
            if kw.arg == "Loader" and not _veilige_loader(kw.value):
                uit.append(f"{pad.name}:{knoop.lineno} Loader={ast.unparse(kw.value)}")
    return uit


def test_src_voert_geen_code_uit_data_uit():
    bestanden = sorted(SRC.rglob("*.py"))
    assert len(bestanden) > 20
    overtredingen = [o for pad in bestanden for o in _overtredingen(pad)]
    assert not overtredingen, "\n".join(overtredingen)


def test_controle_vindt_wat_ze_zoekt(tmp_path):
    """The static check itself catches each forbidden form (so a pass means something)."""
    pad = tmp_path / "slecht.py"
    pad.write_text(
        "import yaml, pickle, subprocess, os\n"
        "eval('1')\nexec('x = 1')\nyaml.load(s)\nyaml.load(s, Loader=yaml.Loader)\nyaml.unsafe_load(s)\n"
        "pickle.loads(b)\nsubprocess.run('ls', shell=True)\nos.system('ls')\n"
        "yaml.safe_load(s)\nsubprocess.run(['ls'], shell=False)\nyaml.load(s, Loader=yaml.SafeLoader)\n"
        "yaml.compose(s, Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))\n",
        encoding="utf-8")
    gevonden = {regel.split(" ", 1)[0].split(":")[1] for regel in _overtredingen(pad)}
    assert gevonden == {str(n) for n in range(1, 10)}, _overtredingen(pad)
