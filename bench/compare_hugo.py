#!/usr/bin/env python3
"""Compare tathya's build time with Hugo's on the same articles (issue 13).

    python bench/compare_hugo.py [--sizes 200] [--repeat 3] [--seed 1] [--tree DIR]

For each N it takes the bench corpus of N checks (bench/make_corpus.py, reused
as bench/build_speed.py does) and writes a Hugo site of the same articles: each
check's article.hi.md and article.en.md become content/checks/<slug>/index.hi.md
and index.en.md (translations by file name), with the check's title and
published date in front matter, and four small layouts (baseof, single, list,
home) that print the title, the date, the article and a list of every page in
the section. No theme; the config (hugo.toml) is written by this script. Then,
each build a fresh process, medians of --repeat runs of:
  hugo cold        `hugo --gc --quiet --destination NEW --cacheDir NEW`
  hugo warm-edit   the same command and folders again after one article edited;
                   Hugo keeps no build state between runs, so this is a full
                   rebuild with warm file and disk caches
  tathya cold      `python build.py --content C --out NEW`, empty TATHYA_CACHE_DIR
  tathya warm-edit the same after one claims.yaml reality text edited
                   (build_speed.edit_claims)
It prints one row per N with the ratios tathya/hugo against issue 13's targets
(cold <= 4x, warm-edit <= 0.6x), marked PASS or FAIL. Needs `hugo` on PATH
(`apt-get install hugo`). Everything it writes lives under $TMPDIR/tathya-bench/
and is removed when it ends.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import build_speed  # noqa: E402

COLD_TARGET, EDIT_TARGET = 4.0, 0.6  # issue 13: tathya/hugo at N = 200
FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n---\n", re.S)

HUGO_TOML = """\
# Written by bench/compare_hugo.py: the same {n} checks as the tathya corpus.
baseURL = "https://example.org/bench/"
title = "tathya benchmark desk"
defaultContentLanguage = "hi"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term"]

[languages.hi]
languageName = "हिन्दी"
title = "तथ्य बेंचमार्क डेस्क"
weight = 1

[languages.en]
languageName = "English"
title = "tathya benchmark desk"
weight = 2
"""

LAYOUTS = {
    "_default/baseof.html": """\
