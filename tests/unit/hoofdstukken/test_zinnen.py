"""The Dutch sentence per indicator is built from the numbers of the assessment.

Each case runs the public assessment (:func:`beoordeel_indicator`) on a small made-up series
and checks the sentence :func:`zinnen.zin` makes of the resulting row. Policy figures as in
tests/unit/voortgang/test_voortgang_oordelen.py (seeds 002 and 004); measurements invented.
"""

from __future__ import annotations

import pandas as pd

from evaluatie.hoofdstukken import zinnen
from evaluatie.voortgang.beoordeel import beoordeel_indicator

NAN = float("nan")


def reeks(soort, *golven):
    rijen = []
    for g in golven:
        jaar, waarde, onder, boven = (*g, NAN, NAN) if len(g) == 2 else g
        rijen.append({"jaar": jaar, "waarde": waarde, "ondergrens": onder, "bovengrens": boven, "markering": "",
                      "onzekerheid": soort})
    return pd.DataFrame(rijen)


def eenzaam(**kw):
    ind = dict(indicator_id="eenzaam_ernstig", naam="Ernstig eenzamen", eenheid="%", richting="lager",
               basis_jaar=2016, basis_waarde=8.0, doel_type="waarde", doel_waarde=4.0, doel_jaar=2022,
               is_percentage=True)
    ind.update(kw)
    return ind


def test_doel_niet_gehaald_met_hoeveel():
    r = beoordeel_indicator(eenzaam(), reeks("modelschatting", (2016, 8.0, 6.0, 10.0), (2022, 11.0, 9.8, 12.3)))
    zin = zinnen.zin(r)
    assert zin.startswith("Het percentage ernstig eenzamen steeg van 8\u00a0% (2016, beleidstekst) naar 11,0\u00a0% "
                          "(2022; foutmarge 9,8–12,3\u00a0%).")
    assert "Het doel van 4\u00a0% in 2022 is niet gehaald: de meting ligt 7,0\u00a0procentpunt boven het doel." in zin


def test_doel_beoordeeld_op_een_latere_golf_noemt_het_jaar_van_de_meting():
    """The 12-18 survey has no 2022 wave: the 2022 target is judged on the 2023 wave, and the sentence says so."""
    ind = eenzaam(indicator_id="jong", naam="Eenzame jongeren", basis_jaar=2019, basis_waarde=46.0,
                  doel_waarde=40.0)
    r = beoordeel_indicator(ind, reeks("directe_schatting", (2019, 46.0, 43.0, 49.0), (2023, 42.0, 39.0, 45.0)))
    assert r["doel_oordeel"] == "niet_gehaald_binnen_foutmarge"
    assert ("Het doel van 40\u00a0% in 2022 is niet gehaald: de meting van 2023 ligt 2\u00a0procentpunt boven "
            "het doel, al valt het doel nog binnen de foutmarge van de meting van 2023.") in zinnen.zin(r)
    r = beoordeel_indicator(ind, reeks("directe_schatting", (2019, 46.0, 43.0, 49.0), (2023, 39.0, 36.0, 42.0)))
    assert ("Het doel van 40\u00a0% in 2022 is gehaald volgens de meting van 2023, binnen de foutmarge: het "
            "interval van de meting van 2023 bevat het doel nog.") in zinnen.zin(r)


def test_doel_gehaald_binnen_de_foutmarge():
    r = beoordeel_indicator(eenzaam(), reeks("modelschatting", (2016, 8.0, 6.0, 10.0), (2022, 3.6, 3.0, 4.2)))
    assert ("Het doel van 4\u00a0% in 2022 is gehaald, binnen de foutmarge: het interval van de meting bevat het "
            "doel nog.") in zinnen.zin(r)


def test_modelschatting_verandering_niet_geclaimd():
    r = beoordeel_indicator(eenzaam(doel_jaar=2026),
                            reeks("modelschatting", (2016, 8.0, 7.0, 9.0), (2022, 9.4, 8.2, 10.7)))
    zin = zinnen.zin(r)
    assert "Een verandering sinds 2016 is niet aantoonbaar: de intervallen overlappen." in zin
    assert "modelschatting" in zin and "niet overlappen" in zin


