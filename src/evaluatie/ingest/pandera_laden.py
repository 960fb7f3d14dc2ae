"""pandera's pandas checks, loaded without the data-synthesis library hypothesis.

pandera registers its built-in pandas checks (``pandera.backends.pandas.builtin_checks``) the
first time a schema validates, and that module imports ``pandera.strategies``, which imports
hypothesis when it is installed; hypothesis in turn loads the plugins of its entry point group
(trio's, here). The product never synthesises data (hypothesis is in the environment for the
tests only), yet stage ``ingest`` paid 0,65 s of its 2,3 s of imports for it (``python -X
importtime -m evaluatie.stages.ingest``, session 9).

:func:`laad_pandera_controles` imports that module while ``import hypothesis`` is made to fail
(``sys.modules["hypothesis"] = None``, the documented way to block an import), so pandera
records ``HAS_HYPOTHESIS = False`` and leaves the strategies out, exactly as in an environment
without hypothesis. The block is lifted straight after: a later ``import hypothesis`` works.
Validation itself is unchanged; only ``schema.strategy()``/``schema.example()`` (data
synthesis) are unavailable in such a process. A process that has already imported hypothesis
(pytest with the hypothesis plugin) is left alone.
"""

from __future__ import annotations

import importlib
import sys

_MODULE = "pandera.backends.pandas.builtin_checks"


def laad_pandera_controles() -> None:
    """Import pandera's built-in pandas checks without importing hypothesis.

    Idempotent; a no-op when the checks are already loaded or hypothesis is already imported.
    Raises nothing of its own (an ``ImportError`` of pandera itself propagates).
    """
    if _MODULE in sys.modules or "hypothesis" in sys.modules:
        return
    sys.modules["hypothesis"] = None  # type: ignore[assignment]  # makes `import hypothesis` raise ImportError
    try:
        importlib.import_module(_MODULE)
    finally:
        if sys.modules.get("hypothesis", 0) is None:
            del sys.modules["hypothesis"]
