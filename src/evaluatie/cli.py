"""Command line `evaluatie` (typer + rich). Heavy imports stay inside the commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(
    help="evaluatie: reproduceerbare evaluatie van gemeentelijk sociaal-domeinbeleid.",
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
    """Controleer de beleidskaders (YAML) en meld elke fout met bestand en sleutel."""
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
    Console().print(f"[green]In orde:[/] {len(kaders)} kader(s) gevalideerd.")


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
        from evaluatie.gedeeld.vergrendeling import vergrendeld

        code = laad_instellingen().params["gemeente_code"]
        # no build reads the monitor folder while the snapshot is replaced (and no second `ophalen`)
        with vergrendeld(Path.cwd(), "evaluatie ophalen"):
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

        meldingen = maak_thema(Path.cwd(), thema, naam, kader)
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
        from evaluatie.gedeeld.vergrendeling import vergrendeld

        # no build reads the monitor folder while the demo files are replaced
        with vergrendeld(Path.cwd(), "evaluatie demo"):
            genereer_demo(uitmap, overschrijf=overschrijf)
    except (InvoerFout, OSError) as fout:
        _fout(fout if isinstance(fout, InvoerFout) else schrijffout(fout))
        return
    typer.echo(f"Voorbeelddata geschreven naar {uitmap}")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
