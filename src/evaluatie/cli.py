"""Command line `evaluatie` (typer + rich). Heavy imports stay inside the commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

#: click's and typer's own interface texts in Dutch (they are wrapped in gettext but ship no Dutch catalogue).
NEDERLANDS = {
    "Usage:": "Gebruik:",
    "Options": "Opties",
    "Commands": "Opdrachten",
    "Arguments": "Argumenten",
    "Positional arguments": "Argumenten",
    "Error": "Fout",
    "Aborted!": "Afgebroken!",
    "Aborted.": "Afgebroken.",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Missing command.": "Opdracht ontbreekt.",
    "No such command {name!r}.": "Onbekende opdracht {name!r}.",
    "No such option: {name}": "Onbekende optie: {name}",
    "Missing argument {param_hint}.": "Argument {param_hint} ontbreekt.",
    "Missing option {param_hint}.": "Optie {param_hint} ontbreekt.",
    "Missing parameter {param_hint}.": "Parameter {param_hint} ontbreekt.",
    "Invalid value for {param_hint}: {message}": "Ongeldige waarde voor {param_hint}: {message}",
    "Got unexpected extra argument ({args})": "Onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "Onverwachte extra argumenten ({args})",
    "Option {name!r} requires an argument.": "Optie {name!r} heeft een waarde nodig.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "Zie [blue]'{command_path} {help_option}'[/] voor hulp.",
    "Try '{command} {option}' for help.": "Zie '{command} {option}' voor hulp.",
    "[required]": "[verplicht]",
    "required": "verplicht",
    "[default: {}]": "[standaard: {}]",
    "default: {default}": "standaard: {default}",
    "(deprecated) ": "(verouderd) ",
    "[env var: {}]": "[omgevingsvariabele: {}]",
}


def _vertaal(tekst: str) -> str:
    return NEDERLANDS.get(tekst, tekst)


def _vervang_in(namen: tuple[str, ...], attribuut: str, door: object) -> None:
    """Set ``attribuut`` to ``door`` in each module of ``namen`` that exists and has it (a module missing in
    this click/typer version, e.g. typer without rich, is skipped)."""
    import importlib

    for naam in namen:
        try:
            module = importlib.import_module(naam)
        except ImportError:  # pragma: no cover - depends on the installed versions
            continue
        if hasattr(module, attribuut):
            setattr(module, attribuut, door)


def _nederlandse_interface() -> None:
    """Route click's and typer's gettext calls through :data:`NEDERLANDS` (usage, options, errors)."""
    _vervang_in(("click.core", "click.formatting", "click.decorators", "click.exceptions", "click.parser",
                 "typer.core", "typer.main", "typer.rich_utils"), "_", _vertaal)
    _vendored_click()
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover
        return
    for constante in ("ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE", "ERRORS_PANEL_TITLE",
                      "ABORTED_TEXT", "RICH_HELP", "REQUIRED_LONG_STRING", "DEFAULT_STRING", "DEPRECATED_STRING",
                      "ENVVAR_STRING"):
        engels = {"ARGUMENTS_PANEL_TITLE": "Arguments", "OPTIONS_PANEL_TITLE": "Options",
                  "COMMANDS_PANEL_TITLE": "Commands", "ERRORS_PANEL_TITLE": "Error", "ABORTED_TEXT": "Aborted.",
                  "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
                  "REQUIRED_LONG_STRING": "[required]", "DEFAULT_STRING": "[default: {}]",
                  "DEPRECATED_STRING": "(deprecated) ", "ENVVAR_STRING": "[env var: {}]"}[constante]
        if getattr(rich_utils, constante, None) == engels:
            setattr(rich_utils, constante, NEDERLANDS[engels])


def _vendored_click() -> None:
    """typer ships its own copy of click with fixed English texts: usage prefix, help option, errors."""
    try:
        from typer._click import core, exceptions, formatting
    except ImportError:  # pragma: no cover - older typer uses click itself
        return
    schrijf = formatting.HelpFormatter.write_usage
    if getattr(schrijf, "_nederlands", False):
        return

    def write_usage(self, prog, args="", prefix=None):  # type: ignore[no-untyped-def]
        return schrijf(self, prog, args, "Gebruik: " if prefix is None else prefix)

    write_usage._nederlands = True  # type: ignore[attr-defined]
    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]

    hulp = core.Command.get_help_option

    def get_help_option(self, ctx):  # type: ignore[no-untyped-def]
        optie = hulp(self, ctx)
        if optie is not None and optie.help == "Show this message and exit.":
            optie.help = NEDERLANDS["Show this message and exit."]
        return optie

    core.Command.get_help_option = get_help_option  # type: ignore[method-assign]

    vervang = (("Missing argument", "Ontbrekend argument"), ("Missing option", "Ontbrekende optie"),
               ("Missing parameter", "Ontbrekende parameter"), ("Invalid value for", "Ongeldige waarde voor"),
               ("Invalid value", "Ongeldige waarde"), ("No such option", "Onbekende optie"),
               ("Got unexpected extra argument(s)", "Onverwachte extra argumenten"))
    for klasse in (exceptions.UsageError, exceptions.BadParameter, exceptions.MissingParameter,
                   exceptions.NoSuchOption):
        origineel = klasse.__dict__.get("format_message")
        if origineel is None:
            continue

        def format_message(self, _origineel=origineel):  # type: ignore[no-untyped-def]
            tekst = _origineel(self)
            for engels, nederlands in vervang:
                tekst = tekst.replace(engels, nederlands)
            return tekst

        klasse.format_message = format_message  # type: ignore[method-assign]


#: pydantic's error types (typer ≥ 0.25 converts option values with pydantic) and their Dutch message.
PYDANTIC_NL = {
    "int_parsing": "{input!r} is geen geheel getal",
    "int_from_float": "{input!r} is geen geheel getal",
    "int_type": "{input!r} is geen geheel getal",
    "float_parsing": "{input!r} is geen getal",
    "float_type": "{input!r} is geen getal",
    "bool_parsing": "{input!r} is geen ja/nee-waarde (gebruik true of false)",
    "greater_than_equal": "moet minstens {ge} zijn (gekregen: {input!r})",
    "less_than_equal": "mag hoogstens {le} zijn (gekregen: {input!r})",
}


def _pydantic_melding(fout: object) -> str:
    """Dutch text for the first error of a pydantic ``ValidationError`` that typer raises while converting
    an option's value; an error type without translation keeps pydantic's own text."""
    fouten = fout.errors()  # type: ignore[attr-defined]
    if not fouten:
        return str(fout)
    eerste = fouten[0]
    sjabloon = PYDANTIC_NL.get(eerste.get("type", ""))
    if sjabloon is None:
        return str(eerste["msg"])
    return sjabloon.format(input=eerste.get("input"), **(eerste.get("ctx") or {}))


def _typer_pydantic() -> None:
    """typer ≥ 0.25 reports a badly typed option value with pydantic's English message
    (``typer._display.get_error_msg``); route it through :func:`_pydantic_melding`."""
    _vervang_in(("typer._param_types", "typer._coercion"), "get_error_msg", _pydantic_melding)


_nederlandse_interface()
_typer_pydantic()

app = typer.Typer(
    help="evaluatie: reproduceerbare evaluatie van gemeentelijk sociaal-domeinbeleid.",
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_STAAT = {"debug": False}


@app.callback()
def _hoofd(debug: bool = typer.Option(False, "--debug", help="Toon bij een fout de volledige traceback.")) -> None:
    _STAAT["debug"] = debug


def _fout(fout: Exception) -> None:
    """Print a clear Dutch error (no traceback unless --debug) and exit 1."""
    if _STAAT["debug"]:
        raise fout
    from rich.console import Console

    Console(stderr=True).print(f"[bold red]fout:[/] {fout}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(1)


@app.command()
def valideer(
    map_: Optional[Path] = typer.Argument(None, metavar="MAP",
                                          help="Map met beleidskaders (standaard: die van params.yaml)."),
) -> None:
    """Controleer de beleidskaders (YAML) en de eigen teksten van de editie, en meld elke fout met bestand
    en sleutel of regel."""
    from evaluatie.gedeeld.fouten import InvoerFout, schrijffout

    try:
        from evaluatie.ingest.kader import kader_tabellen, valideer_map
        from evaluatie.gedeeld.instellingen import laad_instellingen

        from evaluatie.ingest.kader import controleer_jaren

        inst = laad_instellingen() if map_ is None or Path("params.yaml").exists() else None
        map_ = map_ or inst.kader
        kaders = valideer_map(map_)
        if inst is not None:  # years are judged against the report's date
            controleer_jaren(kaders, inst.datum.year)
        tabellen = kader_tabellen(kaders)
        teksten = _controleer_eigen_teksten(inst) if inst is not None else []
    except (InvoerFout, OSError) as fout:
        _fout(fout if isinstance(fout, InvoerFout) else schrijffout(fout))
        return
    from rich.console import Console
    from rich.table import Table

    tabel = Table(title=f"Beleidskaders in {map_}")
    for kolom in ("tabel", "rijen"):
        tabel.add_column(kolom)
    for naam, df in sorted(tabellen.items()):
        tabel.add_row(naam, str(len(df)))
    Console().print(tabel)
    Console().print(f"[green]In orde:[/] {len(kaders)} kader(s) gevalideerd"
                    + (f", {len(teksten)} eigen tekst(en) gecontroleerd." if teksten else "."))


def _controleer_eigen_teksten(inst) -> list[Path]:
    """The edition's own Markdown texts, checked as the report stage checks them."""
    from evaluatie.zetwerk.render import controleer_eigen_teksten

    return controleer_eigen_teksten(inst)


