"""Documents people write for the cockpit, parsed within bounds: themes and recording lines (JSON),
kiosk files, tours and CAN mappings (YAML).

A parser alone is no guard against a broken or hostile file. Python's ``json`` recurses once per
level of nesting (a line of 100,000 ``[`` ends in RecursionError), and so does PyYAML's composer; a
YAML alias bomb ("billion laughs") is a few hundred bytes that stand for a billion values as soon
as anything walks them (the ``repr`` in an error message does); a file read whole before anything
is checked takes the memory of whatever it was (/dev/zero never ends). So here:

- a file is read only if it is a regular file, and never past its size cap (cockpit.files);
- text is UTF-8 or refused with the line and column of the first bad byte;
- nesting deeper than ``MAX_DEPTH`` is refused before the parser goes down it;
- a YAML document may hold at most ``MAX_VALUES`` values, each alias counting as every value it
  stands for (so a bomb is refused after a few hundred values, in milliseconds), and an alias may
  not stand for a value that contains it;
- a key given twice, NaN and infinities (no file here has a use for them, and JSON has none), and
  integers too long to convert are refused, not silently resolved.

Every refusal is a DocumentError whose message says why and where (line), not which file: each
reader names its file in its own error type.
"""

from __future__ import annotations

import json
import math
import re
import reprlib
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer

from cockpit.files import InputFileError, open_regular, read_regular

MAX_BYTES = 1 << 20  # a theme, kiosk file, tour or mapping: the shipped ones are 2 to 10 kB
MAX_DEPTH = 64  # levels of nesting; the shipped files go 5 deep
MAX_VALUES = 200_000  # in one YAML document, aliases expanded; a mapping for a whole car holds some 10,000
MAX_NUMBER_CHARS = 100  # no number a person writes is longer (and Python refuses integers past 4,300 digits)

# Strings (skipped whole; possessive, and one left open runs to the end, so that no text makes the
# scan go back over itself) and brackets.
_JSON_NESTING = re.compile(r'"(?:[^"\\]|\\.)*+(?:"|\\?\Z)|[\[\]{}]', re.DOTALL)
_SHOWN = reprlib.Repr()  # a repr that stops early: a value may be a list of a million strings
_SHOWN.maxstring = _SHOWN.maxother = 60
_SHOWN.maxlevel, _SHOWN.maxlist, _SHOWN.maxdict = 2, 6, 4
_MAX_SHOWN = 80  # characters of a value in a message


class DocumentError(ValueError):
    """A document that cannot be used as it is; the message says why, and where when it can."""


def shown(value: Any) -> str:
    """``repr(value)`` cut short, for quoting a value from a file in a one-line message."""
    text = _SHOWN.repr(value)
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN - 1] + "…"


def plain(value: Any) -> str:
    """A name from a file as written when it is a short line of text, else quoted and cut short."""
    return value if isinstance(value, str) and value.isprintable() and 0 < len(value) <= 100 else shown(value)


