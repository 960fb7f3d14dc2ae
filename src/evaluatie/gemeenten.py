"""Every configured gemeente through DVC's experiment queue: ``evaluatie alle-gemeenten``.

One experiment per gemeente (``dvc exp run --queue -n <gemeente>-<editie> -S ...``), then
``dvc queue start --jobs N``; each experiment builds in its own temporary copy under ``.dvc/tmp/exps/``,
so the researcher's ``params.yaml`` and the workspace outputs (``data/processed/``, ``reports/<editie>/``)
are never touched. Afterwards each experiment's ``reports/<editie>/`` is read from its experiment commit
and the local DVC cache (:class:`dvc.api.DVCFileSystem`, no ``dvc exp apply``) into
``reports/<gemeente>/<editie>/``.

What the queue sees: ``dvc exp run --queue`` snapshots the workspace as a git commit on top of ``HEAD``,
with the changes to files git already knows (modified, staged, deleted) but WITHOUT untracked files (a new
text or kader file not yet ``git add``-ed would silently be missing from the reports). Such files are
refused before anything is queued (:func:`controleer_werkmap`).

Old experiments: an experiment name is unique per baseline commit, so before queueing, the experiments
and finished queue entries with this command's names (``<gemeente>-<editie>``) are removed, on every
baseline. The experiments of the last run stay (``dvc exp show``, ``dvc exp push``) until the next run.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import yaml

from evaluatie.edities import dvc_programma, project_omgeving
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.gedeeld.yaml_lezer import lees_yaml

#: A key DVC's ``-S`` (Hydra override grammar) can address without quoting.
SLEUTEL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
#: Dutch words for the statuses of ``dvc queue status``.
STATUS_NL = {"Queued": "in de rij", "Running": "bezig", "Success": "klaar", "Failed": "mislukt"}
KLAAR = ("Success", "Failed")


# --- the override builder -------------------------------------------------------------------------------

def hydra_waarde(waarde: Any) -> str:
    """A YAML scalar or list as a Hydra override value, the grammar ``dvc exp run -S`` parses.

    Strings are always quoted (``'2021-2022'`` stays a string, ``'ja'`` no boolean); ``None`` is ``null``.

    Raises
    ------
    TypeError
        for a value Hydra cannot express on the command line (a mapping inside a list, a date object).
    """
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, (int, float)):
        return repr(waarde)
    if waarde is None:
        return "null"
    if isinstance(waarde, list):
        return "[" + ",".join(hydra_waarde(w) for w in waarde) + "]"
    if isinstance(waarde, str):
        return "'" + waarde.replace("\\", "\\\\").replace("'", "\\'") + "'"
    raise TypeError(f"geen Hydra-waarde: {type(waarde).__name__}")


def _gelijk(a: Any, b: Any) -> bool:
    """Equal in value AND type (``1 == True == 1.0`` in Python, not in params.yaml)."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_gelijk(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_gelijk(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def overrides(doel: Mapping[str, Any], huidig: Mapping[str, Any], bron: str | Path = "params.yaml") -> list[str]:
    """The ``-S`` arguments of ``dvc exp run`` that turn the settings ``huidig`` (params.yaml) into ``doel``.

    Only what differs: a changed leaf ``key=value`` (nested keys dotted, e.g. ``drempels.alpha=0.1``), a leaf
    params.yaml lacks ``+key=value`` (Hydra's append), a leaf ``doel`` lacks ``~key`` (delete). A key that is a
    mapping on one side and a value on the other is deleted and added anew. Lists are replaced whole.
    Returns a flat list ``["-S", "a=1", "-S", "~b", ...]``; empty when the settings are equal.

    Raises
    ------
    InvoerFout
        naming ``bron`` and the key, for a key the override grammar cannot address (a dot, a space, a
        number as key) or a value it cannot express.
    """
    uit: list[str] = []

    def sleutel(voor: str, k: Any) -> str:
        if not isinstance(k, str) or not SLEUTEL.fullmatch(k):
            raise InvoerFout(bron, f"sleutel {k!r} kan niet als DVC-parameter (-S) worden doorgegeven; gebruik "
                                   "letters, cijfers, '_' en '-'", sleutel=f"{voor}{k}")
        return f"{voor}{k}"

    def waarde(pad: str, w: Any) -> str:
        try:
            return hydra_waarde(w)
        except TypeError as fout:
            raise InvoerFout(bron, f"waarde kan niet als DVC-parameter (-S) worden doorgegeven ({fout})",
                             sleutel=pad) from None

    def voeg_toe(pad: str, w: Any) -> None:  # a leaf or a whole mapping that params.yaml lacks
        if isinstance(w, dict) and w:
            for k, v in w.items():
                voeg_toe(sleutel(f"{pad}.", k), v)
        else:
            uit.append(f"+{pad}={'{}' if isinstance(w, dict) else waarde(pad, w)}")

    def vergelijk(d: Mapping[str, Any], h: Mapping[str, Any], voor: str) -> None:
        for k, v in d.items():
            pad = sleutel(voor, k)
            if k not in h:
                voeg_toe(pad, v)
            elif isinstance(v, dict) and isinstance(h[k], dict):
                vergelijk(v, h[k], f"{pad}.")
            elif isinstance(v, dict) or isinstance(h[k], dict):
                uit.append(f"~{pad}")
                voeg_toe(pad, v)
            elif not _gelijk(v, h[k]):
                uit.append(f"{pad}={waarde(pad, v)}")
        for k in h:
            if k not in d:
                uit.append(f"~{sleutel(voor, k)}")

    vergelijk(doel, huidig, "")
    return [a for o in uit for a in ("-S", o)]