@app.command()
def voorbeeld(
    document: str = typer.Option("evaluatie", "--document", help="evaluatie (het raadsrapport) of verantwoording."),
    vorm: str = typer.Option("pdf", "--vorm", help="pdf, html of docx (docx alleen voor het raadsrapport)."),
    volg: bool = typer.Option(False, "--volg", help="Blijf draaien en maak het voorbeeld opnieuw zodra je een eigen "
                                                     "tekst opslaat (stoppen met Ctrl-C)."),
) -> None:
    """Zet één document uit je huidige eigen teksten in voorbeeld/<editie>/, snel en buiten DVC om.

    Voor tijdens het schrijven: de cijfers, figuren en hoofdstukken komen uit de laatste bouw, je eigen
    teksten (data/raw/tekst/<editie>/) zijn de huidige, met dezelfde controles als bij de bouw. Het rapport
    zelf (reports/<editie>/) en dvc.lock blijven ongemoeid; dat bouw je met `make rapport`.
    Met --volg staat het voorbeeld ± 1,5–2 s na elke keer opslaan opnieuw klaar, en na elke bouw.
    """
    from evaluatie.gedeeld.fouten import InvoerFout, schrijffout

    if volg:
        _volg_voorbeeld(document, vorm)
        return
    try:
        from evaluatie.gedeeld.instellingen import laad_instellingen
        from evaluatie.gedeeld.vergrendeling import projectmap, vergrendeld
        from evaluatie.voorbeeld import maak_voorbeeld

        # under the project lock: during `make rapport GEMEENTE=…` params.yaml holds another gemeente's settings
        with vergrendeld(projectmap(), "evaluatie voorbeeld"):
            pad = maak_voorbeeld(laad_instellingen(), document, vorm)
    except (InvoerFout, OSError) as fout:
        _fout(fout if isinstance(fout, InvoerFout) else schrijffout(fout))
        return
    from rich.console import Console

    Console().print(f"[green]Voorbeeld:[/] {pad} (cijfers en figuren van de laatste bouw; het rapport zelf "
                    "bouw je met `make rapport`).", highlight=False)


