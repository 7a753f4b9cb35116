"""cnnews-ner: people, offices and organizations from Chinese news articles."""
from __future__ import annotations

__version__ = "0.1.0"


def extract(*args, **kwargs):
    """See :func:`cnnews_ner.api.extract` (imported lazily to keep start-up fast)."""
    from .api import extract as _extract

    return _extract(*args, **kwargs)


__all__ = ["extract", "__version__"]