<!doctype html>
<html lang="{{ .Site.Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ range .Translations }} <a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Language.LanguageName }}</a>{{ end }}
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ .Content }}
</article>
<nav><h2>{{ .CurrentSection.Title }}</h2>
<ul>{{ range .CurrentSection.RegularPages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}
</ul></nav>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .RegularPages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}
</ul>
{{ end }}
""",
    "index.html": """\
{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<ul>{{ range .Site.RegularPages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>{{ end }}
</ul>
{{ end }}
""",
}


@dataclass
class Timing:
    wall: float   # seconds, process start to exit
    cpu: float    # user + system seconds of the process
    html: int     # HTML files in the output folder after the build
    written: str  # files the build says it wrote ("all" for Hugo, which keeps no state between runs)


def hugo_version() -> str:
    """The first line of `hugo version`."""
    return subprocess.run(["hugo", "version"], check=True, capture_output=True, text=True).stdout.strip()


def slugs(content: Path) -> list[str]:
    """The check folders of a content tree, in order."""
    return sorted(p.name for p in (content / "checks").iterdir() if p.is_dir())


def hugo_page(claims: dict, article: str, lang: str) -> str:
    """One Hugo content file: the check's title and date as front matter, then the article body."""
    body = FRONT_MATTER_RE.sub("", article, count=1).lstrip("\n")
    title = json.dumps(claims["title"][lang], ensure_ascii=False)  # a JSON string is a YAML string
    return f"---\ntitle: {title}\ndate: {claims['published']}\n---\n\n{body}"


def write_hugo_site(content: Path, site: Path, n: int) -> None:
    """A Hugo project of the corpus's articles: hugo.toml, layouts and content/checks/<slug>/index.<lang>.md."""
    (site / "hugo.toml").parent.mkdir(parents=True, exist_ok=True)
    (site / "hugo.toml").write_text(HUGO_TOML.format(n=n), encoding="utf-8")
    for name, text in LAYOUTS.items():
        (site / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / name).write_text(text, encoding="utf-8")
    section = site / "content" / "checks"
    section.mkdir(parents=True)
    (section / "_index.hi.md").write_text('---\ntitle: "जाँचें"\n---\n', encoding="utf-8")
    (section / "_index.en.md").write_text('---\ntitle: "Checks"\n---\n', encoding="utf-8")
    for slug in slugs(content):
        claims = yaml.safe_load((content / "checks" / slug / "claims.yaml").read_text(encoding="utf-8"))
        (section / slug).mkdir()
        for lang in ("hi", "en"):
            article = (content / "checks" / slug / f"article.{lang}.md").read_text(encoding="utf-8")
            (section / slug / f"index.{lang}.md").write_text(hugo_page(claims, article, lang), encoding="utf-8")


def middle_slug(n: int) -> str:
    """The check that build_speed.edit_claims edits."""
    return f"check-{n // 2 + 1:0{max(4, len(str(n)))}d}"


def edit_article(site: Path, n: int, mark: str) -> None:
    """Add a sentence to the top of the middle check's English article in the Hugo site."""
    path = site / "content" / "checks" / middle_slug(n) / "index.en.md"
    text = path.read_text(encoding="utf-8")
    at = FRONT_MATTER_RE.match(text).end()
    path.write_text(text[:at] + f"\nEdited by the benchmark ({mark}).\n" + text[at:], encoding="utf-8")


def count_html(folder: Path) -> int:
    """HTML files under a folder."""
    return sum(name.endswith(".html") for _, _, names in os.walk(folder) for name in names)


def shows(folder: Path, mark: str) -> bool:
    """Whether some HTML file under a folder contains the text."""
    return any(mark in path.read_text(encoding="utf-8", errors="replace") for path in folder.rglob("*.html"))


def run_hugo(site: Path, out: Path, cache: Path, resources: Path) -> Timing:
    """`hugo --gc --quiet` of a site into a destination, in a fresh process: wall and CPU seconds."""
    cmd = ["hugo", "--gc", "--quiet", "--source", str(site), "--destination", str(out), "--cacheDir", str(cache)]
    env = dict(os.environ, HUGO_RESOURCEDIR=str(resources))
    os.sync()  # as build_speed.run_build: the last build's files are not written back during this one
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    output = proc.stdout.read().decode("utf-8", "replace")
    proc.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise build_speed.BuildError(f"hugo failed: {' '.join(cmd)}\n{output}")
    return Timing(wall, usage.ru_utime + usage.ru_stime, count_html(out), "all")


def run_tathya(content: Path, out: Path, cache: Path) -> Timing:
    """`python build.py --content C --out O` through build_speed.run_build."""
    run = build_speed.run_build(content, out, cache)
    return Timing(run.wall, run.cpu, count_html(out), str(run.written))


def report(label: str, t: Timing) -> None:
    """One build's line of progress."""
    print(f"  {label:<12} {t.wall:6.2f} s wall, {t.cpu:6.2f} s CPU, {t.html} HTML files, {t.written} written", flush=True)


def measure_size(n: int, seed: int, repeat: int) -> dict[str, list[Timing]]:
    """hugo cold / edit and tathya cold / edit builds of one corpus size, `repeat` times each."""
    source = build_speed.corpus(n, seed)
    work = Path(tempfile.mkdtemp(prefix=f"compare-n{n}-", dir=build_speed.WORK))
    build_speed.LATER.append(work)
    site, content = work / "hugo-site", work / "content"
    write_hugo_site(source, site, n)
    shutil.copytree(source, content)  # the edits below must not touch the reusable corpus
    runs: dict[str, list[Timing]] = {"hugo cold": [], "hugo edit": [], "tathya cold": [], "tathya edit": []}
    for i in range(repeat):
        mark = f"run {i + 1}"
        out, cache, resources = work / f"hugo-public-{i + 1}", work / f"hugo-cache-{i + 1}", work / f"hugo-resources-{i + 1}"
        runs["hugo cold"].append(run_hugo(site, out, cache, resources))
        edit_article(site, n, mark)
        runs["hugo edit"].append(run_hugo(site, out, cache, resources))
        if not shows(out / "en" / "checks" / middle_slug(n), f"({mark})"):
            print(f"  warning: hugo's output does not show the edit of {middle_slug(n)}", flush=True)
        out, cache = work / f"site-{i + 1}", work / f"cache-{i + 1}"
        runs["tathya cold"].append(run_tathya(content, out, cache))
        build_speed.edit_claims(content, n, mark)
        runs["tathya edit"].append(run_tathya(content, out, cache))
        if not shows(out / "en" / middle_slug(n), f"({mark})"):
            print(f"  warning: tathya's output does not show the edit of {middle_slug(n)}", flush=True)
        for label, timings in runs.items():
            report(label, timings[-1])
    return runs


def median(timings: list[Timing], cpu: bool = False) -> float:
    """Median wall (or CPU) seconds."""
    return statistics.median(t.cpu if cpu else t.wall for t in timings)


def verdict(ratio: float, target: float) -> str:
    """PASS when the ratio is at most the target."""
    return "PASS" if ratio <= target else "FAIL"


def print_table(results: dict[int, dict[str, list[Timing]]]) -> None:
    """One row per N: medians, the two ratios against issue 13's targets, and HTML files built."""
    head = ["N", "hugo cold s", "hugo warm-edit s", "tathya cold s", "tathya warm-edit s",
            f"cold ratio (<= {COLD_TARGET:g}x)", f"warm-edit ratio (<= {EDIT_TARGET:g}x)", "hugo HTML", "tathya HTML"]
    rows = []
    for n, runs in results.items():
        hc, he, tc, te = (median(runs[k]) for k in ("hugo cold", "hugo edit", "tathya cold", "tathya edit"))
        rows.append([str(n), f"{hc:.2f}", f"{he:.2f}", f"{tc:.2f}", f"{te:.2f}",
                     f"{tc / hc:.2f}x {verdict(tc / hc, COLD_TARGET)}", f"{te / he:.2f}x {verdict(te / he, EDIT_TARGET)}",
                     str(runs["hugo cold"][-1].html), str(runs["tathya cold"][-1].html)])
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    print("  ".join(c.rjust(w) for c, w in zip(head, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths)))


def print_cpu(results: dict[int, dict[str, list[Timing]]]) -> None:
    """The same medians in CPU seconds, which move less than wall time on a busy machine."""
    for n, runs in results.items():
        hc, he, tc, te = (median(runs[k], cpu=True) for k in ("hugo cold", "hugo edit", "tathya cold", "tathya edit"))
        print(f"CPU s at N={n}: hugo cold {hc:.2f}, warm-edit {he:.2f}; tathya cold {tc:.2f}, warm-edit {te:.2f}; "
              f"ratios cold {tc / hc:.2f}x, warm-edit {te / he:.2f}x")


def main(argv: list[str] | None = None) -> int:
    try:
        return measure(argv)
    finally:
        for folder in build_speed.LATER:
            shutil.rmtree(folder, ignore_errors=True)


def measure(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(description="Compare tathya's build time with Hugo's on the same articles.")
    parser.add_argument("--sizes", default="200", help="comma-separated corpus sizes (default: 200)")
    parser.add_argument("--repeat", type=int, default=3, help="builds of each kind per size; medians are shown (default: 3)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default: 1)")
    parser.add_argument("--tree", type=Path, default=build_speed.TREE, help="tathya checkout to measure (default: this one)")
    args = parser.parse_args(argv)
    if shutil.which("hugo") is None:
        print("hugo is not on PATH (apt-get install hugo)", file=sys.stderr)
        return 2
    build_speed.TREE = args.tree.resolve()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    version = hugo_version()
    print(f"tathya vs Hugo on {build_speed.TREE}: python {sys.version.split()[0]}, {version}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    build_speed.WORK.mkdir(parents=True, exist_ok=True)
    results = {}
    for n in sizes:
        print(f"N={n}: hugo cold, hugo warm-edit, tathya cold, tathya warm-edit x{args.repeat} ...", flush=True)
        try:
            results[n] = measure_size(n, args.seed, args.repeat)
        except build_speed.BuildError as exc:
            print(exc, flush=True)
            return 1
    print()
    tree = "" if build_speed.TREE == BENCH.parent else f" --tree {build_speed.TREE}"
    print(f"$ python bench/compare_hugo.py --sizes {args.sizes} --repeat {args.repeat} --seed {args.seed}{tree}")
    print(f"{version}; wall seconds, medians of {args.repeat}; ratios are tathya / hugo")
    print_table(results)
    print_cpu(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