def _volg_voorbeeld(document: str, vorm: str) -> None:
    """`evaluatie voorbeeld --volg`: :func:`evaluatie.voorbeeld.volg` with its messages on the terminal.
    A refused build is reported and the watch goes on; Ctrl-C ends it with exit code 0."""
    import os
    import signal
    import time

    from rich.console import Console

    from evaluatie.gedeeld.fouten import InvoerFout, schrijffout
    from evaluatie.gedeeld.vergrendeling import projectmap

    uit, err = Console(highlight=False, soft_wrap=True), Console(stderr=True, highlight=False, soft_wrap=True)

    def gemaakt(pad: Path, seconden: float) -> None:
        duur = f"{seconden:.1f}".replace(".", ",")
        uit.print(f"[green]Voorbeeld bijgewerkt[/] om {time.strftime('%H:%M:%S')} in {duur} s: "
                  f"{os.path.relpath(pad)}")

    def fout(f: InvoerFout) -> None:
        if _STAAT["debug"]:
            raise f
        err.print(f"[bold red]fout:[/] {f}")
        err.print("Het vorige voorbeeld blijft staan; sla de tekst na het verbeteren opnieuw op.")

    def waarschuwing(f: InvoerFout) -> None:
        err.print(f"[bold yellow]let op:[/] {f}")

    def wacht() -> None:
        uit.print("Er loopt een bouw (make rapport), een ander voorbeeld of een opdracht die invoer schrijft; "
                  "het voorbeeld wacht daarop.")

    def begonnen(tekstmap: Path) -> None:
        uit.print(f"Ik volg je eigen teksten ({os.path.relpath(tekstmap)}/*.md): elke keer dat je er een opslaat, "
                  "maak ik het voorbeeld opnieuw. Stoppen: Ctrl-C.")

    def gestopt(signum, frame) -> None:  # SIGTERM (kill, a closing terminal) ends the watch as Ctrl-C does
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, gestopt)
    try:
        from evaluatie.voorbeeld import volg

        volg(projectmap(), document, vorm, gemaakt=gemaakt, fout=fout, wacht=wacht, begonnen=begonnen,
             waarschuwing=waarschuwing)
    except (InvoerFout, OSError) as f:
        _fout(f if isinstance(f, InvoerFout) else schrijffout(f))
    except KeyboardInterrupt:
        pass
    uit.print("Gestopt met volgen.")


