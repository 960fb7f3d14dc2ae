"""A papermill engine that runs a notebook's cells in this Python process instead of a Jupyter kernel.

Why: starting a kernel process per notebook stage, importing the chapter code a second time there and talking
to it over ZeroMQ cost 0,6-2 s per stage (docs/prestaties.md, "Notebooks in het eigen proces"). Papermill
supports custom engines (papermill's ``engines.py``: subclass :class:`papermill.engines.Engine`, implement
``execute_managed_notebook``, call ``nb_man.cell_start`` / ``cell_exception`` / ``cell_complete``, register
the class under a name and pass ``engine_name`` to :func:`papermill.execute_notebook`). Papermill keeps doing
everything else: parameter injection, the output notebook, ``cwd``, and
:class:`~papermill.exceptions.PapermillExecutionError` for a cell that raised.

The cells run in an IPython :class:`~IPython.core.interactiveshell.InteractiveShell`, and the outputs are
shaped as nbclient builds them from a kernel's messages (ipykernel 7, nbclient 0.11):

* ``display()`` gives a ``display_data`` output ``{"output_type", "data", "metadata"}``; the value of a
  cell's last expression gives ``execute_result`` with the cell's ``execution_count``;
* ``print`` and warnings give ``stream`` outputs (``name`` ``stdout``/``stderr``). Like ipykernel's
  ``OutStream``, text is buffered and flushed — stdout first, then stderr — before every other output
  and at the end of the cell; ``flush()`` on a stream (``print(..., flush=True)``) closes that stream's
  output so far. (A kernel also flushes every 0,2 s, so a slow printing cell can be cut
  into more stream outputs there; output written straight to file descriptor 1/2 by C code is not
  captured here.)
* an exception gives an ``error`` output ``{"ename", "evalue", "traceback"}`` and stops the run, as
  nbclient does (unless the cell is tagged ``raises-exception``);
* code cells are numbered 1, 2, ... in run order; empty cells and cells tagged ``skip-execution`` are
  not run and get no number; ``metadata.language_info`` is ipykernel's.

Each run gets a new shell with an empty namespace and its own ``__main__`` module; ``sys.modules['__main__']``,
``sys.stdout``/``sys.stderr``, ``input``/``getpass.getpass``, the warning filters, the environment variable
``MPLBACKEND`` and IPython's current-shell singleton are restored afterwards, also after an error. Papermill
itself restores the working directory. As in ipykernel:

* ``MPLBACKEND`` is matplotlib_inline's backend during the run, so ``plt.show()`` (or a figure left open)
  becomes a PNG output and never a window; ``%matplotlib inline``/``agg`` work (``enable_gui`` has no
  event loop to start);
* ``input()`` and ``getpass.getpass()`` fail at once with ``StdinNotImplementedError`` (a build must never
  wait for the keyboard);
* ``len?`` and other pager output is dropped (a kernel sends it as a payload, not as an output);
* ``sys.stdout.fileno()`` is the process's own descriptor, so a subprocess writes to the build log.

Not like a kernel: code compiled from a cell is named ``<ipython-input-N-hash>`` (a kernel uses
``/tmp/ipykernel_<pid>/<hash>.py``, new every run), which shows only in a warning or traceback raised by
the cell's own code; ``exit()`` ends the run with an error output (a kernel dies); no widgets/comms; and the
cells share the process's modules (an imported module is not imported again in the next run, and a
backend chosen with ``%matplotlib`` stays chosen in later runs of the same process).
"""

from __future__ import annotations

import atexit
import base64
import builtins
import getpass
import io
import os
import sys
import types
import warnings
from contextlib import contextmanager
from typing import Any

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.error import StdinNotImplementedError
from IPython.core.interactiveshell import InteractiveShell
from nbformat import NotebookNode
from nbformat.v4 import new_output
from papermill.engines import Engine, papermill_engines

