"""One lock per project folder: a build and a command that writes inputs never run at the same time.

``make rapport`` holds the lock (util-linux ``flock`` on the same file) for the whole ``dvc repro``; the
commands that write inputs (``evaluatie demo``, ``ophalen``, ``nieuw-thema``) take it too. The second one
is refused at once with a clear message, instead of a build that reads half-written input while
``dvc status`` later says all is up to date.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from evaluatie.gedeeld.fouten import InvoerFout

#: The lock file, in the project root (ignored by git and DVC).
SLOTBESTAND = ".evaluatie.lock"


def projectmap(map_: str | Path | None = None) -> Path:
    """The project root for a command that writes: ``map_`` (default: the working directory) when it holds
    ``params.yaml`` and ``dvc.yaml``.

    Raises
    ------
    InvoerFout
        when it does not: the message names the project folder above it, if there is one, so the command is
        started there (relative paths and the lock then refer to the project, never to a subfolder or /tmp).
    """
    start = Path.cwd() if map_ is None else Path(map_)
    if (start / "params.yaml").is_file() and (start / "dvc.yaml").is_file():
        return start
    boven = next((p for p in start.resolve().parents if (p / "params.yaml").is_file() and (p / "dvc.yaml").is_file()),
                 None)
    hint = f"ga eerst naar de projectmap ({boven})" if boven else "ga eerst naar de map met params.yaml en dvc.yaml"
    raise InvoerFout(None, f"{start.resolve()} is geen projectmap van evaluatie (daar staan geen params.yaml en "
                           f"dvc.yaml); {hint} en start de opdracht daar")


@contextmanager
def vergrendeld(root: str | Path, opdracht: str,
                bij_wachten: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the project's lock while the block runs.

    With ``bij_wachten``, a lock held by another build or command is waited for: ``bij_wachten()`` is
    called once, then the block runs as soon as the lock is free (Ctrl-C interrupts the wait).

    Raises
    ------
    InvoerFout
        without ``bij_wachten``, when another build or command holds it (nothing is waited for, nothing
        is written).
    """
    pad = Path(root) / SLOTBESTAND
    fd = os.open(pad, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            vrij = True
        except BlockingIOError:
            vrij = False
        if not vrij:
            if bij_wachten is None:
                raise InvoerFout(None, f"{opdracht} geweigerd: in {Path(root).resolve()} loopt al een bouw "
                                       "(make rapport) of een andere opdracht die invoer schrijft. Wacht tot die "
                                       "klaar is en probeer het dan opnieuw.")
            bij_wachten()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
