"""Typesetting: the assembled Markdown through pandoc into Typst (PDF) and HTML."""