@app.command()
def inlezen(
    pad: Path = typer.Argument(..., help="Monitorbestand of -map: StatLine-CSV, CSV-export van het open-dataportaal "
                                         "(<ID>_TypedDataSet_*.csv), OData-JSON (bundel of één eindpunt), map van "
                                         "cbsodata.download_data of parquet per eindpunt, of sjabloon-CSV."),
    uit: Optional[Path] = typer.Option(None, "--uit", help="Schrijf de nette tabel naar dit CSV-bestand."),
    tabel: Optional[str] = typer.Option(None, "--tabel", help="CBS-tabel-id als het bestand het niet noemt "
                                                               "(bijv. 70072NED)."),
    jaar: Optional[int] = typer.Option(None, "--jaar", min=1900, max=2100,
                                       help="Jaar van een tabel zonder Perioden (één meting, bijv. 50140NED)."),
) -> None:
    """Lees een monitorbestand (formaat wordt herkend), valideer het en geef de nette tabel als CSV.

    Meldingen (overgeslagen rijen, waar het jaar of de tabel vandaan komt) gaan naar stderr.
    """
    from evaluatie.gedeeld.fouten import InvoerFout, schrijffout

    try:
        from evaluatie.ingest import lees_bestand, naar_csv

        df = lees_bestand(pad, tabel=tabel, jaar=jaar)
        tekst = naar_csv(df)
    except (InvoerFout, OSError) as fout:
        _fout(fout if isinstance(fout, InvoerFout) else schrijffout(fout))
        return
    for melding in df.attrs.get("meldingen", []):
        typer.echo(f"let op: {melding}", err=True)
    if uit is None:
        sys.stdout.write(tekst)
    else:
        from evaluatie.gedeeld.bestanden import schrijf_tekst

        try:
            schrijf_tekst(uit, tekst)
        except (InvoerFout, OSError) as fout:
            _fout(fout if isinstance(fout, InvoerFout) else schrijffout(fout))
            return
        typer.echo(f"{len(df)} metingen geschreven naar {uit}", err=True)


