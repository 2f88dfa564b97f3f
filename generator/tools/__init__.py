"""Tools: the editors' commands beside the pipeline (new, status, schema, links, archive)."""
