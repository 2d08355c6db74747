"""Share cards (issue 17): size, bytes, determinism, shaping, fonts that have every glyph drawn, wrapping."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import groupby
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont
from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image, ImageChops, ImageDraw, ImageFont, features

from tathya import share_image as si

ROOT = Path(__file__).resolve().parent.parent.parent
CHECK = yaml.safe_load((ROOT / "content/checks/deepseek-cost/claims.yaml").read_text("utf-8"))
SITE = yaml.safe_load((ROOT / "content/site.yaml").read_text("utf-8"))
LABELS = {v["id"]: v["label"] for v in SITE["verdicts"]}
DESK = SITE["publisher"]["name"]
COLOURS = {"true": "#1b7f3b", "mostly-true": "#4c9a2a", "misleading": "#e0a100",
           "false": "#c62828", "unverified": "#6b6b6b", "not-rated": "#3d5a80"}
LANGS = ("hi", "en")
BAND = 176  # the verdict band's height


@lru_cache(maxsize=None)
def cmap(font: str) -> dict[int, str]:
    return TTFont(si.FONT_DIR / font).getBestCmap()


def missing_glyphs(card: si.Card) -> list[tuple[str, str, str]]:
    """(char, run, font) for every character drawn that its run's font maps to no glyph or .notdef
    (joiners and selectors too: none is drawn unless its font has it)."""
    bad = []
    for op in card.ops:
        for ch in op.text:
            if cmap(op.font).get(ord(ch), ".notdef") == ".notdef":
                bad.append((ch, op.text, op.font))
    return bad


def claim_card(c: dict, lang: str, **kw) -> dict:
    args = dict(verdict_label=LABELS[c["verdict"]][lang], verdict_colour=COLOURS[c["verdict"]],
                claim=c["claim"][lang], desk=DESK[lang], lang=lang)
    return args | kw


def check_card(lang: str) -> dict:
    counts = Counter(c["verdict"] for c in CHECK["claims"])
    return dict(title=CHECK["title"][lang], tally=[(LABELS[v][lang], COLOURS[v], counts[v]) for v in COLOURS],
                desk=DESK[lang], lang=lang)


def lines(card: si.Card, role: str) -> list[str]:
    """The lines of one block as drawn: runs grouped by baseline, words by gaps."""
    out = []
    for _, ops in groupby((op for op in card.ops if op.role == role), key=lambda op: op.y):
        text, end = "", None
        for op in ops:
            if end is not None and op.x > end + 1:
                text += " "
            text += op.text
            end = op.x + si._run_width(op.text, op.font, op.size, "hi")
        out.append(text)
    return out


def png(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


LONGEST = max(CHECK["claims"], key=lambda c: len(c["claim"]["hi"]) + len(c["claim"]["en"]))


def test_raqm_layout_is_there_and_shapes_conjuncts():
    assert features.check("raqm"), ("Pillow has no Raqm layout (libraqm): Devanagari would not be shaped; "
                                    "install Pillow from its wheels, which bundle libraqm")
    raqm = si._font(si.DEVA, 64)
    assert raqm.layout_engine == ImageFont.Layout.RAQM
    basic = ImageFont.truetype(str(si.FONT_DIR / si.DEVA), 64, layout_engine=ImageFont.Layout.BASIC)
    # क्ष shaped is one conjunct glyph, narrower than क + ् + ष set side by side unshaped
    assert raqm.getlength("क्ष") < basic.getlength("क्ष") - 10
    assert raqm.getlength("क्ष") < raqm.getlength("क") + raqm.getlength("ष")


@pytest.mark.parametrize("lang", LANGS)
def test_cards_are_1200x630_png_under_300_kb(lang):
    for data in (si.draw_claim_card(**claim_card(LONGEST, lang)), si.draw_check_card(**check_card(lang))):
        im = png(data)
        assert (im.format, im.size, im.mode) == ("PNG", (1200, 630), "P")
        assert len(data) <= 300 * 1024
        assert im.info == {}  # no metadata chunks


def test_cards_are_byte_identical_across_draws_and_processes():
    args = claim_card(LONGEST, "hi")
    first = si.draw_claim_card(**args)
    si._mask.cache_clear()
    si._run_width.cache_clear()
    assert si.draw_claim_card(**args) == first
    code = ("import hashlib, json, sys; from tathya import share_image as si; "
            "print(hashlib.sha256(si.draw_claim_card(**json.loads(sys.argv[1]))).hexdigest())")
    import json
    out = subprocess.run([sys.executable, "-c", code, json.dumps(args)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == hashlib.sha256(first).hexdigest()
    assert si.draw_check_card(**check_card("en")) == si.draw_check_card(**check_card("en"))


def test_verdict_comes_first_and_in_the_page_language():
    card = si.layout_claim_card(**claim_card(LONGEST, "hi"))
    assert card.ops[0].role == "verdict"
    assert lines(card, "verdict") == [LABELS[LONGEST["verdict"]]["hi"]]
    assert card.ops[0].size >= 80  # big: readable in a thumbnail
    assert card.boxes[0].xy == (0, 0, 1200, 176) and card.boxes[0].fill == si._rgb(COLOURS[LONGEST["verdict"]])


@pytest.mark.parametrize("lang", LANGS)
def test_every_character_of_the_shipped_texts_is_in_its_runs_font(lang):
    cards = [si.layout_claim_card(**claim_card(c, lang)) for c in CHECK["claims"]]
    cards.append(si.layout_check_card(**check_card(lang)))
    for card in cards:
        assert missing_glyphs(card) == []
    drawn = "".join(op.text for card in cards for op in card.ops)
    if lang == "hi":  # the mixed-script case the runs are for: Latin and digits inside Hindi
        assert "V3" in drawn and any(op.font == si.DEVA for card in cards for op in card.ops)


def test_runs_split_by_script():
    assert si.fonts_for("मॉडल V3 का ₹5.6 «क्ष»।") == [
        ("मॉडल", si.DEVA), (" V3 ", si.LATN), ("का", si.DEVA), (" ₹5.6 «", si.LATN),
        ("क्ष", si.DEVA), ("»", si.LATN), ("।", si.DEVA)]
    assert si.fonts_for("क\u200dष", bold=True) == [("क\u200dष", si.DEVA_BOLD)]


DEVA_PIECES = ["क्ष", "त्र", "श्री", "फ़ि", "ज्ञ", "क\u200dष", "क्\u200cष", "हिंदी", "दावा", "अरब", "ग़लत", "।", "॥",
               "ँ", "ः", "्", "़"]
OTHER_PIECES = ["V3", "H800", "$5.6", "₹", "€", "«", "»", "–", "—", "2023", "GPU", "DeepSeek's", "(", ")", ",", ":",
                "\u200d", "\u200c", "…", "%", "'", '"', "\u2212", "\t", "\n", "\u00a0", "e\u0301"]
# no vendored font has these: emoji and their sequences, other scripts, symbols
NO_FONT_PIECES = ["🔥", "🇮🇳", "👍🏽", "👨\u200d👩\u200d👧", "❤️", "1️⃣", "✓", "★", "≤", "اردو", "தமிழ்", "\u0bcd", "中文",
                  "🔥\u093c", "🔥\u200dक"]
TEXT = st.lists(st.sampled_from(DEVA_PIECES + OTHER_PIECES + NO_FONT_PIECES), min_size=1, max_size=60).flatmap(
    lambda parts: st.lists(st.sampled_from(["", " ", " "]), min_size=len(parts), max_size=len(parts)).map(
        lambda gaps: "".join(p + g for p, g in zip(parts, gaps))))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim=TEXT, label=TEXT, desk=TEXT, lang=st.sampled_from(LANGS))
def test_fuzzed_texts_draw_no_notdef(claim, label, desk, lang):
    """Every character drawn is in its run's font (fontTools' cmap); what no font has is left out, and named."""
    cards = [si.layout_claim_card(verdict_label=label, verdict_colour="#c62828", claim=claim, desk=desk, lang=lang),
             si.layout_check_card(title=claim, tally=[(label, "#1b7f3b", 3), (desk, "#c62828", 1)], desk=desk,
                                  lang=lang)]
    for card in cards:
        assert missing_glyphs(card) == []
    drawn = {ch for card in cards for op in card.ops for ch in op.text}
    assert drawn <= set().union(*(si.drawable(t) for t in (claim, label, desk)), "…+0123456789")
    for text in (claim, label, desk):
        assert si.unsupported(si.drawable(text)) == ""
        for ch in si.unsupported(text):  # one no font has, or a mark or joiner extending one
            extends = unicodedata.category(ch)[0] == "M" or ch in "\u200c\u200d"
            assert extends or all(ord(ch) not in cmap(f) for f in si.FONTS)


@pytest.mark.parametrize("lang", LANGS)
def test_a_long_claim_wraps_shrinks_and_ends_with_an_ellipsis_at_a_word(lang):
    words = " ".join(c["claim"][lang] for c in CHECK["claims"]).split()
    card = si.layout_claim_card(**claim_card(LONGEST, lang, claim=" ".join(words)))
    drawn = lines(card, "claim")
    assert len(drawn) > 2
    assert {op.size for op in card.ops if op.role == "claim"} == {40}  # shrunk to the smallest size
    assert drawn[-1].endswith("…")
    head = " ".join(drawn)[:-1].split()
    assert 0 < len(head) < len(words)
    assert head[:-1] == words[:len(head) - 1]  # whole words, in order
    assert words[len(head) - 1].rstrip(si._CUT_BEFORE) == head[-1]  # the last kept word is whole
    right = max(op.x + si._run_width(op.text, op.font, op.size, lang) for op in card.ops if op.role == "claim")
    assert right <= si.WIDTH - si.MARGIN


def test_short_text_stays_big_and_whole():
    card = si.layout_claim_card(**claim_card(CHECK["claims"][8], "en"))
    assert {op.size for op in card.ops if op.role == "claim"} == {64}
    assert lines(card, "claim")[-1].endswith(CHECK["claims"][8]["claim"]["en"].split()[-1])


def test_a_word_wider_than_the_card_is_cut_with_an_ellipsis():
    size, out = si.fit_text("ab " + "x" * 300, bold=False, sizes=(40,), lang="en", width=500, height=200)
    assert out[0] == "ab" and out[-1].endswith("…") and out[-1].startswith("xxx")
    assert si._width(out[-1], False, 40, "en") <= 500
    word = "क्षत्रियश्रीफ़िक्ष" * 6
    size, out = si.fit_text(word, bold=False, sizes=(40,), lang="hi", width=400, height=60)
    assert out[0].endswith("…") and word.startswith(out[0][:-1]) and si._width(out[0], False, 40, "hi") <= 400
    rest = word[len(out[0]) - 1:]  # the cut is between clusters: no mark, joiner or virama'd letter after it
    assert unicodedata.category(rest[0])[0] != "M" and rest[0] not in "\u200c\u200d" and out[0][-2] != "\u094d"


def test_check_card_shows_title_and_tally():
    card = si.layout_check_card(**check_card("en"))
    assert " ".join(lines(card, "title")) == CHECK["title"]["en"]
    tally = " ".join(lines(card, "tally"))
    assert tally == "3 True 6 Mostly true 4 Misleading 1 False 4 Unverified 1 Not rated"
    card = si.layout_check_card(**check_card("en") | {"tally": [("True", "#1b7f3b", 0), ("False", "#c62828", 2)]})
    assert " ".join(lines(card, "tally")) == "2 False"  # a verdict no claim has is left out
    assert [b.xy for b in card.boxes[:1]] == [(si.MARGIN, 324, si.WIDTH - si.MARGIN, 372)]


def test_logo_is_drawn_and_keyed():
    buf = io.BytesIO()
    Image.new("RGBA", (96, 96), (200, 30, 30, 255)).save(buf, "PNG")
    logo = buf.getvalue()
    plain = si.draw_claim_card(**claim_card(LONGEST, "en"))
    with_logo = si.draw_claim_card(**claim_card(LONGEST, "en", logo=logo))
    assert with_logo != plain and png(with_logo).convert("RGB").getpixel((si.MARGIN + 10, 590)) == (200, 30, 30)
    assert si.card_key("claim", **claim_card(LONGEST, "en", logo=logo)) != si.card_key("claim", **claim_card(LONGEST, "en"))


def full_colour(card: si.Card, lang: str) -> Image.Image:
    """The card drawn the plain way, in RGB: boxes, then each run pasted through its mask, then the logo."""
    im = Image.new("RGB", (si.WIDTH, si.HEIGHT), si.PAPER)
    draw = ImageDraw.Draw(im)
    for box in card.boxes:
        draw.rectangle((box.xy[0], box.xy[1], box.xy[2] - 1, box.xy[3] - 1), fill=box.fill)
    for op in card.ops:
        font = si._font(op.font, op.size)
        draw.text((op.x, op.y), op.text, font=font, fill=op.fill, anchor="ls", language=lang)
    if card.logo is not None:
        im.paste(card.logo, (si.MARGIN, 566 + (48 - card.logo.height) // 2), card.logo)
    return im


@pytest.mark.parametrize("lang", LANGS)
def test_palette_png_keeps_every_colour_drawn(lang):
    """A card is written as an 8-bit palette of its own colours: box colours exact, antialiased
    text within 8/255 a channel of the RGB drawing (32 shades a colour), a many-coloured logo too."""
    buf = io.BytesIO()
    Image.radial_gradient("L").resize((96, 96)).convert("RGB").save(buf, "PNG")  # 256 greys
    for card in (si.layout_claim_card(**claim_card(LONGEST, lang, logo=buf.getvalue())),
                 si.layout_check_card(**check_card(lang))):
        written = png(si.render(card, lang))
        assert written.mode == "P"
        diff = ImageChops.difference(full_colour(card, lang), written.convert("RGB"))
        assert 0 < max(hi for _, hi in diff.getextrema()) <= 8
        for box in card.boxes:
            assert written.convert("RGB").getpixel(box.xy[:2]) == box.fill


def test_card_key_follows_what_the_card_shows():
    base = claim_card(LONGEST, "hi")
    key = si.card_key("claim", **base)
    assert key == si.card_key("claim", **dict(base))
    for change in ({"claim": base["claim"] + "!"}, {"verdict_label": "x"}, {"verdict_colour": "#000000"},
                   {"desk": "d"}, {"lang": "en"}):
        assert si.card_key("claim", **(base | change)) != key, change
    check = check_card("en")
    other = check | {"tally": [(label, colour, n + 1) for label, colour, n in check["tally"]]}
    assert si.card_key("check", **check) != si.card_key("check", **other)
    with pytest.raises(ValueError):
        si.card_key("page", **base)


def test_screenshots_of_both_cards_in_both_languages(tmp_path_factory):
    """Saved for a person to look at (not committed): pytest's temporary directory, or
    $TATHYA_SHARE_SHOTS; thumbs.html shows them at WhatsApp's thumbnail width (300 px)."""
    import os
    out = Path(os.environ.get("TATHYA_SHARE_SHOTS") or tmp_path_factory.mktemp("share-cards"))
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for lang in LANGS:
        for kind, data in (("claim", si.draw_claim_card(**claim_card(LONGEST, lang))),
                           ("check", si.draw_check_card(**check_card(lang)))):
            (out / f"{kind}-{lang}.png").write_bytes(data)
            names.append(f"{kind}-{lang}.png")
    html = "".join(f'<p><img src="{n}" width="300" height="158" alt="{n}"></p>' for n in names)
    (out / "thumbs.html").write_text(f"<!doctype html><title>share cards</title>{html}", "utf-8")
    assert all(png((out / n).read_bytes()).size == (1200, 630) for n in names)
    print(f"share card screenshots: {out}")


