"""What tathya reads from content/: only files inside it, only regular files, only so much, and safe values."""

from __future__ import annotations

import json
import os
import signal
import stat
from pathlib import Path

import pytest

from tathya.errors import BuildFailed
from tathya.load import CHECK_KEYS, CHECK_OPTIONAL

CLAIMS = "checks/moon-cheese/claims.yaml"
C = "content/" + CLAIMS
SITE = "content/site.yaml"
ARTICLE = "checks/moon-cheese/article.hi.md"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
SVG_FIX = "remove it (an SVG logo may not have scripts, event handlers, javascript: URLs, <foreignObject>, external references or a DOCTYPE)"


@pytest.fixture
def alarm():
    """Fail a test that blocks (a FIFO opened for reading waits for a writer) instead of hanging the run."""
    def ring(signum, frame):
        raise TimeoutError("the build blocked")
    old = signal.signal(signal.SIGALRM, ring)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def with_logo(tree, rel: str, data: bytes | None = None) -> None:
    """site.yaml's publisher gets `logo: rel` (line 8), and the file `rel` holds `data`."""
    tree.replace("site.yaml", "  url: https://example.org/\n", f"  url: https://example.org/\n  logo: {rel}\n")
    if data is not None:
        tree.path(rel).parent.mkdir(parents=True, exist_ok=True)
        tree.path(rel).write_bytes(data)


# 1. Symbolic links out of content/

def test_about_page_linked_outside_the_content_folder_is_refused(tree, tmp_path):
    (tmp_path / "passwd").write_text("root:x:0:0:root:/root:/bin/sh\n", encoding="utf-8")
    tree.path("about.en.md").unlink()
    tree.path("about.en.md").symlink_to(tmp_path / "passwd")
    assert tree.errors() == ["content/about.en.md: is a symbolic link to a file outside the content folder; replace it with the file itself"]


def test_article_linked_outside_the_content_folder_is_refused(tree, tmp_path):
    (tmp_path / "elsewhere.md").write_text("चाँद पूरी तरह पनीर का बना है, 25.8 अरब डॉलर", encoding="utf-8")
    tree.path(ARTICLE).unlink()
    tree.path(ARTICLE).symlink_to(tmp_path / "elsewhere.md")
    assert tree.errors() == [f"content/{ARTICLE}: is a symbolic link to a file outside the content folder; replace it with the file itself"]


def test_site_yaml_linked_outside_the_content_folder_is_refused(tree, tmp_path):
    tree.path("site.yaml").rename(tmp_path / "site.yaml")
    tree.path("site.yaml").symlink_to(tmp_path / "site.yaml")
    assert tree.errors() == [f"{SITE}: is a symbolic link to a file outside the content folder; replace it with the file itself"]


def test_check_folder_linked_outside_the_content_folder_is_refused(tree, tmp_path):
    import shutil

    shutil.copytree(tree.path("checks/moon-cheese"), tmp_path / "outside")
    tree.path("checks/sun-cheese").symlink_to(tmp_path / "outside")
    assert tree.errors() == [
        "content/checks/sun-cheese: is a symbolic link to a folder outside the content folder; replace it with the folder itself"
    ]


def test_checks_folder_linked_outside_the_content_folder_is_refused(tree, tmp_path):
    tree.path("checks").rename(tmp_path / "checks")
    tree.path("checks").symlink_to(tmp_path / "checks")
    assert tree.errors() == [
        "content/checks: is a symbolic link to a folder outside the content folder; replace it with the folder itself"
    ]


def test_links_that_stay_inside_the_content_folder_are_followed(tree):
    import shutil

    tree.path("drafts").mkdir()
    shutil.copytree(tree.path("checks/moon-cheese"), tree.path("drafts/sun-cheese"))
    tree.path("checks/sun-cheese").symlink_to("../drafts/sun-cheese")
    tree.path(ARTICLE).rename(tree.path("drafts/article.hi.md"))
    tree.path(ARTICLE).symlink_to("../../drafts/article.hi.md")
    assert [check.slug for check in tree.load().checks] == ["moon-cheese", "sun-cheese"]


