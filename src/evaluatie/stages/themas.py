"""Stage `themas`: every theme's chapter (notebooks/thema.ipynb once per theme, see :mod:`evaluatie.stages.thema`)
in one stage process.

Why one stage and not one DVC stage per theme: a Python process that imports pandas, matplotlib, papermill and
nbconvert costs about two seconds before it does anything, and DVC adds its own work (start-up, hashing,
rewriting ``dvc.lock``) for every stage. Five theme stages paid both five times; the five themes in this
stage take 8,8-9,4 s against 20,4-22,4 s as five processes (docs/prestaties.md, 1 December 2026). The price:
a change in the data of one theme reruns every theme's chapter (± 9 s instead of ± 4 s). A change to the
template, the chapter code or the settings reruns every theme in either design.

Each theme still runs in a process of its own: on Linux this process imports the heavy libraries once and then
*forks* one child per theme (at most as many at a time as there are cores), so one theme's notebook cannot
change what the next one sees (matplotlib settings, a student's global variable) and the themes' files are
byte-identical to a run of ``python -m evaluatie.stages.thema <id>`` per theme (tests/e2e/test_themas_gevorkt.py).
Where ``fork`` is not available or not safe (Windows, macOS, or ``EVALUATIE_KERNEL=jupyter``: the kernel manager
starts threads), the themes run as such subprocesses, one after the other.

A theme that fails prints its own Dutch error, naming the theme (``fout: thema 'mantelzorg': …``); a child that
is killed (a signal, the memory running out) or that stops without finishing its chapter is named by this
process. Themes already running finish, no new one starts, one last line lists the themes without a new chapter,
and the stage exits 1; a failed theme's chapter and figures stay as they were (:mod:`evaluatie.stages.thema`).
Chapters and figures of themes that left ``params.yaml``'s ``themas`` are removed after all themes succeeded.

Stopping: Ctrl-C reaches the children too (one process group); SIGTERM to this process alone is passed on to
the children as an interrupt, so every child cleans up after itself; a child that does not stop within a few
seconds (a cell that swallows the interrupt) is killed, and its figures are put back by this process. A child
whose parent dies (even by SIGKILL) is killed by the kernel (``PR_SET_PDEATHSIG``). Temporary folders of the
children live under one folder that this process removes in the end.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import warnings

from evaluatie.gedeeld.bestanden import ruim_op
from evaluatie.gedeeld.instellingen import Instellingen, laad_instellingen
from evaluatie.stages import draai

#: Imported once before the children are forked: what every theme's process imports anyway. Never matplotlib:
#: it reads ``MPLBACKEND`` when it is imported, and ``hoofdstukken.figuren`` chooses its backend when it is
#: imported; both must happen inside the notebook run, after the cells before them, as in a process of its own.
VOORAF = (
    "pandas", "pyarrow.parquet", "nbformat", "nbconvert", "papermill",
    "evaluatie.stages.notebook", "evaluatie.stages.inproces", "evaluatie.stages.thema",
    "evaluatie.hoofdstukken.thema",
)
KLAAR = b"klaar"  # what a child writes to its pipe once its theme is written
GEMELD = b"gemeld"  # ... or once it has printed its own error
WACHT_S = (2.0, 5.0)  # on stopping: seconds for children to end by themselves, then after an interrupt


class Gestopt(BaseException):
    """This process got SIGTERM (``dvc queue kill``, ``kill``): the children are stopped, then the stage ends."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def kan_vorken() -> bool:
    """True where one theme per forked child is safe: Linux, cells in this process (``EVALUATIE_KERNEL`` unset,
    empty or ``inproces``; the Jupyter kernel manager starts threads) and no second Python thread running.

    Raises :class:`~evaluatie.gedeeld.fouten.InvoerFout` for an unknown ``EVALUATIE_KERNEL``."""
    import threading

    from evaluatie.stages.notebook import kernelkeuze

    return (sys.platform.startswith("linux") and hasattr(os, "fork") and kernelkeuze() == "inproces"
            and threading.active_count() == 1)


