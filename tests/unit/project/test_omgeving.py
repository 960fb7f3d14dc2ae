"""environment.yml (conda route) must list the same dependencies as pyproject.toml."""

import re
import tomllib
from pathlib import Path

import yaml
from conftest import ROOT



def _naam_spec(eis: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", eis)
    assert m, eis
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def test_environment_yml_matches_pyproject():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    verwacht = dict(_naam_spec(e) for e in pyproject["dependencies"] + pyproject["optional-dependencies"]["dev"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    gevonden: dict[str, str] = {}
    pip_sectie: list[str] = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip_sectie = dep["pip"]
            continue
        naam, spec = _naam_spec(dep)
        gevonden[naam] = spec
    for dep in pip_sectie:
        if not dep.startswith("-e"):
            naam, spec = _naam_spec(dep)
            gevonden[naam] = spec
    gevonden.pop("python", None)
    gevonden.pop("pip", None)
    assert gevonden == verwacht
    assert "-e .[dev]" in pip_sectie, "the pip section must install the package itself"
    assert re.search(r">=\s*3\.11", pyproject["requires-python"])


def test_lockfile_pins_every_direct_dependency():
    lock = {_naam_spec(r.split("==")[0])[0]: r.split("==")[1]
            for r in (ROOT / "requirements.lock").read_text().splitlines() if "==" in r}
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for eis in pyproject["dependencies"] + pyproject["optional-dependencies"]["dev"]:
        naam, _ = _naam_spec(eis)
        assert naam in lock, f"{naam} is not pinned in requirements.lock"
