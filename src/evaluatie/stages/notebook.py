"""Run a notebook template with papermill in the project's own kernel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from evaluatie.bestanden import atomisch_pad

KERNEL = "evaluatie"


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


def voer_uit(sjabloon: Path, uitvoer: Path, parameters: dict[str, Any], cwd: Path) -> None:
    """Execute ``sjabloon`` into ``uitvoer`` atomically (a failed run keeps the old notebook)."""
    import papermill as pm

    import tempfile

    from jupyter_client.manager import AsyncKernelManager

    zorg_voor_kernel()
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    with tempfile.TemporaryDirectory(prefix="evaluatie-kernel-") as socketmap, atomisch_pad(uitvoer) as tmp:
        # IPC transport: the kernel listens on Unix sockets in a private temp dir
        # (mode 0700), never on a TCP port that other users of a shared machine could reach.
        km = AsyncKernelManager(kernel_name=KERNEL, transport="ipc", ip=str(Path(socketmap) / "kernel"))
        pm.execute_notebook(
            str(sjabloon), str(tmp.with_suffix(".ipynb")), parameters=parameters,
            kernel_name=KERNEL, cwd=str(cwd), progress_bar=False, log_output=False,
            request_save_on_cell_execute=False, km=km,
        )
        tmp.with_suffix(".ipynb").replace(tmp)
    _maak_stabiel(uitvoer)


def _maak_stabiel(pad: Path) -> None:
    """Drop run timestamps and durations so the same inputs give the same file."""
    nb = json.loads(pad.read_text(encoding="utf-8"))
    nb.get("metadata", {}).pop("papermill", None)
    for cel in nb.get("cells", []):
        cel.get("metadata", {}).pop("papermill", None)
        cel.get("metadata", {}).pop("execution", None)
    from evaluatie.bestanden import schrijf_tekst

    schrijf_tekst(pad, json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
