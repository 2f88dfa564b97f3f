"""Content: the model, reading and checking content/ (YAML to typed model, diagnostics)."""
