"""Issue 15: real files as people downloaded them (copies in tests/fixtures/echt/, provenance in each
folder's PROVENANCE.txt) pass through `evaluatie inlezen` unedited, with at most --tabel/--jaar.

Every expected number below was read by hand from the file itself (the line is quoted in the
comment), for Rijswijk (GM0603), Leidschendam-Voorburg (GM1916) and Nederland where the file has it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from evaluatie.cli import app
from evaluatie.gedeeld.fouten import InvoerFout
from evaluatie.ingest import lees_bestand
from evaluatie.ingest.monitor.gebieden import LIJST, bouw_gemeentelijst, gemeentelijst
from conftest import FIXTURES

ECHT = FIXTURES / "echt"
PORTAAL = ECHT / "01_50140NED_typeddataset_csv" / "50140NED_TypedDataSet_22092025_192544.csv"
STATLINE_2024 = ECHT / "04_statline_70072ned_2024_menus12" / "Regionale_kerncijfers_Nederland_23012024_192144.csv"
STATLINE_2020 = ECHT / "07_statline_70072ned_2020_isoutham" / "Regionale_kerncijfers_Nederland_31082020_181423.csv"
EINDPUNT = ECHT / "08_odata_84489NED_typeddataset_json" / "TypedDataSet.json"
KWB = ECHT / "09_odata_84799NED_kwb2020_statline-bq"


def inlezen(tmp_path: Path, pad: Path, *args: str) -> tuple[pd.DataFrame, str]:
    """Run `evaluatie inlezen PAD --uit F [args]` on a copy; (tidy CSV as frame, stderr)."""
    kopie = tmp_path / pad.name
    (shutil.copytree if pad.is_dir() else shutil.copyfile)(pad, kopie)
    uit = tmp_path / "uit.csv"
    res = CliRunner().invoke(app, ["inlezen", str(kopie), "--uit", str(uit), *args])
    assert res.exit_code == 0, res.output
    return pd.read_csv(uit, dtype={"gebied": str, "leeftijd": str}, keep_default_na=False), res.stderr


def waarde(df: pd.DataFrame, **sleutel) -> float:
    sel = df
    for k, v in sleutel.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, (sleutel, sel)
    return float(sel["waarde"].iloc[0])


def test_portaalexport_50140ned(tmp_path):
    """Header = field keys, cells = dimension keys, 'NL01  ' padded, no Perioden (one wave)."""
    df, meldingen = inlezen(tmp_path, PORTAAL, "--jaar", "2024")
    # 0;T009002;MW00000;NL01  ;28.3;22.5;10.6;...
    assert waarde(df, gebied="NL01", veld="MoeiteMetRondkomen_1") == 28.3
    assert waarde(df, gebied="NL01", veld="HeeftSchulden_3") == 10.6
    # 238;T009002;MW00000;GM0603;32.7;26.3;14.8;34;...
    assert waarde(df, gebied="GM0603", veld="MoeiteMetRondkomen_1") == 32.7
    assert waarde(df, gebied="GM0603", veld="WeinigControleOverGeldzaken_2") == 26.3
    assert waarde(df, gebied="GM0603", veld="HeeftStudieschuld_4") == 34.0
    # 162;T009002;MW00000;GM1916;30.8;20.9;9.6;...
    assert waarde(df, gebied="GM1916", veld="MoeiteMetRondkomen_1") == 30.8
    assert waarde(df, gebied="GM1916", veld="HeeftSchulden_3") == 9.6
    assert set(df["jaar"]) == {2024} and set(df["tabel"]) == {"50140NED"} and set(df["bron"]) == {"RIVM"}
    # 365 rows: NL01, 338 municipalities, 25 GGD regions (GG) and CG01; the 26 are skipped and counted
    assert df["gebied"].nunique() == 339
    assert "26 rijen van gebiedssoorten buiten dit project overgeslagen" in meldingen
    assert "jaar 2024 uit --jaar" in meldingen
    # an empty cell is a missing value ('.'), not zero
    assert df.loc[(df["gebied"] == "GM0603") & (df["veld"] == "ADHDMedZonderReceptInAfg12Mnd_92"), "markering"].tolist() == ["."]


def test_portaalexport_zonder_jaar_geweigerd(tmp_path):
    kopie = tmp_path / PORTAAL.name
    shutil.copyfile(PORTAAL, kopie)
    res = CliRunner().invoke(app, ["inlezen", str(kopie)])
    assert res.exit_code == 1
    assert "geen tijddimensie" in res.stderr and "--jaar" in res.stderr and "Traceback" not in res.output


def test_statline_download_2024_namen_themapad_lege_cellen(tmp_path):
    """No title, no footer, theme path in the titles, names as regions, ';;' for missing."""
    df, meldingen = inlezen(tmp_path, STATLINE_2024)
    assert set(df["tabel"]) == {"70072NED"}
    assert "tabel 70072NED afgeleid uit de bestandsnaam" in meldingen
    assert set(df["veld"]) == {"Totale bevolking", "Bevolkingsdichtheid"}
    assert set(df.loc[df["veld"] == "Totale bevolking", "eenheid"]) == {"aantal"}
    # "2020";"Rijswijk (ZH.)";54450;3901   "2023";"Rijswijk (ZH.)";57997;4150
    assert waarde(df, gebied="GM0603", veld="Totale bevolking", jaar=2020) == 54450
    assert waarde(df, gebied="GM0603", veld="Totale bevolking", jaar=2023) == 57997
    assert waarde(df, gebied="GM0603", veld="Bevolkingsdichtheid", jaar=2023) == 4150
    # "2022";"Leidschendam-Voorburg";76659;2351
    assert waarde(df, gebied="GM1916", veld="Totale bevolking", jaar=2022) == 76659
    # "2021";"'s-Gravenhage (gemeente)";548320;6650
    assert waarde(df, gebied="GM0518", veld="Totale bevolking", jaar=2021) == 548320
    # "2022";"Dijk en Waard";87695;1417 (formed in 2022); "2020";"Dijk en Waard";; is missing
    assert waarde(df, gebied="GM1980", veld="Totale bevolking", jaar=2022) == 87695
    leeg = df[(df["gebied"] == "GM1980") & (df["jaar"] == 2020) & (df["veld"] == "Totale bevolking")]
    assert leeg["waarde"].tolist() == [""] and leeg["markering"].tolist() == ["."]
    assert "opgeheven gemeenten" in meldingen  # names like "Aalburg" with only empty cells


def test_landelijke_download_alle_gemeenten_gekoppeld(tmp_path):
    """Every municipality of every year is mapped: as many codes with a figure as CBS counts
    municipalities (355 in 2020, 352 in 2021, 345 in 2022, 342 in 2023), none unmapped."""
    df, _ = inlezen(tmp_path, STATLINE_2024)
    met_cijfer = df[(df["veld"] == "Totale bevolking") & (df["markering"] == "")]
    assert met_cijfer.groupby("jaar")["gebied"].nunique().to_dict() == {2020: 355, 2021: 352, 2022: 345, 2023: 342}
    assert met_cijfer["gebied"].str.match(r"^GM\d{4}$").all()


def test_statline_download_2020_alleen_eenheden_decimaalkomma(tmp_path):
    """Header of units only, region column first, decimal comma, all cells quoted, 'Rijswijk'."""
    df, meldingen = inlezen(tmp_path, STATLINE_2020, "--tabel", "70072NED")
    assert "de kopregel noemt alleen eenheden" in meldingen
    # "Rijswijk";"2020";"54450";"3901";"13,96"
    assert waarde(df, gebied="GM0603", veld="aantal") == 54450
    assert waarde(df, gebied="GM0603", veld="km²") == 13.96
    # "Leidschendam-Voorburg";"2020";"76534";"2351";"32,55"
    assert waarde(df, gebied="GM1916", veld="aantal inwoners per km²") == 2351
    assert waarde(df, gebied="GM1916", veld="km²") == 32.55
    # "Groningen";"2020";"232874";"1255";"185,60"
    assert waarde(df, gebied="GM0014", veld="km²") == 185.6


def test_statline_download_zonder_tabel_id_noemt_de_uitweg(tmp_path):
    kopie = tmp_path / "download.csv"
    shutil.copyfile(STATLINE_2020, kopie)
    res = CliRunner().invoke(app, ["inlezen", str(kopie)])
    assert res.exit_code == 1 and "tabel-id onbekend" in res.stderr and "--tabel" in res.stderr


def test_een_opgeslagen_eindpunt_84489ned(tmp_path):
    """{"odata.metadata": ..., "value": [...]}: the table id from the metadata URL; 84489NED
    (Woonplaatsen) holds only text fields, so 0 measurements, said out loud."""
    df, meldingen = inlezen(tmp_path, EINDPUNT)
    assert len(df) == 0
    assert "tabel 84489NED bevat geen getallen, alleen tekstvelden" in meldingen and "0 metingen" in meldingen


def test_parquet_per_eindpunt_84799ned(tmp_path):
    """No time dimension (year from the title), region dimension of type GeoDetail, NL00."""
    df, meldingen = inlezen(tmp_path, KWB)
    assert "jaar 2020 uit de tabeltitel 'Kerncijfers wijken en buurten 2020'" in meldingen
    assert set(df["jaar"]) == {2020} and "NL00" not in set(df["gebied"])
    # TypedDataSet row NL00: AantalInwoners_5 17407585, Mannen_6 8648031
    assert waarde(df, gebied="NL01", veld="AantalInwoners_5") == 17407585
    assert waarde(df, gebied="NL01", veld="Mannen_6") == 8648031
    # GM0603: AantalInwoners_5 54450, Vrouwen_7 28283; GM1916: 76534, k_0Tot15Jaar_8 12367
    assert waarde(df, gebied="GM0603", veld="AantalInwoners_5") == 54450
    assert waarde(df, gebied="GM0603", veld="Vrouwen_7") == 28283
    assert waarde(df, gebied="GM1916", veld="AantalInwoners_5") == 76534
    assert waarde(df, gebied="GM1916", veld="k_0Tot15Jaar_8") == 12367
    assert df["gebied"].str.startswith("WK0603").any()


def test_gemeentelijst_is_de_herbouw_uit_echte_cbs_bestanden():
    """The shipped list is exactly what bouw_gemeentelijst makes of the two real files."""
    herbouw = bouw_gemeentelijst(KWB / "cbs.v3.84799NED_WijkenEnBuurten.parquet", STATLINE_2024)
    assert LIJST.read_text(encoding="utf-8") == herbouw


@pytest.mark.parametrize(("naam", "code"), [
    ("Rijswijk (ZH.)", "GM0603"), ("Rijswijk", "GM0603"), ("'s-Gravenhage (gemeente)", "GM0518"),
    ("Groningen (gemeente)", "GM0014"), ("Leidschendam-Voorburg", "GM1916"), ("Hengelo (O.)", "GM0164"),
    ("Voorne aan Zee", "GM1992"), ("Nederland", "NL01"), ("  rijswijk (zh.) ", "GM0603"),
])
def test_namen_naar_codes(naam, code):
    assert gemeentelijst().zoek(naam)[0] == code


def test_dubbelzinnige_en_onbekende_naam():
    code, kandidaten, dubbel = gemeentelijst().zoek("Bergen")
    assert code is None and dubbel and kandidaten == ["Bergen (NH.) (GM0373)", "Bergen (L.) (GM0893)"]
    code, kandidaten, dubbel = gemeentelijst().zoek("Rijswjik")
    assert code is None and not dubbel and "Rijswijk" in kandidaten


def test_gemeentelijst_past_bij_de_indeling_van_2024():
    """The real 50140NED export (division of 2024) uses only codes the list has as existing after
    2023, among them all five new municipalities, and none of the dissolved ones."""
    codes = set(pd.read_csv(PORTAAL, sep=";", encoding="utf-8-sig", dtype=str)["RegioS"].str.strip())
    gm = {c for c in codes if c.startswith("GM")}
    bestaand = {g.code for g in gemeentelijst().gemeenten if g.tot is None}
    opgeheven = {g.code for g in gemeentelijst().gemeenten if g.tot is not None}
    assert len(bestaand) == 342  # CBS: 342 municipalities on 1 January 2023 and 2024
    assert gm <= bestaand and not gm & opgeheven
    assert {"GM1979", "GM1980", "GM1982", "GM1991", "GM1992"} <= gm


def test_one_parquet_file_of_the_kwb_folder_names_the_folder():
    """A tester gave the KWB folder's TypedDataSet.parquet alone: it was refused as a text with
    'onleesbare tekens (byte 546)'. It now points to the folder that can be read."""
    with pytest.raises(InvoerFout) as fout:
        lees_bestand(KWB / "cbs.v3.84799NED_TypedDataSet.parquet")
    assert fout.value.bestand == str(KWB / "cbs.v3.84799NED_TypedDataSet.parquet")
    assert fout.value.melding.startswith("één parquet-bestand van een CBS-tabel is niet te lezen zonder de andere: "
                                         f"geef de map {KWB}")


def test_a_loose_parquet_file_is_an_unsupported_format(tmp_path):
    pad = tmp_path / "metingen.parquet"
    pad.write_bytes(b"PAR1\x00\x15\x04" + bytes(range(256)) + b"PAR1")
    with pytest.raises(InvoerFout, match="formaat niet ondersteund: sla het op als CSV"):
        lees_bestand(pad)


def test_een_eindpunt_met_alleen_dimensies_noemt_de_dimensies(tmp_path):
    """No topic field at all: the message names the dimensions instead of an empty list of text fields."""
    (tmp_path / "bron").mkdir()
    pad = tmp_path / "bron" / "alleen_dimensies.json"
    pad.write_text('{"odata.metadata": "https://opendata.cbs.nl/ODataApi/OData/84489NED/$metadata#Cbs.OData.WebAPI.'
                   'TypedDataSet", "value": [{"ID": 0, "RegioS": "GM0603  ", "Perioden": "2022JJ00"}]}',
                   encoding="utf-8")
    df, meldingen = inlezen(tmp_path, pad)
    assert len(df) == 0
    assert "bevat geen getallen, geen onderwerpvelden, alleen dimensies (RegioS, Perioden): 0 metingen" in meldingen
