"""Pipeline stages run by DVC (`python -m evaluatie.stages.<stage>`), one thin file per stage.

Each stage reads in three labelled parts — load inputs / process / save outputs — and writes every
output atomically, so a failed run leaves the old outputs intact.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from evaluatie.gedeeld.fouten import InvoerFout, schrijffout


def draai(stap: Callable[..., None], *args: Any, kop: str | None = None) -> None:
    """Run a stage function; bad input ends with a clear Dutch message on stderr and exit code 1.

    ``kop`` goes before the message (``fout: thema 'mantelzorg': …``) where one stage does several things.

    An operating-system error (disk full, no permission, a file that vanished) ends the same way, with
    one Dutch sentence naming the file (:func:`~evaluatie.gedeeld.fouten.schrijffout`).
    With ``EVALUATIE_DEBUG`` set the error is raised with its traceback.
    """
    try:
        stap(*args)
    except (InvoerFout, OSError) as fout:
        if os.environ.get("EVALUATIE_DEBUG"):
            raise
        if not isinstance(fout, InvoerFout):
            fout = schrijffout(fout)
        print(f"fout: {kop + ': ' if kop else ''}{fout}", file=sys.stderr)
        raise SystemExit(1) from None
