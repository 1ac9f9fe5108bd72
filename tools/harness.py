"""Render a view with a hand-filled SignalStore (a designer's harness, no simulator).

    python tools/harness.py cluster out.png [theme] [PATH=VALUE ...]
    python tools/harness.py center out.png [theme] [--page NAME] [PATH=VALUE ...]

Values are JSON (true, 88.0, "MILES"). ``--page`` picks the center screen's page (home, climate,
energy, vehicle, settings, driver). Prints any QML warning.
"""

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

app = QGuiApplication(sys.argv)

from cockpit.app import Cockpit, messages, render  # noqa: E402
from cockpit.gallery import CENTER_PAGES  # noqa: E402

args = sys.argv[1:]
page = None
if "--page" in args:
    i = args.index("--page")
    page = args[i + 1]
    del args[i : i + 2]
view, out, *rest = args
theme = rest.pop(0) if rest and "=" not in rest[0] else "dark"
cockpit = Cockpit(theme=theme)
for item in rest:
    path, _, raw = item.partition("=")
    if not cockpit.signals.update(path, json.loads(raw)):
        print("rejected:", item, file=sys.stderr)
if page is not None:
    if view != "center" or page not in CENTER_PAGES:
        sys.exit(f"--page needs the center view and one of: {', '.join(CENTER_PAGES)}")
    cockpit.load(view).setProperty("page", page)
render(cockpit, view).save(out)
cockpit.close()
print("\n".join(messages.warnings) or "no QML warnings")
