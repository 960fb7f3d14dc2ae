"""Misspelt names are refused with the closest valid one: an own text whose file name has no place in the
report (a tester's `eenzaamhied.md` was counted as "gecontroleerd" and never reached the report), and a
setting params.yaml does not know."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.instellingen import controleer_tekstnamen, laad_instellingen


@pytest.fixture
def project(tmp_path):
    shutil.copy(ROOT / "params.yaml", tmp_path / "params.yaml")
    inst = laad_instellingen(tmp_path)
    inst.tekst.mkdir(parents=True)
    return inst


def test_valid_names_pass_and_readme_is_not_a_text(project):
    for naam in ("samenvatting", "inleiding", "aanbevelingen", *project.themas, "README"):
        (project.tekst / f"{naam}.md").write_text("Tekst.\n", encoding="utf-8")
    assert [p.stem for p in controleer_tekstnamen(project)] == sorted(
        ["samenvatting", "inleiding", "aanbevelingen", *project.themas])


def test_editors_and_file_systems_hidden_companions_are_not_texts(project):
    """Emacs' lock file while `inleiding.md` has unsaved changes (a dangling symlink) and macOS' `._` file on
    a shared drive were refused as misspelt texts (tester), which stopped every build and preview."""
    (project.tekst / "inleiding.md").write_text("Tekst.\n", encoding="utf-8")
    (project.tekst / ".#inleiding.md").symlink_to("gebruiker@werkplek.1234:1700000000")
    (project.tekst / "._inleiding.md").write_bytes(b"\x00\x05\x16\x07")
    assert controleer_tekstnamen(project) == [project.tekst / "inleiding.md"]


def test_misspelt_theme_is_refused_with_the_closest_name(project):
    (project.tekst / "eenzaamhied.md").write_text("Tekst.\n", encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        controleer_tekstnamen(project)
    assert fout.value.bestand == str(project.tekst / "eenzaamhied.md")
    assert "komt in geen enkel hoofdstuk; bedoel je eenzaamheid.md?" in fout.value.melding
    assert "samenvatting.md, inleiding.md, aanbevelingen.md, eenzaamheid.md" in fout.value.melding


def test_valideer_refuses_it_too(project, monkeypatch):
    from evaluatie.cli import app

    shutil.copy(ROOT / "dvc.yaml", project.root / "dvc.yaml")
    shutil.copytree(ROOT / "data" / "raw", project.root / "data" / "raw", dirs_exist_ok=True)
    (project.tekst / "begrotingg.md").write_text("Tekst.\n", encoding="utf-8")
    monkeypatch.chdir(project.root)
    uit = CliRunner().invoke(app, ["valideer"])
    assert uit.exit_code != 0 and "begrotingg.md" in uit.output and "komt in geen enkel hoofdstuk" in uit.output
    assert "Traceback" not in uit.output


@pytest.mark.parametrize("regel, sleutel, hint", [
    ("auteurr: Jan Tester\n", "auteurr", "bedoel je 'auteur'?"),
    ("vorige_edtie: 2019-2020\n", "vorige_edtie", "bedoel je 'vorige_editie'?"),
    ("drempels:\n  alfa: 0.1\n", "drempels.alfa", "bedoel je 'alpha'?"),
    ("onthulling:\n  min_aantall: 5\n", "onthulling.min_aantall", "bedoel je 'min_aantal'?"),
])
def test_misspelt_optional_setting_is_refused_naming_the_key(tmp_path, regel, sleutel, hint):
    """A misspelt optional key was ignored without a word (tester: 'auteurr' left the author off the cover)."""
    tekst = (ROOT / "params.yaml").read_text(encoding="utf-8")
    (tmp_path / "params.yaml").write_text(_zonder_blok(tekst, regel) + regel, encoding="utf-8")
    with pytest.raises(InvoerFout) as fout:
        laad_instellingen(tmp_path)
    assert fout.value.sleutel == sleutel and "onbekende instelling" in fout.value.melding and hint in fout.value.melding


def _zonder_blok(tekst: str, regel: str) -> str:
    """params.yaml without the block ``regel`` opens (so the test's block replaces it)."""
    blok = regel.split(":")[0]
    if blok not in ("drempels", "onthulling"):
        return tekst
    uit, binnen = [], False
    for r in tekst.splitlines():
        if r.startswith(f"{blok}:"):
            binnen = True
            continue
        if binnen and r.startswith("  "):
            continue
        binnen = False
        uit.append(r)
    return "\n".join(uit) + "\n"
