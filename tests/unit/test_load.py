"""Every rule of the content contract, and the exact message each break gives."""

from __future__ import annotations

import unicodedata

CLAIMS = "checks/moon-cheese/claims.yaml"

C = "content/" + CLAIMS
SITE = "content/site.yaml"


def test_valid_tree_loads_into_models(tree):
    site = tree.load()
    check = site.checks[0]
    assert site.config.languages == ("hi", "en")
    assert [c.id for c in check.claims] == ["cheese", "cost"]
    assert check.claims[0].figures[0].value == 382
    assert check.source.publisher == "Example News"


def test_yaml_false_verdict_is_the_verdict_id_false(tree):
    claim = tree.load().checks[0].claims[0]
    assert claim.verdict.id == "false"


def test_quoted_and_unquoted_true_are_the_same_verdict(tree):
    tree.replace(CLAIMS, "verdict: mostly-true", "verdict: 'true'")
    tree.replace(CLAIMS, "verdict: false", "verdict: true")
    assert [c.verdict.id for c in tree.load().checks[0].claims] == ["true", "true"]


def test_yaml_yes_is_not_a_boolean_but_an_unknown_verdict(tree):
    tree.replace(CLAIMS, "verdict: false", "verdict: yes")
    assert tree.errors() == [f"{C}:15: unknown verdict 'yes'; use one of true, mostly-true, misleading, false, unverified"]


def test_numeric_title_stays_text(tree):
    tree.replace(CLAIMS, 'title: "चाँद पनीर का है"', "title: 2025")
    assert tree.load().checks[0].source.title == "2025"


def test_unknown_key_names_the_nearest_valid_key(tree):
    tree.replace(CLAIMS, "summary:", "sumary:")
    assert tree.errors() == [f"{C}:2: unknown key 'sumary' in claims.yaml; did you mean 'summary'?"]  # one error, not two


def test_unknown_claim_key_names_the_nearest(tree):
    tree.replace(CLAIMS, "    note:", "    notes:")
    assert tree.errors() == [f"{C}:27: unknown key 'notes' in claim; did you mean 'note'?"]


def test_unknown_site_key_names_the_nearest(tree):
    tree.replace("site.yaml", "base_url:", "baseurl:")
    errors = tree.errors()
    assert f"{SITE}:4: unknown key 'baseurl' in site.yaml; did you mean 'base_url'?" in errors


def test_error_is_followed_by_the_offending_source_line(tree):
    from tathya.errors import BuildFailed
    import pytest

    tree.replace(CLAIMS, "verdict: false", "verdict: fals")
    with pytest.raises(BuildFailed) as info:
        tree.load()
    assert str(info.value.errors[0]) == f"{C}:15: unknown verdict 'fals'; use one of true, mostly-true, misleading, false, unverified\n    verdict: fals"


def test_missing_date_part_is_reported(tree):
    tree.replace(CLAIMS, "published: 2025-04-20", "published: 20/04/2025")
    assert tree.errors() == [f"{C}:5: published '20/04/2025' is not a valid date; write an existing date as YYYY-MM-DD"]


def test_date_that_does_not_exist_is_reported(tree):
    tree.replace(CLAIMS, "published: 2025-04-20", "published: 2025-02-30")
    assert tree.errors() == [f"{C}:5: published '2025-02-30' is not a valid date; write an existing date as YYYY-MM-DD"]


def test_source_url_must_be_http_or_https(tree):
    tree.replace(CLAIMS, "url: https://example.org/apollo", "url: javascript:alert(1)")
    assert tree.errors() == [f"{C}:23: source url 'javascript:alert(1)' is not valid; use an http or https URL"]


def test_archive_url_must_be_http_or_https(tree):
    tree.replace(CLAIMS, "archive_url: https://archive.example.org/apollo", "archive_url: ftp://archive.example.org/a")
    assert tree.errors() == [f"{C}:26: source archive_url 'ftp://archive.example.org/a' is not valid; use an http or https URL"]


def test_claim_id_must_be_a_slug(tree):
    tree.replace(CLAIMS, "id: cheese", "id: Cheese_1")
    assert tree.errors() == [f"{C}:14: claim id 'Cheese_1' is not valid; use lowercase a-z, 0-9 and '-', e.g. gpu-count"]


