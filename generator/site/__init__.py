"""Site: the MkDocs adapter, the atomic build of both languages, and the preview server."""