NAAM = "evaluatie-inproces"
#: matplotlib's backend in a kernel (ipykernel's ``init_gui_pylab``): figures shown with ``plt.show()`` or left
#: open at the end of a cell become PNG outputs, never a window.
INLINE = "module://matplotlib_inline.backend_inline"

TAAL = {  # what ipykernel answers in kernel_info_reply, and nbclient stores as metadata.language_info
    "name": "python",
    "version": sys.version.split()[0],
    "mimetype": "text/x-python",
    "codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
    "pygments_lexer": "ipython3",
    "nbconvert_exporter": "python",
    "file_extension": ".py",
}


def _json(waarde: Any) -> Any:
    """A mime bundle as it arrives after the kernel's JSON message: bytes become base64 text."""
    if isinstance(waarde, dict):
        return {str(k): _json(v) for k, v in waarde.items()}
    if isinstance(waarde, (list, tuple)):
        return [_json(v) for v in waarde]
    if isinstance(waarde, (bytes, bytearray)):
        return base64.b64encode(waarde).decode("ascii")
    return waarde


class _Cel:
    """Collects the outputs of the cell being run (a list of nbformat output nodes)."""

    def __init__(self) -> None:
        self.uitvoer: list[NotebookNode] = []
        self.buffers = {"stdout": io.StringIO(), "stderr": io.StringIO()}
        self.wachtend_wissen = False

    def leeg_streams(self) -> None:
        """Turn buffered stdout, then stderr, into stream outputs (as ipykernel's ``_flush_streams``)."""
        self.leeg("stdout")
        self.leeg("stderr")

    def leeg(self, naam: str) -> None:
        """Turn what is buffered for stream ``naam`` into one stream output (a kernel sends one message)."""
        tekst = self.buffers[naam].getvalue()
        if tekst:
            self.buffers[naam] = io.StringIO()
            self.voeg_toe(new_output("stream", name=naam, text=tekst))

    def voeg_toe(self, uit: NotebookNode) -> None:
        if self.wachtend_wissen:  # clear_output(wait=True): clear just before the next output
            self.uitvoer.clear()
            self.wachtend_wissen = False
        self.uitvoer.append(uit)


class _Stroom(io.TextIOBase):
    """``sys.stdout``/``sys.stderr`` during a cell: text goes to the cell's buffer for that stream."""

    def __init__(self, shell: _Shell, naam: str) -> None:
        self._shell, self.name = shell, naam

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "UTF-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        """The process's own descriptor, as ipykernel's ``OutStream`` hands out its copy of the original one:
        ``subprocess.run(..., stdout=sys.stdout)`` then writes to the build's log, not into the chapter."""
        return (sys.__stdout__ if self.name == "stdout" else sys.__stderr__).fileno()

    def write(self, tekst: str) -> int:
        if not isinstance(tekst, str):
            raise TypeError(f"write() argument must be str, not {type(tekst).__name__}")
        self._shell.cel.buffers[self.name].write(tekst)
        return len(tekst)

    def flush(self) -> None:
        """As ipykernel's ``OutStream.flush``: what was written so far becomes its own stream output."""
        self._shell.cel.leeg(self.name)


class _Publicatie(DisplayPublisher):
    """``display()`` appends a ``display_data`` output; an update changes the outputs with that display id."""

    def publish(self, data: dict, metadata: dict | None = None, source: Any = None, *,  # type: ignore[override]
                transient: dict | None = None, update: bool = False, **kwargs: Any) -> None:
        cel = self.shell.cel
        cel.leeg_streams()
        data, metadata = _json(data), _json(metadata or {})
        id_ = (transient or {}).get("display_id")
        if update:
            for uit in self.shell.per_id.get(id_, []):
                uit["data"], uit["metadata"] = NotebookNode(data), NotebookNode(metadata)
            return
        uit = new_output("display_data", data=data, metadata=metadata)
        if id_ is not None:
            self.shell.per_id.setdefault(id_, []).append(uit)
        cel.voeg_toe(uit)

    def clear_output(self, wait: bool = False) -> None:
        cel = self.shell.cel
        cel.leeg_streams()
        if wait:
            cel.wachtend_wissen = True
        else:
            cel.uitvoer.clear()


