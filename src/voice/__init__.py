"""voice: young people's feedback, themed and curated, turned into "you said, we did"."""

__version__ = "0.1.0"
