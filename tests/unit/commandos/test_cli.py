"""The command line as a user meets it: help, validation, reading a monitor file."""

from pathlib import Path

from typer.testing import CliRunner

from evaluatie.cli import app
from conftest import ROOT

runner = CliRunner()


def test_help_lists_the_commands():
    uit = runner.invoke(app, ["--help"])
    assert uit.exit_code == 0
    for opdracht in ("valideer", "inlezen", "ophalen", "nieuw-thema", "demo"):
        assert opdracht in uit.output


def test_valideer_accepts_the_shipped_frameworks():
    uit = runner.invoke(app, ["valideer", str(ROOT / "data" / "raw" / "kader" / "rijswijk")])
    assert uit.exit_code == 0, uit.output
    assert "In orde: 3 kader(s) gevalideerd." in uit.output


def test_inlezen_writes_tidy_csv(tmp_path):
    doel = tmp_path / "uit.csv"
    uit = runner.invoke(app, ["inlezen", str(ROOT / "data" / "raw" / "monitor" / "inclusie.csv"), "--uit", str(doel)])
    assert uit.exit_code == 0, uit.output
    regels = doel.read_text(encoding="utf-8").splitlines()
    assert regels[0].startswith("bron,tabel,veld,gebied,gebied_niveau")
    # the CBS marker '.' is kept as a reason, the value stays empty
    assert any(r.endswith(",.,%,True,inclusie.csv") for r in regels)


def test_inlezen_refuses_bad_file_without_traceback(tmp_path):
    slecht = tmp_path / "slecht.csv"
    slecht.write_text("bron;tabel;veld;gebied;leeftijd;jaar;waarde;ondergrens;bovengrens;markering;eenheid\n"
                      "GGD;t;v;GM0603;18+;twintig;5;;;;%\n", encoding="utf-8")
    doel = tmp_path / "uit.csv"
    doel.write_text("oud\n", encoding="utf-8")
    uit = runner.invoke(app, ["inlezen", str(slecht), "--uit", str(doel)])
    assert uit.exit_code == 1
    assert "slecht.csv" in uit.output and "rij 1" in uit.output and "jaar" in uit.output
    assert "Traceback" not in uit.output
    assert doel.read_text(encoding="utf-8") == "oud\n"


def test_badly_typed_option_value_is_reported_in_dutch():
    """typer converts option values with pydantic; its English message is translated (tester finding)."""
    res = runner.invoke(app, ["alle-gemeenten", "--jobs", "abc"])
    assert res.exit_code == 2
    tekst = " ".join(res.output.split())
    assert "Ongeldige waarde voor '--jobs': 'abc' is geen geheel getal" in tekst
    assert "Input should be" not in tekst
    res = runner.invoke(app, ["alle-gemeenten", "--jobs", "1.5"])
    assert res.exit_code == 2 and "'1.5' is geen geheel getal" in " ".join(res.output.split())


def test_untranslated_pydantic_error_keeps_its_own_text():
    from pydantic import TypeAdapter, ValidationError

    from evaluatie.cli import _pydantic_melding

    try:
        TypeAdapter(int).validate_python("x")
    except ValidationError as fout:
        assert _pydantic_melding(fout) == "'x' is geen geheel getal"
    try:
        TypeAdapter(list[int]).validate_python(5)
    except ValidationError as fout:
        assert _pydantic_melding(fout) == "Input should be a valid list"


def _onderbreek(tmp_path, opdracht: str) -> tuple[int, str]:
    """Run ``opdracht`` (the body of a test command) through ``cli.main``, press Ctrl-C once it printed
    'klaar'; the exit status and stderr."""
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "traag.py"
    script.write_text(
        "import time\n"
        "from evaluatie import cli\n"
        "from evaluatie.gedeeld.fouten import InvoerFout\n"
        "@cli.app.command('traag')\n"
        "def traag():\n"
        "    print('klaar', flush=True)\n"
        + "".join(f"    {regel}\n" for regel in opdracht.splitlines())
        + "cli.main()\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), "traag"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "klaar"
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    return proc.returncode, err


def test_ctrl_c_exits_130(tmp_path):
    """An interrupted command exits 128 + SIGINT, also one that turns the interruption into its own
    message, as `alle-gemeenten` does (tester finding: that one exited 1)."""
    rc, err = _onderbreek(tmp_path, "time.sleep(30)")
    assert rc == 130 and "Traceback" not in err
    rc, err = _onderbreek(tmp_path, "try:\n    time.sleep(30)\nexcept KeyboardInterrupt:\n"
                                    "    cli._fout(InvoerFout(None, 'afgebroken; gestopt'))")
    assert rc == 130
    assert "afgebroken; gestopt" in err and "Traceback" not in err
