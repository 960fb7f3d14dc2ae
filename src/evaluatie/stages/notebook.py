"""Run a notebook template with papermill, in this process or in the project's own kernel, and export it
as Markdown.

By default the cells run in the stage's own process (papermill engine ``evaluatie-inproces``, see
:mod:`evaluatie.stages.inproces`): a Jupyter kernel per notebook costs about two seconds of start-up.
With the environment variable ``EVALUATIE_KERNEL=jupyter`` the notebook runs in the kernel ``evaluatie``
as before; both give the same bytes (tests/unit/stages/test_inproces.py checks that).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from evaluatie.gedeeld.bestanden import schrijf_tekst
from evaluatie.gedeeld.fouten import InvoerFout

KERNEL = "evaluatie"
KEUZES = ("inproces", "jupyter")  # where voer_uit runs the cells


def zorg_voor_kernel() -> None:
    """Make sure kernelspec 'evaluatie' exists in this environment and runs *this* Python.

    A user-level kernelspec of the same name would shadow ours; refuse rather
    than silently run another interpreter.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    ksm = KernelSpecManager()
    try:
        spec = ksm.get_kernel_spec(KERNEL)
    except NoSuchKernel:
        subprocess.run(
            [sys.executable, "-m", "ipykernel", "install", "--sys-prefix", "--name", KERNEL,
             "--display-name", "evaluatie (.venv)"],
            check=True, capture_output=True,
        )
        spec = KernelSpecManager().get_kernel_spec(KERNEL)
    python = Path(spec.argv[0])
    if python.name == "python" and not python.is_absolute():
        return
    if python.resolve() != Path(sys.executable).resolve():
        raise RuntimeError(
            f"kernelspec '{KERNEL}' wijst naar {python}, niet naar {sys.executable}; "
            f"verwijder de oude met: jupyter kernelspec remove {KERNEL}"
        )


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class NotebookFout(InvoerFout):
    """A cell of a notebook template raised (a student's analysis with a bug, a missing module): the stage
    prints one Dutch sentence naming the notebook and the cell, then the cell's own traceback (IPython's, the
    part a student needs), without the stage's Python traceback around it.

    Keeps papermill's ``ename``, ``evalue``, ``exec_count`` and ``cell_index``.
    """

    def __init__(self, sjabloon: Path, fout: Any, cwd: Path | None = None) -> None:
        self.ename, self.evalue = fout.ename, fout.evalue
        self.exec_count, self.cell_index = fout.exec_count, fout.cell_index
        pad = Path(sjabloon)
        if cwd is not None and pad.is_relative_to(cwd):
            pad = pad.relative_to(cwd)
        super().__init__(pad, f"het notebook stopte in cel [{fout.exec_count}] met {fout.ename}: {fout.evalue}"
                              + (f"\n\n{verloop}" if (verloop := self.verloop(fout.traceback or [])) else ""))

    @staticmethod
    def _eigen_frame(kop: str) -> bool:
        """A frame of the cell or of the project's code: a cell, or a file with a full path outside
        ``site-packages``. Compiled library code (Cython's ``pyarrow/_parquet.pyx``) has a relative path."""
        if kop.startswith("Cell In["):
            return True
        pad = kop.removeprefix("File ").split(":", 1)[0]
        return pad.startswith(("/", "~")) and "site-packages" not in pad

    @staticmethod
    def verloop(traceback: list[str]) -> str:
        """IPython's traceback of the cell (one string per frame), without colour codes and without the frames
        inside installed libraries (``site-packages``, compiled ``.pyx``): the cell's own lines and the project's code, then the
        error line. The full traceback is papermill's own error, with ``EVALUATIE_DEBUG=1``."""
        delen = [ANSI.sub("", t).rstrip() for t in traceback]
        frames = [d for d in delen if d.startswith(("Cell In[", "File "))]
        eigen = [d for d in frames if NotebookFout._eigen_frame(d.split("\n", 1)[0])]
        if not frames:
            return "\n".join(delen).strip()
        weg = len(frames) - len(eigen)
        noot = [f"({weg} stap(pen) in geïnstalleerde bibliotheken weggelaten; alles zien: EVALUATIE_DEBUG=1)"] if weg else []
        return "\n\n".join([*eigen, *noot, delen[-1]]).strip()


def kernelkeuze(kernel: str | None = None) -> str:
    """Where the notebooks' cells run: ``kernel`` if given, else the environment variable ``EVALUATIE_KERNEL``,
    else ``"inproces"``; one of :data:`KEUZES`.

    Raises :class:`InvoerFout` (one Dutch line) for any other value. Also called before a build starts
    (``evaluatie bouw``, ``alle-gemeenten``), so a wrong value is named even when no notebook needs rerunning.
    """
    if kernel is None and os.environ.get("EVALUATIE_KERNEL"):
        kernel = os.environ["EVALUATIE_KERNEL"]
        if kernel not in KEUZES:
            raise InvoerFout(None, f"de omgevingsvariabele EVALUATIE_KERNEL heeft de onbekende waarde {kernel!r}; "
                                   f"kies {' of '.join(KEUZES)}, of laat haar weg")
    kernel = kernel or "inproces"
    if kernel not in KEUZES:
        raise InvoerFout(None, f"onbekende kernel {kernel!r}; kies uit: {', '.join(KEUZES)}")
    return kernel


