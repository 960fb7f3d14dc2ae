"""A series that switches to a successor table (koppeling 'ook') rests on an assumption the reader is told."""

from __future__ import annotations

import pandas as pd

from evaluatie.hoofdstukken import aannames, dashboard


def test_reeks_uit_twee_tabellen_wordt_een_aanname():
    # 2023-2024 edition: eenzaamheid 2012-2022 from 50120NED, 2024 from its successor 50150NED
    gekoppeld = pd.DataFrame({
        "indicator_id": ["eenzaam_ernstig"] * 4 + ["jong"] * 2,
        "gebied": ["GM0603", "GM0603", "GM0603", "NL01", "GM0603", "GM0603"],
        "jaar": [2016, 2022, 2024, 2024, 2019, 2023],
        "tabel": ["50120NED", "50120NED", "50150NED", "50150NED", "gezondheidsmonitor_jeugd",
                  "gezondheidsmonitor_jeugd"]})
    bronnen = aannames.reeksbronnen(gekoppeld, "GM0603")
    assert bronnen == {"eenzaam_ernstig": [("50120NED", 2016, 2022), ("50150NED", 2024, 2024)],
                       "jong": [("gezondheidsmonitor_jeugd", 2019, 2023)]}
    lijst = aannames.zoek([{"id": "eenzaam_ernstig", "naam": "Ernstig eenzamen"}, {"id": "jong", "naam": "Jongeren"}],
                          {}, bronnen)
    assert [(a.indicator_id, a.soort) for a in lijst] == [("eenzaam_ernstig", "tabel")]
    assert lijst[0].zin == ("De metingen van 2016 tot en met 2022 komen uit tabel 50120NED, die van 2024 uit tabel "
                            "50150NED (een nieuwere versie van dezelfde monitor). Dat beide tabellen dezelfde maat "
                            "geven, is een aanname; een verschil tussen 2022 en 2024 kan deels door de overstap komen.")
    assert aannames.kort(lijst) == [("Ernstig eenzamen", lijst[0].zin)]
    assert "twee versies van een tabel" in dashboard.voetnoot_aannames(aannames.per_indicator(lijst))
