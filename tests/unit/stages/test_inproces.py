"""The in-process papermill engine (evaluatie.stages.inproces) against the Jupyter kernel it replaces.

The notebook stages run their cells in their own process; ``EVALUATIE_KERNEL=jupyter`` (here: ``kernel=
"jupyter"``) runs them in the kernel ``evaluatie`` as before. Both must write the same bytes, for the theme
chapter and for a notebook that prints, warns, displays and ends on an expression. Errors: an
``InvoerFout`` in a cell stays an ``InvoerFout``, anything else is papermill's error naming the cell, and
neither writes the output notebook. A run leaves the process as it found it.

Tests that start the kernel carry the marker ``kernel``: `make test` runs them, `make test-snel` skips them
(± 16 s of CPU; tests/e2e/test_themas_gevorkt.py compares the real chapters of both ways too).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from conftest import ROOT
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.stages.notebook import NotebookFout, voer_uit


def _notebook(pad: Path, *cellen: str) -> Path:
    nb = nbformat.v4.new_notebook()
    param = nbformat.v4.new_code_cell("x = 1")
    param.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("Test"), param, *(nbformat.v4.new_code_cell(c) for c in cellen)]
    nb.metadata["kernelspec"] = {"name": "evaluatie", "display_name": "evaluatie (.venv)", "language": "python"}
    nbformat.write(nb, pad)
    return pad


PRINTEN = (
    "import sys, warnings\nprint('een', x)\nprint('fout', file=sys.stderr)\nprint('twee')",
    "from IPython.display import Markdown, display\ndisplay(Markdown('**vet**'))\nprint('na')\nx * 2",
    "",  # an empty cell is not run and gets no number
    # a warning names the file that raised it; raised by cell code itself, that is the cell's own name,
    # which differs (the kernel's /tmp/ipykernel_<pid>/<hash>.py changes every run): name a library file
    "warnings.warn_explicit('let op', UserWarning, 'bibliotheek.py', 7)\n'tekst'",
    "x;",  # a trailing semicolon hides the value
    "print('a', flush=True)\nprint('b')\nprint('c', file=sys.stderr, flush=True)\nprint('d')",
)


def _thema_invoer(map_: Path) -> None:
    """The per-theme tables the `voortgang` stage writes, for one small theme."""
    from evaluatie.voortgang.beoordeel import beoordeel_alles

    indicatoren = pd.DataFrame([{
        "indicator_id": "eenzaam_ernstig", "thema_id": "eenzaamheid", "naam": "Ernstig eenzamen",
        "eenheid": "%", "richting": "lager", "basis_jaar": 2016, "basis_waarde": 8.0, "doel_type": "waarde",
        "doel_waarde": 4.0, "doel_jaar": 2022, "doel_vanaf_jaar": pd.NA, "is_percentage": True,
        "kader_id": "rijswijk_welzijn",
    }])
    reeksen = pd.DataFrame({
        "indicator_id": ["eenzaam_ernstig"] * 4,
        "gebied": ["GM0603", "GM0603", "GM1916", "NL01"],
        "gebied_niveau": ["gemeente", "gemeente", "gemeente", "land"],
        "gebied_naam": ["Rijswijk", "Rijswijk", "Leidschendam-Voorburg", "Nederland"],
        "jaar": [2016, 2022, 2022, 2022],
        "waarde": [8.0, 11.0, 7.0, 12.0],
        "ondergrens": [6.0, 9.8, 5.0, 11.9],
        "bovengrens": [10.0, 12.3, 9.0, 12.1],
        "markering": [""] * 4,
        "onzekerheid": ["modelschatting"] * 4,
    })
    map_.mkdir(parents=True)
    pd.DataFrame([{"thema_id": "eenzaamheid", "naam": "Eenzaamheid", "omschrijving": "Minder eenzaamheid.",
                   "coalitie": None}]).to_parquet(map_ / "thema.parquet")
    indicatoren.to_parquet(map_ / "indicatoren.parquet")
    beoordeel_alles(indicatoren, reeksen, "GM0603").to_parquet(map_ / "voortgang.parquet")
    reeksen.to_parquet(map_ / "reeksen.parquet")
    pd.DataFrame([{"actie_id": "a1", "naam": "Ontmoeten", "status": "lopend"}]).to_parquet(map_ / "acties.parquet")


def _bytes(*paden: Path) -> list[bytes]:
    return [p.read_bytes() for p in paden]


def _beide_kernels(sjabloon: Path, tmp_path: Path, parameters: dict) -> dict[str, tuple[Path, Path]]:
    """Run ``sjabloon`` in this process and in the kernel; per way the executed notebook and its Markdown."""
    uit = {}
    for kernel in ("inproces", "jupyter"):
        nb, md = tmp_path / kernel / f"{sjabloon.stem}.ipynb", tmp_path / kernel / f"{sjabloon.stem}.md"
        voer_uit(sjabloon, nb, parameters, cwd=tmp_path, markdown=md, kernel=kernel)
        uit[kernel] = (nb, md)
    return uit


@pytest.mark.kernel
def test_theme_chapter_is_byte_identical_in_process_and_in_the_kernel(tmp_path):
    _thema_invoer(tmp_path / "invoer")
    parameters = {"gemeente_code": "GM0603", "gemeente_naam": "Rijswijk", "editie": "2021-2022",
                  "thema": "eenzaamheid", "invoer": "invoer", "rapportmap": "rapport", "min_aantal": 10}
    uit = {}
    for kernel in ("inproces", "jupyter"):
        nb, md = tmp_path / kernel / "eenzaamheid.ipynb", tmp_path / kernel / "eenzaamheid.md"
        voer_uit(ROOT / "notebooks" / "thema.ipynb", nb, parameters, cwd=tmp_path, markdown=md, kernel=kernel)
        figuren = sorted((tmp_path / "rapport" / "figuren" / "eenzaamheid").glob("*"))
        uit[kernel] = _bytes(nb, md, *figuren)
        shutil.rmtree(tmp_path / "rapport")
    assert len(uit["inproces"]) > 2, "geen figuur geschreven"
    assert uit["inproces"] == uit["jupyter"]


@pytest.mark.kernel
def test_streams_results_and_warnings_are_byte_identical_in_process_and_in_the_kernel(tmp_path):
    sjabloon = _notebook(tmp_path / "printen.ipynb", *PRINTEN)
    uit = {k: _bytes(*paden) for k, paden in _beide_kernels(sjabloon, tmp_path, {"x": 21}).items()}
    assert uit["inproces"] == uit["jupyter"]
    cellen = nbformat.reads(uit["inproces"][0].decode(), as_version=4).cells
    assert [c.get("execution_count") for c in cellen] == [None, 1, 2, 3, 4, None, 5, 6, 7]
    assert [o["output_type"] for o in cellen[3].outputs] == ["stream", "stream"]
    assert cellen[3].outputs[0]["text"] == "een 21\ntwee\n"
    assert [o["output_type"] for o in cellen[4].outputs] == ["display_data", "stream", "execute_result"]
    assert cellen[6].outputs[0]["text"] == "bibliotheek.py:7: UserWarning: let op\n"
    assert cellen[7].outputs == []
    assert [(o["name"], o["text"]) for o in cellen[8].outputs] == [("stdout", "a\n"), ("stderr", "c\n"),
                                                                   ("stdout", "b\nd\n")]


def test_running_twice_gives_the_same_bytes_and_a_fresh_namespace(tmp_path):
    sjabloon = _notebook(tmp_path / "tweemaal.ipynb", *PRINTEN,
                         "print('al gezien' if 'gezien' in globals() else 'nieuw')\ngezien = True")
    for naam in ("a", "b"):
        voer_uit(sjabloon, tmp_path / naam / "nb.ipynb", {"x": 21}, cwd=tmp_path, markdown=tmp_path / naam / "nb.md")
    assert _bytes(tmp_path / "a" / "nb.ipynb", tmp_path / "a" / "nb.md") == _bytes(
        tmp_path / "b" / "nb.ipynb", tmp_path / "b" / "nb.md")
    assert "nieuw" in (tmp_path / "b" / "nb.ipynb").read_text(encoding="utf-8")


def test_cells_run_in_cwd_with_the_inline_backend_and_the_process_is_restored(tmp_path):
    from IPython.core.interactiveshell import InteractiveShell

    werk = tmp_path / "werk"
    werk.mkdir()
    sjabloon = _notebook(tmp_path / "omgeving.ipynb",
                         "import os, sys\nprint(os.getcwd())\nprint(os.environ['MPLBACKEND'])\nprint(__name__)")
    voor = (os.getcwd(), sys.stdout, sys.stderr, sys.modules.get("__main__"), InteractiveShell._instance,
            os.environ.get("MPLBACKEND"))
    voer_uit(sjabloon, tmp_path / "uit.ipynb", {}, cwd=werk)
    na = (os.getcwd(), sys.stdout, sys.stderr, sys.modules.get("__main__"), InteractiveShell._instance,
          os.environ.get("MPLBACKEND"))
    assert na == voor
    cel = nbformat.read(tmp_path / "uit.ipynb", as_version=4).cells[2]
    assert cel.outputs[0]["text"] == f"{werk}\nmodule://matplotlib_inline.backend_inline\n__main__\n"


@pytest.mark.parametrize("kernel", ["inproces", pytest.param("jupyter", marks=pytest.mark.kernel)])
def test_invoerfout_in_a_cell_stays_an_invoerfout_and_keeps_the_old_notebook(tmp_path, kernel):
    sjabloon = _notebook(tmp_path / "fout.ipynb", "from evaluatie.gedeeld.fouten import InvoerFout\n"
                         "raise InvoerFout(None, 'kolom jaar ontbreekt')", "print('niet bereikt')")
    oud = tmp_path / "uit.ipynb"
    oud.write_text("OUD\n", encoding="utf-8")
    cwd = os.getcwd()
    with pytest.raises(InvoerFout) as fout:
        voer_uit(sjabloon, oud, {}, cwd=tmp_path, markdown=tmp_path / "uit.md", kernel=kernel)
    assert "kolom jaar ontbreekt" in str(fout.value)
    assert oud.read_text(encoding="utf-8") == "OUD\n"
    assert not (tmp_path / "uit.md").exists()
    assert os.getcwd() == cwd


@pytest.mark.parametrize("kernel", ["inproces", pytest.param("jupyter", marks=pytest.mark.kernel)])
def test_other_error_names_the_notebook_and_the_cell(tmp_path, kernel):
    sjabloon = _notebook(tmp_path / "fout.ipynb", "print('eerst')", "1 / 0", "print('niet bereikt')")
    sys_stdout = sys.stdout
    with pytest.raises(NotebookFout) as fout:
        voer_uit(sjabloon, tmp_path / "uit.ipynb", {}, cwd=tmp_path, kernel=kernel)
    assert fout.value.ename == "ZeroDivisionError"
    assert fout.value.exec_count == 3  # parameters 1 (no injected cell without parameters), print 2, division 3
    assert fout.value.cell_index == 3
    melding = str(fout.value)
    assert melding.startswith("fout.ipynb: het notebook stopte in cel [3] met ZeroDivisionError: division by zero\n\n")
    assert "----> 1 1 / 0" in melding  # the cell's own traceback, without colour codes
    assert "\x1b[" not in melding and "papermill" not in melding
    assert not (tmp_path / "uit.ipynb").exists()
    assert sys.stdout is sys_stdout


def test_with_evaluatie_debug_the_error_is_papermills_own(tmp_path, monkeypatch):
    from papermill.exceptions import PapermillExecutionError

    monkeypatch.setenv("EVALUATIE_DEBUG", "1")
    with pytest.raises(PapermillExecutionError):
        voer_uit(_notebook(tmp_path / "fout.ipynb", "1 / 0"), tmp_path / "uit.ipynb", {}, cwd=tmp_path)


def test_unknown_kernel_choice_is_refused(tmp_path):
    with pytest.raises(InvoerFout, match="onbekende kernel"):
        voer_uit(_notebook(tmp_path / "nb.ipynb"), tmp_path / "uit.ipynb", {}, cwd=tmp_path, kernel="docker")


#: What a student copies from a tutorial (tester findings): a `%matplotlib` magic (failed in-process with
#: NotImplementedError), a figure shown with plt.show(), help with `?` (printed into the chapter).
STUDENT = (
    "%matplotlib inline",
    "import matplotlib.pyplot as plt\nplt.figure(figsize=(2, 1))\nplt.plot([1, 2])\nplt.show()",
    "len?",
    "%matplotlib agg",
)


def _zonder_png(notebook: bytes) -> tuple[str, int]:
    """The notebook's JSON with PNG data blanked (its pixels follow matplotlib's global rcParams, which other
    tests in this process may have touched), and the number of PNG outputs."""
    nb = nbformat.reads(notebook.decode("utf-8"), as_version=4)
    aantal = 0
    for cel in nb.cells:
        for uit in cel.get("outputs", []):
            if "image/png" in uit.get("data", {}):
                uit["data"]["image/png"] = "…"
                aantal += 1
    return nbformat.writes(nb), aantal


@pytest.mark.kernel
def test_student_cells_behave_as_in_the_kernel(tmp_path):
    sjabloon = _notebook(tmp_path / "student.ipynb", *STUDENT)
    uit = {k: _zonder_png(nb.read_bytes()) for k, (nb, _) in _beide_kernels(sjabloon, tmp_path, {}).items()}
    assert uit["inproces"] == uit["jupyter"]
    assert uit["inproces"][1] == 1  # plt.show() gave one figure, as a PNG output
    cellen = nbformat.reads(uit["inproces"][0], as_version=4).cells
    assert cellen[4].outputs == []  # no help text in the chapter


def test_streams_have_a_file_descriptor(tmp_path):
    """``sys.stdout.fileno()`` (used by subprocess) is the process's own descriptor, as ipykernel hands out
    its copy of the original one (not compared with the kernel: under pytest's capture it has none)."""
    sjabloon = _notebook(tmp_path / "fd.ipynb", "import sys\nprint(sys.stdout.fileno() == sys.__stdout__.fileno(), "
                                                 "sys.stderr.fileno() == sys.__stderr__.fileno())")
    voer_uit(sjabloon, tmp_path / "uit.ipynb", {}, cwd=tmp_path)
    assert nbformat.read(tmp_path / "uit.ipynb", as_version=4).cells[2].outputs[0]["text"] == "True True\n"


@pytest.mark.parametrize("kernel", ["inproces", pytest.param("jupyter", marks=pytest.mark.kernel)])
@pytest.mark.parametrize("cel", ["naam = input('Naam? ')", "import getpass\ngetpass.getpass()"])
def test_input_fails_at_once_instead_of_waiting(tmp_path, kernel, cel):
    """A build never waits for the keyboard: input() and getpass() fail as in a kernel without stdin."""
    with pytest.raises(NotebookFout) as fout:
        voer_uit(_notebook(tmp_path / "invoer.ipynb", cel), tmp_path / "uit.ipynb", {}, cwd=tmp_path, kernel=kernel)
    assert fout.value.ename == "StdinNotImplementedError"
    assert "does not support input requests" in fout.value.evalue


def test_exit_in_a_cell_stops_the_run_with_a_dutch_message(tmp_path):
    with pytest.raises(NotebookFout) as fout:
        voer_uit(_notebook(tmp_path / "stop.ipynb", "exit()", "print('niet bereikt')"), tmp_path / "uit.ipynb", {},
                 cwd=tmp_path)
    assert fout.value.ename == "SystemExit"
    assert "exit() en quit() stoppen de bouw van het rapport" in fout.value.evalue
    assert not (tmp_path / "uit.ipynb").exists()


def test_unknown_value_of_the_environment_variable_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("EVALUATIE_KERNEL", "onzin")
    with pytest.raises(InvoerFout) as fout:
        voer_uit(_notebook(tmp_path / "nb.ipynb"), tmp_path / "uit.ipynb", {}, cwd=tmp_path)
    assert str(fout.value) == ("de omgevingsvariabele EVALUATIE_KERNEL heeft de onbekende waarde 'onzin'; "
                               "kies inproces of jupyter, of laat haar weg")


def test_cell_traceback_keeps_the_cell_and_project_frames():
    """Hand-made IPython traceback: colour codes go, frames inside site-packages are counted, not shown."""
    verloop = NotebookFout.verloop([
        "\x1b[31m---------\x1b[39m",
        "\x1b[31mZeroDivisionError\x1b[39m   Traceback (most recent call last)",
        "Cell \x1b[32mIn[3]\x1b[39m, line 1\n----> 1 deel(1, 0)",
        "File /p/src/evaluatie/hoofdstukken/x.py:2, in deel(a, b)\n----> 2 return np.divide(a, b)",
        "File /p/.venv/lib/python3.11/site-packages/numpy/x.py:9, in divide()\n----> 9 raise",
        # compiled library code has a relative path (a corrupt Parquet file, tester finding)
        "File pyarrow/_parquet.pyx:1234, in pyarrow._parquet.ParquetReader.open()\nCould not get source",
        "\x1b[31mZeroDivisionError\x1b[39m: division by zero",
    ])
    assert verloop == ("Cell In[3], line 1\n----> 1 deel(1, 0)\n\n"
                       "File /p/src/evaluatie/hoofdstukken/x.py:2, in deel(a, b)\n----> 2 return np.divide(a, b)\n\n"
                       "(2 stap(pen) in geïnstalleerde bibliotheken weggelaten; alles zien: EVALUATIE_DEBUG=1)\n\n"
                       "ZeroDivisionError: division by zero")
