"""What the update tests share: a static HTTP server on 127.0.0.1 serving a repository, and theme bundles."""

from __future__ import annotations

import functools
import json
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cockpit.resources import THEMES_DIR
from cockpit.updates.bundle import Manifest, make_bundle


class Quiet:
    def log_message(self, *args):  # noqa: ANN002 - keep the test output clean
        pass


class StaticHandler(Quiet, SimpleHTTPRequestHandler):
    pass


class Server:
    """A ThreadingHTTPServer on 127.0.0.1 in a thread: the repository folder as static files, or ``handler``."""

    def __init__(self, directory: Path | None = None, handler=None):  # noqa: ANN001
        handler = handler or functools.partial(StaticHandler, directory=str(directory))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):  # noqa: ANN204
        self.thread.start()
        return self

    def __exit__(self, *exc):  # noqa: ANN002
        self.httpd.shutdown()
        self.httpd.server_close()


def theme_content(folder: Path, name: str, version: str, text: str = "#ffffff", copies: int = 0) -> Path:
    """A theme payload: the shipped base and ``name`` (the dark theme, its primary text ``text``)."""
    folder.mkdir(parents=True)
    shutil.copy(THEMES_DIR / "base.tokens.json", folder)
    data = json.loads((THEMES_DIR / "dark.tokens.json").read_text(encoding="utf-8"))
    data["$extensions"]["org.cockpit"]["title"] = f"{name} {version}"
    data["color"]["text"]["primary"] = {"$value": text}
    for n in range(copies + 1):
        (folder / f"{name}{f'-{n}' if n else ''}.tokens.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def theme_bundle(tmp: Path, version: str, *, name: str = "nordic", text: str = "#ffffff", checks_: tuple = (),
                 copies: int = 0) -> Path:
    content = theme_content(tmp / "content" / f"{name}-{version}", name, version, text, copies)
    return make_bundle(Manifest("theme", name, version, checks=checks_), content, tmp / "bundles")


def dark_refresh(folder: Path, accent: str, text: str = "#ffffff") -> Path:
    """The shipped dark theme with another accent and primary text (a brand refresh), its base beside it."""
    folder.mkdir(parents=True)
    data = json.loads((THEMES_DIR / "dark.tokens.json").read_text(encoding="utf-8"))
    data["color"]["accent"] = {"$value": accent}
    data["color"]["text"]["primary"] = {"$value": text}
    (folder / "dark.tokens.json").write_text(json.dumps(data), encoding="utf-8")
    shutil.copy(THEMES_DIR / "base.tokens.json", folder)
    return folder