def test_characters_no_font_has_are_left_out_and_named():
    text = "दावा 🔥 कि भारत 🇮🇳 में 👍🏽 ✓ ★ ≤ 5 اردو தமிழ் 👨\u200d👩\u200d👧 था 🔥\u093c"
    assert si.unsupported(text) == "🔥🇮🇳👍🏽✓★≤اردوதமிழ்👨\u200d👩👧\u093c"
    assert si.drawable(text) == "दावा कि भारत में 5 था"  # no doubled spaces left behind
    card = si.layout_claim_card(**claim_card(LONGEST, "hi", claim=text, verdict_label="गलत ✓", desk="डेस्क 🔥"))
    assert lines(card, "claim") == ["दावा कि भारत में 5 था"]
    assert lines(card, "verdict") == ["गलत"] and lines(card, "desk") == ["डेस्क"]
    assert missing_glyphs(card) == []
    for c in CHECK["claims"]:  # the shipped texts lose nothing
        assert [si.unsupported(t) for t in (c["claim"]["hi"], c["claim"]["en"])] == ["", ""]


def test_whitespace_joiners_and_the_ellipsis_are_kept():
    text = "क\u200dष\tक्\u200cष\n…\u00a0x e\u0301"
    assert si.unsupported(text) == ""
    assert si.drawable(text) == "क\u200dष क्\u200cष … x e\u0301"
    card = si.layout_claim_card(**claim_card(LONGEST, "hi", claim=text))
    assert lines(card, "claim") == ["क\u200dष क्\u200cष … x e\u0301"] and missing_glyphs(card) == []