def test_claim_ids_are_unique(tree):
    tree.replace(CLAIMS, "id: cost", "id: cheese")
    assert tree.errors() == [f"{C}:35: claim id 'cheese' is used twice; give each claim its own id"]


def test_quote_not_in_article_names_claim_language_and_quote(tree):
    tree.replace(CLAIMS, 'en: "the Moon is made entirely of cheese"', 'en: "the Moon is green"')
    assert tree.errors() == [
        f"{C}:17: claim 'cheese': the en quote is not in article.en.md; copy the passage exactly as it appears in article.en.md"
    ]


def test_quote_matches_across_emphasis_links_and_spacing(tree):
    # article.en.md has "made *entirely* of [cheese](...)"; the quote is plain and the spacing differs
    tree.replace(CLAIMS, 'en: "the Moon is made entirely of cheese"', 'en: "the  Moon is\\n made entirely of cheese"')
    html = tree.load().checks[0].article_html["en"]
    assert 'id="quote-cheese"' in html and 'href="#claim-cheese"' in html


def test_localised_field_missing_a_language_fails_a_build(tree):
    tree.replace(CLAIMS, 'reality: {hi: "लगभग सही।", en: "Roughly right."}', 'reality: {hi: "लगभग सही।"}')
    assert tree.errors() == [f"{C}:39: claim 'cost' reality has no text for en; add `en: ...` (every language of site.yaml is required)"]


def test_localised_field_missing_a_language_falls_back_in_preview(tree):
    tree.replace(CLAIMS, 'reality: {hi: "लगभग सही।", en: "Roughly right."}', 'reality: {hi: "लगभग सही।"}')
    claim = tree.load(preview=True).checks[0].claims[1]
    assert claim.reality["en"] == "लगभग सही।" and claim.reality.pending == {"en"}


def test_plain_text_where_languages_are_needed_is_reported(tree):
    tree.replace(CLAIMS, 'reality: {hi: "लगभग सही।", en: "Roughly right."}', 'reality: "Roughly right."')
    assert tree.errors() == [f"{C}:39: claim 'cost' reality must give the text per language; write e.g. `{{hi: ..., en: ...}}`"]


def test_figure_value_must_be_a_number(tree):
    tree.replace(CLAIMS, "value: 382", "value: lots")
    assert tree.errors() == [f"{C}:30: figure value 'lots' is not a number; write a number without quotes, e.g. 5576000"]


def test_quoted_figure_value_is_not_a_number(tree):
    tree.replace(CLAIMS, "value: 382", 'value: "382"')
    assert tree.errors() == [f"{C}:30: figure value '382' is not a number; write a number without quotes, e.g. 5576000"]


def test_claims_list_needs_at_least_one_claim(tree):
    text = tree.path(CLAIMS).read_text(encoding="utf-8")
    tree.write(CLAIMS, text[: text.index("claims:")] + "claims: []\n")
    assert tree.errors() == [f"{C}:13: claims must have at least 1 item; add one"]


def test_sources_list_needs_at_least_one_source(tree):
    tree.replace(CLAIMS, "    sources:\n      - title: Budget\n        url: https://example.org/budget\n", "    sources: []\n")
    assert tree.errors() == [f"{C}:40: sources must have at least 1 item; add one"]


def test_missing_required_claim_key(tree):
    tree.replace(CLAIMS, '    reality: {hi: "लगभग सही।", en: "Roughly right."}\n', "")
    assert tree.errors() == [f"{C}:35: claim is missing the required key 'reality'; add `reality:`"]


def test_invalid_yaml_names_the_line(tree):
    tree.replace(CLAIMS, "published: 2025-04-20", "published: [2025-04-20")
    assert tree.errors()[0].startswith(f"{C}:6: invalid YAML: ")


def test_missing_claims_yaml(tree):
    tree.path(CLAIMS).unlink()
    assert tree.errors() == [f"{C}: is missing; create claims.yaml with title, summary, published, source and claims"]


def test_missing_article_for_a_language(tree):
    tree.path("checks/moon-cheese/article.en.md").unlink()
    assert tree.errors() == [
        "content/checks/moon-cheese/article.en.md: is missing (the check needs an article in every language of site.yaml); add the en article as article.en.md"
    ]