def banen() -> int:
    """How many themes run at the same time: the cores this process may use (``os.sched_getaffinity``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _sterf_met_ouder(ouder: int) -> None:
    """Linux: the kernel kills this child when its parent dies (``prctl(PR_SET_PDEATHSIG, SIGKILL)``): a cell
    that swallows an interrupt (a bare ``except:``) must not go on writing files after the stage has ended."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - no prctl: the parent's own clean-up still applies
        pass
    if os.getppid() != ouder:  # the parent died before prctl took effect
        os._exit(130)


def _meld(fd: int, wat: bytes) -> None:
    try:
        os.write(fd, wat)
    except OSError:  # the parent is gone
        pass


def _kind(thema: str, inst: Instellingen, meld_fd: int, ouder: int, werkmap: str) -> None:
    """The forked child: run one theme like ``python -m evaluatie.stages.thema``, tell the parent through
    ``meld_fd`` whether it finished (:data:`KLAAR`) or printed its own error (:data:`GEMELD`), never return.

    An interrupt (Ctrl-C, or the parent stopping) ends the child quietly: the cell it stopped in is not an
    error of the theme. Temporary folders go under ``werkmap``, which the parent removes in any case."""
    import tempfile

    from evaluatie.gedeeld.fouten import InvoerFout, schrijffout

    onderbroken: list[int] = []

    def bij_interrupt(signum: int, _frame: object) -> None:
        onderbroken.append(signum)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is not the child's
    signal.signal(signal.SIGINT, bij_interrupt)
    _sterf_met_ouder(ouder)
    tempfile.tempdir = werkmap
    code = 1
    try:
        from evaluatie.stages import thema as stap

        stap.run(thema, inst)
        code = 0
        _meld(meld_fd, KLAAR)
    except KeyboardInterrupt:
        code = 130
    except (InvoerFout, OSError) as fout:  # as stages.draai, with the theme in front
        if onderbroken:
            code = 130
        elif os.environ.get("EVALUATIE_DEBUG"):
            import traceback

            traceback.print_exc()
        else:
            fout = fout if isinstance(fout, InvoerFout) else schrijffout(fout)
            print(f"fout: thema {thema!r}: {fout}", file=sys.stderr)
            _meld(meld_fd, GEMELD)
    except BaseException:  # noqa: BLE001 - an unexpected error: its traceback, as the single-theme stage prints it
        if onderbroken:
            code = 130
        else:
            import traceback

            traceback.print_exc()
            _meld(meld_fd, GEMELD)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _lees_alles(fd: int) -> bytes:
    delen = []
    while deel := os.read(fd, 64):
        delen.append(deel)
    return b"".join(delen)


def _reden(code: int, melding: bytes) -> str | None:
    """Why a child failed, for the parent to print; ``None`` when it finished or printed its own error."""
    if code == 0 and melding == KLAAR:
        return None
    if code < 0:
        naam = signal.Signals(-code).name
        return f"het proces werd gestopt met {naam}" + (" (vaak: het geheugen was op)" if naam == "SIGKILL" else "")
    if code == 0:
        return "het proces stopte zonder het hoofdstuk af te maken (os._exit of iets dergelijks in een cel?)"
    if melding == GEMELD:
        return ""
    return f"het proces stopte met exitcode {code} zonder melding (os._exit of iets dergelijks in een cel?)"


