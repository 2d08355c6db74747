"""The validated, immutable content model that templates read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markupsafe import Markup

from .extra import EMPTY, Extra


class Record:
    """Base of the model classes: pickled as their field values, which reads back fast from the cache."""

    __slots__ = ()

    def __reduce__(self):
        return (type(self), tuple(getattr(self, name) for name in self.__slots__))


@dataclass(frozen=True, slots=True)
class Localized(Record):
    """Text per language; `pending` names languages that fell back (preview only)."""

    text: tuple[tuple[str, str], ...]  # (language, text) pairs: immutable and quick to store
    pending: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if isinstance(self.text, Mapping):
            object.__setattr__(self, "text", tuple(self.text.items()))

    def __getitem__(self, lang: str) -> str:
        for code, value in self.text:
            if code == lang:
                return value
        raise KeyError(lang)

    def __html__(self) -> str:
        """Printed in a template as it is: an error that says how to print it."""
        raise TypeError("text in several languages cannot be printed as it is; write x|t, or x[lang] for one language")


@dataclass(frozen=True, slots=True)
class Verdict(Record):
    id: str
    rating: int
    label: Localized


@dataclass(frozen=True, slots=True)
class Topic(Record):
    """A subject checks are filed under (site.yaml's `topics`)."""

    id: str
    label: Localized


@dataclass(frozen=True, slots=True)
class Contact(Record):
    """How readers reach the desk: at least one of an e-mail address, a WhatsApp number and a contact page."""

    email: str | None = None
    whatsapp: str | None = None  # as written, e.g. +91 98765 43210
    url: str | None = None

    @property
    def links(self) -> tuple[tuple[str, str, str], ...]:
        """(kind, href, text) of each way given: mailto:, https://wa.me/<digits>, or the page."""
        found = []
        if self.email:
            found.append(("email", f"mailto:{self.email}", self.email))
        if self.whatsapp:
            found.append(("whatsapp", "https://wa.me/" + "".join(c for c in self.whatsapp if c.isdigit()), self.whatsapp))
        if self.url:
            found.append(("url", self.url, self.url))
        return tuple(found)


@dataclass(frozen=True, slots=True)
class Publisher(Record):
    name: Localized
    url: str
    logo: str | None = None  # the logo's path under content/, as site.yaml gives it
    logo_data: bytes = field(default=b"", repr=False)  # read and checked with site.yaml, so the build reads no more
    contact: Contact | None = None
    funding: Localized | None = None  # Markdown: who pays for the desk

    @property
    def logo_path(self) -> str | None:
        """Where the site has the logo: assets/content/<logo>, apart from every generated file."""
        return f"assets/content/{self.logo}" if self.logo else None


@dataclass(frozen=True, slots=True)
class SiteConfig(Record):
    languages: tuple[str, ...]
    title: Localized
    description: Localized
    base_url: str
    publisher: Publisher
    verdicts: tuple[Verdict, ...]
    cname: str | None = None
    share_images: bool = True  # a share card per check and claim page (site.yaml's switch and --no-share-images)
    page_size: int = 20  # checks per page of the home and topic lists, claims per page of a verdict list
    extra: Extra = EMPTY  # the desk's own fields (extra.py)
    topics: tuple[Topic, ...] = ()

    def verdict(self, verdict_id: str) -> Verdict | None:
        """The scale entry with this id, if any."""
        return next((v for v in self.verdicts if v.id == verdict_id), None)

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with this id, if any."""
        return next((t for t in self.topics if t.id == topic_id), None)


@dataclass(frozen=True, slots=True)
class Source(Record):
    title: str
    url: str
    publisher: str | None = None
    date: date | None = None
    archive_url: str | None = None


@dataclass(frozen=True, slots=True)
class Figure(Record):
    label: Localized
    value: int | float
    unit: str


@dataclass(frozen=True, slots=True)
class Claim(Record):
    id: str
    verdict: Verdict
    claim: Localized
    quote: Localized
    reality: Localized
    sources: tuple[Source, ...]
    note: Localized | None = None
    figures: tuple[Figure, ...] = ()
    line: int = 0
    extra: Extra = EMPTY


@dataclass(frozen=True, slots=True)
class CheckedArticle(Record):
    """The item under check, as `source:` in claims.yaml describes it: an article, a post, a forward..."""

    title: str
    publisher: str | None = None
    date: date | None = None
    url: str | None = None
    language: str | None = None
    kind: str = "article"  # article, post, video, forward, speech or image


@dataclass(frozen=True, slots=True)
class Correction(Record):
    date: date
    text: Localized


@dataclass(frozen=True, slots=True)
class Document(Record):
    """One Markdown file: its headline (front matter `title`) and body."""

    path: Path
    title: str | None
    body: str
    body_line: int = 1


@dataclass(frozen=True, slots=True)
class Check(Record):
    slug: str
    path: Path
    title: Localized
    summary: Localized
    published: date
    source: CheckedArticle
    claims: tuple[Claim, ...]
    updated: date | None = None
    corrections: tuple[Correction, ...] = ()
    authors: tuple[str, ...] = ()  # who wrote the check, as written
    topics: tuple[Topic, ...] = ()  # in the order claims.yaml lists them
    pending_articles: frozenset[str] = frozenset()  # preview only: languages showing the original article
    stale: tuple[tuple[str, tuple[str, ...]], ...] = ()  # preview only: (language, what changed since it was translated)
    article_html: Mapping[str, Markup] = field(default_factory=dict)  # headline and body rendered, quotes marked
    extra: Extra = EMPTY

    @property
    def last_changed(self) -> date:
        """The newest of published, updated and correction dates."""
        return max([self.published, *([self.updated] if self.updated else []), *(c.date for c in self.corrections)])


@dataclass(frozen=True, slots=True)
class Site(Record):
    config: SiteConfig
    checks: tuple[Check, ...]
    about: Mapping[str, Document] = field(default_factory=dict)
