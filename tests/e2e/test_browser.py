"""The HTML edition in a real browser (Debian chromium + chromedriver, driven by Selenium; no
browser downloads): the dashboard fits a desktop (1280 px) and a phone (390 px) without sideways
scrolling, on a phone each dashboard value is labelled with its own column header (decoratively: screen
readers keep the table's header cells), chart text is at least 11 px on a desktop, and axe-core finds no
serious or critical accessibility violation."""

from __future__ import annotations

import base64
import re
import shutil
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
EDITIE = "2021-2022"

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="Debian chromium en chromium-driver ontbreken (apt-get install chromium chromium-driver)")


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opties = Options()
    opties.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=1280,1000"):
        opties.add_argument(arg)
    # an explicit driver path: Selenium Manager is not asked to download anything
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opties)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def html_pad(gebouwd) -> Path:
    return gebouwd / "reports" / EDITIE / "evaluatie.html"


def _open(driver, pad: Path, breedte: int, mobiel: bool = False) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": breedte, "height": 900, "deviceScaleFactor": 1, "mobile": mobiel})
    driver.get(pad.as_uri())
    assert driver.execute_script("return window.innerWidth") == breedte


OVERLOOP = """
const w = document.documentElement.clientWidth;
const uit = [];
const tabel = document.querySelector('table.dashboard');
if (!tabel) return ['geen table.dashboard'];
for (const el of [tabel, ...tabel.querySelectorAll('*')]) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;            // visually hidden (thead on a phone)
  if (getComputedStyle(el).position === 'absolute' && r.width <= 1) continue;
  if (r.left < -0.5 || r.right > w + 0.5) uit.push(el.tagName + '.' + el.className + ' ' + r.left + '-' + r.right);
}
if (document.documentElement.scrollWidth > w + 1) uit.push('pagina scrollt zijwaarts: ' + document.documentElement.scrollWidth);
return uit;
"""


@pytest.mark.parametrize("breedte, mobiel", [(1280, False), (390, True)])
def test_dashboard_fits_the_viewport(browser, html_pad, breedte, mobiel):
    _open(browser, html_pad, breedte, mobiel)
    assert browser.execute_script(OVERLOOP) == []
    statussen = browser.execute_script(
        "return [...document.querySelectorAll('table.dashboard td.status')].map(e => {"
        "const r = e.getBoundingClientRect(); return [r.left, r.right, e.innerText]; })")
    assert statussen, "geen statuscellen in het dashboard"
    for links, rechts, tekst in statussen:
        assert 0 <= links and rechts <= breedte, f"status {tekst!r} valt buiten beeld ({links}-{rechts})"
        assert tekst.strip()


KAARTLABELS = """
const uit = [];
for (const tr of document.querySelectorAll('table.dashboard tbody tr')) {
  const cellen = [...tr.children].filter(c => c.tagName === 'TD');
  if (!cellen.length) continue;                             // a theme row
  uit.push({indicator: tr.querySelector('th[scope=row]').innerText.trim(),
            cellen: cellen.map(c => ({label: getComputedStyle(c, '::before').content,
                                      zichtbaar: getComputedStyle(c, '::before').display !== 'none',
                                      tekst: c.innerText.trim()}))});
}
return {koppen: [...document.querySelectorAll('table.dashboard thead th')].map(th => th.innerText.trim()),
        kaarten: uit};
"""


def _label(content: str) -> str | None:
    """The label text of a computed ``::before`` content: '"Doel: " / ""' -> 'Doel'; 'none' -> None."""
    if content in ("none", "normal", ""):
        return None
    zichtbaar = content.split(" / ")[0]  # after " / " comes the (empty) alternative text for screen readers
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', zichtbaar)).removesuffix(": ")