class _Kinderen:
    """The running children: pid -> (theme, read end of its pipe), and the theme's figures before it started."""

    def __init__(self, inst: Instellingen) -> None:
        self.inst = inst
        self.bezig: dict[int, tuple[str, int]] = {}
        self.vorige: dict[str, dict[str, bytes] | None] = {}

    def start(self, thema: str, werkmap: str) -> None:
        from evaluatie.gedeeld.bestanden import momentopname

        self.vorige[thema] = momentopname(self.inst.rapport / "figuren" / thema)
        lees, schrijf = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        ouder = os.getpid()
        with warnings.catch_warnings():
            # Python >= 3.12 warns when the process has OS threads: here only OpenBLAS's workers (numpy) and
            # jemalloc's background thread (pyarrow), which both re-initialise in the child through their own
            # pthread_atfork handlers; no Python thread runs (kan_vorken)
            warnings.filterwarnings("ignore", message=".*fork.*", category=DeprecationWarning)
            pid = os.fork()
        if pid == 0:
            os.close(lees)
            _kind(thema, self.inst, schrijf, ouder, werkmap)
        os.close(schrijf)
        self.bezig[pid] = (thema, lees)

    def klaar(self, pid: int, status: int) -> tuple[str, str | None]:
        """A child ended: (its theme, why it failed or None). A failed theme's figures are put back here too:
        a child that was killed or left with ``os._exit`` could not do that itself."""
        from evaluatie.gedeeld.bestanden import zet_terug

        thema, lees = self.bezig.pop(pid)
        melding = _lees_alles(lees)
        os.close(lees)
        reden = _reden(os.waitstatus_to_exitcode(status), melding)
        if reden is not None:
            zet_terug(self.inst.rapport / "figuren" / thema, self.vorige[thema])
        return thema, reden

    def stop(self, zelf_gestopt: bool) -> None:
        """Stop the running children so that each cleans up: after Ctrl-C, which reached them too (one process
        group), let them end by themselves first; interrupt those still running (at once after a signal to this
        process alone, ``zelf_gestopt``), and kill what is left (a cell may swallow the interrupt)."""
        def wacht(tot: float) -> None:
            while self.bezig and time.monotonic() < tot:
                for pid in list(self.bezig):
                    try:
                        gedaan, status = os.waitpid(pid, os.WNOHANG)
                    except ChildProcessError:
                        gedaan, status = pid, 0
                    if gedaan == pid:
                        self.klaar(pid, status)
                time.sleep(0.05)

        if not zelf_gestopt:
            wacht(time.monotonic() + WACHT_S[0])
        for sein in (signal.SIGINT, signal.SIGKILL):
            for pid in self.bezig:
                try:
                    os.kill(pid, sein)
                except ProcessLookupError:
                    pass
            wacht(time.monotonic() + (WACHT_S[1] if sein == signal.SIGINT else 5.0))


def _bij_sigterm(signum: int, _frame: object) -> None:
    raise Gestopt(signum)


def _gevorkt(themas: list[str], inst: Instellingen, tegelijk: int) -> list[tuple[str, str | None]]:
    """Run the themes in forked children, at most ``tegelijk`` at once; return the failed ones as (theme, message
    for the child that could not say it itself, or ``""`` when the child printed its own error)."""
    import importlib
    import shutil
    import tempfile

    for naam in VOORAF:
        importlib.import_module(naam)
    wachtend = list(themas)
    kinderen = _Kinderen(inst)
    mislukt: list[tuple[str, str | None]] = []
    werkmap = tempfile.mkdtemp(prefix="evaluatie-themas-")
    vorige = signal.signal(signal.SIGTERM, _bij_sigterm)
    try:
        while wachtend or kinderen.bezig:
            while wachtend and len(kinderen.bezig) < tegelijk and not mislukt:
                kinderen.start(wachtend.pop(0), werkmap)
            if not kinderen.bezig:
                break
            thema, reden = kinderen.klaar(*os.wait())
            if reden is not None:
                mislukt.append((thema, reden))
    except (KeyboardInterrupt, Gestopt) as stop:
        kinderen.stop(zelf_gestopt=isinstance(stop, Gestopt))
        raise
    finally:
        signal.signal(signal.SIGTERM, vorige)
        shutil.rmtree(werkmap, ignore_errors=True)  # what a killed child could not remove
    mislukt += [(t, "niet gestart") for t in wachtend]
    return mislukt


def _als_subprocessen(themas: list[str], inst: Instellingen) -> list[tuple[str, str | None]]:
    """One ``python -m evaluatie.stages.thema <id>`` after the other; stop at the first that fails. SIGTERM or
    Ctrl-C stops the running one too (interrupt, then kill), and its figures are put back."""
    import shutil
    import tempfile

    from evaluatie.gedeeld.bestanden import momentopname, zet_terug

    werkmap = tempfile.mkdtemp(prefix="evaluatie-themas-")
    omgeving = {**os.environ, "TMPDIR": werkmap}  # what a killed subprocess could not remove, is removed here
    vorige = signal.signal(signal.SIGTERM, _bij_sigterm)
    try:
        for i, thema in enumerate(themas):
            figuren = inst.rapport / "figuren" / thema
            hoofdstuk = inst.rapport / "thema" / f"{thema}.ipynb"
            voor = (momentopname(figuren), _stempel(hoofdstuk))
            proc = subprocess.Popen([sys.executable, "-m", "evaluatie.stages.thema", thema], cwd=inst.root,
                                    env=omgeving)
            try:
                code = proc.wait()
            except (KeyboardInterrupt, Gestopt) as stop:
                _stop_proces(proc, zelf_gestopt=isinstance(stop, Gestopt))
                zet_terug(figuren, voor[0])
                raise
            # exit 0 without a new chapter (os._exit in a cell) is a failure; a positive code printed its own error
            geschreven = code == 0 and _stempel(hoofdstuk) != voor[1]
            reden = _reden(code, KLAAR if geschreven else GEMELD if code > 0 else b"")
            if reden is not None:
                zet_terug(figuren, voor[0])
                return [(thema, reden), *((t, "niet gestart") for t in themas[i + 1:])]
    finally:
        signal.signal(signal.SIGTERM, vorige)
        shutil.rmtree(werkmap, ignore_errors=True)
    return []


