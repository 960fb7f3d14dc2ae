"""Record which files each pipeline stage opens (loaded only by tests, via PYTHONPATH).

With ``EVALUATIE_OPENLOG=<dir>`` set, every Python process that is a stage (``python -m
evaluatie.stages.<x>``) or a notebook kernel started by one appends ``<stage>\\t<path>`` for each file it
opens for reading to ``<dir>/<pid>.tsv``. tests/e2e/test_reproduceerbaar.py compares them with dvc.yaml.

With ``EVALUATIE_GEEN_NETWERK=<dir>`` set, the same processes may not use the network: every
``socket.connect`` to anything but a Unix socket (the kernels talk over IPC) and every name lookup is
written to ``<dir>/<pid>.net`` and fails with ``OSError``; ``<dir>/<pid>.aan`` records that the hook is
active in that process (tests/e2e/test_kader_opmaak.py).
"""

import os
import sys


def _stap() -> str | None:
    def cmdline(pid: str) -> list[str]:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                return fh.read().decode("utf-8", "replace").split("\0")
        except OSError:
            return []

    def ouder(pid: str) -> str:
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
                return fh.read().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):
            return "0"

    # this process, its parent and grandparent; the outermost stage wins: a kernel, or a `python -m
    # evaluatie.stages.thema <id>` (and its kernel) that the `themas` stage started with
    # EVALUATIE_KERNEL=jupyter, belongs to the stage DVC started
    gevonden = None
    pid = "self"
    for _ in range(3):
        args = cmdline(pid)
        for i, arg in enumerate(args):
            if arg.startswith("evaluatie.stages."):
                naam = arg.removeprefix("evaluatie.stages.")
                gevonden = f"{naam}@{args[i + 1]}" if naam == "thema" and i + 1 < len(args) else naam
                break
        pid = ouder(pid)
        if pid in ("0", "1"):
            break
    return gevonden


def _installeer(logmap: str) -> None:
    stap = _stap()
    if stap is None:
        return
    bezig = False
    fd = None
    gezien: set[str] = set()

    def haak(gebeurtenis: str, args: tuple) -> None:
        nonlocal bezig, fd
        if gebeurtenis != "open" or bezig or not args:
            return
        pad, modus = args[0], args[1] if len(args) > 1 else "r"
        if not isinstance(pad, (str, bytes)) or (isinstance(modus, str) and any(c in modus for c in "wax+")):
            return
        if isinstance(modus, int) and modus & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            return
        bezig = True
        try:
            pad = os.path.abspath(os.fsdecode(pad))
            if pad not in gezien:
                gezien.add(pad)
                if fd is None:
                    fd = os.open(os.path.join(logmap, f"{os.getpid()}.tsv"), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
                os.write(fd, f"{stap}\t{pad}\n".encode())
        finally:
            bezig = False

    sys.addaudithook(haak)


def _geen_netwerk(logmap: str) -> None:
    stap = _stap()
    if stap is None:
        return

    def haak(gebeurtenis: str, args: tuple) -> None:
        if gebeurtenis == "socket.connect":
            import socket

            if getattr(args[0], "family", None) == socket.AF_UNIX:
                return
            doel = args[1]
        elif gebeurtenis in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr"):
            doel = args[0]
        else:
            return
        fd = os.open(os.path.join(logmap, f"{os.getpid()}.net"), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            os.write(fd, f"{stap}\t{gebeurtenis}\t{doel!r}\n".encode())
        finally:
            os.close(fd)
        raise OSError(f"geen netwerk tijdens de bouw ({gebeurtenis} {doel!r})")

    sys.addaudithook(haak)
    # proof that the hook is active in this stage or kernel: "<pid>.aan" holds the stage's name
    with open(os.path.join(logmap, f"{os.getpid()}.aan"), "w", encoding="utf-8") as fh:
        fh.write(f"{stap}\n")


if os.environ.get("EVALUATIE_GEEN_NETWERK"):
    _geen_netwerk(os.environ["EVALUATIE_GEEN_NETWERK"])
if os.environ.get("EVALUATIE_OPENLOG"):
    _installeer(os.environ["EVALUATIE_OPENLOG"])