def test_each_character_goes_to_the_first_font_that_has_it():
    # U+2212 MINUS SIGN: only Noto Sans Devanagari has it; was sent to Noto Sans, a .notdef box
    assert si.fonts_for("\u22125 °C") == [("\u2212", si.DEVA), ("5 °C", si.LATN)]
    assert si.fonts_for("\u22125", bold=True) == [("\u2212", si.DEVA_BOLD), ("5", si.LATN_BOLD)]
    assert si.fonts_for("🔥x✓") == [("x", si.LATN)]  # never a run of what no font has
    for deva, latn in ((si.DEVA, si.DEVA_BOLD), (si.LATN, si.LATN_BOLD)):  # drawable() reads the regular weights
        assert cmap(deva).keys() == cmap(latn).keys()


@pytest.mark.parametrize("lang", LANGS)
def test_a_text_in_a_script_no_font_has_still_draws(lang):
    tamil = "தமிழ்நாட்டில் மழை 🔥"
    data = si.draw_claim_card(verdict_label=tamil, verdict_colour="#c62828", claim=tamil, desk=tamil, lang=lang)
    assert png(data).size == (1200, 630)
    assert si.layout_claim_card(verdict_label=tamil, verdict_colour="#c62828", claim=tamil, desk=tamil,
                                lang=lang).ops == []
    data = si.draw_check_card(title=tamil, tally=[(tamil, "#c62828", 2)], desk=tamil, lang=lang)
    assert png(data).size == (1200, 630)
    assert si.unsupported(tamil) == "".join(dict.fromkeys(tamil.replace(" ", "")))


