"""Pages: the model turned into pages, cards, feeds and metadata for each language."""