# --- what to build ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Taak:
    """One experiment: ``gemeente``'s edition ``editie``, queued as ``naam`` with ``overrides``."""

    gemeente: str
    editie: str
    overrides: list[str] = field(default_factory=list)

    @property
    def naam(self) -> str:
        """The experiment name (``dvc exp show``, ``dvc queue logs``)."""
        return f"{self.gemeente}-{self.editie}"


def gemeenten(root: Path) -> list[str]:
    """The configured gemeenten: every ``configuraties/<gemeente>.yaml`` plus params.yaml's own, sorted."""
    root = Path(root)
    namen = {p.stem for p in (root / "configuraties").glob("*.yaml")}
    eigen = lees_yaml(root / "params.yaml").data.get("gemeente")
    if eigen:
        namen.add(str(eigen))
    return sorted(namen)


def plan(root: Path, editie: str | None = None, alleen: list[str] | None = None) -> tuple[list[Taak], list[str]]:
    """The experiments to queue, every configuration checked first; and notices of gemeenten skipped.

    Per gemeente the settings are composed and checked exactly as ``evaluatie bouw`` does
    (:func:`evaluatie.edities.samengesteld`: params.yaml when it is of that gemeente, else
    ``configuraties/<gemeente>.yaml``, with ``configuraties/edities/<gemeente>/<editie>.yaml`` on top). Without
    ``editie`` each gemeente builds the edition of its base settings; with it, only the gemeenten that have
    that edition (the others are skipped with a notice). Each gemeente's own texts are checked as the build
checks them (:func:`evaluatie.zetwerk.render.controleer_eigen_teksten`). ``alleen``: only these gemeenten (e.g. this machine's
    share when the gemeenten are spread over machines).

    Raises
    ------
    InvoerFout
        with every error found (each naming its file and key), before anything is queued; or when no
        gemeente has ``editie``; or when a name in ``alleen`` is not a configured gemeente.
    """
    from evaluatie.edities import (basisbestand, controleer_editie, edities_van, editiebestand, instellingen,
                                   samengesteld)
    from evaluatie.stages.notebook import kernelkeuze
    from evaluatie.zetwerk.render import controleer_eigen_teksten

    root = Path(root)
    kernelkeuze()  # the queue's workers inherit EVALUATIE_KERNEL: a wrong value is named before anything is queued
    if editie is not None:
        controleer_editie(editie)
    huidig = lees_yaml(root / "params.yaml").data
    taken: list[Taak] = []
    overgeslagen: list[str] = []
    fouten: list[InvoerFout] = []
    alle = gemeenten(root)
    onbekend = [g for g in alleen or [] if g not in alle]
    if onbekend:
        raise InvoerFout(root / "configuraties", f"onbekende gemeente(n) {', '.join(onbekend)} (geconfigureerd: "
                                                 f"{', '.join(alle)})", sleutel="gemeente")
    for g in (alle if not alleen else sorted(set(alleen))):
        try:
            bestaand = edities_van(root, g)
            e = str(lees_yaml(basisbestand(root, g)).data.get("editie")) if editie is None else editie
            if e not in bestaand:
                overgeslagen.append(f"{g}: geen editie {e} (wel: {', '.join(bestaand)})")
                continue
            tekst = samengesteld(root, g, e)
            doel = huidig if tekst is None else (yaml.safe_load(tekst.decode("utf-8")) or {})
            basis = basisbestand(root, g)
            bron = basis if e == str(lees_yaml(basis).data.get("editie")) else editiebestand(root, g, e)
            taken.append(Taak(g, e, overrides(doel, huidig, bron.relative_to(root).as_posix())))
            # the own texts as the build checks them: a refused text would otherwise surface only in the queue
            # log, after the build, naming a path in the experiment's temporary copy
            controleer_eigen_teksten(instellingen(root, g, e))
        except InvoerFout as fout:
            fouten.append(fout)
    if len(fouten) == 1:
        raise fouten[0]
    if fouten:
        raise InvoerFout(None, f"{len(fouten)} configuraties geweigerd, er is niets in de rij gezet:\n"
                         + "\n".join(f"- {f}" for f in fouten))
    if not taken:
        raise InvoerFout(root / "configuraties" / "edities", f"geen enkele gemeente heeft editie {editie}:\n"
                         + "\n".join(f"- {o}" for o in overgeslagen))
    return taken, overgeslagen