def test_registratie_binnen_materialiteitsband():
    ind = dict(indicator_id="bijstand", naam="Personen met een bijstandsuitkering",
               eenheid="Aantal per 10.000 inwoners 18 jr. eo", richting="lager", basis_jaar=2020,
               basis_waarde=544.5, doel_type="richting_per_jaar", doel_jaar=2026, doel_vanaf_jaar=2022,
               is_percentage=False)
    r = beoordeel_indicator(ind, reeks("registratie", (2020, 544.5), (2022, 544.4)))
    zin = zinnen.zin(r)
    assert "daalde van 544,5 (2020, beleidstekst) naar 544,4 (2022)." in zin
    assert "De verandering sinds 2020 telt niet: op de precisie van de bron is ze kleiner dan 1\u00a0% van de " \
           "beginwaarde." in zin


def test_beleidswaarde_zonder_gemeten_basisgolf_niet_te_toetsen():
    r = beoordeel_indicator(eenzaam(doel_jaar=2026), reeks("directe_schatting", (2022, 9.4, 8.2, 10.7)))
    assert ("Of dit een echte verandering is, is niet te toetsen: de basiswaarde komt uit de beleidstekst "
            "(afgerond, zonder foutmarge) en de meting van 2016 zelf staat niet in de reeks.") in zinnen.zin(r)


def test_vergelijking_met_nederland_frase_en_zin():
    jeugd = eenzaam(basis_jaar=2019, basis_waarde=46.0, doel_waarde=40.0, doel_jaar=2026)
    golven = reeks("directe_schatting", (2019, 46.0, 43.0, 49.0), (2023, 42.0, 39.0, 45.0))
    r = beoordeel_indicator(jeugd, golven, reeks("directe_schatting", (2023, 38.0, 37.5, 38.5)))
    assert zinnen.vergelijking_nederland(r) == "hoger dan Nederland (38,0\u00a0%)"
    assert "In 2023 lag de waarde hoger dan Nederland (38,0\u00a0%)." in zinnen.zin(r)
    r = beoordeel_indicator(jeugd, golven, reeks("directe_schatting", (2023, 43.0, 42.0, 44.0)))
    assert zinnen.vergelijking_nederland(r) == "verschil met Nederland (43\u00a0%) binnen de foutmarge"
    m = beoordeel_indicator(eenzaam(), reeks("modelschatting", (2016, 8.0, 6.0, 10.0), (2022, 11.0, 8.0, 13.0)),
                            reeks("modelschatting", (2022, 12.0)))
    assert zinnen.vergelijking_nederland(m) == "niet te toetsen tegen Nederland (12\u00a0%; modelschatting zonder interval)"
    assert "In 2022 is het verschil met Nederland (12\u00a0%; modelschatting zonder interval) niet te toetsen." \
        in zinnen.zin(m)
    assert zinnen.vergelijking_nederland(beoordeel_indicator(eenzaam(), golven)) == ""


def test_jeugdenquete_krijgt_kanttekening_over_ontwerp():
    jeugd = eenzaam(basis_jaar=2019, basis_waarde=46.0, doel_waarde=40.0, doel_jaar=2026)
    r = beoordeel_indicator(jeugd, reeks("directe_schatting", (2019, 46.0, 43.0, 49.0), (2023, 42.0, 39.0, 45.0)))
    assert "De enquêterondes kunnen in opzet verschillen" in zinnen.zin(r)


def test_geen_eurostat_in_de_zin():
    r = beoordeel_indicator(eenzaam(doel_jaar=2026), reeks("modelschatting", (2016, 8.0, 7.0, 9.0), (2020, 6.5, 5.8, 7.2)))
    assert r["eurostat_klasse"]  # the column is there ...
    zin = zinnen.zin(r)
    assert "Eurostat" not in zin and "vooruitgang naar het doel" not in zin  # ... but never in the sentence


def test_geen_metingen():
    r = beoordeel_indicator(eenzaam(), None)
    assert zinnen.zin(r) == "Voor ernstig eenzamen is na het peiljaar 2016 geen bruikbare meting beschikbaar."


