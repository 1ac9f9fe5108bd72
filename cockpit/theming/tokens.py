"""Design tokens in the W3C Design Tokens format (``themes/*.tokens.json``).

A token is an object with ``$value`` (and ``$type``, inherited from its groups); a value may be
an alias ``{group.token}``. A theme file may extend another through
``$extensions."org.cockpit".extends`` (a file name in the same folder): its tokens override the
base's. The loader resolves aliases, turns dimensions and durations into plain numbers
(px, ms), and reports every problem with the file and token name. No Qt here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cockpit.resources import THEMES_DIR

EXT = "org.cockpit"
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
    out = []
    for f in sorted(folder.glob("*.tokens.json")):
        try:
            meta = json.loads(f.read_text(encoding="utf-8")).get("$extensions", {}).get(EXT, {})
        except (OSError, json.JSONDecodeError, AttributeError):
            meta = {}  # a broken file is still listed: loading it reports what is wrong
        if not meta.get("abstract"):
            out.append(f)
    return out


def load_theme(file: Path) -> ThemeData:
    raw, types, meta = _read_tree(file, seen=())
    tokens: dict[str, Any] = {}
    for name in raw:
        tokens[name] = _convert(file, name, types.get(name), _resolve(file, name, raw, ()))
    stem = file.name.removesuffix(".tokens.json")
    return ThemeData(
        name=stem,
        title=meta.get("title", stem),
        mode=meta.get("mode", "dark"),
        tokens=tokens,
        types=types,
    )


def _read_tree(file: Path, seen: tuple[Path, ...]) -> tuple[dict[str, Any], dict[str, str], dict]:
    """Flat raw values and types of a file, merged over the file it extends."""
    if file in seen:
        raise TokenError(f"{file.name}: 'extends' makes a cycle: {' -> '.join(p.name for p in seen)}")
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise TokenError(f"{file}: cannot read: {exc.strerror}") from exc
    except json.JSONDecodeError as exc:
        raise TokenError(f"{file.name}: line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    if not isinstance(data, dict):
        raise TokenError(f"{file.name}: the top level must be a JSON object of token groups")
    meta = data.get("$extensions", {}).get(EXT, {})
    raw: dict[str, Any] = {}
    types: dict[str, str] = {}
    if base := meta.get("extends"):
        raw, types, base_meta = _read_tree(file.with_name(base), seen + (file,))
        meta = {**base_meta, **meta, "abstract": meta.get("abstract", False)}
    _flatten(file, data, "", None, raw, types)
    return raw, types, meta


def _flatten(file: Path, group: dict, prefix: str, inherited: str | None, raw: dict, types: dict) -> None:
    gtype = group.get("$type", inherited)
    for key, node in group.items():
        if key.startswith("$"):
            continue
        name = f"{prefix}{key}"
        if not isinstance(node, dict):
            raise TokenError(f"{file.name}: {name}: expected a token or group object, got {node!r}")
        if "$value" in node:
            raw[name] = node["$value"]
            ttype = node.get("$type", gtype)
            if ttype is None:
                raise TokenError(f"{file.name}: {name}: no $type on the token or its groups")
            types[name] = ttype
        else:
            _flatten(file, node, name + ".", gtype, raw, types)


def _resolve(file: Path, name: str, raw: dict[str, Any], chain: tuple[str, ...]) -> Any:
    value = raw[name]
    if isinstance(value, str) and (m := _ALIAS.match(value)):
        ref = m.group(1)
        if ref in chain or ref == name:
            raise TokenError(f"{file.name}: {chain[0] if chain else name}: alias cycle: "
                             f"{' -> '.join(chain + (name, ref))}")
        if ref not in raw:
            raise TokenError(f"{file.name}: {name}: unknown reference {{{ref}}}")
        return _resolve(file, ref, raw, chain + (name,))
    return value


def _convert(file: Path, name: str, ttype: str | None, value: Any) -> Any:
    where = f"{file.name}: {name}"
    if ttype == "color":
        if not isinstance(value, str) or not _HEX.match(value):
            raise TokenError(f"{where}: colour {value!r} is not #rrggbb or #rrggbbaa")
        return value.lower()
    if ttype in ("dimension", "duration"):
        unit = "px" if ttype == "dimension" else "ms"
        if isinstance(value, dict) and isinstance(value.get("value"), int | float):
            if value.get("unit") == unit:
                return value["value"]
            if ttype == "duration" and value.get("unit") == "s":
                return value["value"] * 1000
        raise TokenError(f"{where}: {ttype} {value!r} must be {{\"value\": N, \"unit\": \"{unit}\"}}")
    if ttype == "fontFamily":
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            return value[0]
        if isinstance(value, str):
            return value
        raise TokenError(f"{where}: font family {value!r} must be a name or a list of names")
    if ttype in ("fontWeight", "number"):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        raise TokenError(f"{where}: {ttype} {value!r} must be a number")
    if ttype == "string":
        if isinstance(value, str):
            return value
        raise TokenError(f"{where}: string {value!r} must be text")
    raise TokenError(f"{where}: unsupported $type {ttype!r}")
