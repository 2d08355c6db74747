"""`extra:` on site.yaml, checks and claims: the desk's own fields, free-form, read as written, printed by plain Jinja."""

from __future__ import annotations

import copy
import pickle
import shutil
from pathlib import Path

import jinja2
import pytest

from tathya import pipeline, yamlsrc
from tathya.cache import Cache
from tathya.errors import BuildFailed
from tathya.extra import EMPTY, Extra
from tathya.pipeline import build
from template_support import edit, read

CLAIMS = "checks/moon-cheese/claims.yaml"
SITE_EXTRA = """extra:
  donate_url: https://example.org/donate
  launched: 2025
"""
CHECK_EXTRA = """extra:
  desk_id: MC-007
  reviewed: false
  ratio: 1.50
  nothing: ~
  blank:
  quoted: "  spaced "
  tags: [moon, 2025, {nested: yes}]
  video:
    url: https://example.org/v
    minutes: 03
  block: |
    line one
    line two
"""


def add_extras(tree) -> None:
    """extra at all three levels of the mini tree: site.yaml, the check, and the first claim (not the second)."""
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8") + SITE_EXTRA)
    tree.replace(CLAIMS, "published: 2025-04-20\n", "published: 2025-04-20\n" + CHECK_EXTRA)
    tree.replace(CLAIMS, "  - id: cheese\n", "  - id: cheese\n    extra: {video: https://example.org/cheese.mp4, x: '007'}\n")


def print_extras(templates: Path) -> None:
    """Templates that print each level's extra with plain Jinja, testing a key the second claim lacks."""
    edit(templates / "base.html", "</main>", '<p class="donate">{{ config.extra.donate_url }}|{{ config.extra["launched"] }}</p>\n</main>')
    edit(templates / "check.html", '<h1>{{ check.title|t }}</h1>',
         '<h1>{{ check.title|t }}</h1><p class="desk">{{ check.extra.desk_id }}|{{ check.extra.reviewed }}|{{ check.extra.ratio }}|'
         '{{ check.extra.video.minutes }}|{{ check.extra["video"]["url"] }}|{% for t in check.extra.tags %}{{ t.nested if t is mapping else t }},{% endfor %}|'
         '{{ check.extra.nothing is none }}|{{ check.extra.quoted }}|{% for k, v in check.extra.items() %}{{ k }};{% endfor %}</p>')
    edit(templates / "_partials/claim_card.html", '<div class="myth">',
         '<div class="myth">{% if claim.extra.video %}<a class="video" href="{{ claim.extra.video }}">{{ claim.extra["x"] }}</a>'
         '{% else %}<span class="no-video">{{ claim.extra.x|default("none") }}</span>{% endif %}')


def test_extra_is_read_as_written_at_all_three_levels(tree):
    add_extras(tree)
    site = tree.load()
    check = site.checks[0]
    assert site.config.extra == {"donate_url": "https://example.org/donate", "launched": "2025"}
    assert check.extra["reviewed"] == "false" and check.extra["ratio"] == "1.50" and check.extra["video"]["minutes"] == "03"
    assert check.extra["nothing"] is None and check.extra["blank"] is None and check.extra["quoted"] == "  spaced "
    assert check.extra["tags"] == ("moon", "2025", Extra({"nested": "yes"}))
    assert isinstance(check.extra["tags"], tuple) and isinstance(check.extra["video"], Extra)
    assert check.extra["block"] == "line one\nline two\n"
    assert list(check.extra) == ["desk_id", "reviewed", "ratio", "nothing", "blank", "quoted", "tags", "video", "block"]  # as written
    assert check.claims[0].extra == {"video": "https://example.org/cheese.mp4", "x": "007"}
    assert check.claims[1].extra is EMPTY and len(EMPTY) == 0


