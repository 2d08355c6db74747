"""Templates are plain Jinja: imports, macro arguments, every field of every check, current settings; no private hooks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tathya import pipeline
from tathya.cache import Cache
from tathya.pipeline import build
from tathya.rebuild import Rebuilder
from template_support import edit, read

PACKAGE = Path(pipeline.__file__).resolve().parent


def test_a_page_template_imports_a_partial_and_a_macro_tests_its_argument(tree, templates):
    edit(templates / "_partials/claim_card.html", '<div class="myth">',
         '<div class="myth">{% if heading == "p" %}<span class="on-its-own-page"></span>{% endif %}')
    edit(templates / "about.html", "{% block main %}",
         '{% from "_partials/verdict_badge.html" import verdict_badge as badge %}{% block main %}{{ badge(config.verdicts[0]) }}')
    build(Path("content"), Path("site"))
    assert '<span class="on-its-own-page">' in read("en/moon-cheese/claims/cheese/index.html")
    assert '<span class="on-its-own-page">' not in read("en/moon-cheese/index.html")
    assert read("en/about/index.html").count('data-verdict="true"') == 2  # the import's badge, and the scale's


def test_any_template_reads_every_field_of_every_check_on_a_big_site(tree, templates):
    """The home list and base.html read claims' reality on a site large enough to be read and drawn on several cores."""
    for i in range(pipeline.FORK_FROM + 2):
        shutil.copytree(tree.path("checks/moon-cheese"), tree.path(f"checks/copy-{i:02}"))
    edit(templates / "_partials/check_item.html", "{{ check.summary|md }}", "{{ check.summary|md }}{{ check.claims[0].reality|md }}")
    edit(templates / "base.html", "</main>",
         '<p class="every">{% for c in site.checks %}{{ c.claims[-1].reality[lang] }}|{% endfor %}</p>\n</main>')
    cache = Cache.open(Path("cache"))
    build(Path("content"), Path("site"), cache=cache, jobs=2)
    every = pipeline.FORK_FROM + 3
    assert read("en/copy-07/claims/cost/index.html").split('class="every"')[1].count("Roughly right.|") == every
    lists = ["en/index.html", *(p.relative_to("site").as_posix() for p in sorted(Path("site/en/page").glob("*/index.html")))]
    assert sum(read(rel).count("<p>The Apollo missions brought back 382 kg of rock.</p>") for rel in lists) == every  # all list pages
    edit(templates / "base.html", 'class="every"', 'class="every edited"')
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")), jobs=2)  # warm, after a template edit
    assert 'class="every edited"' in read("en/copy-00/index.html")


def test_a_page_listing_every_check_follows_a_title_change(tree, templates):
    edit(templates / "about.html", "</article>", '<ul class="all">{% for c in site.checks %}<li>{{ c.title|t }}</li>{% endfor %}</ul>\n</article>')
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    assert "<li>Is the Moon made of cheese?</li>" in read("en/about/index.html")
    tree.replace("checks/moon-cheese/claims.yaml", "Is the Moon made of cheese?", "Is the Moon made of rock?")
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    assert "<li>Is the Moon made of rock?</li>" in read("en/about/index.html")


def test_config_inside_a_macro_is_current_after_a_preview_rebuild(tree, templates):
    edit(templates / "_partials/verdict_badge.html", '<span class="verdict-label">', '<span class="desk">{{ config.title[lang] }}</span><span class="verdict-label">')
    builder = Rebuilder(Path("content"), Path("preview"))
    builder.build()
    assert '<span class="desk">Test desk</span>' in read("en/moon-cheese/index.html", "preview")
    tree.replace("site.yaml", 'en: "Test desk"', 'en: "Moon desk"')
    builder.rebuild([tree.path("site.yaml")])
    assert '<span class="desk">Moon desk</span>' in read("en/moon-cheese/index.html", "preview")
    assert '<span class="desk">Test desk</span>' not in read("en/moon-cheese/index.html", "preview")


# Names that only a library's own code may use: underscore attributes of its modules and classes,
# and the classes tathya used to patch. A test, so that none comes back unnoticed.
PRIVATE = re.compile(r"\b(jinja2|markupsafe|markdown|md_lib|livereload|tornado)(\.\w+)*\._[a-zA-Z]|_escape_inner|"
                     r"_from_namespace|_InlineProcessor__|_loop_vars|_block_vars|\.delimiters\b|LiveReloadHandler|"
                     r"runtime\.Context\b|context_class|make_globals|_getframe|__jinja_template__")


@pytest.mark.parametrize("module", sorted(p.name for p in PACKAGE.glob("*.py")))
def test_no_private_interface_of_a_library_is_used(module):
    text = (PACKAGE / module).read_text(encoding="utf-8")
    assert [m.group(0) for m in PRIVATE.finditer(text)] == []


def test_what_jinja_works_out_while_compiling_follows_the_settings_and_the_language(tree, templates):
    """Jinja computes filters of constants when it compiles: compiled templates are kept per settings and language."""
    edit(templates / "_partials/footer.html", "</footer>", '<p class="big">{{ 100000|number }}</p>\n</footer>')
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    build(Path("content"), Path("site"), base_url="https://other.example.org/x/", cache=Cache.open(Path("cache")))
    assert "other.example.org" in read("robots.txt") and "example.github.io" not in read("robots.txt")
    hi, en = (read(f"{lang}/index.html").split('<p class="big">')[1].split("<")[0] for lang in ("hi", "en"))
    assert (hi, en) == ("1 लाख", "100 thousand")


def test_a_partial_that_reads_every_check_at_its_top_level_keeps_every_page_fresh(tree, templates):
    """Jinja runs an imported partial's top-level code once per build: the pages importing it still depend on every check."""
    (templates / "_partials/newest.html").write_text(
        '{% set newest = site.checks|first %}{% macro newest_title() %}{{ newest.title|t }}{% endmacro %}\n', encoding="utf-8")
    edit(templates / "claim.html", "{% block main %}",
         '{% from "_partials/newest.html" import newest_title %}{% block main %}<p class="newest">{{ newest_title() }}</p>')
    shutil.copytree(tree.path("checks/moon-cheese"), tree.path("checks/moon-rock"))
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    tree.replace("checks/moon-cheese/claims.yaml", "Is the Moon made of cheese?", "Is the Moon made of rock?")  # the newest
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    build(Path("content"), Path("clean"), cache=Cache.open(Path("clean-cache")))
    for rel in ("en/moon-rock/claims/cheese/index.html", "en/moon-rock/claims/cost/index.html"):  # pages of the other check
        assert read(rel) == read(rel, "clean") and '<p class="newest">Is the Moon made of rock?</p>' in read(rel)


def test_printing_a_text_in_several_languages_as_it_is_names_the_template_and_line(tree, templates):
    from tathya.errors import BuildFailed

    edit(templates / "check.html", "<h1>{{ check.title|t }}</h1>", "<h1>{{ check.title }}</h1>")
    with pytest.raises(BuildFailed) as info:
        build(Path("content"), Path("site"))
    first = str(info.value.errors[0]).splitlines()[0]
    assert first.startswith(f"{templates}/check.html:") and "write x|t, or x[lang] for one language" in first
