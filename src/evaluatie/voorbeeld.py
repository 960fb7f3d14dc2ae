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


def _laatste_bouw(root: Path) -> dict:
    """``editie`` and ``gemeente_code`` of the last build, as ``dvc.lock`` records them for the ingest stage
    (empty when there is no lock file or no ingest entry)."""
    import yaml

    lock = root / "dvc.lock"
    if not lock.is_file():
        return {}
    try:
        data = yaml.load(lock.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return dict(data["stages"]["ingest"]["params"]["params.yaml"])
    except (yaml.YAMLError, KeyError, TypeError, ValueError):
        return {}


def _controleer_laatste_bouw(inst: Instellingen) -> None:
    """Raises ``InvoerFout`` naming ``dvc.lock`` when the last build was of another gemeente or edition than
    ``params.yaml`` names (``make rapport GEMEENTE=…`` / ``EDITIE=…``): its figures would be mixed into
    this preview."""
    gebouwd = _laatste_bouw(inst.root)
    code, editie = gebouwd.get("gemeente_code"), gebouwd.get("editie")
    eigen_code = inst.params.get("gemeente_code")
    if code is not None and str(code) != str(eigen_code):
        naam, eigen_naam = gebouwd.get("gemeente"), inst.params.get("gemeente")
        wat = (f"gemeente {naam} ({code}), niet {eigen_naam} ({eigen_code})" if naam and eigen_naam
               else f"gemeente {code}, niet {eigen_code}")
        hint = "`make rapport GEMEENTE=…`"
    elif editie is not None and str(editie) != str(inst.editie):
        wat, hint = f"editie {editie}, niet {inst.editie}", "`make rapport EDITIE=…`"
    else:
        return
    raise InvoerFout(inst.root / "dvc.lock", f"de laatste bouw was van {wat} uit params.yaml (bijvoorbeeld door "
                                             f"{hint}); de cijfers zouden niet bij dit rapport horen. Bouw eerst "
                                             "dit rapport met `make rapport`; daarna werkt het voorbeeld weer.")


def _controleer_bouw(inst: Instellingen) -> None:
    """The inputs a preview takes from the last build; raises ``InvoerFout`` naming the first missing one, or
    when the last build was of another gemeente or edition (``dvc.lock``; ``voortgang.parquet`` when
    there is no lock file)."""
    _controleer_laatste_bouw(inst)
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


class _EditieGewijzigd(Exception):
    """``params.yaml`` names another edition than the one whose texts are being watched."""


def _momentopname(tekstmap: Path, *losse: Path) -> tuple:
    """Name, size, mtime and inode of the edition's own texts and of ``losse`` (``dvc.lock``,
    ``params.yaml``): what a build reads that the watch follows."""
    paden = sorted(p for p in tekstmap.glob("*.md")) if tekstmap.is_dir() else []
    uit = []
    for pad in [*paden, *losse]:
        try:
            st = pad.stat()
        except OSError:
            continue
        uit.append((pad.name, st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(uit)


def _filter(tekstmap: Path, *losse: Path):
    """watchfiles filter: Markdown files in the edition's own-text folder (without editors' swap, backup
    and lock files: watchfiles' ``DefaultFilter``), the folder itself (moved or created as a whole) and the
    files ``losse``: ``dvc.lock`` (a finished build brings new figures) and ``params.yaml`` (settings,
    the edition)."""
    from watchfiles import DefaultFilter

    standaard = DefaultFilter()
    tekstmap = tekstmap.resolve()
    bestanden = {p.resolve() for p in losse}

    def filter_(wijziging, pad: str) -> bool:
        p = Path(pad)
        if p in bestanden or p == tekstmap:
            return True
        return p.suffix == ".md" and p.parent == tekstmap and standaard(wijziging, pad)

    return filter_


def volg(root: Path, document: str = "evaluatie", vorm: str = "pdf", *,
         gemaakt: Callable[[Path, float], None], fout: Callable[[InvoerFout], None],
         wacht: Callable[[], None], begonnen: Callable[[Path], None] = lambda map_: None,
         waarschuwing: Callable[[InvoerFout], None] | None = None, stop: threading.Event | None = None) -> None:
    """Keep the preview current while the researcher writes: build it now, then again each time an own
    text of the edition (``data/raw/tekst/<editie>/*.md``) is saved, a build finishes (``dvc.lock``
    changes) or ``params.yaml`` changes, until ``stop`` is set or Ctrl-C (``KeyboardInterrupt``, raised to the caller).

    The watching is watchfiles' (inotify on Linux; changes within 50 ms are taken together); once a second
    the files are also compared with what they were (:func:`_momentopname`), for a save that came between
    the start of a build and the start of watching. Each build
    reads ``params.yaml`` again and runs :func:`maak_voorbeeld` under the project lock; when a build
    (``make rapport``) or another preview holds it, ``wacht()`` is called once and the preview waits for
    it. This process stays warm, so a build after a save costs only assembling and typesetting (± 1,5 s on
    the project's 2-core machine, ``benchmarks/bouw.py --delen tekstlus``), not the ± 1 s of imports of
    every new process. When ``params.yaml`` names another edition, the watch moves to that edition's
    folder (``begonnen`` is called again).

    Callbacks: ``begonnen(tekstmap)`` once the checks passed, before the first build;
    ``gemaakt(pad, seconden)`` after each build (seconds from taking the lock to the file written);
    ``fout(InvoerFout)`` when a build is refused (a text that cannot be typeset or read, ``params.yaml``
    that does not read, a last build of another gemeente or edition, a preview that cannot be written):
    the watch goes on and the preview file keeps its last good bytes. ``waarschuwing(InvoerFout)``
    (default ``fout``), once per message, when watchfiles cannot follow a change (a file or folder name
    that is not valid UTF-8); the texts are still compared once a second.

    Raises ``InvoerFout`` before watching for an unknown document or format, a missing build (naming the
    file) and when ``data/raw/tekst/`` does not exist.
    """
    import time

    from watchfiles import watch
    from watchfiles._rust_notify import WatchfilesRustInternalError

    from evaluatie.gedeeld.fouten import schrijffout
    from evaluatie.gedeeld.instellingen import laad_instellingen
    from evaluatie.gedeeld.vergrendeling import vergrendeld

    _controleer_keuze(document, vorm)
    inst = laad_instellingen(root)
    if not inst.tekst.parent.is_dir():
        raise InvoerFout(inst.tekst.parent, "ontbreekt: hier staan de eigen teksten die het voorbeeld volgt "
                                            "(zie README.md, 'Eigen teksten')")
    _controleer_bouw(inst)  # no save can mend a missing build: refuse before watching
    waarschuwing = waarschuwing or fout

    def bouw(tekstmap: Path) -> None:
        try:
            with vergrendeld(inst.root, "evaluatie voorbeeld --volg", bij_wachten=wacht):
                begin = time.perf_counter()
                nu = laad_instellingen(root)
                if nu.tekst != tekstmap:
                    raise _EditieGewijzigd
                pad = maak_voorbeeld(nu, document, vorm)
        except InvoerFout as f:
            fout(f)
            return
        except OSError as f:  # a text that cannot be read, a preview that cannot be written
            fout(schrijffout(f))
            return
        gemaakt(pad, time.perf_counter() - begin)

    tekstmap = inst.tekst
    losse = (inst.root / "dvc.lock", inst.root / "params.yaml")
    gemeld: set[str] = set()  # watchfiles' own errors, each reported once
    while stop is None or not stop.is_set():
        begonnen(tekstmap)
        try:
            # a save between the start of a build and the start of watching raises no event the watch
            # sees; so the files are compared with what they were before the build, once a second
            voor = _momentopname(tekstmap, *losse)
            bouw(tekstmap)
            while stop is None or not stop.is_set():
                try:
                    # dvc.lock and params.yaml are watched when they exist; one replaced by a rename (and so
                    # no longer watched) is still noticed by the snapshot
                    gevolgd = [tekstmap.parent, *(p for p in losse if p.is_file())]
                    for wijzigingen in watch(*gevolgd, watch_filter=_filter(tekstmap, *losse), debounce=1600,
                                             step=50, stop_event=stop, rust_timeout=1000, yield_on_timeout=True):
                        nu = _momentopname(tekstmap, *losse)
                        if wijzigingen or nu != voor:
                            voor = nu
                            bouw(tekstmap)
                    return
                except WatchfilesRustInternalError as f:  # e.g. a file name that is not valid UTF-8
                    if str(f) not in gemeld:
                        gemeld.add(str(f))
                        waarschuwing(InvoerFout(tekstmap.parent, f"een wijziging kon niet gevolgd worden ({f}); "
                                                                 "hernoem dat bestand of die map. Ik volg verder."))
                    # the watch is started again; a folder it cannot read fails again at once: not in a loop
                    if stop is not None:
                        stop.wait(1.0)
                    else:
                        time.sleep(1.0)
                    nu = _momentopname(tekstmap, *losse)
                    if nu != voor:
                        voor = nu
                        bouw(tekstmap)
        except _EditieGewijzigd:
            tekstmap = laad_instellingen(root).tekst
