"""The preview's stale banner: an edit to the original marks the translation's pages, `--mark-done` clears them."""

from __future__ import annotations

from pathlib import Path

from tathya.cli import main
from tathya.rebuild import Rebuilder

BANNER = '<div class="stale" role="note" data-pagefind-ignore>'


def page(lang: str, rel: str = "moon-cheese/index.html") -> str:
    return (Path("preview") / lang / rel).read_text(encoding="utf-8")


def test_an_edited_original_marks_the_translation_until_it_is_marked_done(tree, capsys):
    assert main(["status", "--mark-done", "moon-cheese"]) == 0
    preview = Rebuilder(Path("content"), Path("preview"))
    preview.build()
    assert BANNER not in page("en") and BANNER not in page("hi")

    article = tree.path("checks/moon-cheese/article.hi.md")
    article.write_text(article.read_text(encoding="utf-8") + "\nएक नया वाक्य।\n", encoding="utf-8")
    preview.rebuild([article])
    assert BANNER in page("en") and BANNER in page("en", "moon-cheese/claims/cheese/index.html")
    assert "<li>the Hindi article changed since the English was marked done</li>" in page("en")
    assert BANNER not in page("hi")

    assert main(["status", "--mark-done", "moon-cheese", "en"]) == 0
    preview.rebuild([tree.path("checks/moon-cheese/translations.yaml")])  # the save the watcher reports
    assert BANNER not in page("en")


def test_a_build_never_shows_the_banner(tree, capsys):
    assert main(["status", "--mark-done", "moon-cheese"]) == 0
    article = tree.path("checks/moon-cheese/article.hi.md")
    article.write_text(article.read_text(encoding="utf-8") + "\nएक नया वाक्य।\n", encoding="utf-8")
    assert main(["build"]) == 0
    assert BANNER not in Path("site/en/moon-cheese/index.html").read_text(encoding="utf-8")
