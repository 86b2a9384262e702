"""Rebuild this directory from bare clones of adbar/trafilatura and flairNLP/fundus.

    python tests/data/extraction_real/vendor.py TRAFILATURA_GIT_DIR FUNDUS_GIT_DIR

Reads the two repositories with `git show` (no work tree needed), writes pages/<id>.html.gz and
pages.json (one record per page: corpus, split, url, provenance, expected data). Deterministic:
the same commits give the same files. See README.md for what is kept and why.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRAF_REPO, FUNDUS_REPO = "adbar/trafilatura", "flairNLP/fundus"
FUNDUS_DATA = "tests/resources/parser/test_data"
# Scripts without spaces between words: the shared \w+ token F1 is meaningless there.
FUNDUS_SKIP_COUNTRIES = {"cn", "jp", "kr", "tw"}


def git(gitdir: str, *args: str) -> bytes:
    return subprocess.run(["git", f"--git-dir={gitdir}", *args], check=True, capture_output=True).stdout


def split_of(page_id: str) -> str:
    """dev or test, from the SHA-1 of the page id (about half each, stable across rebuilds)."""
    return "dev" if int(hashlib.sha1(page_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def _slug(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", s).strip("_")


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def vendor_trafilatura(gitdir: str, commit: str) -> list[dict]:
    evaldata = json.loads(git(gitdir, "show", f"{commit}:tests/evaldata.json"))
    names = git(gitdir, "ls-tree", "-r", "-z", "--name-only", commit, "tests/cache").split(b"\0")
    cache = {n.decode().rsplit("/", 1)[-1]: n.decode() for n in names if n}
    out = []
    for url in sorted(evaldata):
        item = evaldata[url]
        path = cache.get(item["file"])
        if path is None:  # annotated page kept in tests/eval, not in tests/cache
            continue
        page_id = "traf-" + _slug(item["file"].removesuffix(".html"))
        raw = git(gitdir, "show", f"{commit}:{path}")
        (HERE / "pages" / f"{page_id}.html.gz").write_bytes(_gz(raw))
        out.append({"id": page_id, "corpus": "trafilatura", "split": split_of(page_id), "url": url,
                    "file": f"pages/{page_id}.html.gz",
                    "source": {"repo": TRAF_REPO, "commit": commit, "path": path, "license": "Apache-2.0"},
                    "with": item["with"], "without": item["without"]})
    return out


def _version_key(v: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", v))


def fundus_body(version: dict) -> str:
    """Expected body: summary paragraphs, then each section's headline and paragraphs, one per line."""
    body = version.get("body") or {}
    lines = list(body.get("summary") or [])
    for sec in body.get("sections") or []:
        lines += list(sec.get("headline") or []) + list(sec.get("paragraphs") or [])
    return "\n".join(x.strip() for x in lines if x and x.strip())


def vendor_fundus(gitdir: str, commit: str) -> list[dict]:
    names = git(gitdir, "ls-tree", "-r", "-z", "--name-only", commit, FUNDUS_DATA).split(b"\0")
    paths = [n.decode() for n in names if n]
    out = []
    for country in sorted({p.split("/")[-2] for p in paths if p.endswith(".html.gz")}):
        if country in FUNDUS_SKIP_COUNTRIES:
            continue
        meta = json.loads(git(gitdir, "show", f"{commit}:{FUNDUS_DATA}/{country}/meta.info"))
        htmls = sorted(p for p in paths if p.startswith(f"{FUNDUS_DATA}/{country}/") and p.endswith(".html.gz"))
        for publisher in sorted({p.rsplit("/", 1)[-1].split("_", 1)[0] for p in htmls}):
            files = sorted(p for p in htmls if p.rsplit("/", 1)[-1].split("_", 1)[0] == publisher)
            expected = json.loads(git(gitdir, "show", f"{commit}:{FUNDUS_DATA}/{country}/{publisher}.json"))
            versions = sorted(expected, key=_version_key)
            # One HTML file per parser version, versions in crawl-date order: the newest file is
            # the newest version's test case (current markup); the split follows it.
            if len(versions) != len(files):
                print(f"skip {country}/{publisher}: {len(files)} pages, {len(versions)} versions", file=sys.stderr)
                continue
            # Older files are the same publisher's earlier layouts: more real markup to tune on, so
            # they go to dev, and only for a publisher whose newest page is in dev (the test half
            # keeps publishers never tuned on).
            newest = f"fundus-{country}-{files[-1].rsplit('/', 1)[-1].removesuffix('.html.gz')}"
            picks = list(zip(files, versions)) if split_of(newest) == "dev" else [(files[-1], versions[-1])]
            for path, v in picks:
                version = expected[v]
                body = fundus_body(version)
                if not body:
                    continue
                name = path.rsplit("/", 1)[-1]
                page_id = f"fundus-{country}-{name.removesuffix('.html.gz')}"
                raw = git(gitdir, "show", f"{commit}:{path}")
                (HERE / "pages" / f"{page_id}.html.gz").write_bytes(raw)
                out.append({"id": page_id, "corpus": "fundus", "split": split_of(newest), "url": meta[name]["url"],
                            "file": f"pages/{page_id}.html.gz",
                            "source": {"repo": FUNDUS_REPO, "commit": commit, "path": path,
                                       "expected_from": f"{FUNDUS_DATA}/{country}/{publisher}.json#{v}",
                                       "license": "MIT"},
                            "title": version.get("title"), "body": body,
                            "published": version.get("publishing_date"), "authors": version.get("authors") or []})
    return out


def main(traf_git: str, fundus_git: str) -> None:
    (HERE / "pages").mkdir(exist_ok=True)
    for old in (HERE / "pages").glob("*.html.gz"):
        old.unlink()
    traf_commit = git(traf_git, "rev-parse", "HEAD").decode().strip()
    fundus_commit = git(fundus_git, "rev-parse", "HEAD").decode().strip()
    pages = vendor_trafilatura(traf_git, traf_commit) + vendor_fundus(fundus_git, fundus_commit)
    (HERE / "LICENSE.trafilatura").write_bytes(git(traf_git, "show", f"{traf_commit}:LICENSE"))
    (HERE / "LICENSE.fundus").write_bytes(git(fundus_git, "show", f"{fundus_commit}:LICENSE"))
    doc = {"sources": {TRAF_REPO: traf_commit, FUNDUS_REPO: fundus_commit}, "pages": pages}
    (HERE / "pages.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for corpus in ("trafilatura", "fundus"):
        for split in ("dev", "test"):
            n = sum(p["corpus"] == corpus and p["split"] == split for p in pages)
            print(f"{corpus:12s} {split:5s} {n}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