def test_registration_equal_at_the_policy_texts_precision_says_why():
    """A tester read "kleiner dan 1 % van de beginwaarde" for 8 % -> 7,5 % (6 %): the change counts as none
    because the policy text gives 8 % in whole percents and 7,5 % rounds (half to even) to 8 % too."""
    ind = dict(indicator_id="uitkering_kinderen", naam="Kinderen in uitkeringsgezin", eenheid="%",
               richting="lager", basis_jaar=2019, basis_waarde=8.0, basis_decimalen=0, doel_type="richting_per_jaar",
               doel_jaar=2026, doel_vanaf_jaar=2022, is_percentage=True)
    r = beoordeel_indicator(ind, reeks("registratie", (2024, 7.5)))
    assert r["verandering_oordeel"] == "binnen_foutmarge" and r["verandering_methode"] == "materialiteit"
    assert ("De verandering sinds 2019 telt niet: de beginwaarde (8\u00a0%) staat in de beleidstekst in hele "
            "procenten, en zo afgerond is 7,5\u00a0% ook 8\u00a0%.") in zinnen.zin(r)


def test_registration_whose_half_rounds_to_even_says_so():
    """2 % -> 2,5 %: the verdict rounds the half to the even digit (2 %), a reader rounds it up (3 %); the
    sentence says which rule made them equal (a tester's finding). 7,5 -> 8 needs no remark: both give 8."""
    ind = dict(indicator_id="werkloos", naam="Werkloze jongeren", eenheid="%", richting="lager", basis_jaar=2019,
               basis_waarde=2.0, basis_decimalen=0, doel_type="richting_per_jaar", doel_jaar=2026,
               doel_vanaf_jaar=2022, is_percentage=True)
    r = beoordeel_indicator(ind, reeks("registratie", (2024, 2.5)))
    assert ("De verandering sinds 2019 telt niet: de beginwaarde (2\u00a0%) staat in de beleidstekst in hele "
            "procenten, en zo afgerond is 2,5\u00a0% ook 2\u00a0% (een exacte helft wordt naar het even getal "
            "afgerond, zodat 'x' en '100 - x' hetzelfde oordeel krijgen).") in zinnen.zin(r)


def test_een_kans_staat_er_met_uitleg_voor_de_raad():
    """Survey waves 2019 (46 %, 43-49) and 2021 (43 %, 40-46): logit difference over the SEs from the intervals
    gives p = 0,17; a council reader gets what that number means."""
    jeugd = eenzaam(basis_jaar=2019, basis_waarde=46.0, doel_waarde=40.0, doel_jaar=2026)
    r = beoordeel_indicator(jeugd, reeks("directe_schatting", (2019, 46.0, 43.0, 49.0), (2021, 43.0, 40.0, 46.0)))
    assert round(float(r["verandering_p"]), 2) == 0.17
    assert ("De verandering sinds 2019 valt binnen de foutmarge (p = 0,17: als er niets veranderd was, zou een "
            "verschil van minstens deze grootte in 17\u00a0% van de steekproeven door toeval ontstaan).") in zinnen.zin(r)


def test_met_de_correctie_van_benjamini_hochberg_staat_de_beslissende_kans_er():
    """With drempels.benjamini_hochberg the corrected p-value decides the verdict: the sentence shows that one,
    and the uncorrected one beside it (never only the raw p beside a verdict the raw p would not give)."""
    jeugd = eenzaam(basis_jaar=2019, basis_waarde=46.0, doel_waarde=40.0, doel_jaar=2026)
    r = dict(beoordeel_indicator(jeugd, reeks("directe_schatting", (2019, 46.0, 43.0, 49.0),
                                              (2021, 43.0, 40.0, 46.0))), verandering_p_bh=0.34)
    assert ("valt binnen de foutmarge (p = 0,34 na correctie voor het aantal toetsen in dit rapport; zonder die "
            "correctie p = 0,17).") in zinnen.zin(r, gecorrigeerd=True)
    assert "(p = 0,17: als er niets veranderd was" in zinnen.zin(r)  # setting off: the raw p decided