def test_phone_cards_label_every_value_with_its_own_column(browser, html_pad):
    """On a phone every dashboard card shows 'Doel: <the target>' and 'Laatste meting: <the measurement>' --
    each value with the header of its own column (a positional rule once put 'Laatste meting:' before the
    target); on a desktop the table has its header row and no labels."""
    _open(browser, html_pad, 390, mobiel=True)
    staat = browser.execute_script(KAARTLABELS)
    koppen = staat["koppen"]
    assert koppen[:4] == ["Indicator", "Basis", "Doel", "Laatste meting"] and "Status" in koppen
    assert len(staat["kaarten"]) >= 5
    for kaart in staat["kaarten"]:
        labels = [_label(c["label"]) for c in kaart["cellen"]]
        assert labels == koppen[1:], f"{kaart['indicator']}: labels {labels}, kolommen {koppen[1:]}"
        assert all(c["zichtbaar"] for c in kaart["cellen"])
    # and the value under each label is the cell of that column in the real table (40 % under Doel, the
    # measurement under Laatste meting)
    paren = browser.execute_script(
        "const koppen = [...document.querySelectorAll('table.dashboard thead th')].map(th => th.innerText.trim());"
        "return [...document.querySelectorAll('table.dashboard tbody td')].map(td => [td.dataset.label,"
        " koppen[[...td.parentElement.children].indexOf(td)]]);")
    assert paren and all(label == kop for label, kop in paren), paren[:3]

    _open(browser, html_pad, 1280)
    desktop = browser.execute_script(KAARTLABELS)
    assert all(_label(c["label"]) is None for k in desktop["kaarten"] for c in k["cellen"])
    assert browser.execute_script(
        "const th = document.querySelector('table.dashboard thead th'); return th.getBoundingClientRect().height > 1")
    # the caption sits above the column headers, not squeezed under them into the first column
    assert browser.execute_script(
        "const t = document.querySelector('table.dashboard');"
        "return t.querySelector('caption').getBoundingClientRect().bottom"
        " <= t.querySelector('thead').getBoundingClientRect().top + 0.5")


def test_wide_tables_are_cards_on_a_phone_with_the_status_in_view(browser, html_pad):
    """A theme's indicator table (7 columns) scrolled sideways on a phone with its status off-screen
    (tester, session 10): every table of four columns or more is a card per row on a phone, each value
    labelled with its own column, nothing outside the viewport; on a desktop it is an ordinary table."""
    _open(browser, html_pad, 390, mobiel=True)
    staat = browser.execute_script("""
const w = document.documentElement.clientWidth, uit = [];
const tabellen = [...document.querySelectorAll('table.kaarten')];
for (const t of tabellen) {
  const koppen = [...t.querySelectorAll('thead th')].map(th => th.innerText.trim());
  for (const tr of t.querySelectorAll('tbody tr')) {
    for (const [i, td] of [...tr.children].entries()) {
      const r = td.getBoundingClientRect();
      if (r.left < -0.5 || r.right > w + 0.5) uit.push('buiten beeld: ' + td.innerText.slice(0, 40));
      if (i > 0 && td.dataset.label !== koppen[i]) uit.push('label ' + td.dataset.label + ' onder ' + koppen[i]);
    }
  }
}
return {n: tabellen.length, fouten: uit,
        status: [...document.querySelectorAll('table.kaarten td[data-label=Status]')].map(td => td.innerText.trim())};
""")
    assert staat["n"] >= 5 and staat["fouten"] == []
    assert "✘ doel niet gehaald" in staat["status"]
    _open(browser, html_pad, 1280)
    assert browser.execute_script(
        "return getComputedStyle(document.querySelector('table.kaarten thead')).position") != "absolute"


def test_phone_labels_are_decorative_for_screen_readers(browser, html_pad):
    """The '::before' label is visual only: a cell's accessible name is its value, the cell stays a table
    cell and the column headers stay in the accessibility tree (Chromium's own tree via CDP)."""
    _open(browser, html_pad, 390, mobiel=True)
    doel = browser.execute_script(
        "const t = document.querySelector('table.dashboard');"
        "const kolom = [...t.querySelectorAll('thead th')].findIndex(th => th.innerText.trim() === 'Doel');"
        "const rij = [...t.querySelectorAll('tbody tr')].find(tr => tr.querySelector('td'));"
        "const td = rij.children[kolom]; td.id = td.id || 'doel-cel-test'; return [td.id, td.innerText.trim()];")
    browser.execute_cdp_cmd("Accessibility.enable", {})
    dom = browser.execute_cdp_cmd("DOM.getDocument", {"depth": 0})
    knoop = browser.execute_cdp_cmd("DOM.querySelector", {"nodeId": dom["root"]["nodeId"], "selector": f"#{doel[0]}"})
    ax = browser.execute_cdp_cmd("Accessibility.getPartialAXTree",
                                 {"nodeId": knoop["nodeId"], "fetchRelatives": False})["nodes"]
    cel = next(n for n in ax if not n.get("ignored"))
    assert cel["role"]["value"] in {"cell", "gridcell"}, cel["role"]
    naam = cel.get("name", {}).get("value", "")
    assert "Doel" not in naam and "Laatste meting" not in naam and naam.strip() == doel[1], naam
    boom = browser.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
    koppen = {n.get("name", {}).get("value") for n in boom if n.get("role", {}).get("value") == "columnheader"}
    assert {"Doel", "Laatste meting"} <= koppen