class _Uitkomst(DisplayHook):
    """The value of a cell's last expression becomes an ``execute_result`` output."""

    def start_displayhook(self) -> None:
        self._uit: dict[str, Any] = {}

    def write_output_prompt(self) -> None:
        self._uit["execution_count"] = self.prompt_count

    def write_format_data(self, format_dict: dict, md_dict: dict | None = None) -> None:
        self._uit["data"], self._uit["metadata"] = _json(format_dict), _json(md_dict or {})

    def finish_displayhook(self) -> None:
        cel = self.shell.cel
        cel.leeg_streams()
        if self._uit.get("data"):
            cel.voeg_toe(new_output("execute_result", **self._uit))


class _Shell(InteractiveShell):
    """An IPython shell whose outputs go to :class:`_Cel` instead of the terminal."""

    display_pub_class = _Publicatie
    displayhook_class = _Uitkomst

    def __init__(self, **kwargs: Any) -> None:
        self.cel = _Cel()
        self.per_id: dict[str, list[NotebookNode]] = {}
        super().__init__(**kwargs)

    def init_sys_modules(self) -> None:
        """Do not claim ``sys.modules['__main__']`` for the shell's life; :func:`_sessie` does, per run."""

    def init_completer(self) -> None:
        """No tab completion (and no jedi import): nobody types here."""

    def enable_gui(self, gui: str | None = None) -> None:
        """``%matplotlib inline`` / ``%matplotlib agg``: no event loop to integrate, as in ipykernel for
        these backends (IPython's base class raises NotImplementedError, which failed the notebook)."""

    def ask_exit(self) -> None:
        """``exit()`` / ``quit()`` in a cell: stop the run with an error output (a kernel would die)."""
        raise SystemExit("exit() en quit() stoppen de bouw van het rapport; haal ze uit het notebook")

    def _showtraceback(self, etype: type, evalue: BaseException, stb: list[str]) -> None:
        self.cel.leeg_streams()
        self.cel.voeg_toe(new_output("error", ename=str(etype.__name__), evalue=str(evalue), traceback=stb))


def _geen_invoer(*args: Any, **kwargs: Any) -> str:
    """``input()`` in a cell: refused at once, as a kernel without stdin does (ipykernel's
    ``_no_raw_input``); reading the terminal would make the build wait without a word."""
    raise StdinNotImplementedError("raw_input was called, but this frontend does not support input requests.")


def _geen_wachtwoord(*args: Any, **kwargs: Any) -> str:
    """``getpass.getpass()`` in a cell: refused as ipykernel does without stdin."""
    raise StdinNotImplementedError("getpass was called, but this frontend does not support input requests.")


def _geen_pager(*args: Any, **kwargs: Any) -> None:
    """``len?`` / ``%pdoc``: a kernel sends the help text as a pager payload, which does not end up in the
    notebook; here it is dropped too (IPython's default would print it into the chapter)."""


def _toon_waarschuwing(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                      file: Any = None, line: str | None = None) -> None:
    """Python's own way of showing a warning (on ``sys.stderr``, so in the cell's output), also when the host
    process has redirected warnings (pytest records them; ``logging.captureWarnings`` logs them)."""
    (file or sys.stderr).write(warnings.formatwarning(message, category, filename, lineno, line))


def _inline_voor(shell: _Shell) -> None:
    """matplotlib_inline hooks into the shell that is current when it is first imported (figures flushed
    after each cell, PNG formatter), once per process; a later run in the same process (tests) has a new
    shell: hook that one in too, so its figures come out as in a fresh process."""
    from IPython.core.pylabtools import select_figure_formats
    from matplotlib_inline.backend_inline import InlineBackend, configure_inline_support

    configure_inline_support(shell, INLINE)
    cfg = InlineBackend.instance()
    select_figure_formats(shell, cfg.figure_formats, **cfg.print_figure_kwargs)