@app.command()
def ophalen(
    tabel: list[str] = typer.Option(["50120NED"], "--tabel", help="CBS-tabel-id (meer keren te geven)."),
    uitmap: Path = typer.Option(Path("data/raw/monitor"), "--uitmap", help="Waar de momentopname komt."),
    onder_dvc: bool = typer.Option(True, "--dvc/--geen-dvc", help="Zet de momentopname onder DVC."),
    per_gebied: bool = typer.Option(False, "--per-gebied", help="Eén filterterm per gebied (in delen) in plaats "
                                                                "van één voorvoegsel voor alle wijken."),
) -> None:
    """Haal monitortabellen op bij CBS (open data, ook dataderden.cbs.nl) met cbsodata, voor Nederland,
    de gemeente en haar wijken; alleen jaarcijfers."""
    from evaluatie.gedeeld.fouten import InvoerFout, schrijffout

    meldingen: list[str] = []
    try:
        from evaluatie.ophalen import dvc_add, ophalen as haal
        from evaluatie.gedeeld.instellingen import laad_instellingen
        from evaluatie.gedeeld.vergrendeling import projectmap, vergrendeld

        code = laad_instellingen().params["gemeente_code"]
        # no build reads the monitor folder while the snapshot is replaced (and no second `ophalen`)
        with vergrendeld(projectmap(), "evaluatie ophalen"):
            inst = haal(tabel, code, uitmap, per_gebied=per_gebied, meldingen=meldingen)
            for melding in meldingen:
                typer.echo(f"let op: {melding}", err=True)
            if onder_dvc:
                for pad in inst or []:
                    typer.echo(dvc_add(pad))
    except (InvoerFout, OSError) as fout:
        _fout(fout if isinstance(fout, InvoerFout) else schrijffout(fout))
        return
    typer.echo(f"Opgehaald: {', '.join(map(str, inst or []))}. Draai nu: make rapport")


@app.command("nieuw-thema")
def nieuw_thema(
    thema: str = typer.Argument(..., help="Id van het thema, bijv. 'armoede' (kleine letters, cijfers, _)."),
    naam: str = typer.Option(..., "--naam", help="Naam van het thema zoals die in het rapport komt."),
    kader: Optional[Path] = typer.Option(None, "--kader", help="YAML-bestand van het kader (standaard: het eerste)."),
) -> None:
    """Maak een nieuw thema aan (params.yaml + beleidskader); het bouwt mee bij de volgende run."""
    from evaluatie.gedeeld.fouten import InvoerFout, schrijffout

    try:
        from evaluatie.nieuw_thema import maak_thema

        from evaluatie.gedeeld.vergrendeling import projectmap

        meldingen = maak_thema(projectmap(), thema, naam, kader)
    except (InvoerFout, OSError) as fout:
        _fout(fout if isinstance(fout, InvoerFout) else schrijffout(fout))
        return
    for m in meldingen:
        typer.echo(m)


@app.command()
def demo(
    uitmap: Path = typer.Option(Path("data/raw/monitor"), "--uitmap", help="Map voor de voorbeelddata."),
    overschrijf: bool = typer.Option(False, "--overschrijf",
                                     help="Overschrijf ook een echte levering (sidecar zonder demo: true)."),
) -> None:
    """Genereer de (deterministische) voorbeelddata opnieuw. Gemarkeerd als VOORBEELDDATA.

    Een echte levering (een bestand waarvan de sidecar geen demo: true zegt) wordt alleen met
    --overschrijf vervangen.
    """
    from evaluatie.gedeeld.fouten import InvoerFout, schrijffout

    try:
        from evaluatie.demo import genereer_demo
        from evaluatie.gedeeld.vergrendeling import projectmap, vergrendeld

        # no build reads the monitor folder while the demo files are replaced
        with vergrendeld(projectmap(), "evaluatie demo"):
            genereer_demo(uitmap, overschrijf=overschrijf)
    except (InvoerFout, OSError) as fout:
        _fout(fout if isinstance(fout, InvoerFout) else schrijffout(fout))
        return
    typer.echo(f"Voorbeelddata geschreven naar {uitmap}")


# --- editions (issue 19) ---------------------------------------------------------------------------------

