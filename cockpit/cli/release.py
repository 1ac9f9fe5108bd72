"""``cockpit release init|bundle|add|publish|refresh-timestamp|rotate|status``: the maker's update repository.

A folder of TUF metadata and bundles that any static web server or CDN serves to the cars
(docs/updates.md). Nothing here needs Qt.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from .common import CliError, input_file, input_folder, output_folder

REPO_HELP = "the repository folder (made by 'cockpit release init')"


def register(sub: argparse._SubParsersAction) -> None:
    pr = sub.add_parser("release", help="the maker's update repository: bundles signed with TUF for the cars",
                        description="Make, fill and sign the update repository the cars download from: a folder "
                        "of signed metadata and bundles to serve as static files. The root keys are made in "
                        "keys/offline/ and belong on offline media in production.")
    ps = pr.add_subparsers(dest="action", metavar="ACTION", required=True)

    init = ps.add_parser("init", help="a new, empty repository with its keys",
                         description="Create a repository in --repo: root (2 of 3 offline keys), targets, snapshot "
                         "and timestamp keys and their first signed metadata. Give the cars metadata/root.json.")
    _repo(init).set_defaults(handler=release_init)

    bundle = ps.add_parser("bundle", help="pack a folder of content into a bundle",
                           description="Pack the files of CONTENT_DIR with a manifest into OUT/<kind>-<name>-"
                           "<version>.bundle, ready for 'cockpit release add'.")
    bundle.add_argument("content", metavar="CONTENT_DIR", type=input_folder)
    bundle.add_argument("--kind", required=True, help="theme, voice-sentences, can-mapping, map, kiosk-tour, cockpit")
    bundle.add_argument("--name", required=True, help="lower-case letters, digits and dashes")
    bundle.add_argument("--version", required=True, help="1 to 4 numbers, e.g. 1.4.0")
    bundle.add_argument("--summary", default="", help="one line of what is new, shown to the driver")
    bundle.add_argument("--variant", action="append", default=[], metavar="VARIANT",
                        help="a vehicle variant it fits (repeatable; none: every variant)")
    bundle.add_argument("--check", action="append", default=[], metavar="CHECK",
                        help="a check the car runs after installing it (repeatable)")
    bundle.add_argument("--cockpit-min", default="0", metavar="VERSION", help="the oldest cockpit version it fits")
    bundle.add_argument("--cockpit-below", metavar="VERSION", help="the first cockpit version it no longer fits")
    bundle.add_argument("--out", required=True, type=output_folder, metavar="DIR", help="where to write the bundle")
    bundle.set_defaults(handler=release_bundle)

    add = ps.add_parser("add", help="stage a bundle for the next publish",
                        description="Check BUNDLE and stage it under the folder of each variant its manifest "
                        "names (all/ for every variant). Refused unless it is newer than the same kind and name "
                        "already there. Cars see it after 'cockpit release publish'.")
    add.add_argument("bundle", metavar="BUNDLE", type=input_file)
    _repo(add).set_defaults(handler=release_add)

    publish = ps.add_parser("publish", help="sign what is staged: the cars see it",
                            description="Sign the staged roles, then a new snapshot and timestamp.")
    _repo(publish).set_defaults(handler=release_publish)

    refresh = ps.add_parser("refresh-timestamp", help="the daily re-sign (run it from cron)",
                            description="Sign a new timestamp (it is good for a day, so a server frozen by an "
                            "attacker shows within a day), and any role within half its lifetime of expiring.")
    _repo(refresh).set_defaults(handler=release_refresh)

    rotate = ps.add_parser("rotate", help="replace a role's key",
                           description="Give ROLE a new key and publish. root: one of its three keys is replaced, "
                           "signed by the old and the new keys (cars accept it); targets, snapshot, timestamp or a "
                           "variant's role: the cars stop trusting the old key.")
    rotate.add_argument("role", metavar="ROLE")
    _repo(rotate).set_defaults(handler=release_rotate)

    status = ps.add_parser("status", help="roles, versions, expiries and bundles",
                           description="Each role's version, expiry and keys, and every bundle in the repository.")
    _repo(status).set_defaults(handler=release_status)


def _repo(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    p.add_argument("--repo", required=True, type=output_folder, metavar="DIR", help=REPO_HELP)
    return p


def _run(call, *args):  # noqa: ANN001, ANN202
    from cockpit.updates.repository import RepositoryError

    try:
        return call(*args)
    except RepositoryError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{getattr(exc, 'filename', None) or 'the repository'}: {exc.strerror or exc}") from None


def release_init(args: argparse.Namespace) -> int:
    from cockpit.updates.repository import init

    _run(init, args.repo)
    print(f"created an update repository in {args.repo}\n"
          f"  give the cars {args.repo / 'metadata' / 'root.json'} (their trusted root)\n"
          f"  move {args.repo / 'keys' / 'offline'} to offline media (see its README.txt)")
    return 0


def release_bundle(args: argparse.Namespace) -> int:
    from cockpit.updates.bundle import BundleError, Manifest, make_bundle

    try:
        manifest = Manifest.from_json({
            "format": 1, "kind": args.kind, "name": args.name, "version": args.version, "summary": args.summary,
            "cockpit": {"min": args.cockpit_min, "below": args.cockpit_below},
            "variants": args.variant or ["*"], "checks": args.check})
        path = make_bundle(manifest, args.content, args.out)
    except (ValueError, BundleError) as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"{exc.filename or args.out}: {exc.strerror or exc}") from None
    print(path)
    return 0


def release_add(args: argparse.Namespace) -> int:
    from cockpit.updates.repository import add

    for path in _run(add, args.repo, args.bundle):
        print(f"staged {path}")
    print("publish with: cockpit release publish --repo " + str(args.repo))
    return 0


def release_publish(args: argparse.Namespace) -> int:
    from cockpit.updates.repository import publish

    print("signed " + ", ".join(_run(publish, args.repo)))
    return 0


def release_refresh(args: argparse.Namespace) -> int:
    from cockpit.updates.repository import refresh_timestamp

    print("signed " + ", ".join(_run(refresh_timestamp, args.repo)))
    return 0


def release_rotate(args: argparse.Namespace) -> int:
    from cockpit.updates.repository import rotate

    keyid = _run(rotate, args.repo, args.role)
    print(f"{args.role}: new key {keyid[:16]}…, published")
    return 0


def release_status(args: argparse.Namespace) -> int:
    from cockpit.updates.repository import listed, status

    rows = _run(status, args.repo)
    bundles = _run(listed, args.repo)
    now = datetime.now(UTC)
    width = max(len(r.name) for r in rows)
    for r in rows:
        left = r.expires - now
        when = ("EXPIRED" if left.total_seconds() <= 0 else f"in {left.days} d" if left.days
                else f"in {left.seconds // 3600} h")
        staged = "  (changed, not yet published)" if r.staged else ""
        print(f"{r.name:{width}}  v{r.version:<4} expires {r.expires:%Y-%m-%d %H:%M} UTC ({when}), "
              f"{r.threshold} of {len(r.keyids)} key(s){staged}")
    print(f"{len(bundles)} bundle(s)" + (":" if bundles else ""))
    for b in bundles:
        print(f"  {b.path}  {b.manifest.kind} {b.manifest.name} {b.manifest.version}, {b.length:,} bytes"
              + (f" — {b.manifest.summary}" if b.manifest.summary else ""))
    return 0
