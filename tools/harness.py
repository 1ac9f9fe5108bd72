"""Render a view with a hand-filled SignalStore (a designer's harness, no simulator).

    python tools/harness.py cluster out.png [theme] [PATH=VALUE ...]

Values are JSON (true, 88.0, "MILES"). Prints any QML warning.
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

app = QGuiApplication(sys.argv)

from cockpit.app import Cockpit, messages, render  # noqa: E402

view, out, *rest = sys.argv[1:]
theme = rest.pop(0) if rest and "=" not in rest[0] else "dark"
cockpit = Cockpit(theme=theme)
for item in rest:
    path, _, raw = item.partition("=")
    if not cockpit.signals.update(path, json.loads(raw)):
        print("rejected:", item, file=sys.stderr)
render(cockpit, view).save(out)
cockpit.close()
print("\n".join(messages.warnings) or "no QML warnings")
