"""What a preview shows in another language's stead ("translation pending"): one line per check for the terminal."""

from __future__ import annotations

from .models import Check, Localized, Site


def pending_fields(check: Check, lang: str) -> list[str]:
    """The check's texts that stand in for `lang`, named as claims.yaml names them, e.g. claim 'gpu-count' quote."""
    found = [f"article.{lang}.md"] if lang in check.pending_articles else []
    found += [name for name, value in (("title", check.title), ("summary", check.summary)) if lang in value.pending]
    for claim in check.claims:
        fields = [("claim", claim.claim), ("quote", claim.quote), ("reality", claim.reality), ("note", claim.note),
                  *((f"figure {n} label", f.label) for n, f in enumerate(claim.figures, 1))]
        found += [f"claim '{claim.id}' {name}" for name, value in fields if isinstance(value, Localized) and lang in value.pending]
    found += [f"correction of {c.date.isoformat()}" for c in check.corrections if lang in c.text.pending]
    return found


def pending_lines(site: Site) -> list[str]:
    """One line per check and language with anything pending: where, and what."""
    lines = []
    for check in site.checks:
        folder = check.path.parent.as_posix()
        for lang in site.config.languages:
            fields = pending_fields(check, lang)
            if fields:
                lines.append(f"{folder}: {lang} translation pending ({len(fields)}): {', '.join(fields)}")
    return lines
