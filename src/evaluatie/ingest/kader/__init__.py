"""Policy frameworks ("kaders"): model, strict reading and the tidy tables of the ingest stage.

Public API: :func:`laad_kader`, :func:`controleer_jaren`, :func:`laad_kaders`, :func:`valideer_map`, :func:`kader_tabellen`
and the pandera ``SCHEMAS``; the model classes live in :mod:`evaluatie.ingest.kader.model`.
"""

from evaluatie.ingest.kader.lezen import controleer_jaren, laad_kader, laad_kaders, valideer_map
from evaluatie.ingest.kader.model import Actie, Basis, Bron, Doel, Indicator, Kader, Project, Subsidie, Thema
from evaluatie.ingest.kader.tabellen import SCHEMAS, kader_tabellen

__all__ = ["Actie", "Basis", "Bron", "Doel", "Indicator", "Kader", "Project", "SCHEMAS", "Subsidie", "Thema",
           "controleer_jaren", "kader_tabellen", "laad_kader", "laad_kaders", "valideer_map"]