def _stempel(pad) -> tuple[int, int] | None:
    """(inode, mtime in ns) of a file: an atomic rewrite changes it, also with the same content."""
    try:
        st = os.stat(pad)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns


def _stop_proces(proc: subprocess.Popen, zelf_gestopt: bool) -> None:
    """As :meth:`_Kinderen.stop`, for one subprocess."""
    stappen: list[tuple[signal.Signals | None, float]] = [] if zelf_gestopt else [(None, WACHT_S[0])]
    stappen += [(signal.SIGINT, WACHT_S[1]), (signal.SIGKILL, 5.0)]
    for sein, wacht in stappen:
        if sein is not None:
            proc.send_signal(sein)
        try:
            proc.wait(timeout=wacht)
            return
        except subprocess.TimeoutExpired:
            continue


def run(inst: Instellingen | None = None, tegelijk: int | None = None) -> int:
    """Write every theme's chapter (``reports/<editie>/thema/<id>.ipynb`` and ``.md``) and figures
    (``reports/<editie>/figuren/<id>/``); return the exit code: 0, or 1 when a theme failed (each failure is
    printed on stderr, in Dutch, naming the theme).

    ``tegelijk``: themes at the same time (default :func:`banen`); forked only where :func:`kan_vorken`.
    Files of themes no longer in ``themas`` are removed only when every theme succeeded.

    Raises :class:`Gestopt` on SIGTERM and ``KeyboardInterrupt`` on Ctrl-C, after the children have stopped.
    """
    inst = inst or laad_instellingen()
    themas = list(inst.themas)
    if kan_vorken():
        mislukt = _gevorkt(themas, inst, max(1, tegelijk or min(banen(), len(themas) or 1)))
    else:
        mislukt = _als_subprocessen(themas, inst)
    if mislukt:
        for thema, melding in mislukt:
            if melding and melding != "niet gestart":  # "": the child printed its own error
                print(f"fout: thema {thema!r}: {melding}", file=sys.stderr)
        fout = [t for t, m in mislukt if m != "niet gestart"]
        niet = [t for t, m in mislukt if m == "niet gestart"]
        print(f"fout: geen nieuw hoofdstuk voor {', '.join(fout)}"
              + (f" (niet meer gestart: {', '.join(niet)})" if niet else "")
              + "; de vorige hoofdstukken en figuren van deze thema's blijven staan", file=sys.stderr)
        return 1
    ruim_op(inst.rapport / "thema", {f"{t}{ext}" for t in themas for ext in (".ipynb", ".md")})
    ruim_op(inst.rapport / "figuren", set(themas))
    return 0


def hoofd(inst: Instellingen | None = None, tegelijk: int | None = None) -> None:
    """The stage's command: :func:`run`, then exit with its code; SIGTERM ends with 128 + 15 and one Dutch line."""
    uitkomst: list[int] = []
    try:
        draai(lambda: uitkomst.append(run(inst, tegelijk)))
    except Gestopt as stop:
        print(f"gestopt: signaal {signal.Signals(stop.signum).name}; de thema's die nog liepen zijn gestopt",
              file=sys.stderr)
        raise SystemExit(128 + stop.signum) from None
    raise SystemExit(uitkomst[0] if uitkomst else 1)


if __name__ == "__main__":
    if len(sys.argv) != 1:
        raise SystemExit("gebruik: python -m evaluatie.stages.themas")
    hoofd()
