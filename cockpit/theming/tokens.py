"""Design tokens in the W3C Design Tokens format (``themes/*.tokens.json``).

A token is an object with ``$value`` (and ``$type``, inherited from its groups); a value may be
an alias ``{group.token}``. A theme file may extend another through
``$extensions."org.cockpit".extends`` (a file name in the same folder): its tokens override the
base's. The loader resolves aliases, turns dimensions and durations into plain numbers
(px, ms), and reports every problem with the file and token name. No Qt here.

A theme file is read within the bounds of cockpit.documents (size, nesting, no NaN, no key given
twice); token names follow the format's rule (no ``.``, ``{`` or ``}``, no leading ``$``), so that
the flat and the nested views of a theme are the same tokens; aliases resolve in one pass however
long their chains; ``extends`` names a file beside the theme, never a path.
"""

from __future__ import annotations

import hashlib
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cockpit.documents import MAX_BYTES, DocumentError, load_json, plain, shown, unreadable
from cockpit.resources import THEMES_DIR

EXT = "org.cockpit"
SUFFIX = ".tokens.json"
MODES = ("dark", "light")
MAX_NAME = 100  # characters of a token or group name
_META = {"extends": str, "title": str, "mode": str, "abstract": bool}  # what $extensions."org.cockpit" holds
_ALIAS = re.compile(r"^\{([^{}]+)\}$")
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


class TokenError(ValueError):
    """A theme file is unreadable or inconsistent; the message names the file and the token."""


@dataclass
class ThemeData:
    name: str  # file stem, e.g. "dark"
    title: str  # human name
    mode: str  # "dark" | "light"
    tokens: dict[str, Any]  # flat: "color.text.primary" -> "#e8eaed"
    types: dict[str, str] = field(default_factory=dict)  # flat name -> $type

    def nested(self) -> dict[str, Any]:
        """The tokens as nested groups, the shape QML reads (``Theme.color.text.primary``)."""
        out: dict[str, Any] = {}
        for name, value in self.tokens.items():
            node = out
            *groups, leaf = name.split(".")
            for g in groups:
                node = node.setdefault(g, {})
            node[leaf] = value
        return out


def theme_files(folder: Path = THEMES_DIR) -> list[Path]:
    """The selectable themes of a folder (files that only serve as a base are left out)."""
    return [f for f in sorted(folder.glob(f"*{SUFFIX}")) if not is_abstract(f)]


def is_abstract(file: Path) -> bool:
    """Whether a theme file says it only serves as a base. A file that does not load is not: it is
    listed, and loading it reports what is wrong."""
    try:
        return _meta(file, load_json(file)).get("abstract", False)
    except (DocumentError, TokenError):
        return False


def load_theme(file: Path) -> ThemeData:
    raw, types, meta = _read_tree(file, seen=())
    _check_names(file, raw)
    values = _resolve(file, raw)
    tokens = {name: _convert(file, name, types.get(name), values[name]) for name in raw}
    stem = file.name.removesuffix(SUFFIX)
    return ThemeData(
        name=stem,
        title=meta.get("title", stem),
        mode=meta.get("mode", "dark"),
        tokens=tokens,
        types=types,
    )


_parsed: dict[Path, tuple[bytes, ThemeData]] = {}  # file -> (its folder's digest, the theme read then)


def load_theme_cached(file: Path) -> ThemeData:
    """``load_theme``, parsed and validated once for as long as the theme files of its folder (the
    file and any it extends) keep their bytes: a switch back to a theme reads a few kB and hashes
    them instead of parsing and resolving again, and an edit is seen at once (by content, not by a
    modification time that may not move between two quick saves). A file that fails is not kept."""
    digest = _folder_digest(file.parent)
    if digest is not None and (hit := _parsed.get(file)) and hit[0] == digest:
        return hit[1]
    theme = load_theme(file)
    if digest is not None:
        _parsed[file] = (digest, theme)
    return theme


def _folder_digest(folder: Path) -> bytes | None:
    """A hash of the theme files of a folder, or None if one is unreadable or over the size bound."""
    h = hashlib.blake2b(digest_size=16)
    try:
        for f in sorted(folder.glob(f"*{SUFFIX}")):
            if not stat.S_ISREG(f.stat().st_mode):  # a FIFO would block, a folder is no theme
                return None
            with f.open("rb") as stream:
                data = stream.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                return None
            h.update(f.name.encode() + b"\0" + data + b"\0")
    except OSError:
        return None
    return h.digest()


def _read_tree(file: Path, seen: tuple[Path, ...]) -> tuple[dict[str, Any], dict[str, str], dict]:
    """Flat raw values and types of a file, merged over the file it extends."""
    if file in seen:
        raise TokenError(f"{file.name}: 'extends' makes a cycle: {' -> '.join(p.name for p in seen)}")
    try:
        data = load_json(file)
    except DocumentError as exc:
        raise TokenError(f"{file.name}: {exc}") from None
    meta = _meta(file, data)
    raw: dict[str, Any] = {}
    types: dict[str, str] = {}
    if "extends" in meta:
        raw, types, base_meta = _read_tree(_base_file(file, meta["extends"]), seen + (file,))
        meta = {**base_meta, **meta, "abstract": meta.get("abstract", False)}
    _flatten(file, data, "", None, raw, types)
    return raw, types, meta