def test_een_kans_bij_een_foutmarge_die_de_bron_niet_precies_geeft_is_een_ondergrens():
    """The 2021 wave has no interval: its standard error is only bounded, and the verdict 'within the margin'
    holds even for the smallest one (methode z_logit_grens); the p-value shown is the smallest that fits."""
    jeugd = eenzaam(basis_jaar=2019, basis_waarde=46.0, doel_waarde=40.0, doel_jaar=2026)
    r = beoordeel_indicator(jeugd, reeks("directe_schatting", (2019, 46.0, 43.0, 49.0), (2021, 44.0)))
    assert r["verandering_methode"] == "z_logit_grens" and round(float(r["verandering_p"]), 2) == 0.19
    assert ("valt binnen de foutmarge (p ≥ 0,19: als er niets veranderd was, zou een verschil van minstens deze "
            "grootte in minstens 19\u00a0% van de steekproeven door toeval ontstaan; de bron geeft de foutmarge niet "
            "precies, en dit is de kleinste kans die daarbij past).") in zinnen.zin(r)


def test_de_materialiteitsgrens_in_de_zin_is_de_ingestelde():
    ind = dict(indicator_id="bijstand", naam="Personen met een bijstandsuitkering", eenheid="aantal",
               richting="lager", basis_jaar=2020, basis_waarde=500.0, doel_type="geen", is_percentage=False)
    r = beoordeel_indicator(ind, reeks("registratie", (2020, 500.0), (2022, 510.0)), drempels={"materialiteit": 0.05})
    assert r["verandering_oordeel"] == "binnen_foutmarge"
    assert "kleiner dan 5\u00a0% van de beginwaarde" in zinnen.zin(r, materialiteit=0.05)


def banen(**kw):
    ind = dict(indicator_id="banen", naam="Banen", eenheid="Aantal per 1.000 inwoners in de leeftijd 15 – 64 jaar",
               richting="hoger", basis_jaar=2020, basis_waarde=971.7, doel_type="richting_per_jaar",
               doel_jaar=2026, doel_vanaf_jaar=2022, is_percentage=False)
    ind.update(kw)
    return ind


def test_richting_per_jaar_met_een_slechter_jaar_is_niet_meer_te_halen():
    """Seed 004 (Programma Sociaal Domein): banen 'elk jaar hoger dan in 2020' (2022-2026). 2022: 960,0 is
    -1,2 % of 971,7 (beyond the 1 % band, demonstrably lower); 2023: 990,0 is +1,9 %."""
    r = beoordeel_indicator(banen(), reeks("registratie", (2020, 971.7), (2022, 960.0), (2023, 990.0)))
    assert r["status"] == "doel niet gehaald"
    assert ("Het streven is elk jaar hoger dan in 2020; dat is niet meer te halen, want in 2022 was het aantoonbaar "
            "lager dan in 2020 (in 1 van de 2 gemeten jaren van de doelperiode was het wel aantoonbaar hoger)."
            ) in zinnen.zin(r)
    r = beoordeel_indicator(banen(), reeks("registratie", (2020, 971.7), (2022, 960.0)))
    assert ("Het streven is elk jaar hoger dan in 2020; dat is niet meer te halen, want in 2022 was het aantoonbaar "
            "lager dan in 2020.") in zinnen.zin(r)


def test_richting_per_jaar_telt_in_gewone_woorden():
    r = beoordeel_indicator(banen(), reeks("registratie", (2020, 971.7), (2022, 975.0)))  # +0,34 %: in the band
    assert ("Het streven is elk jaar hoger dan in 2020; in het enige gemeten jaar van de doelperiode was dat niet "
            "aantoonbaar zo.") in zinnen.zin(r)  # not 'in 0 van de 1 gemeten jaren'
    r = beoordeel_indicator(banen(doel_jaar=2023), reeks("registratie", (2020, 971.7), (2022, 985.0), (2023, 990.0)))
    assert ("dat was aantoonbaar zo in beide gemeten jaren van de doelperiode; het streven is over de hele "
            "doelperiode gehaald.") in zinnen.zin(r)


