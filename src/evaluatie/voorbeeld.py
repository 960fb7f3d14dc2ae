"""`evaluatie voorbeeld`: typeset one document from the current own texts, outside DVC.

While writing a conclusion the researcher wants to see it in the report. `dvc repro` rebuilds all five
documents and records them (several seconds: DVC's own work plus the whole rapport stage). This
command assembles the same Markdown as the rapport stage (:func:`evaluatie.stages.rapport.stel_samen`,
with the same checks of the own texts) and typesets only the chosen document in the chosen format,
into ``voorbeeld/<editie>/`` (git-ignored). It never writes the stage's outputs, ``dvc.lock`` or the
DVC cache: the report itself is still built by ``make rapport``.

The figures and chapter texts come from the last build (``data/processed/``, ``reports/<editie>/``);
only the own texts (``data/raw/tekst/<editie>/``) and the other raw files the stage reads directly are
current.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.instellingen import Instellingen

#: document -> formats the rapport stage makes of it
VORMEN = {"evaluatie": ("pdf", "html", "docx"), "verantwoording": ("pdf", "html")}


def voorbeeldmap(inst: Instellingen) -> Path:
    """``<project>/voorbeeld/<editie>``: the preview folder, ignored by git and no DVC output."""
    return inst.root / "voorbeeld" / str(inst.editie)


def _controleer_bouw(inst: Instellingen) -> None:
    """The inputs a preview takes from the last build; raises ``InvoerFout`` naming the first missing one."""
    nodig = [inst.processed / f"{naam}.parquet" for naam in
             ("voortgang", "indicatoren", "themas", "acties", "projecten", "subsidies", "metingen", "kaders",
              "metingen_gekoppeld")]
    nodig += [inst.rapport / "thema" / f"{t}.md" for t in inst.themas] + [inst.rapport / "kosten_baten.md"]
    for pad in nodig:
        if not pad.is_file():
            raise InvoerFout(pad, "ontbreekt: een voorbeeld gebruikt de cijfers en hoofdstukken van de laatste "
                                  "bouw. Bouw het rapport eerst één keer met `make rapport`.")
    import pyarrow.parquet as pq

    voortgang = inst.processed / "voortgang.parquet"
    codes = {str(c) for c in pq.read_table(voortgang, columns=["gemeente"]).column("gemeente").to_pylist()}
    eigen = str(inst.params.get("gemeente_code"))
    if codes and codes != {eigen}:
        raise InvoerFout(voortgang, f"de laatste bouw was van een andere gemeente ({', '.join(sorted(codes))}, niet "
                                    f"{eigen} uit params.yaml), bijvoorbeeld door `make rapport GEMEENTE=…`. Bouw "
                                    "eerst deze gemeente met `make rapport`; daarna werkt het voorbeeld weer.")


def _controleer_keuze(document: str, vorm: str) -> None:
    """Raises ``InvoerFout`` naming ``--document`` or ``--vorm`` for a document or format that is not made."""
    if document not in VORMEN:
        raise InvoerFout("--document", f"onbekend document {document!r}; kies uit {', '.join(VORMEN)}")
    if vorm not in VORMEN[document]:
        raise InvoerFout("--vorm", f"{document} bestaat niet als {vorm!r}; kies uit {', '.join(VORMEN[document])}")


def maak_voorbeeld(inst: Instellingen, document: str = "evaluatie", vorm: str = "pdf",
                   uitmap: Path | None = None) -> Path:
    """Typeset ``document`` (``evaluatie`` or ``verantwoording``) as ``vorm`` (``pdf``, ``html``, ``docx``)
    from the current own texts into ``uitmap`` (default :func:`voorbeeldmap`); returns the file written.

    The bytes are those the rapport stage would write for the same inputs. Raises ``InvoerFout`` for an
    unknown document or format (naming ``--document``/``--vorm``), a missing build (naming the file) and
    every error of the stage itself (a text that cannot be typeset, naming text and line).
    """
    _controleer_keuze(document, vorm)
    _controleer_bouw(inst)

    from evaluatie.gedeeld.bestanden import schrijf_bytes
    from evaluatie.stages.rapport import stel_samen
    from evaluatie.zetwerk import render

    d = stel_samen(inst)
    rapport = inst.rapport  # figures are read (and embedded) from the report folder, as in the stage
    if document == "evaluatie":
        markdown, meta = d.markdown, d.meta
    else:
        markdown, meta = d.verantwoording, d.meta_verantwoording
    if vorm == "pdf":
        data = render.compileer_pdf(render.naar_typst(markdown, meta), rapport, d.epoch, f"{document}.typ")
    elif vorm == "html":
        data = render.naar_html(markdown, meta, rapport, f"{document}.md").encode("utf-8")
    else:
        data = render.naar_docx(d.markdown_docx, meta, rapport, d.epoch)
    doel = (uitmap or voorbeeldmap(inst)) / f"{document}.{vorm}"
    doel.parent.mkdir(parents=True, exist_ok=True)
    schrijf_bytes(doel, data)
    return doel


def _tekstfilter(tekstmap: Path):
    """watchfiles filter: only Markdown files in the edition's own-text folder, without editors'
    swap and backup files (watchfiles' ``DefaultFilter``)."""
    from watchfiles import DefaultFilter

    standaard = DefaultFilter()
    tekstmap = tekstmap.resolve()

    def filter_(wijziging, pad: str) -> bool:
        p = Path(pad)
        return p.suffix == ".md" and p.parent == tekstmap and standaard(wijziging, pad)

    return filter_


def volg(root: Path, document: str = "evaluatie", vorm: str = "pdf", *,
         gemaakt: Callable[[Path, float], None], fout: Callable[[InvoerFout], None],
         wacht: Callable[[], None], begonnen: Callable[[Path], None] = lambda map_: None,
         stop: threading.Event | None = None) -> None:
    """Keep the preview current while the researcher writes: build it now, then again each time an own
    text of the edition (``data/raw/tekst/<editie>/*.md``) is saved, until ``stop`` is set or Ctrl-C
    (``KeyboardInterrupt``, raised to the caller).

    The watching is watchfiles' (inotify on Linux; changes within 50 ms are taken together). Each build
    reads ``params.yaml`` again and runs :func:`maak_voorbeeld` under the project lock; when a build
    (``make rapport``) holds it, ``wacht()`` is called once and the preview waits for it. This process
    stays warm, so a build after a save costs only assembling and typesetting (± 1–1,5 s on the project's
    2-core machine, ``benchmarks/bouw.py --delen tekstlus``), not the ± 1 s of imports of every new process.

    Callbacks: ``begonnen(tekstmap)`` once the checks passed, before the first build;
    ``gemaakt(pad, seconden)`` after each build (seconds from taking the lock to the file written);
    ``fout(InvoerFout)`` when a build is refused (a text that cannot be typeset, ``params.yaml`` that
    does not read, a build of another gemeente): the watch goes on and the preview file keeps its last
    good bytes.

    Raises ``InvoerFout`` before watching for an unknown document or format, a missing build (naming the
    file) and when ``data/raw/tekst/`` does not exist. An ``OSError`` while writing the preview ends the
    watch. A changed ``editie`` in ``params.yaml`` is not followed: the folder watched is the one of the
    edition at the start.
    """
    import time

    from watchfiles import watch

    from evaluatie.gedeeld.instellingen import laad_instellingen
    from evaluatie.gedeeld.vergrendeling import vergrendeld

    _controleer_keuze(document, vorm)
    inst = laad_instellingen(root)
    tekstmap = inst.tekst
    if not tekstmap.parent.is_dir():
        raise InvoerFout(tekstmap.parent, "ontbreekt: hier staan de eigen teksten die het voorbeeld volgt "
                                          "(zie README.md, 'Eigen teksten')")
    _controleer_bouw(inst)  # no save can mend a missing build: refuse before watching
    begonnen(tekstmap)

    def bouw() -> None:
        try:
            with vergrendeld(inst.root, "evaluatie voorbeeld --volg", bij_wachten=wacht):
                begin = time.perf_counter()
                pad = maak_voorbeeld(laad_instellingen(root), document, vorm)
        except InvoerFout as f:
            fout(f)
            return
        gemaakt(pad, time.perf_counter() - begin)

    bouw()
    for _ in watch(tekstmap.parent, watch_filter=_tekstfilter(tekstmap), debounce=1600, step=50,
                   stop_event=stop):
        bouw()
