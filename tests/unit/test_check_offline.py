"""`build.py check --offline`: content, then the built site's links, #fragments, HTML, JSON-LD, XML and sizes, without network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tathya import pipeline
from tathya.cli import main
from template_support import edit

SUMMARY = re.compile(r"site checked offline: \d+ pages, \d+ files, \d+ KB; largest page \S+, \d+ KB: (.*)")


def check(capsys, *args: str) -> tuple[int, list[str]]:
    """Run `check --offline`; its exit status and the lines it printed."""
    code = main(["check", "--offline", *args])
    return code, capsys.readouterr().out.splitlines()


def problem(lines: list[str], pattern: str) -> str:
    """The one printed problem line matching `pattern` (a regular expression)."""
    [line] = [line for line in lines if re.fullmatch(pattern, line)]
    return line


def test_a_clean_site_passes_and_names_its_largest_page(tree, capsys):
    code, lines = check(capsys)
    assert code == 0, lines
    assert SUMMARY.fullmatch(lines[-1]).group(1) == "no problems"
    assert lines == lines[-1:]
    assert "largest page hi/moon-cheese/index.html" in lines[-1]
    assert not Path("site").exists()  # built into a temporary folder


def test_the_shipped_content_passes(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(pipeline.ROOT)
    monkeypatch.setenv("TATHYA_CACHE_DIR", str(tmp_path / "cache"))
    code, lines = check(capsys, "--base-url", "https://someone.github.io/fork/")
    assert code == 0, lines


def test_a_content_error_is_reported_as_a_build_reports_it(tree, capsys):
    tree.replace("checks/moon-cheese/claims.yaml", "verdict: false", "verdict: nonsense")
    assert main(["check", "--offline"]) == 1
    err = capsys.readouterr().err
    assert "checks/moon-cheese/claims.yaml:" in err and "unknown verdict 'nonsense'" in err
    assert err.rstrip().endswith("site not written")


def test_a_broken_internal_link_names_the_page_line_and_missing_file(tree, templates, capsys):
    edit(templates / "_partials/footer.html", "(lang ~ '/feed.xml')|rel", "(lang ~ '/feeds.xml')|rel")
    code, lines = check(capsys)
    assert code == 1
    problem(lines, r"en/about/index\.html:\d+: link '\.\./\.\./en/feeds\.xml': no file en/feeds\.xml in the built site; fix .*")
    assert re.fullmatch(r".*: \d+ problems", lines[-1])
    assert lines[-2].startswith("(the paths are of pages built into a temporary folder: run `python build.py`")


def test_json_ld_that_does_not_parse_is_reported_at_its_script(tree, templates, capsys):
    edit(templates / "check.html", "{{ json_ld(check) }}</script>", "{{ json_ld(check) }},</script>")
    code, lines = check(capsys)
    assert code == 1
    problem(lines, r"en/moon-cheese/index\.html:\d+: JSON-LD does not parse: Extra data: .*")
    assert not [line for line in lines if "claims/" in line]  # claim pages' JSON-LD is untouched


def test_a_page_over_the_default_budget_is_named_with_its_size(tree, templates, capsys):
    edit(templates / "check.html", "{% block main %}", '{% block main %}<!-- {{ "x" * 420000 }} -->')
    code, lines = check(capsys)
    assert code == 1
    problem(lines, r"en/moon-cheese/index\.html: page is 4\d\d KB, over the budget of 400 KB; .*--max-page-kb")
    assert "largest page " in lines[-1] and "moon-cheese/index.html, 4" in lines[-1]


def test_the_budgets_are_options(tree, capsys):
    code, lines = check(capsys, "--max-page-kb", "1", "--max-site-mb", "0.01")
    assert code == 1
    problem(lines, r"en/index\.html: page is \d+ KB, over the budget of 1 KB; .*")
    problem(lines, r"\.: site is \d+ MB, over the budget of 0\.01 MB; .*--max-site-mb")


def test_end_tags_that_html_lets_a_page_leave_out_are_not_required(tree, templates, capsys):
    edit(templates / "about.html", '<article class="about">', '<article class="about"><p>a paragraph<ul><li>one<li>two</ul>')
    code, lines = check(capsys)
    assert code == 0, lines


def test_an_already_built_site_is_checked_as_it_is(tree, capsys):
    assert main(["build"]) == 0
    code, lines = check(capsys, "--site", "site")
    assert code == 0, lines
    page = Path("site/en/moon-cheese/index.html")
    page.write_text(page.read_text(encoding="utf-8").replace('id="main"', 'id="elsewhere"'), encoding="utf-8")
    code, lines = check(capsys, "--site", "site")
    assert code == 1
    problem(lines, r"site/en/moon-cheese/index\.html:\d+: link '#main': no id 'main' in en/moon-cheese/index\.html; .*")


def test_a_site_built_for_another_address_says_which_one_to_check_it_against(tree, capsys):
    assert main(["build", "--base-url", "https://someone.github.io/desk/"]) == 0
    code, lines = check(capsys, "--site", "site")
    assert code == 1
    assert ("(the site was built for https://someone.github.io/desk/ but is checked against https://example.github.io/mini/; "
            "check it with --base-url https://someone.github.io/desk/, as it was built)") in lines
    code, lines = check(capsys, "--site", "site", "--base-url", "https://someone.github.io/desk/")
    assert code == 0 and not any("was built for" in line for line in lines), lines


def test_a_folder_tathya_did_not_build_is_refused(tree, tmp_path, capsys):
    (tmp_path / "elsewhere").mkdir()
    assert main(["check", "--offline", "--site", "elsewhere"]) == 2
    assert "is not a site built by tathya" in capsys.readouterr().err


def test_site_without_offline_is_a_usage_error(tree):
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--site", "site"])
    assert exit_.value.code == 2


@pytest.mark.parametrize("template, old, new, expected", [
    ("_partials/top.html", 'href="#main"', 'href="#mian"',  # a #fragment with no id of that name
     r"hi/index\.html:\d+: link '#mian': no id 'mian' in hi/index\.html; link to an id the page has, .*"),
    ("about.html", '<article class="about">', '<article class="about"><div>',  # an unclosed tag, where it opens
     r"en/about/index\.html:\d+: <div> is not closed before </article> on line \d+; close the tag .*"),
    ("sitemap.xml", "<loc>{{ (p.url)|absolute }}</loc>", "<loc>{{ (p.url)|absolute }}gone/</loc>",  # a URL of no page
     r"sitemap\.xml:\d+: link 'https://example\.github\.io/mini/en/gone/': no file en/gone/index\.html in the built site; .*"),
    ("feed.xml", "</feed>", "",  # XML that is not well formed
     r"en/feed\.xml:\d+: XML does not parse: no element found; fix the template that writes it"),
])
def test_a_broken_page_is_reported_with_its_file_line_and_fix(tree, templates, capsys, template, old, new, expected):
    edit(templates / template, old, new)
    code, lines = check(capsys)
    assert code == 1
    problem(lines, expected)


def test_a_missing_or_wrong_share_image_is_named_at_its_og_image(tree, capsys):
    from PIL import Image

    assert main(["build"]) == 0
    Path("site/en/moon-cheese/claims/cheese/share.png").unlink()
    Image.new("RGB", (100, 100)).save("site/hi/moon-cheese/share.png")
    code, lines = check(capsys, "--site", "site")
    assert code == 1
    problem(lines, r"site/en/moon-cheese/claims/cheese/index\.html:\d+: link 'https://example\.github\.io/mini/en/moon-cheese/"
                   r"claims/cheese/share\.png': no file en/moon-cheese/claims/cheese/share\.png in the built site; .*")
    problem(lines, r"site/hi/moon-cheese/index\.html:\d+: share image hi/moon-cheese/share\.png is 100x100, not 1200x630; "
                   r"build again to draw it")