@app.command()
def bouw(
    editie: Optional[str] = typer.Option(None, "--editie", help="Editie, bijv. 2023-2024 (standaard: die van params.yaml)."),
    gemeente: Optional[str] = typer.Option(None, "--gemeente", help="Gemeente uit configuraties/ (standaard: die van params.yaml)."),
) -> None:
    """Bouw een editie en/of gemeente met `dvc repro`; params.yaml blijft byte voor byte gelijk.

    Gebruik dit via `make rapport EDITIE=… GEMEENTE=…` (dat houdt ook de projectvergrendeling vast).
    """
    from evaluatie.gedeeld.fouten import InvoerFout

    try:
        import contextlib
        import os

        from evaluatie.edities import bouw as bouw_editie
        from evaluatie.edities import dvc_programma
        from evaluatie.gedeeld.vergrendeling import projectmap, vergrendeld

        # `make rapport` already holds the project lock (flock) and says so; called directly, take it here
        slot = (contextlib.nullcontext() if os.environ.get("EVALUATIE_SLOT_GEHOUDEN") == "1"
                else vergrendeld(projectmap(), "evaluatie bouw"))
        with slot:
            rc = bouw_editie(Path.cwd(), gemeente, editie, [dvc_programma(), "repro"])
    except InvoerFout as fout:
        _fout(fout)
        return
    raise typer.Exit(rc)


@app.command("nieuwe-editie")
def nieuwe_editie(
    editie: str = typer.Argument(..., help="Id van de nieuwe editie, jjjj-jjjj (bijv. 2025-2026)."),
    gemeente: Optional[str] = typer.Option(None, "--gemeente", help="Gemeente uit configuraties/ (standaard: die van params.yaml)."),
) -> None:
    """Maak de volgende editie aan: tekstmap, monitormap, oordelen over de activiteiten ('nog niet beoordeeld') en
    instellingen, met de laatste bestaande editie als vorige editie.

    De cijfers van die vorige editie moeten vastgelegd zijn (evaluatie vastleggen --editie …).
    """
    from evaluatie.gedeeld.fouten import InvoerFout
    from evaluatie.gedeeld.vergrendeling import projectmap, vergrendeld

    try:
        from evaluatie.edities import nieuwe_editie as maak

        with vergrendeld(projectmap(), "evaluatie nieuwe-editie"):
            meldingen = maak(Path.cwd(), editie, gemeente)
    except InvoerFout as fout:
        _fout(fout)
        return
    for m in meldingen:
        typer.echo(m)


@app.command()
def vastleggen(
    editie: Optional[str] = typer.Option(None, "--editie", help="Editie, bijv. 2023-2024 (standaard: die van params.yaml)."),
    gemeente: Optional[str] = typer.Option(None, "--gemeente", help="Gemeente uit configuraties/ (standaard: die van params.yaml)."),
) -> None:
    """Bouw een editie en leg haar cijfers vast in data/raw/edities/<editie>/voortgang_metrics.json.

    De volgende editie vergelijkt daarmee ('Wat is er veranderd'); params.yaml blijft byte voor byte gelijk.
    """
    from evaluatie.gedeeld.fouten import InvoerFout
    from evaluatie.gedeeld.vergrendeling import projectmap, vergrendeld

    try:
        from evaluatie.edities import bouw_en_vastleggen, dvc_programma

        with vergrendeld(projectmap(), "evaluatie vastleggen"):
            rc, pad = bouw_en_vastleggen(Path.cwd(), gemeente, editie,
                                         [dvc_programma(), "repro"])
    except InvoerFout as fout:
        _fout(fout)
        return
    if pad is not None:
        typer.echo(f"Cijfers vastgelegd in {pad.relative_to(Path.cwd()).as_posix()}")
    raise typer.Exit(rc)