def test_extra_is_immutable_pickles_and_shows_its_content_in_repr(tree):
    add_extras(tree)
    site = tree.load()
    extra = site.checks[0].extra
    with pytest.raises(TypeError):
        extra["desk_id"] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        extra.desk_id = "x"
    assert pickle.loads(pickle.dumps(site.checks[0], protocol=pickle.HIGHEST_PROTOCOL)).extra == extra
    assert copy.deepcopy(extra) == extra and hash(copy.deepcopy(extra)) == hash(extra)
    assert "MC-007" in repr(extra) and "https://example.org/donate" in repr(site.config)
    assert repr(tree.load().config) == repr(site.config)  # deterministic: the settings key is a hash of it
    assert Extra({"a": "1", "b": "2"}) != Extra({"b": "2", "a": "1"})  # order is what a template's loop sees
    assert yamlsrc.NULL_TAG == "tag:yaml.org,2002:null"  # extra.py's copy of it


def test_extra_at_every_level_reaches_the_templates_and_prints(tree, templates):
    add_extras(tree)
    print_extras(templates)
    build(Path("content"), Path("site"))
    page = read("en/moon-cheese/index.html")
    assert '<p class="donate">https://example.org/donate|2025</p>' in page
    assert '<p class="desk">MC-007|false|1.50|03|https://example.org/v|moon,2025,yes,|True|  spaced |' in page
    assert "desk_id;reviewed;ratio;nothing;blank;quoted;tags;video;block;</p>" in page
    assert '<a class="video" href="https://example.org/cheese.mp4">007</a>' in page  # a key the other claim lacks tests false
    assert '<span class="no-video">none</span>' in page
    assert '<a class="video" href="https://example.org/cheese.mp4">007</a>' in read("en/moon-cheese/claims/cheese/index.html")
    assert '<p class="donate">https://example.org/donate|2025</p>' in read("hi/index.html")


def test_printing_a_key_extra_lacks_is_a_template_error(tree, templates):
    edit(templates / "check.html", "<h1>{{ check.title|t }}</h1>", "<h1>{{ check.title|t }}</h1>{{ check.extra.desk_id }}")
    with pytest.raises(BuildFailed) as info:
        build(Path("content"), Path("site"))
    message = str(info.value.errors[0])
    assert "check.html" in message and "extra has no key 'desk_id'" in message


@pytest.mark.parametrize("rel, old, new, line", [
    ("site.yaml", "base_url:", "extra: [donate]\nbase_url:", 4),
    (CLAIMS, "published: 2025-04-20\n", "published: 2025-04-20\nextra: MC-007\n", 6),
    (CLAIMS, "    verdict: mostly-true\n", "    verdict: mostly-true\n    extra:\n      - video\n", 38),
    (CLAIMS, "    verdict: mostly-true\n", "    verdict: mostly-true\n    extra:\n", 37),  # empty: a null, not a mapping
])
def test_an_extra_that_is_not_a_mapping_names_its_file_and_line(tree, rel, old, new, line):
    tree.replace(rel, old, new)
    assert tree.errors() == [f"content/{rel}:{line}: extra must be a mapping of the desk's own fields; "
                             "write `name: value` lines indented under `extra:`"]


def test_an_unknown_key_beside_extra_is_still_an_error(tree):
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8") + "extra: {a: b}\nextras: {a: b}\n")
    tree.replace(CLAIMS, "published: 2025-04-20\n", "published: 2025-04-20\nextra: {}\nextar: {}\n")
    tree.replace(CLAIMS, "  - id: cheese\n", "  - id: cheese\n    extra: {a: b}\n    exta: {a: b}\n")
    assert sorted(tree.errors()) == [
        f"content/{CLAIMS}:18: unknown key 'exta' in claim; did you mean 'extra'?",
        f"content/{CLAIMS}:7: unknown key 'extar' in claims.yaml; did you mean 'extra'?",
        "content/site.yaml:11: unknown key 'extras' in site.yaml; did you mean 'extra'?",
    ]


def test_a_key_repeated_inside_extra_is_an_error(tree):
    tree.replace(CLAIMS, "published: 2025-04-20\n", "published: 2025-04-20\nextra:\n  video:\n    url: a\n    url: b\n")
    assert tree.errors() == [f"content/{CLAIMS}:9: duplicate key 'url' in extra; keep only one of them"]


def tree_bytes(out: str) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(Path(out).rglob("*")) if p.is_file()}


