"""The driver's copy of everything personal the car keeps (GDPR articles 15 and 20), into a folder or a
zip file: ``privacy.json`` (the report: what is kept, why, how long, for whom, the consents), and per
category ``<name>.json`` (a JSON array of its rows) and ``<name>.csv`` (the same rows, a header line,
every value as text), with a README.txt saying what each file is.

Rows are streamed from the store to the file one at a time, so a year of signal history is exported in
the memory of one row (a zip is packed from the finished files, one member at a time). The copy is
written beside its destination under a temporary name and renamed into place when complete: a folder
or zip that exists is a whole export, never half of one. The files are readable by their owner only
(they hold what the car keeps private).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .inventory import Category, Inventory, as_text

README = """\
What the car keeps about you: your copy (GDPR articles 15 and 20).

privacy.json                 what the car keeps, why, for how long, who may receive it, its size; your consents
{lines}
Each CSV file has a header row; every value is text (empty: no value). The JSON files hold the same
rows with numbers as numbers. Times are UTC (ISO 8601); "t" is seconds since 1970-01-01 UTC (in the
health journal, "day" and "t" count days since then).
Signal history rows are raw samples (resolution "raw") or averages over a minute or an hour, with the
lowest, mean and highest value and how many samples they summarise.
"""


OTHER = "other"  # the CSV column of keys beyond the first row's, for a store that declares none


class ExportError(Exception):
    """The copy could not be written; the message names the place and the reason."""


@dataclass(frozen=True)
class Exported:
    path: Path  # the folder or the zip file
    files: list[str]  # the names written, privacy.json and README.txt included
    rows: dict[str, int]  # rows per category


def export(inventory: Inventory, dest: Path | str, *, as_zip: bool = False) -> Exported:
    """Write the copy to ``dest`` (a folder that does not exist yet or is empty, or with ``as_zip`` a
    zip file that does not exist yet)."""
    dest = Path(dest)
    _check_free(dest, as_zip)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.partial")
    folder = tmp.with_name(f"{tmp.name}-files") if as_zip else tmp
    for leftover in (tmp, folder):
        _remove(leftover)
    try:
        old_mask = os.umask(0o077)
        try:
            folder.mkdir(parents=True)
            done = _write_all(inventory, lambda name: open(folder / name, "wb"))
            if as_zip:  # member by member from the finished files: a zip takes one member at a time
                with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                    for name in done[0]:
                        zf.write(folder / name, name)
                _remove(folder)
        finally:
            os.umask(old_mask)
        if dest.is_dir():  # an empty folder that was there: the copy takes its place
            dest.rmdir()
        os.replace(tmp, dest)
    except OSError as exc:
        raise ExportError(f"{dest}: cannot write the copy ({exc.strerror or exc})") from None
    finally:
        for leftover in (tmp, folder):
            _remove(leftover)
    files, rows = done
    return Exported(dest, files, rows)


def _check_free(dest: Path, as_zip: bool) -> None:
    try:
        if as_zip and dest.exists():
            raise ExportError(f"{dest}: already exists; name a new zip file")
        if not as_zip and dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
            raise ExportError(f"{dest}: already exists and is not an empty folder; name a new one")
        if not dest.parent.is_dir():
            raise ExportError(f"{dest}: the folder {dest.parent} does not exist")
    except OSError as exc:
        raise ExportError(f"{dest}: cannot use it ({exc.strerror or exc})") from None


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _write_all(inventory: Inventory, open_member: Callable[[str], IO[bytes]]) -> tuple[list[str], dict[str, int]]:
    files: list[str] = []
    rows: dict[str, int] = {}
    lines = []
    for category in inventory.exportable():
        for ext in ("json", "csv"):
            files.append(f"{category.name}.{ext}")
        rows[category.name] = _write_category(category, open_member)
        lines.append(f"{category.name + '.json, .csv':<28} {category.title} — {category.what}")
    report = inventory.report()
    for entry in report["categories"]:
        if entry["name"] in rows:
            entry["exported_rows"] = rows[entry["name"]]
    with _text(open_member("privacy.json")) as f:
        json.dump(report, f, indent=2, ensure_ascii=False)
        f.write("\n")
    with _text(open_member("README.txt")) as f:
        f.write(README.format(lines="\n".join(lines)))
    return ["privacy.json", "README.txt", *files], rows


def _write_category(category: Category, open_member: Callable[[str], IO[bytes]]) -> int:
    """Both files of one category from one pass over its rows; the number of rows."""
    n = 0
    declared = list(category.fields)
    with _text(open_member(f"{category.name}.json")) as js, _text(open_member(f"{category.name}.csv")) as cs:
        writer = csv.writer(cs)
        header: list[str] = declared
        if declared:
            writer.writerow(declared)
        js.write("[")
        for row in _rows(category):
            if not header:  # no columns declared: the first row's, and "other" for keys later rows add
                header = list(row)
                writer.writerow([*header, OTHER])
            extra = {k: v for k, v in row.items() if k not in header}
            if extra and declared:
                raise ExportError(f"{category.name}: a row has {', '.join(extra)}, not among its columns")
            js.write(",\n" if n else "\n")
            json.dump(row, js, ensure_ascii=False, default=str)
            writer.writerow([as_text(row.get(k)) for k in header] + ([] if declared else [as_text(extra or None)]))
            n += 1
        if not header:  # nothing to export and no columns declared: the header still says what a row would be
            writer.writerow([OTHER])
        js.write("\n]\n" if n else "]\n")
    return n


def _rows(category: Category) -> Iterator[dict[str, Any]]:
    assert category.export is not None
    for row in category.export():
        if not isinstance(row, dict):
            raise ExportError(f"{category.name}: its store gave {type(row).__name__}, not a row")
        yield row


@contextmanager
def _text(binary: IO[bytes]) -> Iterator[io.TextIOWrapper]:
    f = io.TextIOWrapper(binary, encoding="utf-8", newline="")
    try:
        yield f
    finally:
        f.close()

