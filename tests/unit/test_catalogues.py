"""`build.py catalogues`: a new UI string reaches every catalogue; what is untranslated is listed; builds name the .po line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tathya.cli import main
from tathya.errors import BuildFailed
from tathya.i18n import Catalogue, load_catalogues
from tathya.pipeline import build
from template_support import edit, read

NEW = "<h1>{{ check.title|t }}</h1>"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def po_entry(po: Path, msgid: str, context: str | None = None) -> tuple[int, str]:
    """The line of an entry's msgid in a .po file and the text of its msgstr line."""
    lines = po.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line == f'msgid "{msgid}"' and (context is None or lines[i - 1] == f'msgctxt "{context}"'):
            start = i if context is None else i - 1
            return start + 1, lines[i + 1]
    raise AssertionError(f"{msgid!r} not in {po}")


def translate(po: Path, msgid: str, text: str, context: str | None = None) -> None:
    line, msgstr = po_entry(po, msgid, context)
    assert msgstr == 'msgstr ""'
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    at = line if context is None else line + 1  # the msgstr line (0-based index = line number of msgid)
    lines[at] = f'msgstr "{text}"\n'
    po.write_text("".join(lines), encoding="utf-8")


def test_a_new_ui_string_reaches_every_catalogue_english_is_filled_and_hindi_is_listed(tree, templates, locales, capsys):
    edit(templates / "check.html", NEW, NEW + '\n<p>{{ _("Our findings") }}</p>')
    assert main(["catalogues"]) == 1
    out = capsys.readouterr().out
    en, hi = locales / "en/LC_MESSAGES/messages.po", locales / "hi/LC_MESSAGES/messages.po"
    assert po_entry(en, "Our findings")[1] == 'msgstr "Our findings"'
    line, msgstr = po_entry(hi, "Our findings")
    assert msgstr == 'msgstr ""'
    assert f"{hi.relative_to(Path.cwd())}:{line}: UI string 'Our findings' is not translated; write its msgstr" in out.splitlines(), out
    assert "1 UI string not translated" in out
    assert 'msgid "Our findings"' in (locales / "messages.pot").read_text(encoding="utf-8")

    with pytest.raises(BuildFailed) as info:  # the build refuses, naming the line and the command
        build(Path("content"), Path("site"))
    assert [str(e) for e in info.value.errors] == [
        f"{hi}:{line}: UI string 'Our findings' is not translated; write its msgstr (`python build.py catalogues` lists every one)"]
    build(Path("content"), Path("preview"), preview=True)  # the preview shows it pending instead
    assert "<p>Our findings [अनुवाद बाकी है]</p>" in Path("preview/hi/moon-cheese/index.html").read_text(encoding="utf-8")

    translate(hi, "Our findings", "हमारे निष्कर्ष")
    assert main(["catalogues"]) == 0
    build(Path("content"), Path("site"))
    assert "<p>हमारे निष्कर्ष</p>" in read("hi/moon-cheese/index.html")
    assert "<p>Our findings</p>" in read("en/moon-cheese/index.html")


def test_running_it_twice_or_with_nothing_new_changes_no_file(tree, templates, locales, capsys):
    before = snapshot(locales)
    assert main(["catalogues"]) == 0
    assert snapshot(locales) == before  # headers too: no POT-Creation-Date rewritten
    assert "updated" not in capsys.readouterr().out
    edit(templates / "check.html", NEW, NEW + '\n<p>{{ _("Our findings") }}</p>')
    main(["catalogues"])
    after = snapshot(locales)
    assert main(["catalogues"]) == 1
    assert snapshot(locales) == after
    header = lambda files: [line for line in files["hi/LC_MESSAGES/messages.po"].splitlines() if line.startswith(b'"POT-')]
    assert header(after) == header(before)


