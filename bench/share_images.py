"""Time per share card (issue 17 budget: <= 15 ms per image on 2 cores).

    .venv/bin/python bench/share_images.py [--claims 50] [--checks 10] [--stream 400] [--jobs 2]

Texts come from the shipped sample (content/checks/deepseek-cost: its articles and every
text of claims.yaml, both languages): each claim card shows a run of 10-30 consecutive words
from a random place, each check card a run of 6-14 words as its title, so no two cards are
the same. Verdict labels, desk name and colours are the sample site's. Three figures:

- cold: the module's caches (run widths, rendered runs) are emptied before every card: the
  cost of a card none of whose words was drawn before in the process (median over --claims
  claim cards and --checks check cards);
- stream, 1 process: --stream cards (4 claim cards to 1 check card) drawn one after another
  as a build draws them, caches kept: words drawn before are not rendered again. The sample's
  vocabulary is small (about 2,000 distinct words), so this is a lower bound for a real site;
- stream, --jobs processes: the same cards shared by a process pool, wall time / cards.

Wall times move with the machine's other load; the CPU times (time.process_time) less so.

Fonts are loaded before timing (a one-off per process).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

from tathya import share_image as si

ROOT = Path(__file__).resolve().parent.parent
CHECK_DIR = ROOT / "content/checks/deepseek-cost"
COLOURS = {"true": "#1b7f3b", "mostly-true": "#4c9a2a", "misleading": "#e0a100",
           "false": "#c62828", "unverified": "#6b6b6b", "not-rated": "#3d5a80"}


def texts(node, lang: str):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == lang and isinstance(value, str):
                yield value
            else:
                yield from texts(value, lang)
    elif isinstance(node, list):
        for value in node:
            yield from texts(value, lang)


def cards(n: int, seed: int, kinds: str = "cccck") -> list[tuple[str, dict]]:
    """n card specs, alternating languages, kind by the pattern (c: claim, k: check)."""
    site = yaml.safe_load((ROOT / "content/site.yaml").read_text("utf-8"))
    labels = {v["id"]: v["label"] for v in site["verdicts"]}
    claims = yaml.safe_load((CHECK_DIR / "claims.yaml").read_text("utf-8"))
    words = {}
    for lang in ("hi", "en"):
        article = (CHECK_DIR / f"article.{lang}.md").read_text("utf-8")
        words[lang] = re.sub(r"[#*_>\[\]]", "", article + " " + " ".join(texts(claims, lang))).split()
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        lang, kind = ("hi", "en")[i % 2], kinds[i % len(kinds)]
        w = words[lang]
        count = rnd.randint(10, 30) if kind == "c" else rnd.randint(6, 14)
        start = rnd.randrange(len(w) - count)
        text = " ".join(w[start:start + count])
        desk = site["publisher"]["name"][lang]
        if kind == "c":
            verdict = rnd.choice(list(COLOURS))
            out.append(("claim", dict(verdict_label=labels[verdict][lang], verdict_colour=COLOURS[verdict],
                                      claim=text, desk=desk, lang=lang)))
        else:
            tally = [(labels[v][lang], COLOURS[v], rnd.randint(0, 6)) for v in COLOURS]
            out.append(("check", dict(title=text, tally=tally, desk=desk, lang=lang)))
    return out


def draw(card: tuple[str, dict]) -> int:
    kind, args = card
    return len(si.draw_claim_card(**args) if kind == "claim" else si.draw_check_card(**args))


def warm_up(_=None) -> None:
    for name in (si.DEVA, si.DEVA_BOLD, si.LATN, si.LATN_BOLD):
        si._font(name, 40)
    draw(cards(1, 0)[0])
    si._mask.cache_clear()
    si._run_width.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=50)
    ap.add_argument("--checks", type=int, default=10)
    ap.add_argument("--stream", type=int, default=400)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    warm_up()
    sizes = []
    for kind, n in (("c", args.claims), ("k", args.checks)):
        times, cpu = [], []
        for card in cards(n, seed=1, kinds=kind):
            si._mask.cache_clear()
            si._run_width.cache_clear()
            t, c = time.perf_counter(), time.process_time()
            sizes.append(draw(card))
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        print(f"cold {'claim' if kind == 'c' else 'check'} cards: {n}, median {statistics.median(times) * 1e3:.1f} "
              f"ms/image (CPU {statistics.median(cpu) * 1e3:.1f} ms), max {max(times) * 1e3:.1f} ms")
    stream = cards(args.stream, seed=2)
    t, c = time.perf_counter(), time.process_time()
    sizes += [draw(card) for card in stream]
    print(f"stream, 1 process: {args.stream} cards, {(time.perf_counter() - t) / args.stream * 1e3:.1f} ms/image "
          f"(CPU {(time.process_time() - c) / args.stream * 1e3:.1f} ms)")
    with ProcessPoolExecutor(args.jobs, initializer=warm_up) as pool:
        list(pool.map(warm_up, range(args.jobs)))
        t = time.perf_counter()
        list(pool.map(draw, stream, chunksize=max(1, args.stream // (args.jobs * 4))))
        wall = time.perf_counter() - t
    print(f"stream, {args.jobs} processes: {args.stream} cards, {wall / args.stream * 1e3:.1f} ms/image")
    print(f"PNG sizes {min(sizes) / 1024:.0f}-{max(sizes) / 1024:.0f} KB; {os.cpu_count()} CPUs visible; "
          f"Pillow {si.PIL.__version__}, raqm {si.features.version('raqm')}")


if __name__ == "__main__":
    main()