def test_folder_that_is_not_a_slug(tree):
    tree.write("checks/Moon Cheese/claims.yaml", "")
    assert tree.errors() == ["content/checks/Moon Cheese: folder name 'Moon Cheese' is not a valid slug; rename it with lowercase a-z, 0-9 and '-' (not 'about')"]


def test_about_is_not_a_check_slug(tree):
    tree.write("checks/about/claims.yaml", "")
    assert tree.errors() == ["content/checks/about: folder name 'about' is not a valid slug; rename it with lowercase a-z, 0-9 and '-' (not 'about')"]


def test_no_checks_is_an_error(tree):
    import shutil

    shutil.rmtree(tree.path("checks"))
    assert tree.errors() == ["content/checks: has no check folders; add checks/<slug>/ with claims.yaml and one article.<lang>.md per language"]


def test_other_files_are_ignored(tree):
    tree.write("checks/moon-cheese/.DS_Store", "\0junk")
    tree.write("checks/moon-cheese/notes.txt", "to do")
    tree.write("checks/moon-cheese/claims.yaml~", "broken: [")
    tree.write("checks/moon-cheese/article.fr.md", "Bonjour")
    tree.write("checks/.drafts/claims.yaml", "broken: [")
    assert len(tree.load().checks) == 1


def test_missing_site_yaml(tree):
    tree.path("site.yaml").unlink()
    assert tree.errors() == [f"{SITE}: is missing; create site.yaml with languages, title, description, base_url and publisher"]


def test_base_url_must_end_with_a_slash(tree):
    tree.replace("site.yaml", "https://example.github.io/mini/", "https://example.github.io/mini")
    assert tree.errors() == [f"{SITE}:4: base_url 'https://example.github.io/mini' is not valid; use an absolute http(s) URL ending in '/'"]


def test_language_code_must_be_bcp47(tree):
    tree.replace("site.yaml", "languages: [hi, en]", "languages: [hi, English]")
    assert tree.errors() == [f"{SITE}:1: language code 'English' is not valid; use a BCP 47 code such as hi or en"]


def test_custom_verdict_scale_is_used(tree):
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8") + """verdicts:
  - {id: correct, rating: 3, label: {hi: "सही", en: "Correct"}}
  - {id: wrong, rating: 1, label: {hi: "गलत", en: "Wrong"}}
