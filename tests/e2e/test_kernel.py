"""Reliability: the Jupyter kernels the pipeline can start are not reachable from outside.

The notebook stages run their cells in-process by default; ``EVALUATIE_KERNEL=jupyter`` (set here) makes
them start the kernel ``evaluatie``, as researchers' runs may.

A tiny notebook that sleeps 3 s is run through evaluatie.stages.notebook.voer_uit (the function
every notebook stage uses) in a child process. While it runs, the listening sockets of the
kernel process are read (psutil, else /proc/net/tcp{,6} + /proc/<pid>/fd). The kernel must not
listen on any non-loopback address; since the project chose IPC transport it should listen on no
TCP port at all. Also: the kernel goes away with its stage, also when the stage is SIGKILLed.
"""

from __future__ import annotations

import ipaddress
import shutil
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, omgeving

SLAAP_S = 3


def notebook(pad: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    param = nbformat.v4.new_code_cell("x = 1")
    param.metadata["tags"] = ["parameters"]
    nb.cells = [param, nbformat.v4.new_code_cell(f"import time\ntime.sleep({SLAAP_S})\nx * 2")]
    nb.metadata["kernelspec"] = {"name": "evaluatie", "display_name": "evaluatie", "language": "python"}
    nbformat.write(nb, pad)
    return pad


def start_voer_uit(tmp: Path, na_afloop_s: float = 0, tijdelijk: Path | None = None) -> subprocess.Popen:
    """A child process running voer_uit on the sleeping notebook, then idling `na_afloop_s`.

    ``tijdelijk``: the child's TMPDIR, where voer_uit makes its kernel folder (a SIGKILL leaves it
    behind: it must not land in the machine's /tmp). Kept short: the kernel's Unix sockets live in
    it, and a socket path may be at most 107 bytes."""
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom evaluatie.stages.notebook import voer_uit\n"
        f"voer_uit(Path({str(tmp / 'slaap.ipynb')!r}), Path({str(tmp / 'uit' / 'slaap.ipynb')!r}), "
        f"{{'x': 21}}, cwd=Path({str(tmp)!r}))\n"
        "print('KLAAR', flush=True)\n"
        f"time.sleep({na_afloop_s})\n"
    )
    env = omgeving()
    env["PYTHONPATH"] = str(ROOT / "src")
    env["EVALUATIE_KERNEL"] = "jupyter"
    if tijdelijk is not None:
        env["TMPDIR"] = str(tijdelijk)
    return subprocess.Popen([sys.executable, "-c", code], cwd=tmp, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def kernels(pid: int) -> list[int]:
    """Kernel processes started by `pid` (ipykernel in the command line)."""
    uit = []
    for kind in _kinderen(pid):
        try:
            cmd = Path(f"/proc/{kind}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(b"ipykernel" in c for c in cmd):
            uit.append(kind)
    return uit


def _kinderen(pid: int) -> list[int]:
    try:
        import psutil

        return [p.pid for p in psutil.Process(pid).children(recursive=True)]
    except ImportError:  # pragma: no cover - psutil comes with ipykernel
        alle = []
        for d in Path("/proc").iterdir():
            if d.name.isdigit():
                try:
                    ouder = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                alle.append((int(d.name), ouder))
        uit, rand = [], [pid]
        while rand:
            p = rand.pop()
            nieuw = [k for k, o in alle if o == p]
            uit += nieuw
            rand += nieuw
        return uit
    except Exception:  # the process is gone
        return []


def luistert(pid: int) -> list[tuple[str, int]]:
    """(address, port) of every TCP socket in LISTEN state owned by `pid`."""
    try:
        import psutil

        return [(c.laddr.ip, c.laddr.port) for c in psutil.Process(pid).net_connections(kind="tcp")
                if c.status == psutil.CONN_LISTEN]
    except ImportError:  # pragma: no cover
        return _luistert_proc(pid)


def _luistert_proc(pid: int) -> list[tuple[str, int]]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            doel = os.readlink(fd)
        except OSError:
            continue
        if doel.startswith("socket:["):
            inodes.add(doel[8:-1])
    uit = []
    for naam in ("tcp", "tcp6"):
        regels = Path(f"/proc/net/{naam}").read_text().splitlines()[1:]
        for regel in regels:
            velden = regel.split()
            lokaal, status, inode = velden[1], velden[3], velden[9]
            if status != "0A" or inode not in inodes:  # 0A = TCP_LISTEN
                continue
            adres_hex, poort_hex = lokaal.split(":")
            ruw = bytes.fromhex(adres_hex)
            # /proc stores the address as 32-bit words in host (little-endian) order
            woorden = b"".join(ruw[i:i + 4][::-1] for i in range(0, len(ruw), 4))
            uit.append((str(ipaddress.ip_address(woorden)), int(poort_hex, 16)))
    return uit


def leeft(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return status != "Z"


@pytest.fixture(scope="module")
def waarneming(tmp_path_factory) -> dict:
    """Run the sleeping notebook once; record the kernel's listening sockets and its lifetime."""
    tmp = tmp_path_factory.mktemp("kernel")
    notebook(tmp / "slaap.ipynb")
    proc = start_voer_uit(tmp, na_afloop_s=2)
    gezien: dict[int, set] = {}
    via_proc: dict[int, set] = {}
    begin = time.monotonic()
    while proc.poll() is None and time.monotonic() - begin < 60:
        for k in kernels(proc.pid):
            try:
                gezien.setdefault(k, set()).update(luistert(k))
                via_proc.setdefault(k, set()).update(_luistert_proc(k))
            except Exception:  # the kernel just exited
                gezien.setdefault(k, set())
        if gezien and time.monotonic() - begin > SLAAP_S + 1:
            break
        time.sleep(0.1)
    # voer_uit has returned once the child prints KLAAR; is the kernel gone by then?
    regel = proc.stdout.readline().strip()
    na_voer_uit = {k: leeft(k) for k in gezien}
    proc.wait(timeout=60)
    stop = time.monotonic()
    while any(leeft(k) for k in gezien) and time.monotonic() - stop < 10:
        time.sleep(0.05)
    uit = {"kernels": gezien, "via_proc": via_proc, "klaar": regel, "leeft_na_voer_uit": na_voer_uit,
           "leeft_na_afloop": {k: leeft(k) for k in gezien}, "na_afloop_s": round(time.monotonic() - stop, 2),
           "stderr": proc.stderr.read(), "uitvoer": tmp / "uit" / "slaap.ipynb"}
    print("\nkernelwaarneming:", {k: v for k, v in uit.items() if k != "stderr"})
    return uit


def test_kernel_draait_en_notebook_klaar(waarneming):
    assert waarneming["kernels"], "geen kernelproces gevonden tijdens de run"
    assert waarneming["klaar"] == "KLAAR", waarneming["stderr"][-2000:]
    nb = nbformat.read(waarneming["uitvoer"], as_version=4)
    assert nb.cells[-1].outputs[0]["data"]["text/plain"] == "42"


def test_proc_en_psutil_zien_hetzelfde(waarneming):
    """The /proc fallback reads the same listening sockets as psutil."""
    assert waarneming["via_proc"] == waarneming["kernels"]


def test_kernel_luistert_niet_buiten_loopback(waarneming):
    """No kernel socket is reachable from another machine."""
    for kernel, poorten in waarneming["kernels"].items():
        extern = [(ip, p) for ip, p in poorten if not ipaddress.ip_address(ip).is_loopback]
        assert not extern, f"kernel {kernel} luistert op een niet-loopbackadres: {extern}"


def test_kernel_stopt_als_voer_uit_terugkeert(waarneming):
    assert waarneming["klaar"] == "KLAAR"
    assert not any(waarneming["leeft_na_voer_uit"].values()), (
        f"kernel leeft nog nadat voer_uit klaar is: {waarneming['leeft_na_voer_uit']}")


def test_kernel_stopt_met_het_proces(waarneming):
    """Once the stage process has ended, no kernel is left behind."""
    assert not any(waarneming["leeft_na_afloop"].values()), waarneming


def test_kernel_stopt_als_stage_wordt_gedood(tmp_path):
    """SIGKILL of the stage mid-notebook: the kernel goes too, the old output stays untouched."""
    notebook(tmp_path / "slaap.ipynb")
    (tmp_path / "uit").mkdir()
    oud = tmp_path / "uit" / "slaap.ipynb"
    oud.write_text("OUD\n", encoding="utf-8")
    tijdelijk = Path(tempfile.mkdtemp(prefix="ek"))
    try:
        _gedood(tmp_path, oud, tijdelijk)
        # the killed stage could not remove its kernel folder (nor jupyter_client its connection
        # file tmp*.json): both are in the TMPDIR given, removed below, not left in the machine's /tmp
        assert any(p.name.startswith("evaluatie-kernel-") for p in tijdelijk.iterdir())
    finally:
        shutil.rmtree(tijdelijk, ignore_errors=True)


def _gedood(tmp_path: Path, oud: Path, tijdelijk: Path) -> None:
    proc = start_voer_uit(tmp_path, tijdelijk=tijdelijk)
    begin = time.monotonic()
    gevonden: list[int] = []
    while not gevonden and time.monotonic() - begin < 60 and proc.poll() is None:
        gevonden = kernels(proc.pid)
        time.sleep(0.05)
    assert gevonden, "geen kernel gestart"
    time.sleep(1.0)  # the kernel is now executing the sleep cell
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    dood = time.monotonic()
    while any(leeft(k) for k in gevonden) and time.monotonic() - dood < 10:
        time.sleep(0.05)
    over = [k for k in gevonden if leeft(k)]
    for k in over:  # clean up what this test started before failing
        os.kill(k, signal.SIGKILL)
    assert not over, f"kernel {over} bleef > 10 s leven na SIGKILL van de stage"
    print(f"\nkernel weg {time.monotonic() - dood:.2f} s na SIGKILL van de stage")
    assert oud.read_text(encoding="utf-8") == "OUD\n"
    vreemd = sorted(p.name for p in oud.parent.iterdir() if p.name != "slaap.ipynb")
    assert all(n.startswith(".slaap.ipynb.") for n in vreemd), vreemd
