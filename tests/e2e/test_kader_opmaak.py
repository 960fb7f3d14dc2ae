"""Kader text is inert, and a build uses no network: one `make rapport` in a fresh temporary copy.

Markup is planted in two kader text fields (a theme's ``omschrijving``, printed in the council report,
and an indicator's ``populatie``, printed in the technical account): raw HTML with a script handler,
Typst code in a raw-attribute code span, an HTML image of /etc/passwd and a web image. The build runs
with every network call of its stages (and kernels, if any) made to fail (tests/hulp/sitecustomize.py,
``EVALUATIE_GEEN_NETWERK``). It must succeed, attempt no connection, print the markup as literal
text in PDF and HTML, and neither read /etc/passwd nor fetch the image.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, ROOT, kopieer_project, omgeving

pytestmark = pytest.mark.e2e

HTML_SCRIPT = "<img src=x onerror=alert(1)>"
TYPST = '`#read("/etc/passwd")`{=typst}'
HTML_BESTAND = '<img src="/etc/passwd">'
WEB = "![web](http://127.0.0.1:9/lek.png)"
MARKERING = f"KADERMARKERING {HTML_SCRIPT} {TYPST} {HTML_BESTAND} {WEB} EINDE"


def _plant(kopie: Path) -> None:
    kader = kopie / "data/raw/kader/rijswijk/sociaal_domein.yaml"
    tekst = kader.read_text(encoding="utf-8")
    oud_thema = "      Alle indicatoren van het programma. De tabel"
    oud_populatie = "    populatie: inwoners 15-64 jaar\n"
    assert oud_thema in tekst and oud_populatie in tekst
    tekst = tekst.replace(oud_thema, f"      {MARKERING} Alle indicatoren van het programma. De tabel", 1)
    tekst = tekst.replace(oud_populatie, f"    populatie: {json.dumps('inwoners 15-64 jaar ' + MARKERING)}\n", 1)
    kader.write_text(tekst, encoding="utf-8")


def _pdftekst(pad: Path) -> str:
    uit = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pad), "-"], capture_output=True, check=True).stdout
    return " ".join(uit.decode("utf-8").replace("\u00ad", "").replace("-\n", "").split())


@pytest.fixture(scope="module")
def gebouwd_met_markup(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    kopie = kopieer_project(tmp_path_factory.mktemp("opmaak") / "evaluatie")
    _plant(kopie)
    netlog = kopie.parent / "netlog"
    netlog.mkdir()
    env = omgeving()
    env["PYTHONPATH"] = f"{kopie / 'src'}{os.pathsep}{ROOT / 'tests' / 'hulp'}"
    env["EVALUATIE_GEEN_NETWERK"] = str(netlog)
    # any HTTP client that honours a proxy (pandoc, curl) gets one that does not exist
    for naam in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[naam] = "http://127.0.0.1:9"
    proc = subprocess.run(["make", "--no-print-directory", "rapport", f"VENV={BIN.parent}",  # -o: never reinstall
                           "-o", str(BIN.parent / ".evaluatie-geinstalleerd")], cwd=kopie, env=env,
                          capture_output=True, text=True)
    return kopie, netlog, proc


@pytest.mark.skipif(not Path("/usr/bin/pdftotext").exists(), reason="pdftotext (poppler-utils) ontbreekt")
def test_kader_markup_is_text_and_the_build_uses_no_network(gebouwd_met_markup):
    kopie, netlog, proc = gebouwd_met_markup
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    pogingen = [r for f in sorted(netlog.glob("*.net")) for r in f.read_text(encoding="utf-8").splitlines()]
    assert pogingen == [], "netwerk gebruikt tijdens de bouw:\n" + "\n".join(pogingen)
    bewaakt = {f.read_text(encoding="utf-8").strip() for f in netlog.glob("*.aan")}
    assert {"ingest", "voortgang", "themas", "kosten_baten", "rapport"} <= bewaakt, bewaakt
    # the notebook stages run their cells in their own (watched) process, unless EVALUATIE_KERNEL=jupyter
    # starts a kernel: a child of the stage process, then watched too
    if os.environ.get("EVALUATIE_KERNEL") == "jupyter":
        assert len(list(netlog.glob("*.aan"))) > len(bewaakt), "geen kernel bewaakt"

    rapport = kopie / "reports" / "2021-2022"
    passwd = base64.b64encode(Path("/etc/passwd").read_bytes()[:30]).decode()[:24]
    for document in ("evaluatie", "verantwoording"):
        # without white space: Typst may break a line anywhere in the planted text; straight quotes in input
        # text become curly quotes (pandoc's smart typography), as everywhere in the report
        pdf = "".join(_pdftekst(rapport / f"{document}.pdf").split())
        for stuk in ("KADERMARKERING<imgsrc=xonerror=alert(1)>`#read(“/etc/passwd”)`{=typst}<imgsrc=“/etc/passwd”>"
                     "![web](http://127.0.0.1:9/lek.png)EINDE",):
            assert stuk in pdf, f"{stuk!r} niet als tekst in {document}.pdf"
        html = (rapport / f"{document}.html").read_text(encoding="utf-8")
        assert ("KADERMARKERING&lt;imgsrc=xonerror=alert(1)&gt;`#read(“/etc/passwd”)`{=typst}"
                "&lt;imgsrc=“/etc/passwd”&gt;![web](http://127.0.0.1:9/lek.png)EINDE") in "".join(html.split())
        for verboden in ("<img src=x", 'src="/etc/passwd"', "onerror=alert(1)>", "127.0.0.1:9/lek.png\"", passwd):
            assert verboden not in html, f"{verboden!r} in {document}.html"
    typ = (rapport / "evaluatie.typ").read_text(encoding="utf-8")
    assert "#read(" not in typ.replace("\\#read(", "")