@pytest.mark.parametrize("rel, old, new, shown", [
    ("site.yaml", "donate_url: https://example.org/donate", "donate_url: https://example.org/give", "example.org/give|2025"),
    (CLAIMS, "desk_id: MC-007", "desk_id: MC-008", "MC-008|false"),
    (CLAIMS, "x: '007'", "x: '008'", ">008</a>"),
])
def test_a_warm_build_after_an_extra_changes_equals_a_clean_build(tree, templates, rel, old, new, shown):
    add_extras(tree)
    print_extras(templates)
    cache = Cache.open(Path("cache"))
    build(Path("content"), Path("site"), cache=cache)
    tree.replace(rel, old, new)
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")))
    build(Path("content"), Path("clean"), cache=Cache.open(Path("fresh-cache")))
    assert shown in read("en/moon-cheese/index.html")
    assert tree_bytes("site") == tree_bytes("clean")


def test_an_extra_change_changes_its_check_key_and_the_settings(tree):
    from tathya.load import read_content
    add_extras(tree)
    before = read_content(Path("content"))
    tree.replace(CLAIMS, "x: '007'", "x: '008'")
    after_claim = read_content(Path("content"))
    assert after_claim.keys["moon-cheese"] != before.keys["moon-cheese"] and after_claim.settings == before.settings
    tree.replace("site.yaml", "launched: 2025", "launched: 2026")
    after_site = read_content(Path("content"))
    assert after_site.settings != after_claim.settings


def test_extra_crosses_to_forked_readers_and_back_from_the_cache(tree, templates):
    """Enough checks to be read and drawn on several cores: extra comes back pickled, and again from the cache."""
    add_extras(tree)
    print_extras(templates)
    for i in range(pipeline.FORK_FROM + 1):
        shutil.copytree(tree.path("checks/moon-cheese"), tree.path(f"checks/copy-{i:02}"))
    build(Path("content"), Path("site"), cache=Cache.open(Path("cache")), jobs=2)
    tree.replace(CLAIMS, "desk_id: MC-007", "desk_id: MC-009")
    result = build(Path("content"), Path("site"), cache=Cache.open(Path("cache")), jobs=2)
    assert result.site.checks[-1].extra["video"] == Extra({"url": "https://example.org/v", "minutes": "03"})
    assert "MC-007|false|1.50|03|" in read("en/copy-40/index.html") and "MC-009|false" in read("en/moon-cheese/index.html")
    build(Path("content"), Path("clean"), cache=Cache.open(Path("fresh-cache")), jobs=2)
    assert tree_bytes("site") == tree_bytes("clean")


def test_a_text_per_language_in_extra_prints_with_t_and_a_whole_mapping_is_an_error(tree, templates):
    """From a desk's trial: `region: {hi: ..., en: ...}` printed with |t, and {{ check.extra }} refused with a hint."""
    tree.replace("checks/moon-cheese/claims.yaml", "claims:\n", "extra:\n  region: {hi: उत्तर भारत, en: North India}\nclaims:\n")
    check_html = templates / "check.html"
    check_html.write_text(check_html.read_text(encoding="utf-8").replace(
        "<h1>{{ check.title|t }}</h1>", '<h1>{{ check.title|t }}</h1><p class="region">{{ check.extra.region|t }}</p>'), encoding="utf-8")
    build(Path("content"), Path("site"))
    assert '<p class="region">North India</p>' in Path("site/en/moon-cheese/index.html").read_text(encoding="utf-8")
    assert '<p class="region">उत्तर भारत</p>' in Path("site/hi/moon-cheese/index.html").read_text(encoding="utf-8")
    check_html.write_text(check_html.read_text(encoding="utf-8").replace("{{ check.extra.region|t }}", "{{ check.extra }}"), encoding="utf-8")
    with pytest.raises(BuildFailed) as info:
        build(Path("content"), Path("site2"))
    assert "extra fields region cannot be printed all at once; print one" in str(info.value.errors[0])


def test_a_field_named_like_a_method_reads_as_the_field():
    extra = Extra({"items": "three cards", "get": "x"})
    assert jinja2.Environment().from_string("{{ e.items }}|{{ e.get }}|{{ e.keys() | list }}").render(e=extra) == (
        "three cards|x|['items', 'get']")
    assert extra == Extra({"items": "three cards", "get": "x"}) and extra == {"items": "three cards", "get": "x"}
