"""Assembly and typesetting of the evaluation document (Markdown -> pandoc -> Typst/HTML)."""