def ink_box(op: si.Op, lang: str) -> tuple[int, int, int, int]:
    left, top, right, bottom = si._font(op.font, op.size).getbbox(op.text, anchor="ls", language=lang)
    return op.x + left, op.y + top, op.x + right, op.y + bottom


LONG_LABELS = {"hi": "संदर्भ से हटाकर (असली वीडियो, ग़लत जगह और ग़लत तारीख़, कृत्रिम आवाज़)",
               "en": "Out of context (real footage, wrong place and date)"}


@pytest.mark.parametrize("lang, label, count", [
    ("hi", LONG_LABELS["hi"], 2), ("en", LONG_LABELS["en"], 2),
    ("hi", "संदर्भ से हटाकर (असली वीडियो, ग़लत जगह)", 1),  # one line holds it at 56 px
    ("hi", "भ्रामक कृत्रिम दृष्टि ट्रू ह्रू ग़ु", 1)])  # below-base matras at the largest size
def test_a_long_verdict_takes_two_lines_inside_the_band(lang, label, count):
    card = si.layout_claim_card(**claim_card(LONGEST, lang, verdict_label=label))
    drawn = lines(card, "verdict")
    assert len(drawn) == count and " ".join(drawn) == label  # whole, not cut to one line
    verdict = [op for op in card.ops if op.role == "verdict"]
    assert all(op.size < 56 if count == 2 else op.size >= 56 for op in verdict)  # two lines are smaller
    for op in verdict:  # ink, Devanagari below-base matras too, inside the band with room to spare
        left, top, right, bottom = ink_box(op, lang)
        assert 8 <= top and bottom <= BAND - 8 and si.MARGIN <= left and right <= si.WIDTH - si.MARGIN
    band = card.boxes[0].fill
    im = png(si.render(card, lang)).convert("RGB")
    edges = [im.getpixel((x, y)) for y in (*range(0, 8), *range(BAND - 8, BAND)) for x in range(si.WIDTH)]
    assert set(edges) == {band}  # the band's top and bottom rows carry no ink


