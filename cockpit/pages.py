"""The center screen's pages, in the order of its navigation rail: CenterView.qml's ``pageNames``
(tests/test_cli.py holds the two equal). Commands, the gallery, the harness and the kiosk read this table."""

CENTER_PAGES = ("home", "climate", "energy", "vehicle", "settings", "driver", "navigation", "software",
                "health", "privacy")