def _meta(file: Path, data: Any) -> dict[str, Any]:
    """The cockpit's settings of a theme file (``$extensions."org.cockpit"``), checked."""
    if not isinstance(data, dict):
        raise TokenError(f"{file.name}: the top level must be a JSON object of token groups")
    extensions = data.get("$extensions", {})
    meta = extensions.get(EXT, {}) if isinstance(extensions, dict) else None
    if not isinstance(meta, dict):
        raise TokenError(f"{file.name}: $extensions and $extensions.\"{EXT}\" must be JSON objects")
    for key, value in meta.items():
        if key not in _META:
            raise TokenError(f"{file.name}: $extensions.\"{EXT}\": unknown setting {shown(key)}; "
                             f"known: {', '.join(_META)}")
        if not isinstance(value, _META[key]):
            kind = "true or false" if _META[key] is bool else "text"
            raise TokenError(f"{file.name}: $extensions.\"{EXT}\".{key} must be {kind}, got {shown(value)}")
    if meta.get("mode", MODES[0]) not in MODES:
        raise TokenError(f"{file.name}: mode must be {' or '.join(MODES)}, got {shown(meta['mode'])}")
    return meta


def _base_file(file: Path, base: str) -> Path:
    """The file a theme extends: a theme file in its own folder, named without any path (a name
    such as '../x' or '/etc/x' would read outside the designer's folder)."""
    if Path(base).name != base or not base.endswith(SUFFIX) or not base.isprintable():
        raise TokenError(f"{file.name}: 'extends' must name a theme file in the same folder (such as "
                         f"\"base{SUFFIX}\"), not {shown(base)}")
    if why := unreadable(file.with_name(base)):
        raise TokenError(f"{file.name}: extends {shown(base)}: {why}")
    return file.with_name(base)


def _flatten(file: Path, group: dict, prefix: str, inherited: str | None, raw: dict, types: dict) -> None:
    gtype = group.get("$type", inherited)
    for key, node in group.items():
        if key.startswith("$"):
            continue
        name = f"{prefix}{key}"
        if not 0 < len(key) <= MAX_NAME or any(c in key for c in ".{}") or not key.isprintable():
            raise TokenError(f"{file.name}: {shown(name)}: a token or group name is printable text of at most "
                             f"{MAX_NAME} characters without '.', '{{' or '}}'")
        if not isinstance(node, dict):
            raise TokenError(f"{file.name}: {name}: expected a token or group object, got {shown(node)}")
        if "$value" in node:
            if children := [k for k in node if not k.startswith("$")]:
                raise TokenError(f"{file.name}: {name}: a token holds no tokens or groups ({shown(children[0])})")
            raw[name] = node["$value"]
            ttype = node.get("$type", gtype)
            if ttype is None:
                raise TokenError(f"{file.name}: {name}: no $type on the token or its groups")
            types[name] = ttype
        else:
            _flatten(file, node, name + ".", gtype, raw, types)


def _check_names(file: Path, raw: dict[str, Any]) -> None:
    """No token is also a group: a theme may turn a token of the theme it extends into a group."""
    groups = set()
    for name in raw:
        end = name.rfind(".")
        while end > 0:
            groups.add(name[:end])
            end = name.rfind(".", 0, end)
    if clash := next((name for name in raw if name in groups), None):
        raise TokenError(f"{file.name}: {clash}: a token and a group at once (here or in the theme it extends)")


def _resolve(file: Path, raw: dict[str, Any]) -> dict[str, Any]:
    """Every token's value with aliases followed: each chain is walked once, however long."""
    values: dict[str, Any] = {}
    for name in raw:
        chain: dict[str, None] = {}  # the aliases followed from ``name`` so far, in order
        at = name
        while at not in values:
            value = raw[at]
            if not (isinstance(value, str) and (m := _ALIAS.match(value))):
                values[at] = value
                break
            chain[at] = None
            ref = m.group(1)
            if ref in chain:
                cycle = [*chain][[*chain].index(ref):] + [ref]
                if len(cycle) > 6:
                    cycle = [*cycle[:3], f"… {len(cycle) - 4} more …", cycle[-1]]
                raise TokenError(f"{file.name}: {name}: alias cycle: {' -> '.join(cycle)}")
            if ref not in raw:
                raise TokenError(f"{file.name}: {at}: unknown reference {plain(f'{{{ref}}}')}")
            at = ref
        for alias in chain:
            values[alias] = values[at]
    return values


def _convert(file: Path, name: str, ttype: str | None, value: Any) -> Any:
    where = f"{file.name}: {name}"
    if ttype == "color":
        if not isinstance(value, str) or not _HEX.match(value):
            raise TokenError(f"{where}: colour {shown(value)} is not #rrggbb or #rrggbbaa")
        return value.lower()
    if ttype in ("dimension", "duration"):
        unit = "px" if ttype == "dimension" else "ms"
        if isinstance(value, dict) and type(value.get("value")) in (int, float):
            if value.get("unit") == unit:
                return value["value"]
            if ttype == "duration" and value.get("unit") == "s":
                return value["value"] * 1000
        raise TokenError(f"{where}: {ttype} {shown(value)} must be {{\"value\": N, \"unit\": \"{unit}\"}}")
    if ttype == "fontFamily":
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return value[0]
        if isinstance(value, str):
            return value
        raise TokenError(f"{where}: font family {shown(value)} must be a name or a list of names")
    if ttype in ("fontWeight", "number"):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        raise TokenError(f"{where}: {ttype} {shown(value)} must be a number")
    if ttype == "string":
        if isinstance(value, str):
            return value
        raise TokenError(f"{where}: string {shown(value)} must be text")
    raise TokenError(f"{where}: unsupported $type {shown(ttype)}")