@contextmanager
def _sessie():
    """A fresh shell for one notebook run; everything it changes in the process is put back afterwards."""
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False  # no sqlite history in ~/.ipython
    hoofd = types.ModuleType("__main__")
    vorige_main = sys.modules.get("__main__")
    vorige_shell = InteractiveShell._instance
    vorige_backend = os.environ.get("MPLBACKEND")
    vorige_invoer, vorig_wachtwoord = builtins.input, getpass.getpass
    uit, fout = sys.stdout, sys.stderr
    with warnings.catch_warnings():  # restores the filters; a warning shown in an earlier run shows again
        warnings.showwarning = _toon_waarschuwing
        os.environ["MPLBACKEND"] = INLINE
        try:
            shell = _Shell(config=config, user_module=hoofd, warn_venv=False)
            shell.set_hook("show_in_pager", _geen_pager)
            mpl = sys.modules.get("matplotlib")
            if mpl is not None and mpl.get_backend() in (INLINE, "inline"):  # after `%matplotlib inline`: "inline"
                _inline_voor(shell)
            builtins.input, getpass.getpass = _geen_invoer, _geen_wachtwoord
            atexit.unregister(shell.atexit_operations)  # nothing to save at exit, and no reference kept
            InteractiveShell._instance = shell  # what get_ipython() and display() use
            sys.modules["__main__"] = hoofd
            sys.stdout, sys.stderr = _Stroom(shell, "stdout"), _Stroom(shell, "stderr")
            yield shell
        finally:
            sys.stdout, sys.stderr = uit, fout
            builtins.input, getpass.getpass = vorige_invoer, vorig_wachtwoord
            if vorige_main is not None:
                sys.modules["__main__"] = vorige_main
            InteractiveShell._instance = vorige_shell
            if vorige_backend is None:
                os.environ.pop("MPLBACKEND", None)
            else:
                os.environ["MPLBACKEND"] = vorige_backend


class InProcesEngine(Engine):
    """Papermill engine ``evaluatie-inproces``: the notebook's code cells run in this process (see module doc)."""

    @classmethod
    def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> NotebookNode:
        """Run every code cell of ``nb_man.nb`` in order, filling its ``outputs`` and ``execution_count``.

        Follows papermill's ``PapermillNotebookClient.papermill_execute_cells``: ``cell_start`` before and
        ``cell_complete`` after every cell; a cell that raises gets an ``error`` output, ``cell_exception``,
        and ends the run — papermill's ``raise_for_execution_errors`` then raises
        :class:`~papermill.exceptions.PapermillExecutionError` naming the cell. ``kernel_name`` and the
        kernel options in ``kwargs`` (timeouts, ``stdout_file``) have no meaning here and are ignored.
        """
        nb = nb_man.nb
        with _sessie() as shell:
            for index, cel in enumerate(nb.cells):
                try:
                    nb_man.cell_start(cel, index)
                    if not cls._voer_cel_uit(shell, cel):
                        nb_man.cell_exception(nb.cells[index], cell_index=index)
                        break
                finally:
                    nb_man.cell_complete(nb.cells[index], cell_index=index)
        nb.metadata["language_info"] = NotebookNode(TAAL)
        return nb

    @staticmethod
    def _voer_cel_uit(shell: _Shell, cel: NotebookNode) -> bool:
        """Run one cell as nbclient's ``execute_cell`` would; False when it raised (and may not)."""
        if cel.cell_type != "code" or not cel.source.strip():
            return True
        tags = cel.metadata.get("tags", [])
        if "skip-execution" in tags:
            return True
        shell.cel = _Cel()
        cel.execution_count = shell.execution_count
        uitkomst = shell.run_cell(cel.source, store_history=True)
        shell.cel.leeg_streams()
        cel.outputs = shell.cel.uitvoer
        return uitkomst.success or "raises-exception" in tags


papermill_engines.register(NAAM, InProcesEngine)
