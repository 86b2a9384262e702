"""Serve the fixture news web until Ctrl-C:  python -m tests.newsweb [--delay-scale 0.1] [--port 8080]"""
from __future__ import annotations

import argparse
import time

from .server import DEFAULT_ROOT, NewsWeb


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m tests.newsweb", description=__doc__)
    ap.add_argument("--root", default=str(DEFAULT_ROOT), help="site directory (default: %(default)s)")
    ap.add_argument("--delay-scale", type=float, default=1.0, help="multiply every `delay` (slow page) by this")
    ap.add_argument("--port", type=int, default=0, help="same port on every outlet IP (default: ephemeral)")
    ap.add_argument("--only", nargs="*", help="outlet or source names for the printed sources TOML")
    ap.add_argument("--variant", action="append", default=[], metavar="OUTLET=VARIANT",
                    help="start with a variant switched on, e.g. steppe-daily=redesign")
    args = ap.parse_args(argv)
    with NewsWeb(args.root, delay_scale=args.delay_scale, port=args.port) as web:
        for spec in args.variant:
            outlet, _, variant = spec.partition("=")
            web.switch(outlet, variant)
        print("# newsweb outlets")
        for name, o in web.outlets.items():
            feeds = ", ".join(web.url(name, f["path"]) for f in o.feeds)
            print(f"#  {name:16} {web.base(name):28} feeds: {feeds}")
        print()
        print(web.sources_toml(args.only), flush=True)
        print("# serving; Ctrl-C to stop", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("\n# stopping", flush=True)


if __name__ == "__main__":
    main()
