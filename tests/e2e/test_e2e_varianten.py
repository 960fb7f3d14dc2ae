"""End to end, other routes: Leidschendam-Voorburg by parameters only, a scaffolded theme,
an incremental rebuild, determinism, and the HTML in headless Chromium."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, draai, dvc_repro, kopieer_project, pdf_tekst

pytestmark = pytest.mark.e2e


def test_leidschendam_voorburg_builds_from_parameters_only(tmp_path):
    kopie = kopieer_project(tmp_path / "lv")
    shutil.copy(kopie / "configuraties" / "leidschendam-voorburg.yaml", kopie / "params.yaml")
    dvc_repro(kopie)
    tekst = " ".join(pdf_tekst(kopie / "reports" / "2020-2022" / "evaluatie.pdf").split())
    assert "Leidschendam-Voorburg" in tekst
    for strategie in ("Sociale netwerken", "Inwonersinitiatieven", "Vrijwilligers",
                      "Gecoördineerd aanbod en communicatie", "Gezamenlijke organisatie en exploitatie"):
        assert strategie in tekst, strategie
    assert "€ 1.580.267" in tekst.replace("\u00a0", " ")
    assert "overschrijding" in tekst
    assert "Wat gaat door?" in tekst and "nog niet beoordeeld" in tekst  # no kerncoalitie file: counted
    assert (kopie / "reports" / "2020-2022" / "evaluatie.docx").stat().st_size > 10_000
    assert (kopie / "reports" / "2020-2022" / "verantwoording.pdf").stat().st_size > 10_000
    assert "geven geen uitvoeringsstatus per actie" in tekst  # actions without a status: listed, said once
    # no demo measurement feeds this framework, so no watermark
    assert "VOORBEELDDATA — niet voor publicatie" not in tekst


def test_scaffolded_theme_appears_in_pdf(tmp_path):
    kopie = kopieer_project(tmp_path / "nieuw")
    draai([str(BIN / "evaluatie"), "nieuw-thema", "armoede", "--naam", "Armoede en schulden"], kopie)
    # researchers' own conclusion for one theme replaces the generated one
    (kopie / "data" / "raw" / "tekst" / "2021-2022" / "eenzaamheid.md").write_text(
        "De coalitie concludeert dat de aanpak van eenzaamheid tijd nodig heeft.\n", encoding="utf-8")
    dvc_repro(kopie)
    tekst = " ".join(pdf_tekst(kopie / "reports" / "2021-2022" / "evaluatie.pdf").split())
    assert "Armoede en schulden" in tekst
    assert "De coalitie concludeert dat de aanpak van eenzaamheid tijd nodig heeft." in tekst
    # the generated conclusion of that theme is gone; no chapter tells the reader how to edit files
    assert "doelen met een doeljaar dat voorbij is (2022)" not in tekst  # the generated opening
    assert "automatisch gegenereerd" not in tekst and "data/raw/tekst" not in tekst
    assert (kopie / "reports" / "2021-2022" / "thema" / "armoede.ipynb").exists()


def test_scaffold_refuses_a_hostile_theme_id(tmp_path):
    kopie = kopieer_project(tmp_path / "kwaad")
    voor = (kopie / "params.yaml").read_bytes()
    proc = draai([str(BIN / "evaluatie"), "nieuw-thema", 'x"\nimport os', "--naam", "X"], kopie, check=False)
    assert proc.returncode == 1
    assert "ongeldige thema-id" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (kopie / "params.yaml").read_bytes() == voor


def _hashes(map_: Path) -> dict[str, str]:
    return {p.relative_to(map_).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(map_.rglob("*")) if p.is_file()}


def test_incremental_and_deterministic_rebuild(gebouwd: Path, tmp_path):
    """Changing one monitor file reruns the stages that read it (all theme chapters are one stage);
    a forced full rebuild gives byte-identical processed data and identical PDF text."""
    verwerkt = _hashes(gebouwd / "data" / "processed")
    tekst = pdf_tekst(gebouwd / "reports" / "2021-2022" / "evaluatie.pdf")
    rapport = gebouwd / "reports" / "2021-2022"
    documenten = {n: (rapport / n).read_bytes() for n in ("evaluatie.docx", "evaluatie.md", "verantwoording.md")}

    # incremental: a change in one monitor file of one theme
    jeugd = gebouwd / "data" / "raw" / "monitor" / "gezondheidsmonitor_jeugd.csv"
    origineel = jeugd.read_bytes()
    try:
        # the 2021 wave (the 2023 wave is after this edition's peiljaar 2022 and would change nothing it computes)
        assert b";2021;43;40;46;" in origineel
        jeugd.write_bytes(origineel.replace(b";2021;43;40;46;", b";2021;44;41;47;", 1))
        uit = dvc_repro(gebouwd).stdout
        gedraaid = sorted(r.split("'")[1] for r in uit.splitlines() if r.startswith("Running stage"))
        assert gedraaid == ["ingest", "rapport", "themas", "voortgang"], gedraaid
    finally:
        jeugd.write_bytes(origineel)
        dvc_repro(gebouwd)

    # determinism: force every stage again
    dvc_repro(gebouwd, "-f")
    assert _hashes(gebouwd / "data" / "processed") == verwerkt
    assert pdf_tekst(gebouwd / "reports" / "2021-2022" / "evaluatie.pdf") == tekst
    for naam, inhoud in documenten.items():  # the Word file too: same inputs, same bytes
        assert (rapport / naam).read_bytes() == inhoud, naam


def test_html_renders_in_headless_chromium(gebouwd: Path, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium not installed (.ci/run installs it)")
    html = gebouwd / "reports" / "2021-2022" / "evaluatie.html"
    shot = tmp_path / "scherm.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profiel'}",
                    "--window-size=1200,1600", f"--screenshot={shot}", html.as_uri()],
                   check=True, capture_output=True, timeout=120)
    from PIL import Image

    beeld = Image.open(shot).convert("L")
    laag, hoog = beeld.getextrema()
    assert hoog - laag > 100, "screenshot is blank"
    assert sum(1 for n in beeld.histogram() if n) > 20  # more than a handful of grey levels
    inhoud = html.read_text(encoding="utf-8")
    assert "<title>Evaluatie Welzijn en Sociaal Domein" in inhoud
    assert '<th scope="col">Status</th>' in inhoud
    assert 'alt="' in inhoud and "<img" in inhoud