def test_an_untranslated_plural_counts(tree, templates, locales, capsys):
    edit(templates / "check.html", NEW, NEW + '\n<p>{{ ngettext("%(n)s finding", "%(n)s findings", 2)|format(n=2) }}</p>')
    assert main(["catalogues"]) == 1
    out = capsys.readouterr().out
    assert "UI string '%(n)s finding' is not translated" in out and "hi/LC_MESSAGES/messages.po:" in out
    en = (locales / "en/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert 'msgstr[0] "%(n)s finding"\nmsgstr[1] "%(n)s findings"' in en
    hi = locales / "hi/LC_MESSAGES/messages.po"
    hi.write_text(hi.read_text(encoding="utf-8").replace('msgid_plural "%(n)s findings"\nmsgstr[0] ""\nmsgstr[1] ""',
                                                         'msgid_plural "%(n)s findings"\nmsgstr[0] "%(n)s निष्कर्ष"\nmsgstr[1] ""'),
                  encoding="utf-8")
    assert main(["catalogues"]) == 1  # one empty form is still untranslated
    assert "UI string '%(n)s finding' is not translated" in capsys.readouterr().out


def test_a_string_missing_from_the_catalogue_names_the_template_line_and_the_command(tree, templates, locales):
    """Not yet extracted: the error names the catalogue, the template line that uses the string, and the command."""
    edit(templates / "check.html", NEW, NEW + '\n<p>{{ _("Our findings") }}</p>')
    with pytest.raises(BuildFailed) as info:
        build(Path("content"), Path("site"))
    line = (templates / "check.html").read_text(encoding="utf-8").splitlines().index('<p>{{ _("Our findings") }}</p>') + 1
    messages = {str(e) for e in info.value.errors}
    for lang in ("en", "hi"):
        po = locales / lang / "LC_MESSAGES/messages.po"
        assert (f"{po}: UI string 'Our findings' has no translation (used at {templates}/check.html:{line}); "
                "run `python build.py catalogues` to add it to the catalogue, then write its msgstr") in messages


def test_a_context_gives_one_english_string_two_translations(tree, templates, locales, capsys):
    footer = templates / "_partials/footer.html"
    edit(footer, '{{ _("Published by") }}', '{{ pgettext("footer", "Published by") }}')
    edit(templates / "check.html", NEW, NEW + '\n<p>{{ pgettext("check header", "Published by") }}</p>')
    assert main(["catalogues"]) == 1
    out = capsys.readouterr().out
    assert "UI string 'Published by' (context 'footer') is not translated" in out
    assert "UI string 'Published by' (context 'check header') is not translated" in out
    hi = locales / "hi/LC_MESSAGES/messages.po"
    translate(hi, "Published by", "प्रकाशक", context="footer")
    translate(hi, "Published by", "प्रकाशित किया", context="check header")
    assert main(["catalogues"]) == 0
    en = (locales / "en/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert 'msgctxt "footer"\nmsgid "Published by"\nmsgstr "Published by"' in en

    sink: list = []
    catalogue = load_catalogues(locales, ("hi",), sink)["hi"]
    assert sink == []
    assert catalogue.pgettext("footer", "Published by") == "प्रकाशक"
    assert catalogue.pgettext("check header", "Published by") == "प्रकाशित किया"
    build(Path("content"), Path("site"))  # the templates' pgettext, as the renderer installs it
    page = Path("site/hi/moon-cheese/index.html").read_text(encoding="utf-8")
    assert "<p>प्रकाशित किया</p>" in page and "<p>प्रकाशक <a" in page


def test_npgettext_picks_the_form_in_its_context():
    catalogue = Catalogue("hi", {("list", "%(n)s check"): "%(n)s जाँच", ("list", "%(n)s checks"): "%(n)s जाँचें"}, Path("hi.po"))
    assert catalogue.npgettext("list", "%(n)s check", "%(n)s checks", 1) == "%(n)s जाँच"
    assert catalogue.npgettext("list", "%(n)s check", "%(n)s checks", 5) == "%(n)s जाँचें"
