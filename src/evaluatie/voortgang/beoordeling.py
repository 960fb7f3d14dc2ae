"""Compatibility facade: the progress assessment, split by domain into

- :mod:`evaluatie.voortgang.methoden` — distance closed, pace, CAGR, Eurostat classes
- :mod:`evaluatie.voortgang.onzekerheid` — source kinds, standard errors, decimals, clipping
- :mod:`evaluatie.voortgang.toetsen` — :func:`vergelijk` (z-test, interval overlap, materiality), BH
- :mod:`evaluatie.voortgang.trend` — slope, projection with SE² + τ²
- :mod:`evaluatie.voortgang.status` — status words, colour, symbol, rules
- :mod:`evaluatie.voortgang.beoordeel` — :func:`beoordeel_indicator`, :func:`beoordeel_alles`

Existing imports of ``evaluatie.voortgang.beoordeling`` keep working through the names below.
"""

from evaluatie.voortgang.beoordeel import (  # noqa: F401
    DEFAULT_DREMPELS,
    DOEL_TYPES,
    KOLOMMEN,
    RICHTINGEN,
    beoordeel_alles,
    beoordeel_indicator,
)
from evaluatie.voortgang.methoden import *  # noqa: F401,F403
from evaluatie.voortgang.methoden import afstand_gesloten, cagr, cagr_vereist, eurostat_beoordeling, tempo_ratio  # noqa: F401
from evaluatie.voortgang.onzekerheid import (  # noqa: F401
    BELEIDSTEKST,
    DIRECT,
    MARKERINGEN,
    MODEL,
    REGISTRATIE,
    Meting,
    decimalen,
    klem,
    se_logit_uit_interval,
    se_uit_interval,
    splits_reeks,
)
from evaluatie.voortgang.status import *  # noqa: F401,F403
from evaluatie.voortgang.status import STATUS_OPMAAK, STATUSSEN, bepaal_status  # noqa: F401
from evaluatie.voortgang.toetsen import (  # noqa: F401
    benjamini_hochberg,
    interval_proportie,
    toets_proporties,
    vergelijk,
    z_toets,
)
from evaluatie.voortgang.trend import trend_en_projectie  # noqa: F401
