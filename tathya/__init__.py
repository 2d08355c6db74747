"""tathya: a static bilingual fact-check microsite generator."""

__version__ = "0.1.0"
