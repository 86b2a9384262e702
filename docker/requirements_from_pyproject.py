"""Print the project's runtime requirements from pyproject.toml, one per line.

Used by docker/Dockerfile to install the dependencies in their own layer
*before* the source is copied, so editing code doesn't reinstall torch,
Airflow and friends. Standard library only (runs on the base image's
Python before anything else is installed).

    python requirements_from_pyproject.py pyproject.toml --extras airflow > req.txt

Self-references such as ``newsmon[airflow]`` inside an extra are expanded
recursively rather than printed (pip would otherwise try to fetch
``newsmon`` from the index).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

_NAME_RE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements(pyproject: Path, extras: list[str]) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    own_name = _canonical(project["name"])
    optional = {_canonical(k): v for k, v in project.get("optional-dependencies", {}).items()}

    out: list[str] = []
    seen_extras: set[str] = set()

    def add(reqs: list[str]) -> None:
        for req in reqs:
            m = _NAME_RE.match(req)
            if m and _canonical(m.group(1)) == own_name:
                # "newsmon[other-extra]": expand instead of installing ourselves.
                for extra in (m.group(2) or "").split(","):
                    add_extra(extra)
                continue
            if req not in out:
                out.append(req)

    def add_extra(extra: str) -> None:
        key = _canonical(extra.strip())
        if not key or key in seen_extras:
            return
        if key not in optional:
            raise SystemExit(
                f"extra {extra!r} is not defined in {pyproject} "
                f"(have: {', '.join(sorted(optional)) or 'none'})"
            )
        seen_extras.add(key)
        add(optional[key])

    add(project.get("dependencies", []))
    for extra in extras:
        add_extra(extra)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pyproject", type=Path)
    parser.add_argument(
        "--extras",
        default="",
        help="comma-separated optional-dependency groups to include (e.g. 'airflow')",
    )
    args = parser.parse_args(argv)
    extras = [e for e in args.extras.split(",") if e.strip()]
    for req in requirements(args.pyproject, extras):
        print(req)
    return 0


if __name__ == "__main__":
    sys.exit(main())
