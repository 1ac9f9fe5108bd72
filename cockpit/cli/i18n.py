"""``cockpit i18n check|update``: the screens' languages, complete and fitting."""

from __future__ import annotations

import argparse
import sys

from .common import CliError


def register(sub: argparse._SubParsersAction) -> None:
    i = sub.add_parser("i18n", help="languages: check the translations and that every text fits; update catalogues",
                       description="The screens speak English, German, French and Arabic (docs/i18n.md).")
    what = i.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = what.add_parser("check", help="missing or unfinished translations, and text that does not fit",
                            description="Report, per language, translations that are missing or unfinished or "
                            "lose a placeholder (%%1), then render every screen and center page of each variant "
                            "in every language offscreen and report text cut short or spilling out of its box. "
                            "Exits 1 when anything is found.")
    check.add_argument("--variant", action="append", metavar="NAME",
                       help="render this variant's screens (repeatable; default: every shipped variant)")
    check.add_argument("--languages", help="comma-separated codes (default: all)")
    check.set_defaults(handler=i18n_check)
    update = what.add_parser("update", help="gather every translatable string of the QML into the catalogues",
                             description="Run lupdate over the QML: new strings are added unfinished, "
                             "translations kept. Edit cockpit/i18n/ts/*.ts (Qt Linguist or by hand), then check.")
    update.set_defaults(handler=i18n_update)


def i18n_check(args: argparse.Namespace) -> int:
    from cockpit.i18n.catalogs import CatalogError, check_catalog
    from cockpit.i18n.fit import check_fit
    from cockpit.i18n.languages import LANGUAGES, SOURCE
    from cockpit.variant import VariantError, load_variant, variant_names

    codes = [c.strip() for c in args.languages.split(",") if c.strip()] if args.languages else list(LANGUAGES)
    if unknown := [c for c in codes if c not in LANGUAGES]:
        raise CliError(f"unknown language(s) {', '.join(unknown)}; the screens speak {', '.join(LANGUAGES)}")
    variants = args.variant or variant_names()
    try:
        for v in variants:
            load_variant(v)
    except VariantError as exc:
        raise CliError(str(exc)) from None
    problems = 0
    for code in (c for c in codes if c != SOURCE):
        try:
            r = check_catalog(code)
        except CatalogError as exc:
            raise CliError(str(exc)) from None
        state = "ok" if r.ok else f"{len(r.unfinished)} unfinished, {len(r.placeholders)} with placeholders lost"
        print(f"{code} ({LANGUAGES[code].name}): {r.messages} strings, {state}")
        for s in r.unfinished:
            print(f"  unfinished: {s!r}")
        for s in r.placeholders:
            print(f"  placeholders differ: {s!r}")
        problems += not r.ok
    for v in variants:
        found = check_fit(codes, v, progress=lambda line, v=v: print(f"  {v}: {line}", file=sys.stderr))
        print(f"{v}: every screen in {', '.join(codes)}: "
              f"{'everything fits' if not found else f'{len(found)} text(s) do not fit'}")
        for o in found:
            print(f"  {o}")
        problems += bool(found)
    return 1 if problems else 0


def i18n_update(args: argparse.Namespace) -> int:
    from cockpit.i18n.catalogs import CatalogError, update

    try:
        print(update())
    except CatalogError as exc:
        raise CliError(str(exc)) from None
    return 0
