"""Topics and verdict lists: site.yaml's `topics`, a check's `topics: [ids]`, <lang>/topics/<id>/ and
<lang>/verdicts/<id>/ (paged like the home list), and the links that lead there."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from many_checks import write_tree
from tathya.cli import main
from template_support import read

TOPICS = """topics:
  - id: space
    label: {hi: "अंतरिक्ष", en: "Space"}
  - id: food
    label: {hi: "खान-पान", en: "Food"}
"""


def titles(rel: str) -> list[str]:
    return re.findall(r'<h3><a href="[^"]*">([^<]*)</a></h3>', read(rel))


def claim_links(rel: str) -> list[str]:
    return re.findall(r'<p class="claim-item-text"><a href="([^"]*)">', read(rel))


def big_tree(tree) -> None:
    shutil.rmtree(tree.root)
    write_tree(tree.root)


def test_a_topic_lists_its_checks_newest_first_in_pages_and_links_them_both_ways(tree):
    big_tree(tree)
    assert main(["build", "--no-share-images"]) == 0
    pages = [titles(f"en/topics/space/{p}index.html") for p in ("", "page/2/", "page/3/")]
    assert [len(p) for p in pages] == [20, 20, 6]  # every copy is about space, the original is not
    assert pages[0][0] == "Moon question 46" and pages[2][-1] == "Moon question 1"
    assert titles("en/topics/food/index.html") == [f"Moon question {n}" for n in range(45, 0, -3)]
    assert "No fact-check is filed under this topic yet." in read("en/topics/health/index.html")
    space2 = read("en/topics/space/page/2/index.html")
    assert '<link rel="prev" href="../../../../../en/topics/space/index.html">' in space2
    assert '<a href="../../../../../en/topics/space/page/3/index.html" rel="next">Older fact-checks</a>' in space2
    assert "<title>Space · Page 2 of 3 · Test desk</title>" in space2 and "<h1>Space</h1>" in space2
    assert "<h1>खान-पान</h1>" in read("hi/topics/food/index.html")
    # the check page, its claim pages and its entry in every list link its topics
    topics = '<ul class="topics" aria-label="Topics">\n  <li><a href="../../en/topics/space/index.html">Space</a></li>\n' \
             '  <li><a href="../../en/topics/food/index.html">Food</a></li>\n</ul>'
    assert topics in read("en/moon-03/index.html")
    assert '<a href="../../../../en/topics/food/index.html">Food</a>' in read("en/moon-03/claims/cheese/index.html")
    assert '<li><a href="../en/topics/space/index.html">Space</a></li>' in read("en/index.html")
    assert 'class="topics"' not in read("en/moon-cheese/index.html")  # the original has none
    assert "<loc>https://example.github.io/mini/hi/topics/space/page/3/</loc>" in read("sitemap.xml")


def test_a_verdict_lists_every_claim_with_it_newest_check_first_in_pages(tree):
    big_tree(tree)
    assert main(["build", "--no-share-images"]) == 0
    pages = [claim_links(f"en/verdicts/mostly-true/{p}index.html") for p in ("", "page/2/", "page/3/")]
    assert [len(p) for p in pages] == [20, 20, 7]  # the second claim of all 47 checks
    assert pages[0][0] == "../../../en/moon-46/claims/cost/index.html"
    assert pages[2][-1] == "../../../../../en/moon-cheese/claims/cost/index.html"
    false = claim_links("en/verdicts/false/index.html")  # the original and every fourth copy
    assert false == ["../../../en/moon-44/claims/cheese/index.html"] + [
        f"../../../en/moon-{n:02d}/claims/cheese/index.html" for n in range(40, 0, -4)] + [
        "../../../en/moon-cheese/claims/cheese/index.html"]
    assert "<h1 class=\"verdict-heading verdict-false\" data-verdict=\"false\">" in read("en/verdicts/false/index.html")
    assert "12 claims have this verdict." in read("en/verdicts/false/index.html")
    assert "<title>Claims with the verdict “Mostly true” · Page 2 of 3 · Test desk</title>" in read(
        "en/verdicts/mostly-true/page/2/index.html")
    assert "12 दावों पर यह फ़ैसला है।" in read("hi/verdicts/false/index.html")
    # every verdict of the scale has its list, empty or not
    assert Path("site/en/verdicts/mostly-true/page/3/index.html").exists()
    assert sorted(p.name for p in Path("site/hi/verdicts").iterdir()) == ["false", "misleading", "mostly-true", "true",
                                                                           "unverified"]


def test_badges_and_tallies_link_the_verdict_lists(tree):
    assert main(["build", "--no-share-images"]) == 0
    check = read("en/moon-cheese/index.html")
    # each card's verdict badge
    assert '<a href="../../en/verdicts/false/index.html">False</a>' in check
    # the tally: the count goes to the first card of the verdict, "all" to every claim rated so
    assert re.search(r'<li class="tally-item[^"]*" data-verdict="false"><a href="#claim-cheese">.*?False: 1</a> '
                     r'<a class="tally-all" href="../../en/verdicts/false/index.html">all<span class="visually-hidden"> '
                     r'claims with the verdict “False”</span></a></li>', check)
    # in a list of checks a count goes to the first card of its verdict on the check page, with no "all"
    home = read("en/index.html")
    assert re.search(r'data-verdict="false"><a href="../en/moon-cheese/index.html#claim-cheese">', home)
    assert 'class="tally-all"' not in home
    # the home page lists every topic and verdict list to browse
    assert '<a href="../en/verdicts/unverified/index.html">Unverified</a>' in home
    assert '<a href="../../../../en/verdicts/false/index.html">False</a>' in read("en/moon-cheese/claims/cheese/index.html")
    assert '<a href="../../en/verdicts/true/index.html">True</a>' in read("en/about/index.html")  # the scale


def test_topics_are_checked_with_file_and_line(tree):
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8") + TOPICS)
    claims = "checks/moon-cheese/claims.yaml"
    text = tree.path(claims).read_text(encoding="utf-8")
    line = text.count("\n") + 1
    tree.write(claims, text + "topics: [space, fod, space, weather]\n")
    assert sorted(tree.errors()) == [
        f"content/{claims}:{line}: topic 'space' is listed twice; list each topic once",
        f"content/{claims}:{line}: unknown topic 'fod'; did you mean 'food'? (topics are defined in site.yaml)",
        f"content/{claims}:{line}: unknown topic 'weather'; use one of space, food (topics are defined in site.yaml)",
    ]
    tree.write(claims, text + "topics: [space]\n")
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8").replace("id: food", "id: space"))
    assert "content/site.yaml:13: topic id 'space' is listed twice; give each topic its own id" in tree.errors()


def test_a_topic_without_a_site_yaml_list_is_an_error_too(tree):
    claims = "checks/moon-cheese/claims.yaml"
    tree.write(claims, tree.path(claims).read_text(encoding="utf-8") + "topics: [space]\n")
    assert tree.errors()[0].endswith("unknown topic 'space'; none are defined yet (topics are defined in site.yaml)")


def test_a_topic_id_in_capitals_suggests_the_lowercase_one(tree):
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8") + TOPICS)
    claims = "checks/moon-cheese/claims.yaml"
    tree.write(claims, tree.path(claims).read_text(encoding="utf-8") + "topics: [Space]\n")
    assert tree.errors()[0].endswith("unknown topic 'Space'; did you mean 'space'? (topics are defined in site.yaml)")


def test_the_check_page_header_jumps_to_its_card_list(tree):
    assert main(["build", "--no-share-images"]) == 0
    page = read("en/moon-cheese/index.html")
    assert '<p class="jump"><a href="#card-nav-title">Go to the claims checked (2)</a></p>' in page
    assert page.index('class="jump"') < page.index('id="summary-title"')
    assert "जाँचे गए दावों पर जाएँ (2)" in read("hi/moon-cheese/index.html")


def test_list_pages_carry_share_tags_without_a_card_of_their_own(tree):
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8") + TOPICS)
    assert main(["build"]) == 0
    home = read("en/index.html")
    assert '<meta property="og:type" content="website">' in home
    assert '<meta property="og:title" content="Test desk">' in home
    assert '<meta property="og:url" content="https://example.github.io/mini/en/">' in home
    assert '<meta name="twitter:card" content="summary">' in home and "og:image" not in home
    assert '<meta property="og:title" content="Space · Test desk">' in read("en/topics/space/index.html")
    assert ('<meta property="og:title" content="Claims with the verdict “False”">'
            in read("en/verdicts/false/index.html"))
    assert '<meta property="og:type" content="article">' in read("en/moon-cheese/index.html")  # checks keep their card
