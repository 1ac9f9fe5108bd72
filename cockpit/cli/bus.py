"""``cockpit bus keys`` (a bus's CA and certificates) and ``cockpit bus config`` (the Zenoh
configuration secure mode generates, for an operator to start from)."""

from __future__ import annotations

import argparse
import json
import sys

from .common import CliError, input_folder, number, output_folder

DAYS = number(1, 36_500, integer=True)


def register(sub: argparse._SubParsersAction) -> None:
    bus = sub.add_parser("bus", help="secure the Zenoh bus: keys and certificates, the generated configuration",
                         description="Keys for secure mode (--secure DIR on gateway, cluster, center, hud and demo): "
                         "mutual TLS against the bus's own CA and access control by certificate name.")
    verbs = bus.add_subparsers(dest="verb", metavar="VERB", required=True)
    keys = verbs.add_parser("keys", help="make a CA and a certificate + key per process",
                            description="Make a new CA and a certificate and private key for the gateway and each "
                            "display (cluster, center, hud and any --display), files 0600 in a new folder. Copy to "
                            "each machine ca.pem, bus.json and its own NAME.pem and NAME.key; keep ca.key off the car.")
    keys.add_argument("--out", required=True, type=output_folder, metavar="DIR",
                      help="a folder to create (or an empty one): keys are never overwritten")
    keys.add_argument("--display", action="append", default=[], metavar="NAME[:ROLE]",
                      help="another display, with the rights of ROLE: cluster, center or hud (default hud: it may "
                      "request nothing), e.g. --display passenger:center (repeatable)")
    keys.add_argument("--host", action="append", default=[], metavar="NAME",
                      help="a host name or address the gateway is reached at, put in its certificate (repeatable)")
    keys.add_argument("--days", type=DAYS, default=None, help="how long the certificates are valid (default 3650)")
    keys.set_defaults(handler=run_keys)
    config = verbs.add_parser("config", help="print the Zenoh configuration secure mode uses for a process",
                              description="Print, as JSON5, the Zenoh configuration that --secure DIR generates for "
                              "the process NAME: a starting point for --zenoh-config FILE.")
    config.add_argument("--secure", required=True, type=input_folder, metavar="DIR", help="the folder of bus keys")
    config.add_argument("--name", required=True, help="gateway, or a display's name")
    config.add_argument("--connect", action="append", default=[], metavar="ENDPOINT")
    config.add_argument("--listen", action="append", default=[], metavar="ENDPOINT")
    config.set_defaults(handler=run_config)


def run_keys(args: argparse.Namespace) -> int:
    from cockpit.bus.keys import DEFAULT_DAYS, ROLES, KeysError, make_keys

    displays = {role: role for role in ROLES}
    for text in args.display:
        name, _, role = text.partition(":")
        if name in displays:
            raise CliError(f"--display {name}: named twice")
        displays[name] = role or "hud"
    try:
        files = make_keys(args.out, displays, args.host, args.days or DEFAULT_DAYS)
    except KeysError as exc:
        raise CliError(f"--display: {exc}" if "display" in str(exc) else str(exc)) from None
    except OSError as exc:
        raise CliError(f"{args.out}: cannot write the keys there ({exc.strerror or exc})") from None
    print(f"cockpit bus keys: {len(files)} files in {args.out} (displays: "
          f"{', '.join(f'{n} ({r})' for n, r in displays.items())}); keep ca.key off the car", file=sys.stderr)
    return 0


def run_config(args: argparse.Namespace) -> int:
    from cockpit.bus.config import BusError, settings
    from cockpit.bus.keys import GATEWAY
    from cockpit.bus.secure import SecureError, load_keys

    try:
        keys = load_keys(args.secure, args.name)
        print(json.dumps(settings(args.connect, args.listen, gateway=args.name == GATEWAY, keys=keys), indent=2))
    except (SecureError, BusError) as exc:
        raise CliError(str(exc)) from None
    return 0