def voer_uit(sjabloon: Path, uitvoer: Path, parameters: dict[str, Any], cwd: Path,
             markdown: Path | None = None, kernel: str | None = None) -> None:
    """Execute ``sjabloon`` into ``uitvoer`` atomically (a failed run keeps the old notebook).

    With ``markdown``, the executed notebook's Markdown export (:func:`notebook_naar_markdown`) is
    written there too, atomically, after the notebook: the rapport stage reads that file, so a change
    to a researcher's text does not convert every notebook again.

    ``kernel`` chooses where the cells run: ``"inproces"`` (the default) in this process, ``"jupyter"``
    in a separate kernel process ``evaluatie``; without it the environment variable ``EVALUATIE_KERNEL``
    decides. Both write the same notebook and Markdown.

    Bad input detected inside the notebook (an ``InvoerFout``) is raised again here as
    an ``InvoerFout`` with the same message, so the stage ends with a clear error
    instead of a papermill traceback; any other error in a cell raises :class:`NotebookFout` (the cell, the
    error and the cell's traceback, no Python traceback of the stage; papermill's
    ``PapermillExecutionError`` itself with ``EVALUATIE_DEBUG`` set). ``InvoerFout`` for an unknown ``kernel`` (or value of
    ``EVALUATIE_KERNEL``), so the stage ends with one Dutch line.
    """
    import tempfile

    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    kernel = kernelkeuze(kernel)
    with tempfile.TemporaryDirectory(prefix="evaluatie-kernel-") as werkmap:
        uit = Path(werkmap) / "uitvoer.ipynb"
        opties: dict[str, Any] = {
            "parameters": parameters, "kernel_name": KERNEL, "cwd": str(cwd), "progress_bar": False,
            "log_output": False, "request_save_on_cell_execute": False,
        }
        km = None
        try:
            if kernel == "inproces":
                from evaluatie.stages.inproces import NAAM

                pm.execute_notebook(str(sjabloon), str(uit), engine_name=NAAM, **opties)
            else:
                from jupyter_client.manager import AsyncKernelManager

                zorg_voor_kernel()
                os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
                # IPC transport: the kernel's five channels are Unix sockets in this private
                # temp dir (mode 0700), not TCP ports. (ipykernel still opens one port on
                # 127.0.0.1 for subprocess output; it is loopback-only.)
                km = AsyncKernelManager(kernel_name=KERNEL, transport="ipc", ip=str(Path(werkmap) / "kernel"))
                pm.execute_notebook(str(sjabloon), str(uit), km=km, **opties)
        except PapermillExecutionError as fout:
            if fout.ename == "InvoerFout":
                raise InvoerFout(None, str(fout.evalue)) from None
            if os.environ.get("EVALUATIE_DEBUG"):
                raise
            raise NotebookFout(sjabloon, fout, cwd) from None
        finally:
            if km is not None and km.has_kernel:
                from jupyter_client.utils import run_sync

                run_sync(km.shutdown_kernel)(now=True)
        notebook = stabiel(uit.read_text(encoding="utf-8"))
        tekst = notebook_naar_markdown(notebook) if markdown is not None else ""
        schrijf_tekst(uitvoer, notebook)
        if markdown is not None:
            schrijf_tekst(markdown, tekst)


def notebook_naar_markdown(notebook_json: str) -> str:
    """nbconvert's Markdown export of an executed notebook (its JSON text), code hidden.

    HTML comments are dropped, except the conclusion markers (``conclusie:``) that the rapport stage
    replaces with a researcher's own conclusion.
    """
    import nbformat
    from nbconvert import MarkdownExporter

    exporter = MarkdownExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    tekst, _ = exporter.from_notebook_node(nbformat.reads(notebook_json, as_version=4))
    tekst = re.sub(r"<!--.*?-->\n?", lambda m: m.group(0) if "conclusie:" in m.group(0) else "", tekst,
                   flags=re.DOTALL)
    return tekst.strip() + "\n"


def stabiel(notebook_json: str) -> str:
    """Drop run timestamps and durations, and number the cell ids, so the same inputs give the same
    file (papermill gives the cell with the injected parameters a random id)."""
    nb = json.loads(notebook_json)
    nb.get("metadata", {}).pop("papermill", None)
    for i, cel in enumerate(nb.get("cells", [])):
        cel["id"] = f"cel-{i:02d}"
        cel.get("metadata", {}).pop("papermill", None)
        cel.get("metadata", {}).pop("execution", None)
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