def test_a_content_folder_that_is_itself_a_link_is_read(tree, tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    os.symlink(tree.root, tmp_path / "site" / "content")
    monkeypatch.chdir(tmp_path / "site")
    assert tree.load().checks[0].slug == "moon-cheese"


# 2. FIFOs, devices, folders and unreadable files

def test_fifo_named_like_an_article_is_refused_without_opening_it(tree, alarm):
    tree.path(ARTICLE).unlink()
    os.mkfifo(tree.path(ARTICLE))
    assert tree.errors() == [f"content/{ARTICLE}: is a named pipe (FIFO), not a file; replace it with an ordinary file"]


def test_fifo_named_like_an_article_is_not_opened_by_the_build_cache(tree, alarm, tmp_path):
    from tathya.cache import Cache

    cache = Cache.open(tmp_path / "cache")
    tree.load(cache=cache)
    cache.save()
    tree.path(ARTICLE).unlink()
    os.mkfifo(tree.path(ARTICLE))
    assert tree.errors(cache=Cache.open(tmp_path / "cache")) == [
        f"content/{ARTICLE}: is a named pipe (FIFO), not a file; replace it with an ordinary file"
    ]


def test_device_named_like_claims_yaml_is_refused(tree):
    tree.path(CLAIMS).unlink()
    try:
        os.mknod(tree.path(CLAIMS), stat.S_IFCHR | 0o600, os.makedev(1, 3))  # /dev/null's numbers
    except PermissionError:
        pytest.skip("making a device node needs root")
    assert tree.errors() == [f"{C}: is a device, not a file; replace it with an ordinary file"]


def test_folder_named_like_claims_yaml_is_refused(tree):
    tree.path(CLAIMS).unlink()
    tree.path(CLAIMS).mkdir()
    assert tree.errors() == [f"{C}: is a folder, not a file; replace it with an ordinary file"]


def test_unreadable_file_is_named(tree, monkeypatch):
    real_open = os.open

    def refuse(path, *args, **kw):
        if str(path).endswith("moon-cheese/article.hi.md"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kw)

    monkeypatch.setattr(os, "open", refuse)
    assert tree.errors() == [f"content/{ARTICLE}: cannot be read (Permission denied); check the file exists and is readable"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode; the monkeypatched test covers this")
def test_file_with_mode_000_is_named(tree):
    tree.path(ARTICLE).chmod(0)
    assert tree.errors() == [f"content/{ARTICLE}: cannot be read (Permission denied); check the file exists and is readable"]


def test_unreadable_checks_folder_is_named(tree, monkeypatch):
    real_listdir = os.listdir

    def refuse(path="."):
        if str(path).endswith("checks"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", refuse)
    assert tree.errors() == ["content/checks: cannot be read (Permission denied); check the folder is readable"]


# 3. YAML anchors and aliases

BOMB = """x0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]
x1: &a1 [*a0,*a0,*a0,*a0,*a0,*a0,*a0,*a0,*a0]
x2: &a2 [*a1,*a1,*a1,*a1,*a1,*a1,*a1,*a1,*a1]
x3: &a3 [*a2,*a2,*a2,*a2,*a2,*a2,*a2,*a2,*a2]
x4: &a4 [*a3,*a3,*a3,*a3,*a3,*a3,*a3,*a3,*a3]
x5: &a5 [*a4,*a4,*a4,*a4,*a4,*a4,*a4,*a4,*a4]
? *a5
: boom
"""


def test_yaml_alias_bomb_as_a_key_is_refused_at_the_first_anchor(tree):
    text = tree.path(CLAIMS).read_text(encoding="utf-8")
    tree.write(CLAIMS, text + BOMB)
    assert tree.errors() == [
        f"{C}:51: YAML anchors and aliases (&name, *name) are not supported; write the value out in full"
    ]


def test_yaml_anchor_is_refused_in_site_yaml(tree):
    tree.replace("site.yaml", "  name: {hi:", "  name: &desk {hi:")
    assert tree.errors() == [f"{SITE}:6: YAML anchors and aliases (&name, *name) are not supported; write the value out in full"]


def test_yaml_alias_is_refused_in_front_matter(tree):
    tree.replace("checks/moon-cheese/article.en.md", "title: The Moon is cheese", "title: *t")
    assert tree.errors() == [
        "content/checks/moon-cheese/article.en.md:2: YAML anchors and aliases (&name, *name) are not supported; write the value out in full"
    ]


@pytest.mark.parametrize("text, line", [
    ("a: &x 1", 1), ("a: 1\nb: *x", 2), ("- *x", 1), ("[*x]", 1), ("{a: *x}", 1), ("{a: 1,*x: 2}", 1), ("a: !!str &x b", 1),
    ("a:\n  *x", 2), ("a:\x85 *x", 2), ("&x a: 1", 1), ("--- &x\na: 1", 1), ("? &x a\n: 1", 1), ("a: [1,\n  *x]", 2), ("a: [1,  *x]", 1),
])
def test_every_place_an_anchor_can_stand_is_found(text, line):
    from tathya import yamlsrc
    from tathya.errors import Errors

    for loader in (yamlsrc.LOADER, yamlsrc.PureLoader):
        errs = Errors("x.yaml")
        yamlsrc.LOADER, old = loader, yamlsrc.LOADER
        try:
            assert yamlsrc.parse_yaml(text, errs) is None
        finally:
            yamlsrc.LOADER = old
        assert [str(e) for e in errs.sink] == [f"x.yaml:{line}: YAML anchors and aliases (&name, *name) are not supported; write the value out in full"]


def test_stars_and_ampersands_in_text_are_not_aliases(tree):
    tree.replace(CLAIMS, 'en: "Roughly right."', 'en: "*Roughly* right & fair, *mostly*."')
    assert tree.load().checks[0].claims[1].reality["en"] == "*Roughly* right & fair, *mostly*."


def test_list_as_a_mapping_key_is_reported_without_its_value(tree):
    tree.write(CLAIMS, tree.path(CLAIMS).read_text(encoding="utf-8") + "? [" + "lol, " * 5000 + "lol]\n: boom\n")
    assert tree.errors() == [f"{C}:51: a key in claims.yaml is a list, not a name; write a plain name before the colon"]


# 4. Bounded work

def test_file_over_one_mib_is_refused(tree):
    tree.path(ARTICLE).write_bytes(b"a" * (1024 * 1024 + 1))
    assert tree.errors() == [f"content/{ARTICLE}: is larger than 1 MiB (1,048,577 bytes); make it smaller"]


def test_file_of_one_mib_is_read(tree):
    text = tree.path(ARTICLE).read_text(encoding="utf-8")
    padding = 1024 * 1024 - len(text.encode("utf-8")) - 2
    tree.write(ARTICLE, text + "\n\n" + "a" * padding)
    assert tree.path(ARTICLE).stat().st_size == 1024 * 1024
    assert tree.load().checks[0].slug == "moon-cheese"


def test_file_with_more_than_a_thousand_brackets_is_refused_at_the_line_of_the_first_too_many(tree):
    text = tree.path(ARTICLE).read_text(encoding="utf-8")
    tree.write(ARTICLE, text + "\n\n" + "[a " * 600 + "\n\n" + "[a " * 401 + "\n")
    line = text.count("\n") + 5
    assert tree.errors() == [f"content/{ARTICLE}:{line}: has more than 1,000 '[' characters, which Markdown takes too long "
                             "to read; remove the ones that are not links (a link needs one pair)"]


def test_file_with_a_thousand_brackets_is_read(tree):
    text = tree.path(ARTICLE).read_text(encoding="utf-8")
    tree.write(ARTICLE, text + "\n\n" + "[a " * (1000 - text.count("[")) + "\n")
    assert tree.load().checks[0].slug == "moon-cheese"


def test_yaml_nested_more_than_fifty_levels_is_refused(tree):
    tree.replace(CLAIMS, "updated: 2025-04-22", "updated: " + "[" * 50 + "]" * 50)
    assert tree.errors() == [f"{C}:6: YAML is nested more than 50 levels deep; flatten it"]


def test_yaml_nested_fifty_levels_is_parsed(tree):
    tree.replace(CLAIMS, "updated: 2025-04-22", "updated: " + "[" * 49 + "]" * 49)  # the document's mapping is the 50th
    assert tree.errors() == [f"{C}:6: updated must be text; write it on the same line after the colon, quoted if needed"]


def test_yaml_nested_thousands_of_levels_is_refused_by_either_parser(tree, monkeypatch):
    from tathya import yamlsrc

    tree.replace(CLAIMS, "updated: 2025-04-22", "updated: " + "[" * 5000 + "]" * 5000)
    for loader in (yamlsrc.LOADER, yamlsrc.PureLoader):
        monkeypatch.setattr(yamlsrc, "LOADER", loader)
        errors = tree.errors()
        assert len(errors) == 1 and errors[0].startswith(f"{C}:"), (loader, errors)


def test_long_unknown_key_is_shortened_in_the_message(tree):
    tree.replace(CLAIMS, "summary:", "? " + "x" * 100_000 + "\n:")  # explicit: a plain key may not pass 1024 characters
    assert tree.errors() == [
        f"{C}:1: claims.yaml is missing the required key 'summary'; add `summary:`",
        f"{C}:2: unknown key '{'x' * 57}...' in claims.yaml; remove it (the keys claims.yaml takes: {', '.join(CHECK_KEYS + CHECK_OPTIONAL)})",
    ]


def test_long_bad_value_is_shortened_with_the_source_line(tree):
    tree.replace(CLAIMS, "published: 2025-04-20", "published: " + "9" * 100_000)
    with pytest.raises(BuildFailed) as info:
        tree.load()
    (error,) = info.value.errors
    assert str(error) == f"{C}:5: published '{'9' * 57}...' is not a valid date; write an existing date as YYYY-MM-DD\n    published: {'9' * 186}..."


def test_control_characters_in_a_value_are_shown_escaped(tree):
    tree.replace(CLAIMS, "published: 2025-04-20", 'published: "2025\\e[31m-04-20"')
    assert tree.errors() == [f"{C}:5: published '2025\\x1b[31m-04-20' is not a valid date; write an existing date as YYYY-MM-DD"]


# 5. publisher.logo

def test_logo_is_published_under_assets_content(tree):
    with_logo(tree, "static/logo.png", PNG)
    publisher = tree.load().config.publisher
    assert (publisher.logo, publisher.logo_path, publisher.logo_data) == ("static/logo.png", "assets/content/static/logo.png", PNG)


def test_logo_is_shown_in_the_header_and_given_to_claim_review(tree):
    """Issue 14: the header shows the logo with the site title as its alt text; ClaimReview's publisher carries it."""
    import re

    from tathya.pipeline import build

    with_logo(tree, "static/logo.png", PNG)
    build(Path("content"), Path("site"))
    page = Path("site/hi/moon-cheese/claims/cheese/index.html").read_text(encoding="utf-8")
    assert '<a class="brand" href="../../../../hi/index.html"><img class="brand-logo" ' \
           'src="../../../../assets/content/static/logo.png" alt="परीक्षण डेस्क"></a>' in page
    review = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page).group(1))
    assert review["author"]["logo"] == {"@type": "ImageObject", "url": "https://example.github.io/mini/assets/content/static/logo.png"}
    assert Path("site/assets/content/static/logo.png").read_bytes() == PNG


def test_logo_never_replaces_a_file_of_the_site(tree):
    from tathya.pipeline import extra_files

    with_logo(tree, "assets/logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>')
    site = tree.load()
    files = extra_files(site)
    assert files["assets/content/assets/logo.svg"] == b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'
    assert not any(rel.startswith("assets/logo") for rel in files)


@pytest.mark.parametrize("rel", ["assets/tathya.js", "hi/index.html", "logo.png.html"])
def test_logo_that_is_not_an_image_is_refused(tree, rel):
    with_logo(tree, rel, b"alert(1)")
    assert tree.errors() == [f"{SITE}:8: publisher logo '{rel}' is not an image tathya accepts; use a .png, .jpg, .jpeg, .webp, .gif or .svg file"]


@pytest.mark.parametrize("rel, data, kind", [
    ("logo.png", b"<html><script>alert(1)</script>", "PNG"),
    ("logo.jpg", PNG, "JPEG"),
    ("logo.gif", b"GIF90a", "GIF"),
    ("logo.webp", b"RIFF\0\0\0\0WEBM", "WebP"),
])
def test_logo_whose_bytes_do_not_match_its_extension_is_refused(tree, rel, data, kind):
    with_logo(tree, rel, data)
    assert tree.errors() == [f"{SITE}:8: publisher logo '{rel}' is not a {kind} image (its first bytes say otherwise); save it again as {kind}, or name it for what it is"]


@pytest.mark.parametrize("body, found", [
    ('<script>alert(1)</script>', "a <script> element"),
    ('<circle r="4" onload="alert(1)"/>', "an event handler attribute 'onload'"),
    ('<a href="jav&#x09;ascript:alert(1)"><circle r="4"/></a>', "a javascript: URL"),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>', "a <foreignObject> element"),
    ('<image href="https://evil.example/x.png"/>', "an external reference 'https://evil.example/x.png'"),
    ('<use xlink:href="other.svg#a" xmlns:xlink="http://www.w3.org/1999/xlink"/>', "an external reference 'other.svg#a'"),
    ('<style>@import "https://evil.example/a.css";</style>', "an external reference '@import'"),
    ('<rect fill="url(https://evil.example/p.svg#g)"/>', "an external reference 'https://evil.example/p.svg#g'"),
])
def test_svg_logo_with_active_content_is_refused(tree, body, found):
    with_logo(tree, "logo.svg", f'<svg xmlns="http://www.w3.org/2000/svg">{body}</svg>'.encode())
    assert tree.errors() == [f"{SITE}:8: publisher logo 'logo.svg' contains {found}; {SVG_FIX}"]


def test_svg_logo_with_a_doctype_is_refused_before_parsing(tree):
    doctype = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    with_logo(tree, "logo.svg", f'{doctype}<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'.encode())
    assert tree.errors() == [f"{SITE}:8: publisher logo 'logo.svg' contains a DOCTYPE or entity declaration; {SVG_FIX}"]


def test_svg_logo_with_local_references_is_accepted(tree):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs>'
           '<rect fill="url(#g)" style="fill: url(\'#g\')"/><use href="#g"/></svg>').encode()
    with_logo(tree, "logo.svg", svg)
    assert tree.load().config.publisher.logo_data == svg


def test_logo_linked_outside_the_content_folder_is_refused(tree, tmp_path):
    (tmp_path / "secret.png").write_bytes(PNG)
    with_logo(tree, "logo.png")
    tree.path("logo.png").symlink_to(tmp_path / "secret.png")
    assert tree.errors() == ["content/logo.png: is a symbolic link to a file outside the content folder; replace it with the file itself"]


def test_logo_over_512_kib_is_refused(tree):
    with_logo(tree, "logo.png", PNG + b"\0" * (512 * 1024))
    assert tree.errors() == ["content/logo.png: is larger than 512 KiB (524,328 bytes); make it smaller"]


def test_logo_path_with_unsafe_characters_is_refused(tree):
    with_logo(tree, "my logo.png", PNG)
    assert tree.errors() == [
        f"{SITE}:8: publisher logo 'my logo.png' is not a plain path; use letters, digits, '-', '_' and '.' in names separated by '/', e.g. static/logo.svg"
    ]


# 6. URLs

@pytest.mark.parametrize("url", [
    'https://example.org/a"b/', "https://example.org/<script>/", "https://example.org/a b/", "https://example.org/a\\b/",
    "https://example.org/?q=1/", "https://example.org/#top/", "https://user@example.org/", "javascript://example.org/",
    "https://exa'mple.org/", "https://example.org:99999/", "https://example.org/a\tb/", "https://example.org/%zz/",
])
def test_base_url_must_be_a_plain_http_url(tree, url):
    tree.replace("site.yaml", "base_url: https://example.github.io/mini/", f"base_url: {json.dumps(url)}")
    assert tree.errors() == [f"{SITE}:4: base_url {show(url)} is not valid; use an absolute http(s) URL ending in '/'"]


def show(value: str) -> str:
    """A value as messages quote it: in single quotes, control characters escaped."""
    return "'" + value.replace("\t", "\\t").replace("\0", "\\x00") + "'"


@pytest.mark.parametrize("url", ["https://example.org/", "http://localhost:8000/", "https://example.github.io/a-b_c.d~e/%E0%A4%A4/"])
def test_base_url_that_is_plain_is_accepted(tree, url):
    tree.replace("site.yaml", "https://example.github.io/mini/", url)
    assert tree.load().config.base_url == url


def test_command_line_base_url_follows_the_same_rule(tree):
    assert tree.errors(base_url='https://example.org/"><script>/') == [
        "--base-url: 'https://example.org/\"><script>/' is not valid; use an absolute http(s) URL ending in '/'"
    ]


@pytest.mark.parametrize("url, found", [
    ('https://example.org/a"onmouseover="x', '"'),
    ("https://example.org/it's", "'"),
    ("https://example.org/<script>", "<"),
    ("https://example.org/a>b", ">"),
    ("https://example.org/a`b", "`"),
    ("https://example.org/a\\b", "\\"),
    ("https://example.org/a\0b", "\\x00"),
])
def test_source_url_with_characters_a_url_cannot_hold_is_refused(tree, url, found):
    tree.replace(CLAIMS, "url: https://example.org/apollo", f"url: {json.dumps(url)}")
    assert tree.errors() == [f"{C}:23: source url {show(url)} contains '{found}', which a URL cannot hold; write it %-escaped"]


def test_publisher_url_refuses_angle_brackets_and_javascript(tree):
    tree.replace("site.yaml", "url: https://example.org/", "url: https://example.org/><script>")
    assert tree.errors() == [f"{SITE}:7: publisher url 'https://example.org/><script>' contains '>', which a URL cannot hold; write it %-escaped"]
    tree.replace("site.yaml", "url: https://example.org/><script>", "url: javascript:alert(1)")
    assert tree.errors() == [f"{SITE}:7: publisher url 'javascript:alert(1)' is not valid; use an http(s) URL"]


def test_checked_article_url_refuses_control_characters(tree):
    tree.replace(CLAIMS, "url: https://example.org/moon", 'url: "https://example.org/mo\\x1bon"')
    assert tree.errors() == [f"{C}:11: source url 'https://example.org/mo\\x1bon' contains '\\x1b', which a URL cannot hold; write it %-escaped"]


# Every refusal above is a content error: exit 1, every problem listed, nothing written

def test_refused_inputs_fail_the_build_with_exit_1_and_no_traceback(tree, tmp_path, capsys, alarm):
    from tathya.cli import main

    (tmp_path / "passwd").write_text("root:x:0:0\n", encoding="utf-8")
    tree.path("about.en.md").unlink()
    tree.path("about.en.md").symlink_to(tmp_path / "passwd")
    tree.path(ARTICLE).unlink()
    os.mkfifo(tree.path(ARTICLE))
    tree.write(CLAIMS, tree.path(CLAIMS).read_text(encoding="utf-8") + BOMB)
    assert main(["build", "--content", "content", "--out", "site", "--base-url", "https://example.org/<x>/"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and not Path("site").exists()
    assert err.splitlines()[-1] == "build failed: 4 errors, site not written"
