"""Units from the kader (as CBS and 'Waar staat je gemeente' write them) are written out for a council reader."""

from __future__ import annotations

import pytest

from evaluatie.hoofdstukken import opmaak


@pytest.mark.parametrize("bron, lezer", [
    ("Aantal per 10.000 inwoners 18 jr. eo", "Aantal per 10.000 inwoners van 18 jaar en ouder"),
    ("% vd werkzame beroepsbevolking t.o.v. de beroepsbevolking",
     "% van de werkzame beroepsbevolking ten opzichte van de beroepsbevolking"),
    ("% 12 t/m 21 jarigen", "% 12- tot en met 21-jarigen"),
    ("Aantal per 1.000 inwoners in de leeftijd 15 – 64 jaar", "Aantal per 1.000 inwoners in de leeftijd 15–64 jaar"),
    ("% kinderen tot 18 jaar", "% kinderen tot 18 jaar"),
])
def test_eenheid_voluit(bron, lezer):
    assert opmaak.voluit(bron) == lezer
