"""A content tree of many checks, for the lists: the mini fixture's check copied, a day apart,
filed under topics and rated across the verdict scale.

    write_tree(dest, count=46)  # 47 checks: three pages of the home list at the default page_size
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

MINI = Path(__file__).resolve().parent / "golden" / "mini" / "input"
TOPICS = """
topics:
  - id: space
    label: {hi: "अंतरिक्ष", en: "Space"}
  - id: food
    label: {hi: "खान-पान", en: "Food"}
  - id: health
    label: {hi: "सेहत", en: "Health"}
"""
VERDICTS = ("false", "true", "misleading", "unverified")  # the first claim of copy n is rated VERDICTS[n % 4];
# the second stays mostly-true, so that list has 47 claims: three pages


def topics_of(n: int) -> list[str]:
    """Every copy is about space, every third about food too; nothing is filed under health."""
    return ["space", "food"] if n % 3 == 0 else ["space"]


def write_tree(dest: Path, count: int = 46) -> Path:
    """The mini tree at `dest`, with `count` more checks (moon-01...) published after its own."""
    shutil.copytree(MINI, dest)
    (dest / "site.yaml").write_text((dest / "site.yaml").read_text(encoding="utf-8") + TOPICS, encoding="utf-8")
    source = dest / "checks" / "moon-cheese"
    for n in range(1, count + 1):
        folder = dest / "checks" / f"moon-{n:02d}"
        shutil.copytree(source, folder)
        claims = folder / "claims.yaml"
        day = (date(2025, 4, 20) + timedelta(days=n)).isoformat()
        text = (claims.read_text(encoding="utf-8").replace("published: 2025-04-20", f"published: {day}")
                .replace("updated: 2025-04-22", f"updated: {day}")
                .replace("Is the Moon made of cheese?", f"Moon question {n}")
                .replace("verdict: false", f"verdict: {VERDICTS[n % 4]}", 1))
        claims.write_text(text + f"topics: [{', '.join(topics_of(n))}]\n", encoding="utf-8")
    return dest
