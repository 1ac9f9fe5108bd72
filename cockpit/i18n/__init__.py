"""Languages of the screens: the table of languages, their translation catalogues (Qt's .ts files,
built to .qm with the lrelease of the PySide6 wheel) and the check that every one is complete."""