@app.command("alle-gemeenten")
def alle_gemeenten(
    jobs: int = typer.Option(2, "--jobs", help="Aantal gemeenten dat tegelijk bouwt (werkers van de DVC-wachtrij, "
                                               "hoogstens één per gemeente); meer dan het aantal kernen helpt niet."),
    editie: Optional[str] = typer.Option(None, "--editie", help="Bouw deze editie bij elke gemeente die haar heeft "
                                                                "(standaard: de editie van elke configuratie)."),
    gemeente: Optional[list[str]] = typer.Option(None, "--gemeente", help="Alleen deze gemeente (meer keren te "
                                                 "geven), bijv. het deel van deze machine; standaard: alle."),
) -> None:
    """Bouw de rapporten van alle gemeenten in configuraties/ via de DVC-wachtrij, naar
    reports/<gemeente>/<editie>/; params.yaml en de gewone uitvoer blijven onaangeroerd.

    Eerst worden alle configuraties gecontroleerd, zoals bij `evaluatie bouw`.

    Bestanden die git nog niet kent, worden geweigerd: de wachtrij bouwt een kopie zonder die bestanden.

    Eerdere experimenten van deze opdracht (naam <gemeente>-<editie>) worden vervangen.
    """
    from evaluatie.gedeeld.fouten import InvoerFout, schrijffout
    from evaluatie.gedeeld.vergrendeling import projectmap, vergrendeld

    try:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        from evaluatie.gemeenten import STATUS_NL, draai

        fout_console = Console(stderr=True, highlight=False)
        root = projectmap()
        gemeld: dict[str, str] = {}
        with vergrendeld(root, "evaluatie alle-gemeenten"), Progress(
                SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=fout_console,
                transient=True) as voortgang:
            regel = voortgang.add_task("in de rij zetten …", total=None)

            def melder(tekst: str, status: dict[str, str]) -> None:
                for naam, s in status.items():
                    if s in ("Success", "Failed") and gemeld.get(naam) != s:
                        gemeld[naam] = s
                        voortgang.console.print(f"{naam}: {STATUS_NL[s]}")
                voortgang.update(regel, description=tekst)

            uitslag = draai(root, jobs=jobs, editie=editie, alleen=gemeente or None, melder=melder)
    except InvoerFout as fout:
        _fout(fout)
        return
    except OSError as fout:
        _fout(schrijffout(fout))
        return
    for melding in uitslag.overgeslagen:
        typer.echo(f"overgeslagen: {melding}")
    if uitslag.opgeruimd:
        typer.echo(f"Eerdere experimenten vervangen: {', '.join(uitslag.opgeruimd)}")
    for naam, pad in uitslag.verzameld.items():
        typer.echo(f"{naam}: {pad.relative_to(root).as_posix()}/evaluatie.pdf")
    for naam in uitslag.mislukt:
        typer.echo(f"MISLUKT: {naam}; de laatste regels van `dvc queue logs {naam}`:\n{uitslag.logs.get(naam, '')}",
                   err=True)
    t = uitslag.tijden
    typer.echo(f"{len(uitslag.verzameld)} van {len(uitslag.status)} gemeenten gebouwd in {t['totaal_s']:.0f} s "
               f"(in de rij zetten {t['in_de_rij_s']:.0f} s, bouwen {t['bouwen_s']:.0f} s, verzamelen "
               f"{t['verzamelen_s']:.0f} s). Experimenten: dvc exp show")
    raise typer.Exit(1 if uitslag.mislukt else 0)


@app.command("demo-2024")
def demo_2024(
    bronmap: Path = typer.Option(Path("data/raw/monitor"), "--bronmap", help="Map met de voorbeelddata van 50120NED."),
    uitmap: Path = typer.Option(Path("data/raw/edities/2023-2024/monitor"), "--uitmap",
                                help="Monitormap van de editie waarvoor de golf 2024 binnenkomt."),
) -> None:
    """Genereer de voorbeeldgolf 2024 in de vorm van tabel 50150NED (deterministisch, VOORBEELDDATA)."""
    from evaluatie.gedeeld.fouten import InvoerFout
    from evaluatie.gedeeld.vergrendeling import projectmap, vergrendeld

    try:
        from evaluatie.demo_2024 import genereer_golf_2024

        with vergrendeld(projectmap(), "evaluatie demo-2024"):
            genereer_golf_2024(bronmap, uitmap=uitmap)
    except InvoerFout as fout:
        _fout(fout)
        return
    typer.echo(f"Voorbeeldgolf 2024 (50150NED) geschreven naar {uitmap}")


def main() -> None:
    """Entry point of the ``evaluatie`` command.

    A command interrupted with Ctrl-C exits with status 130 (128 + SIGINT), as shells and ``make`` expect
    of an interrupted program, instead of click's 1; what the command prints on the way out (click's
    "Afgebroken!" or the command's own message) is unchanged.
    """
    import signal

    onderbroken: list[int] = []

    def _onderbreek(signum: int, frame: object) -> None:
        onderbroken.append(signum)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, _onderbreek)
    try:
        app()
    except SystemExit as uit:
        if onderbroken and uit.code not in (0, None):
            raise SystemExit(130) from None
        raise


if __name__ == "__main__":  # pragma: no cover
    main()