# --- git and the DVC queue --------------------------------------------------------------------------------

def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=check)


def _dvc_run(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([dvc_programma(), *args], cwd=root, env=project_omgeving(), capture_output=True,
                          text=True)
    if check and proc.returncode != 0:
        raise InvoerFout(None, f"`dvc {' '.join(args[:3])} …` mislukte (code {proc.returncode}):\n"
                               f"{(proc.stderr or proc.stdout).strip()[-2000:]}")
    return proc


def _start_werkers(root: Path, jobs: int) -> None:
    """``dvc queue start``: its workers are daemons that inherit the command's stdout and stderr, so the output
    goes to a file, not a pipe (reading a pipe to its end would wait for the workers, i.e. the whole queue)."""
    with tempfile.TemporaryFile() as uit:
        proc = subprocess.run([dvc_programma(), "queue", "start", "--jobs", str(jobs)], cwd=root,
                              env=project_omgeving(),
                              stdout=uit, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        if proc.returncode != 0:
            uit.seek(0)
            raise InvoerFout(None, f"`dvc queue start` mislukte (code {proc.returncode}):\n"
                                   f"{uit.read().decode('utf-8', 'replace').strip()[-2000:]}")


def onbekend_voor_git(porcelain: str) -> list[str]:
    """The untracked paths in ``git status --porcelain`` output (lines ``?? pad``): what the queue won't see."""
    return [r[3:] for r in porcelain.splitlines() if r.startswith("?? ")]


def controleer_werkmap(root: Path) -> str:
    """Refuse a workspace the queue would build differently from what the researcher sees; return ``HEAD``.

    Raises
    ------
    InvoerFout
        when the folder is not a git repository with a commit, or holds files git does not know yet
        (untracked, not ignored): ``dvc exp run --queue`` builds a snapshot of the commit plus the changes
        to files git knows, without those files. The message lists them and says what to do.
    """
    kop = _git(root, "rev-parse", "--verify", "-q", "HEAD", check=False)
    if kop.returncode != 0:
        raise InvoerFout(root, "de DVC-wachtrij bouwt vanuit een git-commit, en hier is nog geen commit (of geen "
                               "git-repository); maak eerst een commit")
    status = _git(root, "status", "--porcelain", "--untracked-files=all").stdout
    los = onbekend_voor_git(status)
    if los:
        lijst = "\n".join(f"  {p}" for p in los[:20]) + (f"\n  … en nog {len(los) - 20}" if len(los) > 20 else "")
        raise InvoerFout(root, "geweigerd: er staan bestanden in de werkmap die git nog niet kent. De DVC-wachtrij "
                               "bouwt elke gemeente in een eigen kopie van de laatste commit plus je wijzigingen "
                               "aan bestanden die git al kent; deze bestanden zouden in die kopie ontbreken, dus "
                               f"ook in de rapporten:\n{lijst}\nVoeg ze toe (`git add …`, of commit ze), zet ze in "
                               ".gitignore of verplaats ze, en start de opdracht opnieuw.")
    return kop.stdout.strip()


def lees_status(tekst: str) -> dict[str, str]:
    """Name -> status from ``dvc queue status`` output (``Task  Name  Created  Status`` rows).

    An unnamed task is listed under its task id; a name listed twice keeps its last row.
    """
    uit: dict[str, str] = {}
    for regel in tekst.splitlines():
        delen = regel.split()
        if len(delen) >= 4 and re.fullmatch(r"[0-9a-f]{7,40}", delen[0]) and delen[-1] in STATUS_NL:
            uit[delen[0] if delen[1] == "None" else delen[1]] = delen[-1]
    return uit


def werkers(tekst: str) -> int | None:
    """Active plus idle workers from the ``Worker status: 1 active, 0 idle`` line; None if it is missing."""
    m = re.search(r"Worker status: (\d+) active, (\d+) idle", tekst)
    return None if m is None else int(m.group(1)) + int(m.group(2))


def _status(root: Path) -> dict[str, str]:
    return lees_status(_dvc_run(root, "queue", "status").stdout)


def experiment_refs(root: Path) -> dict[str, list[tuple[str, str]]]:
    """Experiment name -> [(baseline commit, experiment commit)] from ``refs/exps/<2>/<38>/<name>``."""
    uit: dict[str, list[tuple[str, str]]] = {}
    regels = _git(root, "for-each-ref", "--format=%(objectname) %(refname)", "refs/exps/").stdout
    for regel in regels.splitlines():
        sha, ref = regel.split(" ", 1)
        delen = ref.split("/")
        if len(delen) == 5 and len(delen[2]) == 2:
            uit.setdefault(delen[4], []).append((delen[2] + delen[3], sha))
    return uit


def ruim_op(root: Path, taken: list[Taak]) -> list[str]:
    """Remove this command's earlier experiments (same names, any baseline) and finished queue entries.

    Returns the removed names. Refuses (InvoerFout) while a task with one of these names is queued or running,
    or while other tasks are queued (``dvc queue start`` would run them too).
    """
    namen = {t.naam for t in taken}
    status = _status(root)
    bezig = sorted(n for n, s in status.items() if s not in KLAAR)
    if bezig:
        raise InvoerFout(None, "in de DVC-wachtrij staan nog taken die niet klaar zijn: "
                               + ", ".join(f"{n} ({STATUS_NL[status[n]]})" for n in bezig)
                               + ". `dvc queue start` zou ze meedraaien; wacht tot ze klaar zijn of haal ze weg "
                                 "(`dvc queue kill …`, `dvc queue remove --queued`) en start opnieuw.")
    oud = sorted(n for n in status if n in namen)
    if oud:
        _dvc_run(root, "queue", "remove", *oud)
    refs = [f"refs/exps/{b[:2]}/{b[2:]}/{n}" for n, lijst in experiment_refs(root).items() if n in namen
            for b, _ in lijst]
    if refs:
        _dvc_run(root, "exp", "remove", *refs)
    return sorted(set(oud) | {r.rsplit("/", 1)[1] for r in refs})


def verzamel(root: Path, taak: Taak, commit: str) -> Path:
    """Copy ``reports/<editie>/`` of experiment commit ``commit`` to ``reports/<gemeente>/<editie>/``.

    Read with :class:`dvc.api.DVCFileSystem` at that commit: git-tracked files from git, outputs from the
    local DVC cache the queue workers filled; the workspace and params.yaml are not touched. The folder is
    written next to its place and swapped in, so an earlier complete copy stays until the new one is whole.

    Raises
    ------
    InvoerFout
        when the experiment has no ``reports/<editie>/evaluatie.pdf``.
    """
    from dvc.api import DVCFileSystem

    root = Path(root)
    doel = root / "reports" / taak.gemeente / taak.editie
    doel.parent.mkdir(parents=True, exist_ok=True)
    fs = DVCFileSystem(str(root), rev=commit)
    bron = f"reports/{taak.editie}"
    if not fs.exists(f"{bron}/evaluatie.pdf"):
        raise InvoerFout(None, f"experiment {taak.naam} ({commit[:10]}) heeft geen {bron}/evaluatie.pdf")
    with tempfile.TemporaryDirectory(prefix=f".{taak.editie}-", dir=doel.parent) as tmp:
        nieuw = Path(tmp) / taak.editie
        fs.get(bron, str(nieuw), recursive=True)
        oud = Path(tmp) / "oud"
        if doel.exists():
            doel.rename(oud)
        nieuw.rename(doel)
    return doel


# --- the command --------------------------------------------------------------------------------------

@dataclass
class Uitslag:
    """What a run did: per experiment name its final status, the folders collected, failure logs, timings (s)."""

    status: dict[str, str] = field(default_factory=dict)
    verzameld: dict[str, Path] = field(default_factory=dict)
    logs: dict[str, str] = field(default_factory=dict)
    opgeruimd: list[str] = field(default_factory=list)
    overgeslagen: list[str] = field(default_factory=list)
    tijden: dict[str, float] = field(default_factory=dict)

    @property
    def mislukt(self) -> list[str]:
        return sorted(n for n, s in self.status.items() if s != "Success")


def stop_taken(root: Path, namen: list[str]) -> None:
    """``dvc queue kill`` and ``dvc queue remove`` for every task in ``namen``, with Ctrl-C ignored until
    all are done: a second Ctrl-C right after the first used to end the command halfway, leaving tasks
    running in the queue (tester finding). The previous SIGINT handler is restored afterwards."""
    import signal

    vorige = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        for n in namen:
            _dvc_run(root, "queue", "kill", n, check=False)
            _dvc_run(root, "queue", "remove", n, check=False)
    finally:
        signal.signal(signal.SIGINT, vorige)


def draai(root: Path, jobs: int = 2, editie: str | None = None, alleen: list[str] | None = None,
          melder: Callable[[str, dict[str, str]], None] | None = None,
          poll_s: float = 2.0, status_elke_s: float = 15.0) -> Uitslag:
    """Queue every gemeente (or those in ``alleen``), run the queue with ``jobs`` workers, wait, collect. The caller holds the lock.

    ``melder(regel, status)`` is called while waiting with a one-line summary and name -> status. Polling is
    cheap (``git for-each-ref`` every ``poll_s``); ``dvc queue status`` (about 1 s of CPU) runs only when an
    experiment commit appeared or every ``status_elke_s``. Ctrl-C kills this run's tasks before it returns.
    At most one worker per queued gemeente is started, whatever ``jobs`` says.

    Raises
    ------
    InvoerFout
        a configuration refused (nothing queued), untracked files, other tasks in the queue, jobs < 1.
    """
    from evaluatie.edities import herstel

    root = Path(root)
    if jobs < 1:
        raise InvoerFout(None, f"--jobs moet minstens 1 zijn (gekregen: {jobs})")
    herstel(root)  # a killed `evaluatie bouw` left the merged settings in params.yaml: put the own file back
    taken, overgeslagen = plan(root, editie, alleen)
    kop = controleer_werkmap(root)
    uit = Uitslag(overgeslagen=overgeslagen)
    t0 = time.perf_counter()
    uit.opgeruimd = ruim_op(root, taken)
    for taak in taken:
        _dvc_run(root, "exp", "run", "--queue", "-n", taak.naam, *taak.overrides)
    uit.tijden["in_de_rij_s"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    # more workers than tasks only start idle processes (`--jobs 99999` started thousands: tester finding)
    _start_werkers(root, min(jobs, len(taken)))
    namen = [t.naam for t in taken]
    status = {n: "Queued" for n in namen}
    gezien: dict[str, str] = {}
    laatste_status = time.perf_counter()
    stil = 0  # status checks in a row without a worker while tasks wait
    try:
        while True:
            refs = {n: sha for n, lijst in experiment_refs(root).items() if n in namen
                    for b, sha in lijst if b == kop}
            nu = time.perf_counter()
            if refs != gezien or nu - laatste_status >= status_elke_s:
                gezien = refs
                laatste_status = nu
                tekst = _dvc_run(root, "queue", "status").stdout
                status.update({n: s for n, s in lees_status(tekst).items() if n in status})
                wacht = [s for s in status.values() if s not in KLAAR]
                stil = stil + 1 if werkers(tekst) == 0 and wacht and "Running" not in wacht else 0
                if stil >= 2:  # a worker stops when it finds the queue empty; one that stopped early is restarted
                    _start_werkers(root, min(jobs, len(wacht)))
                    stil = 0
            if melder is not None:
                melder(" · ".join(f"{n}: {STATUS_NL[s]}" for n, s in status.items()), dict(status))
            if all(s in KLAAR for s in status.values()):
                break
            time.sleep(poll_s)
    except KeyboardInterrupt:
        lopend = [n for n, s in status.items() if s not in KLAAR]
        stop_taken(root, lopend)
        raise InvoerFout(None, "afgebroken; gestopt en uit de rij gehaald: " + (", ".join(lopend) or "niets")) from None
    uit.tijden["bouwen_s"] = time.perf_counter() - t1
    uit.status = status
    # read once more: a commit written between the last ref check and the status that said Success
    gezien = {n: sha for n, lijst in experiment_refs(root).items() if n in namen for b, sha in lijst if b == kop}
    t2 = time.perf_counter()
    for taak in taken:
        if status[taak.naam] == "Success":
            if taak.naam not in gezien:
                uit.status[taak.naam] = "Failed"
                uit.logs[taak.naam] = "de taak is klaar maar er is geen experiment-commit gevonden"
                continue
            try:
                uit.verzameld[taak.naam] = verzamel(root, taak, gezien[taak.naam])
            except InvoerFout as fout:  # the other gemeenten are still collected
                uit.status[taak.naam] = "Failed"
                uit.logs[taak.naam] = str(fout)
        else:
            logs = _dvc_run(root, "queue", "logs", taak.naam, check=False)
            uit.logs[taak.naam] = "\n".join((logs.stdout + logs.stderr).strip().splitlines()[-40:])
    uit.tijden["verzamelen_s"] = time.perf_counter() - t2
    uit.tijden["totaal_s"] = time.perf_counter() - t0
    return uit


__all__ = ["Taak", "Uitslag", "controleer_werkmap", "draai", "experiment_refs", "gemeenten", "hydra_waarde",
           "lees_status", "onbekend_voor_git", "overrides", "plan", "ruim_op", "verzamel", "werkers"]
