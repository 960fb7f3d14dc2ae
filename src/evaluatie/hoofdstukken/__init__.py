"""Every sentence, table and figure a reader sees, one module per part of the document.

In document order: ``rapport`` (cover, introduction, summary and dashboard, continuation,
appendices, colophon — assembled by the `rapport` stage), ``thema`` (one chapter per theme, run in
``notebooks/thema.ipynb``), ``kosten_baten`` (the cost-benefit chapter, ``notebooks/kosten_baten.ipynb``).
``opmaak`` is the only code that turns a number into text; ``figuren`` holds the house style.
"""
