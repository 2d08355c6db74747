"""`build.py status`: missing texts per check and language, stale translations, and the record --mark-done writes."""

from __future__ import annotations

from pathlib import Path

from tathya.cli import main
from tathya.config import load_config
from tathya.load import read_content
from tathya.rebuild import Rebuilder
from tathya.status import stale_units

CHECK = "checks/moon-cheese"
CLAIMS = f"{CHECK}/claims.yaml"
RECORD = f"{CHECK}/translations.yaml"
CLEAN = [
    "moon-cheese hi (original): 0 missing",
    "moon-cheese en: 0 missing, 0 stale",
    "status: 1 check, 0 missing, 0 stale",
]
ARTICLE_STALE = "the Hindi article changed since the English was marked done"


def status(capsys, *args: str) -> tuple[int, list[str]]:
    """Run `status` with these arguments: its exit code and the lines it printed."""
    code = main(["status", *args])
    captured = capsys.readouterr()
    return code, (captured.out + captured.err).splitlines()


def mark_done(capsys, *args: str) -> None:
    assert status(capsys, "--mark-done", "moon-cheese", *args) == (0, ["moon-cheese en: marked done (14 texts)"])


def test_a_fresh_tree_marked_done_is_clean(tree, capsys):
    mark_done(capsys)
    assert status(capsys) == (0, CLEAN)
    assert status(capsys, "--strict") == (0, CLEAN)


def test_an_edit_to_the_hindi_article_makes_the_english_stale(tree, capsys):
    mark_done(capsys)
    tree.replace(f"{CHECK}/article.hi.md", "25.8 अरब डॉलर खर्च हुए।", "25.8 अरब डॉलर खर्च हुए थे।")
    assert status(capsys) == (0, [
        "moon-cheese hi (original): 0 missing",
        "moon-cheese en: 0 missing, 1 stale",
        f"  stale: article: {ARTICLE_STALE}",
        "status: 1 check, 0 missing, 1 stale",
    ])
    assert status(capsys, "--strict")[0] == 1


def test_a_changed_hindi_field_names_the_claim_and_field(tree, capsys):
    mark_done(capsys)
    tree.replace(CLAIMS, 'reality: {hi: "लगभग सही।"', 'reality: {hi: "लगभग सही है।"')
    assert status(capsys)[1][2] == "  stale: claims.cost.reality: the Hindi reality of claim 'cost' changed since the English was marked done"


def test_stale_units_says_what_changed_per_translated_language(tree, capsys):
    mark_done(capsys)
    config = load_config(Path("content"), [], True)
    assert stale_units(tree.path(CHECK), config) == {"en": []}
    tree.replace(f"{CHECK}/article.hi.md", "खर्च हुए।", "खर्च हुए थे।")
    tree.replace(CLAIMS, 'quote: {hi: "25.8 अरब डॉलर"', 'quote: {hi: "25.8 अरब डॉलर खर्च"')
    assert stale_units(tree.path(CHECK), config) == {"en": [
        ARTICLE_STALE, "the Hindi quote of claim 'cost' changed since the English was marked done"]}


def test_mark_done_clears_a_stale_translation(tree, capsys):
    mark_done(capsys)
    tree.replace(f"{CHECK}/article.hi.md", "खर्च हुए।", "खर्च हुए थे।")
    assert status(capsys, "--strict")[0] == 1
    mark_done(capsys, "en")
    assert status(capsys, "--strict") == (0, CLEAN)


def test_rewrapping_the_original_text_does_not_make_a_translation_stale(tree, capsys):
    mark_done(capsys)
    tree.replace(f"{CHECK}/article.hi.md", "चाँद *पूरी तरह* पनीर", "चाँद *पूरी तरह*\nपनीर")
    assert status(capsys, "--strict") == (0, CLEAN)


def test_a_tree_without_a_record_is_never_recorded_not_stale(tree, capsys):
    tree.replace(f"{CHECK}/article.hi.md", "खर्च हुए।", "खर्च हुए थे।")
    assert status(capsys, "--strict") == (0, [
        "moon-cheese hi (original): 0 missing",
        "moon-cheese en: 0 missing, 0 stale, never recorded (`python build.py status --mark-done moon-cheese` records it)",
        "status: 1 check, 0 missing, 0 stale, 1 never recorded",
    ])
    assert stale_units(tree.path(CHECK), load_config(Path("content"), [], True)) == {"en": []}


def test_a_missing_english_field_is_reported_with_its_file_line_and_field(tree, capsys):
    mark_done(capsys)
    tree.replace(CLAIMS, ', en: "The missions cost $25.8 billion."', "")
    assert status(capsys, "--strict") == (1, [
        "moon-cheese hi (original): 0 missing",
        "moon-cheese en: 1 missing, 0 stale",
        "  missing: content/checks/moon-cheese/claims.yaml:37: claims.cost.claim has no en text",
        "status: 1 check, 1 missing, 0 stale",
    ])