def test_een_verstreken_doel_wordt_beoordeeld_op_de_meting_van_het_doeljaar():
    """Target 4 % in 2022. The 2022 wave (11,0 %) missed it; a 2024 wave (3,5 %) reaches it. A later edition
    gives the 2022 target the same verdict as the 2021-2022 edition did, and says what the later wave shows."""
    r = beoordeel_indicator(eenzaam(), reeks("modelschatting", (2016, 8.0, 6.0, 10.0), (2022, 11.0, 9.8, 12.3),
                                             (2024, 3.5, 3.0, 3.9)))
    assert (r["doel_meting_jaar"], r["doel_meting_waarde"], r["doel_oordeel"]) == (2022, 11.0, "niet_gehaald")
    assert r["doel_tekort"] == 7.0 and r["laatste_jaar"] == 2024
    assert ("Het doel van 4\u00a0% in 2022 is niet gehaald: de meting van 2022 ligt 7,0\u00a0procentpunt boven het "
            "doel; de meting van 2024 haalt het inmiddels wel.") in zinnen.zin(r)
    # no wave in the target year: the first one after it (2023), not the latest (2024)
    r = beoordeel_indicator(eenzaam(), reeks("modelschatting", (2016, 8.0, 6.0, 10.0), (2023, 9.1, 8.0, 10.2),
                                             (2024, 12.1, 11.0, 13.2)))
    assert r["doel_meting_jaar"] == 2023 and round(r["doel_tekort"], 9) == 5.1
    assert "Het doel van 4\u00a0% in 2022 is niet gehaald: de meting van 2023 ligt 5,1\u00a0procentpunt boven" in zinnen.zin(r)


def test_een_percentage_van_een_activiteit_heet_niet_het_percentage_van_die_activiteit():
    """'Het percentage netto arbeidsparticipatie steeg' (tester); a rate or an activity is its own subject."""
    onderwerp = lambda naam: zinnen._onderwerp({"is_percentage": True}, naam)  # noqa: E731
    assert onderwerp("Netto arbeidsparticipatie") == "De netto arbeidsparticipatie"
    assert onderwerp("Deelname aan vrijwilligerswerk") == "De deelname aan vrijwilligerswerk"
    assert onderwerp("Ervaren discriminatie") == "De ervaren discriminatie"
    assert onderwerp("Gebruik van respijtzorg") == "Het gebruik van respijtzorg"
    # groups of people keep 'het percentage', also when a later word of the name is abstract
    assert onderwerp("Jongeren met jeugdbescherming") == "Het percentage jongeren met jeugdbescherming"
    assert onderwerp("Inwoners die mantelzorg geven") == "Het percentage inwoners die mantelzorg geven"
    assert onderwerp("Matig tot zeer ernstig eenzamen van 19-65 jaar") == (
        "Het percentage matig tot zeer ernstig eenzamen van 19-65 jaar")


def test_de_zin_volgt_de_gemeten_beginwaarde_waartegen_getoetst_is():
    """Jeugdbescherming: '1 %' in the policy text, the 2020 registration 1,0 and 2022 1,1 (+10 %): the test uses
    the registration, so the sentence says 'steeg' (it said 'was 1 % in 2020 en 1,1 % in 2022')."""
    ind = banen(indicator_id="jeugdbescherming", naam="Jongeren met jeugdbescherming", richting="lager",
                basis_waarde=1.0, is_percentage=True, eenheid="%")
    r = beoordeel_indicator(ind, reeks("registratie", (2020, 1.0), (2022, 1.1)))
    assert r["verandering_oordeel"] == "hoger"
    assert zinnen.zin(r).startswith("Het percentage jongeren met jeugdbescherming steeg van 1\u00a0% (2020, "
                                    "beleidstekst) naar 1,1\u00a0% (2022).")
    # a survey whose measured base-year wave differs from the policy text's rounded figure: both are named
    r = beoordeel_indicator(eenzaam(basis_waarde=46.0, doel_jaar=2026),
                            reeks("directe_schatting", (2016, 46.3, 44.6, 48.0), (2020, 43.8, 42.1, 45.5)))
    assert zinnen.zin(r).startswith("Het percentage ernstig eenzamen daalde van 46\u00a0% (2016, beleidstekst; "
                                    "gemeten 46,3\u00a0%) naar 43,8\u00a0%")