def read_text(path: Path | str, limit: int = MAX_BYTES) -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes (a leading byte order mark is dropped)."""
    try:
        data = read_regular(path, limit, "this kind of file")
    except InputFileError as exc:
        raise _unnamed(exc, path) from None
    return _decode(data)


def unreadable(path: Path | str) -> str | None:
    """Why ``path`` cannot be read as a document (what read_text would say), or None if it can."""
    try:
        open_regular(path).close()
    except InputFileError as exc:
        return str(_unnamed(exc, path))
    return None


def _unnamed(exc: InputFileError, path: Path | str) -> DocumentError:
    """The file error without its path: each reader names the file its own way."""
    return DocumentError(str(exc).removeprefix(f"{path}: "))


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DocumentError(f"line {line}, column {column}: not UTF-8 text (byte 0x{data[exc.start]:02x})") from None


# --- JSON -------------------------------------------------------------------------------------


def load_json(path: Path | str, limit: int = MAX_BYTES) -> Any:
    return parse_json(read_text(path, limit))


def parse_json(text: str) -> Any:
    """``json.loads`` within the bounds above (nesting, NaN and infinities, duplicate keys, long integers)."""
    _check_json_nesting(text)
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant,
                          parse_float=_finite_float, parse_int=_short_int)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from None


def _check_json_nesting(text: str) -> None:
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return  # cannot be nested deeper: the common case (a recording's line) costs no scan
    depth = 0
    for m in _JSON_NESTING.finditer(text):
        token = m.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, m.start()) + 1
                column = m.start() - text.rfind("\n", 0, m.start())
                raise DocumentError(f"line {line}, column {column}: nested deeper than {MAX_DEPTH} levels")
        elif token in ("]", "}"):
            depth -= 1


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DocumentError(f"{shown(key)} appears twice in one object")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise DocumentError(f"{name} is not a number JSON has (RFC 8259)")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise DocumentError(f"{shown(text)} is too large a number")
    return value


def _short_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise DocumentError(f"{shown(text)} is too long a number ({len(text):,} characters)")
    return int(text)


# --- YAML -------------------------------------------------------------------------------------


def load_yaml(path: Path | str, limit: int = MAX_BYTES) -> Any:
    return parse_yaml(read_text(path, limit))


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` within the bounds above (nesting, values with aliases expanded, recursive
    aliases, duplicate keys, NaN and infinities, long integers, impossible dates)."""
    loader = None
    try:
        loader = _BoundedLoader(text)  # PyYAML's own parser checks the characters here
        return loader.get_single_data()
    except _Refused as exc:
        raise DocumentError(f"line {exc.mark.line + 1}, column {exc.mark.column + 1}: {exc.reason}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark is not None else ""
        raise DocumentError(f"{where}not valid YAML ({exc.problem or exc.context})") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (a control character)
        line = text.count("\n", 0, exc.position) + 1
        raise DocumentError(f"line {line}: the character U+{exc.character:04X} is not allowed in YAML") from None
    finally:
        if loader is not None:
            loader.dispose()


class _Refused(yaml.YAMLError):
    """A document over the bounds, or one with a value these files cannot mean."""

    def __init__(self, reason: str, mark: Any):  # a yaml.Mark, or libyaml's
        super().__init__(reason)
        self.reason, self.mark = reason, mark


class _BoundedComposer(Composer):
    """PyYAML's composer, counting: the open nodes (depth) and the values a walk of the document
    meets (every alias counts as the whole value it stands for)."""

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 - PyYAML's signature
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            size = self._sizes.get(event.anchor)
            if size is None and event.anchor in self.anchors:
                raise _Refused(f"alias *{event.anchor} stands for a value that contains it", event.start_mark)
            node = super().compose_node(parent, index)  # an undefined alias is PyYAML's error
            self._count(size, event.start_mark)
            return node
        if len(self._open) >= MAX_DEPTH:
            raise _Refused(f"nested deeper than {MAX_DEPTH} levels", event.start_mark)
        self._count(1, event.start_mark)
        self._open.append(0)
        node = super().compose_node(parent, index)
        size = 1 + self._open.pop()
        if event.anchor is not None:
            self._sizes[event.anchor] = size
        return node

    def _count(self, size: int, mark: Any) -> None:
        if self._open:
            self._open[-1] += size
        self._values += size
        if self._values > MAX_VALUES:
            raise _Refused(f"more than {MAX_VALUES:,} values (with aliases expanded)", mark)


# libyaml's parser when PyYAML has it (the same events, several times faster); composing is Python's,
# counted above, since libyaml's own composer cannot be watched.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _BoundedLoader(_BoundedComposer, _Base):
    def __init__(self, text: str):
        _Base.__init__(self, text)
        self.anchors: dict[str, yaml.Node] = {}  # libyaml's loader does not run Composer.__init__
        self._open: list[int] = []  # per open node: the values of its children so far
        self._sizes: dict[str, int] = {}  # per finished anchor: the values it stands for
        self._values = 0

    def construct_object(self, node, deep=False):  # noqa: ANN001, ANN201 - PyYAML's signature
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:  # a date such as 2024-13-45
            what = f"{shown(node.value)}: " if isinstance(node, yaml.ScalarNode) else ""
            raise _Refused(f"{what}{exc}", node.start_mark) from None

    def construct_mapping(self, node, deep=False):  # noqa: ANN001, ANN201 - PyYAML's signature
        seen = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # '<<' merges another mapping's keys in; the keys written here win
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, Hashable):  # an unhashable key is the base loader's error
                if key in seen:
                    raise _Refused(f"{shown(key)} appears twice", key_node.start_mark)
                seen.add(key)
        return super().construct_mapping(node, deep)

    def construct_yaml_int(self, node):  # noqa: ANN001, ANN201 - PyYAML's signature
        if len(node.value) > MAX_NUMBER_CHARS:
            raise _Refused(f"{shown(node.value)} is too long a number", node.start_mark)
        return super().construct_yaml_int(node)

    def construct_yaml_float(self, node):  # noqa: ANN001, ANN201 - PyYAML's signature
        value = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise _Refused(f"{shown(node.value)} is not a finite number", node.start_mark)
        return value


_BoundedLoader.add_constructor("tag:yaml.org,2002:int", _BoundedLoader.construct_yaml_int)
_BoundedLoader.add_constructor("tag:yaml.org,2002:float", _BoundedLoader.construct_yaml_float)
