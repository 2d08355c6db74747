"""A crawl of each built site served under /tathya/ finds no broken link and no missing #fragment.

Plain HTTP and html.parser, no browser. Links to other hosts are collected, never fetched.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

import pytest

from readers_support import Tags

# What each tag's link attribute is; <use href> reaches the icon sprite on the same page.
LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "use": "href", "source": "src"}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):  # a link that needs a redirect is reported, not followed
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with OPENER.open(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def links_in(url: str, kind: str, body: bytes) -> tuple[list[str], set[str]]:
    """(absolute link targets, ids) of an HTML or XML document."""
    if kind == "text/html":
        tags = Tags(body.decode("utf-8"))
        found = [a[LINK_ATTRS[t]] for t, a in tags.tags if t in LINK_ATTRS and a.get(LINK_ATTRS[t])]
        return [urljoin(url, link) for link in found], tags.ids
    if kind in ("application/xml", "text/xml", "application/atom+xml") or url.endswith((".xml",)):
        root = ElementTree.fromstring(body)
        found = [e.get("href") for e in root.iter() if e.get("href")]
        found += [e.text.strip() for e in root.iter() if e.tag.endswith("}loc") and e.text]
        return [urljoin(url, link) for link in found], set()
    if url.endswith("robots.txt"):
        return re.findall(r"(?m)^Sitemap:\s*(\S+)", body.decode("utf-8")), set()
    return [], set()


def crawl(base: str) -> tuple[dict[str, int], dict[str, set[str]], list[tuple[str, str]], set[str]]:
    """Fetch everything reachable under `base`: (status by URL, ids by URL, (page, link) pairs, external links)."""
    status: dict[str, int] = {}
    ids: dict[str, set[str]] = {}
    edges: list[tuple[str, str]] = []
    external: set[str] = set()
    queue = deque([base, base + "404.html", base + "robots.txt"])
    while queue:
        url = queue.popleft()
        if url in status:
            continue
        status[url], kind, body = fetch(url)
        if status[url] != 200:
            continue
        targets, ids[url] = links_in(url, kind, body)
        for target in targets:
            edges.append((url, target))
            page = urldefrag(target).url
            if not page.startswith(base):
                external.add(target)
            elif page not in status:
                queue.append(page)
    return status, ids, edges, external


@pytest.mark.parametrize("site_fixture", ["mini_site", "shipped_site", "many_site"])
def test_every_link_resolves_and_every_fragment_exists(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    status, ids, edges, external = crawl(site.base)
    broken = sorted({f"{target} (HTTP {status[urldefrag(target).url]}) linked from {page}"
                     for page, target in edges if urldefrag(target).url in status
                     and status[urldefrag(target).url] != 200})
    missing = sorted({f"{target} linked from {page}" for page, target in edges
                      if urldefrag(target).fragment and urldefrag(target).url in ids
                      and urldefrag(target).fragment not in ids[urldefrag(target).url]})
    assert not broken, "broken links:\n" + "\n".join(broken)
    assert not missing, "missing fragments:\n" + "\n".join(missing)
    # Every built page is reachable from the entry page, 404.html or robots.txt.
    unreached = [p for p in site.html_pages() if site.url(p) not in status
                 and site.url(p).removesuffix("index.html") not in status]
    assert not unreached, f"pages no link leads to: {unreached}"
    schemes = {urlsplit(link).scheme for link in external}
    assert schemes <= {"http", "https", "mailto"}, schemes
    assert not any(urlsplit(link).hostname in ("127.0.0.1", "localhost") for link in external if "://" in link)