""")
    tree.replace(CLAIMS, "verdict: false", "verdict: wrong")
    tree.replace(CLAIMS, "verdict: mostly-true", "verdict: correct")
    assert [c.verdict.label["en"] for c in tree.load().checks[0].claims] == ["Wrong", "Correct"]


def test_custom_verdict_rating_must_be_a_whole_number(tree):
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8") + "verdicts:\n  - {id: ok, rating: 2.5, label: {hi: a, en: b}}\n")
    assert tree.errors() == [f"{SITE}:11: verdict rating '2.5' is not a whole number; write a whole number without quotes, e.g. 5576000"]


def test_cname_must_be_a_domain(tree):
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8") + "cname: not a domain\n")
    assert tree.errors() == [f"{SITE}:10: cname 'not a domain' is not valid; use a domain name such as facts.example.org"]


def test_front_matter_unknown_key(tree):
    tree.replace("checks/moon-cheese/article.en.md", "title: The Moon is cheese", "title: The Moon is cheese\nauthor: Me")
    assert tree.errors() == ["content/checks/moon-cheese/article.en.md:3: unknown key 'author' in front matter; remove it (the keys front matter takes: title)"]


def test_front_matter_not_closed(tree):
    tree.write("checks/moon-cheese/article.en.md", "---\ntitle: x\nthe Moon is made entirely of cheese and $25.8 billion\n")
    assert tree.errors() == ["content/checks/moon-cheese/article.en.md:1: front matter is not closed; end it with a line of three dashes: ---"]


def test_bom_and_crlf_are_accepted(tree):
    for rel in (CLAIMS, "checks/moon-cheese/article.hi.md", "site.yaml"):
        text = tree.path(rel).read_text(encoding="utf-8")
        tree.path(rel).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    site = tree.load()
    assert site.checks[0].article_html["hi"].startswith('<p class="article-headline">चाँद पनीर का है</p>')


def test_text_is_normalised_to_nfc(tree):
    decomposed = "Cafe\u0301 को\u093c"  # e + combining acute; plain text otherwise
    tree.replace(CLAIMS, 'en: "Fixed a date."', f'en: "{decomposed}"')
    text = tree.load().checks[0].corrections[0].text["en"]
    assert text == unicodedata.normalize("NFC", decomposed) and text.startswith("Caf\u00e9")


def test_invalid_utf8_is_reported(tree):
    tree.path("checks/moon-cheese/article.en.md").write_bytes(b"caf\xe9")
    assert tree.errors() == ["content/checks/moon-cheese/article.en.md: is not valid UTF-8 (byte 3); save the file as UTF-8"]


def test_every_error_of_a_run_is_reported_sorted_by_file_and_line(tree):
    tree.replace(CLAIMS, "verdict: mostly-true", "verdict: maybe")
    tree.replace(CLAIMS, "published: 2025-04-20", "published: soon")
    tree.replace("site.yaml", "url: https://example.org/", "url: example.org")
    assert tree.errors() == [
        f"{C}:5: published 'soon' is not a valid date; write an existing date as YYYY-MM-DD",
        f"{C}:36: unknown verdict 'maybe'; use one of true, mostly-true, misleading, false, unverified",
        f"{SITE}:7: publisher url 'example.org' is not valid; use an http(s) URL",
    ]


def test_corrections_are_kept_newest_first(tree):
    tree.replace(CLAIMS, "corrections:\n", "corrections:\n  - date: 2025-04-21\n    text: {hi: a, en: b}\n  - date: 2025-05-01\n    text: {hi: c, en: d}\n")
    assert [c.date.isoformat() for c in tree.load().checks[0].corrections] == ["2025-05-01", "2025-04-22", "2025-04-21"]


def test_models_are_immutable(tree):
    import dataclasses
    import pytest

    claim = tree.load().checks[0].claims[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.id = "other"
    with pytest.raises(TypeError):
        claim.claim.text["en"] = "changed"


def test_quote_may_be_the_articles_headline(tree):
    tree.replace(CLAIMS, 'en: "$25.8 billion"', 'en: "The Moon is cheese"')
    html = tree.load().checks[0].article_html["en"]
    assert html.startswith('<p class="article-headline"><a id="quote-cost" class="quote" href="#claim-cost"><mark>The Moon is cheese</mark></a></p>')


def test_base_url_with_a_bracket_in_the_host_is_refused(tree):
    # found by the fuzz test: such a URL made urllib raise while drawing pages
    tree.replace("site.yaml", "https://example.github.io/mini/", "https://exa[mple.github.io/mini/")
    assert tree.errors() == [f"{SITE}:4: base_url 'https://exa[mple.github.io/mini/' is not valid; use an absolute http(s) URL ending in '/'"]


def test_custom_verdict_ids_are_unique(tree):
    tree.write("site.yaml", tree.path("site.yaml").read_text(encoding="utf-8") + (
        "verdicts:\n  - {id: ok, rating: 2, label: {hi: a, en: b}}\n  - {id: ok, rating: 1, label: {hi: c, en: d}}\n"))
    assert tree.errors() == [f"{SITE}:12: verdict id 'ok' is listed twice; give each verdict its own id"]


def test_resolver_tells_nulls_from_text_as_pyyaml_does():
    """tathya's own resolver only tells plain nulls ("is empty") from text; both loaders must agree on which is which."""
    import yaml

    from tathya import yamlsrc

    for value in ["~", "null", "Null", "NULL", "", "nul", "'null'", '"~"', "none", "false", "0", "2025-01-01", "!!str null", "[]", "{}"]:
        expected = yaml.compose(f"a: {value}", Loader=yaml.SafeLoader).value[0][1]
        for loader in {yamlsrc.LOADER, yamlsrc.PureLoader}:  # libyaml's, and PyYAML's for where libyaml is missing
            node = yaml.compose(f"a: {value}", Loader=loader).value[0][1]
            assert (node.tag == yamlsrc.NULL_TAG) == (expected.tag == yamlsrc.NULL_TAG), (loader, value)
            assert type(node) is type(expected)