def test_a_missing_english_article_is_reported_missing_and_not_recorded(tree, capsys):
    tree.path(f"{CHECK}/article.en.md").unlink()
    assert status(capsys, "--mark-done", "moon-cheese") == (0, ["moon-cheese en: marked done (13 texts); 1 still missing"])
    assert status(capsys, "--strict") == (1, [
        "moon-cheese hi (original): 0 missing",
        "moon-cheese en: 1 missing, 0 stale",
        "  missing: content/checks/moon-cheese/article.en.md: does not exist",
        "status: 1 check, 1 missing, 0 stale",
    ])


def test_a_text_added_after_mark_done_is_listed_as_not_recorded(tree, capsys):
    mark_done(capsys)
    tree.replace(CLAIMS, '    reality: {hi: "लगभग सही।", en: "Roughly right."}\n',
                 '    reality: {hi: "लगभग सही।", en: "Roughly right."}\n    note: {hi: "टिप्पणी", en: "A note"}\n')
    assert status(capsys, "--strict") == (0, [
        "moon-cheese hi (original): 0 missing",
        "moon-cheese en: 0 missing, 0 stale, 1 not recorded",
        "  not recorded: claims.cost.note",
        "status: 1 check, 0 missing, 0 stale, 1 not recorded",
    ])


def test_mark_done_names_the_valid_checks_and_languages(tree, capsys):
    assert status(capsys, "--mark-done", "moon") == (2, ["error: unknown check 'moon'; the checks are: moon-cheese"])
    assert status(capsys, "--mark-done", "moon-cheese", "fr") == (
        2, ["error: 'fr' is not a language of site.yaml; the translated languages are: en"])
    assert status(capsys, "--mark-done", "moon-cheese", "hi") == (
        2, ["error: 'hi' is the original language; the translated languages are: en"])
    assert not tree.path(RECORD).exists()


def test_the_record_is_commented_in_file_order_and_written_the_same_twice(tree, capsys):
    mark_done(capsys)
    first = tree.path(RECORD).read_bytes()
    mark_done(capsys)
    assert tree.path(RECORD).read_bytes() == first
    lines = first.decode("utf-8").splitlines()
    assert lines[0].startswith("# Translation record, written by `python build.py status --mark-done SLUG [LANG]`")
    units = [line.split(":")[0].strip() for line in lines if line.startswith("  ")]
    assert units == ["article", "title", "summary", "claims.cheese.claim", "claims.cheese.quote", "claims.cheese.reality",
                     "claims.cheese.note", "claims.cheese.figures.1.label", "claims.cheese.figures.2.label", "claims.cost.claim",
                     "claims.cost.quote", "claims.cost.reality", "claims.cost.figures.1.label", "corrections.2025-04-22.text"]
    assert [p.name for p in tree.path(CHECK).iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_the_build_ignores_the_record_and_the_preview_reads_it_for_its_stale_banners(tree, capsys):
    before = {preview: read_content(Path("content"), preview=preview).keys for preview in (False, True)}
    tree.write(RECORD, "not: [a record")  # even a broken one
    assert read_content(Path("content")).keys == before[False]  # a build reads the checks the same
    assert read_content(Path("content"), preview=True).keys != before[True]  # the preview's banners change with it
    builder = Rebuilder(Path("content"), Path("preview"))
    builder.loaded = read_content(Path("content"), preview=True)  # as after a first preview build
    assert builder.untouched_checks([tree.path(RECORD)]) == set()  # saving it re-reads its check


def test_a_broken_record_is_an_error_naming_the_file_and_the_fix(tree, capsys):
    tree.write(RECORD, "en: [1, 2]\n")
    assert status(capsys) == (1, [
        "content/checks/moon-cheese/translations.yaml:1: is not a translation record (a language, then one `unit: hash` line per text); "
        "delete it and run `python build.py status --mark-done moon-cheese`",
        "status failed: 1 error; nothing was written",
    ])


def test_marking_done_while_a_translation_is_missing_keeps_what_was_recorded_for_it(tree, capsys):
    mark_done(capsys)
    article = tree.path(f"{CHECK}/article.en.md")
    text = article.read_text(encoding="utf-8")
    article.unlink()  # the translator is redoing the English article
    assert status(capsys, "--mark-done", "moon-cheese")[0] == 0
    article.write_text(text, encoding="utf-8")
    assert status(capsys) == (0, CLEAN)  # its hash survived: neither stale nor "not recorded"
