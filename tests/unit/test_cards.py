"""Share cards in the build: named in og:image, one per check and claim page, redrawn only when what they show changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PIL import Image

from tathya.cli import main
from template_support import read

CLAIMS = "checks/moon-cheese/claims.yaml"
CARDS = [f"{lang}/moon-cheese/{rest}share.png" for lang in ("hi", "en") for rest in ("", "claims/cheese/", "claims/cost/")]


def stamps(out: str = "site") -> dict[str, tuple[int, str]]:
    return {rel: ((Path(out) / rel).stat().st_mtime_ns, hashlib.sha256((Path(out) / rel).read_bytes()).hexdigest())
            for rel in CARDS}


def test_every_check_and_claim_page_has_its_card_named_in_its_meta(tree):
    assert main(["build"]) == 0
    for rel in CARDS:
        with Image.open(Path("site") / rel) as image:
            assert image.size == (1200, 630) and image.format == "PNG"
    page = read("en/moon-cheese/claims/cheese/index.html")
    assert '<meta property="og:image" content="https://example.github.io/mini/en/moon-cheese/claims/cheese/share.png">' in page
    assert '<meta property="og:image:alt" content="False: The Moon is made of cheese.">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert ('<meta property="og:image:alt" content="क्या चाँद पनीर का बना है? (अधिकांशतः सही: 1, गलत: 1)">'
            in read("hi/moon-cheese/index.html"))


def test_a_warm_build_redraws_only_the_cards_whose_text_changed_and_two_builds_agree(tree):
    assert main(["build"]) == 0
    before = stamps()
    tree.replace(CLAIMS, "en: \"The Moon is made of cheese.\"", "en: \"The Moon is made of blue cheese.\"")
    assert main(["build"]) == 0
    after = stamps()
    assert [rel for rel in CARDS if after[rel] != before[rel]] == ["en/moon-cheese/claims/cheese/share.png"]
    assert main(["build", "--out", "again"]) == 0
    assert stamps("again").keys() == after.keys() and all(stamps("again")[r][1] == after[r][1] for r in CARDS)


def test_no_cards_with_the_switch_or_the_option(tree):
    assert main(["build", "--no-share-images"]) == 0
    assert not any((Path("site") / rel).exists() for rel in CARDS)
    page = read("en/moon-cheese/index.html")
    assert "og:image" not in page and '<meta name="twitter:card" content="summary">' in page
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8") + "share_images: false\n")
    assert main(["build"]) == 0
    assert not (Path("site") / CARDS[0]).exists()


def test_the_switch_is_true_or_false(tree):
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8") + "share_images: yes please\n")
    assert tree.errors() == ["content/site.yaml:10: share_images 'yes please' is not true or false; write true or false"]


def test_cards_take_the_verdict_colours_of_the_theme_stylesheet(tree, tmp_path, monkeypatch):
    from conftest import theme_copy

    assert main(["build"]) == 0
    with Image.open("site/en/moon-cheese/claims/cheese/share.png") as image:
        assert image.convert("RGB").getpixel((5, 5)) == (0xa0, 0x17, 0x1c)  # tathya's own --false
    static = theme_copy("STATIC", tmp_path, monkeypatch)
    css = (static / "tathya.css").read_text(encoding="utf-8")
    (static / "tathya.css").write_text(css.replace("--false: #a0171c;", "--false: #6a1b9a;", 1), encoding="utf-8")
    assert main(["build"]) == 0
    with Image.open("site/en/moon-cheese/claims/cheese/share.png") as image:
        assert image.convert("RGB").getpixel((5, 5)) == (0x6a, 0x1b, 0x9a)  # the desk's purple, as on its pages
    with Image.open("site/en/moon-cheese/claims/cost/share.png") as image:
        assert image.convert("RGB").getpixel((5, 5)) == (0x2f, 0x5f, 0x0f)  # mostly true keeps its colour


def test_without_raqm_the_build_stops_with_a_way_out_and_keeps_the_site(tree, monkeypatch, capsys):
    from tathya import cards

    assert main(["build"]) == 0
    before = stamps()
    monkeypatch.setattr(cards, "can_draw", lambda: False)
    tree.replace(CLAIMS, "en: \"The Moon is made of cheese.\"", "en: \"The Moon is made of blue cheese.\"")
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "share cards: cannot be drawn: Pillow's Raqm text layout is not available" in err
    assert "apt-get install libfribidi0" in err and "--no-share-images" in err and "Traceback" not in err
    assert stamps() == before
    assert main(["build", "--no-share-images"]) == 0


def test_characters_no_card_font_has_are_named_once_per_set(tree, capsys):
    tree.replace(CLAIMS, "en: \"The Moon is made of cheese.\"", "en: \"The Moon is made of cheese 🧀.\"")
    assert main(["build"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "note: en/moon-cheese/claims/cheese/share.png: share card leaves out 🧀 (U+1F9C0), which no font of the cards has"]
    assert captured.out.startswith("built ")
    tree.replace("site.yaml", '  name: {hi: "परीक्षण डेस्क", en: "Test desk"}', '  name: {hi: "परीक्षण डेस्क", en: "Test desk ✓"}')
    assert main(["build"]) == 0
    assert capsys.readouterr().err.splitlines() == [  # the desk's name is on every card: one line for them all
        "note: en/moon-cheese/share.png and 1 more: share card leaves out ✓ (U+2713), which no font of the cards has",
        "note: en/moon-cheese/claims/cheese/share.png: share card leaves out 🧀 (U+1F9C0) ✓ (U+2713), which no font of the cards has"]