def _svg_uit_data_uri(src: str) -> ET.Element:
    kop, _, data = src.partition(",")
    tekst = base64.b64decode(data) if ";base64" in kop else urllib.parse.unquote(data).encode()
    return ET.fromstring(tekst)


def _lettergroottes(svg: ET.Element) -> list[float]:
    groottes = []
    for el in svg.iter():
        if not el.tag.endswith("text"):
            continue
        stijl = (el.get("style") or "") + ";" + (el.get("font-size") or "")
        m = re.search(r"font(?:-size)?:\s*([\d.]+)px", stijl) or re.search(r";([\d.]+)(?:px)?$", stijl)
        assert m, f"tekst zonder lettergrootte: {ET.tostring(el)[:120]!r}"
        groottes.append(float(m.group(1)))
    return groottes


def test_chart_text_is_real_text_of_at_least_11px_on_a_desktop(browser, html_pad):
    _open(browser, html_pad, 1280)
    beelden = browser.execute_script(
        "return [...document.querySelectorAll('figure img')].filter(i => i.src.startsWith('data:image/svg'))"
        ".map(i => [i.src, i.getBoundingClientRect().width])")
    assert len(beelden) >= 5, "te weinig SVG-figuren in de HTML"
    for src, breedte in beelden:
        svg = _svg_uit_data_uri(src)
        viewbox = [float(v) for v in svg.get("viewBox").split()]
        schaal = breedte / viewbox[2]
        groottes = _lettergroottes(svg)
        assert groottes, "figuur zonder echte tekst (tekst als paden?)"
        kleinste = min(groottes) * schaal
        assert kleinste >= 11.0, f"grafiektekst {kleinste:.1f} px (< 11 px) in een figuur van {breedte:.0f} px"


def test_every_figure_has_alt_text_with_data_and_a_csv_link(browser, html_pad):
    _open(browser, html_pad, 1280)
    figuren = browser.execute_script(
        "return [...document.querySelectorAll('figure')].filter(f => f.querySelector('img'))"
        ".map(f => [f.querySelector('img').alt, f.querySelector('figcaption') ? f.querySelector('figcaption').innerText : '',"
        " f.nextElementSibling ? f.nextElementSibling.innerHTML : ''])")
    indicatorfiguren = [f for f in figuren if "tornado" not in f[2] and "Gevoeligheid" not in f[1]]
    assert indicatorfiguren
    for alt, bijschrift, na in indicatorfiguren:
        assert alt and alt != bijschrift, f"alt-tekst herhaalt het bijschrift: {alt!r}"
        assert re.search(r"\d", alt), f"alt-tekst noemt geen gegevens: {alt!r}"
        assert 'download="' in na and "data:text/csv" in na, f"geen CSV-link onder de figuur {bijschrift!r}"


@pytest.mark.parametrize("breedte", [1280, 390])
def test_axe_reports_no_serious_or_critical_violation(browser, html_pad, capsys, breedte):
    from axe_selenium_python import Axe

    _open(browser, html_pad, breedte, mobiel=breedte < 600)
    axe = Axe(browser)
    axe.inject()
    uitkomst = axe.run()
    ernstig = [v for v in uitkomst["violations"] if v.get("impact") in {"serious", "critical"}]
    with capsys.disabled():
        print(f"\naxe-core bij {breedte} px: {len(uitkomst['violations'])} overtredingen, waarvan {len(ernstig)} ernstig of kritiek: "
              + ", ".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])})" for v in uitkomst["violations"]))
    assert not ernstig, "\n".join(f"{v['id']} ({v['impact']}): {v['help']} -- {[n['target'] for n in v['nodes'][:3]]}"
                                  for v in ernstig)


def test_axe_itself_catches_a_serious_violation(browser, tmp_path):
    """The check can fail: a page with an unlabelled image and low contrast is reported."""
    from axe_selenium_python import Axe

    pad = tmp_path / "slecht.html"
    pad.write_text('<!doctype html><html lang="nl"><head><title>x</title></head><body><main>'
                   '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                   '<p style="color:#bbb;background:#fff">lichtgrijs</p></main></body></html>', encoding="utf-8")
    browser.get(pad.as_uri())
    axe = Axe(browser)
    axe.inject()
    ids = {v["id"] for v in axe.run()["violations"] if v.get("impact") in {"serious", "critical"}}
    assert {"image-alt", "color-contrast"} <= ids