def test_a_verdict_too_long_for_two_lines_ends_with_an_ellipsis():
    label = " ".join([LONG_LABELS["en"]] * 4)
    drawn = lines(si.layout_claim_card(**claim_card(LONGEST, "en", verdict_label=label)), "verdict")
    assert len(drawn) == 2 and drawn[-1].endswith("…") and label.startswith(drawn[0])


@pytest.mark.parametrize("lang", LANGS)
def test_the_verdict_is_centred_for_a_square_crop(lang):
    """WhatsApp's compact preview can crop the card's middle square, x 285-915: a short label stays whole."""
    label = {"hi": "सही", "en": "False"}[lang]
    card = si.layout_claim_card(**claim_card(LONGEST, lang, verdict_label=label))
    im = png(si.render(card, lang)).convert("RGB")
    band = card.boxes[0].fill
    ink = [x for y in range(BAND) for x in range(si.WIDTH) if im.getpixel((x, y)) != band]
    assert ink and 285 <= min(ink) and max(ink) <= 915
    assert abs((min(ink) + max(ink)) / 2 - si.WIDTH / 2) <= 12
    two = si.layout_claim_card(**claim_card(LONGEST, lang, verdict_label=LONG_LABELS[lang]))
    for _, ops in groupby((op for op in two.ops if op.role == "verdict"), key=lambda op: op.y):
        boxes = [ink_box(op, lang) for op in ops]  # each line centred
        assert abs((min(b[0] for b in boxes) + max(b[2] for b in boxes)) / 2 - si.WIDTH / 2) <= 12


def test_the_logo_is_prepared_once_per_process(monkeypatch):
    """A 2000 px logo was decoded and resized for every card (174 ms a card)."""
    buf = io.BytesIO()
    Image.new("RGB", (2000, 2000), (23, 94, 161)).save(buf, "PNG")
    logo, opened = buf.getvalue(), []
    real_open = Image.open
    monkeypatch.setattr(Image, "open", lambda *a, **k: opened.append(1) or real_open(*a, **k))
    first = si.draw_claim_card(**claim_card(LONGEST, "en", logo=logo))
    for lang in LANGS:
        si.draw_claim_card(**claim_card(LONGEST, lang, logo=logo))
        si.draw_check_card(**check_card(lang) | {"logo": logo})
    assert len(opened) == 1
    assert si.draw_claim_card(**claim_card(LONGEST, "en", logo=logo)) == first
    assert png(first).convert("RGB").getpixel((si.MARGIN + 10, 590)) == (23, 94, 161)


LEGEND_FIT_SMALLER = ["Out of context", "Partly false claim", "Misleading framing", "Unproven so far",
                      "Satire taken as news", "Manipulated media", "Mostly true overall"]
LEGEND_TOO_MANY = ["Out of context entirely", "Partly false with caveats", "Misleading framing of data",
                   "Unproven as of publication", "Satire taken as real news", "Manipulated media content",
                   "Mostly true but incomplete"]


@pytest.mark.parametrize("labels", [LEGEND_FIT_SMALLER, LEGEND_TOO_MANY])
def test_the_legend_drops_no_verdict_silently(labels):
    colours = ["#1b7f3b", "#4c9a2a", "#e0a100", "#c62828", "#6b6b6b", "#3d5a80", "#111111"]
    tally = [(label, colour, i + 1) for i, (label, colour) in enumerate(zip(labels, colours))]
    card = si.layout_check_card(title="Seven verdicts", tally=tally, desk=DESK["en"], lang="en")
    assert len([b for b in card.boxes if b.xy[1] == 324]) == 7  # the bar: one segment a verdict
    swatches = [b for b in card.boxes if 398 <= b.xy[1] < 548 and b.xy[2] - b.xy[0] == 30]
    items = [op for op in card.ops if op.role == "tally"]
    shown = len(swatches)
    listed = [f"{i + 1} {label}" for i, label in enumerate(labels[:shown])]
    assert " ".join(lines(card, "tally")) == " ".join(listed + ([f"+{7 - shown}"] if shown < 7 else []))
    assert shown == 7 if labels is LEGEND_FIT_SMALLER else 0 < shown < 7
    assert {op.size for op in items} == {30}  # a smaller size than 36 px tried first
    assert max(ink_box(op, "en")[3] for op in items) < 548  # above the rule
