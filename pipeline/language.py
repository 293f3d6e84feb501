"""Language detection: deterministic (seeded langdetect), replaceable, never a crash.

Empty or letter-less text is "unknown". langdetect answers with probabilities over ~55
languages; when one of the supported languages is close behind a foreign winner (short
headlines confuse it), the supported one is taken.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.types import LANGUAGES

__all__ = ["UNKNOWN", "detect_language"]

UNKNOWN = "unknown"
_LETTERS = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def _factory() -> object:
    from langdetect import DetectorFactory
    from langdetect.detector_factory import init_factory

    DetectorFactory.seed = 0
    init_factory()
    from langdetect import detector_factory

    return detector_factory._factory


def detect_language(text: str, *, sample: int = 1500) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of `text`; ("unknown", 0.0) when it has no words."""
    words = _LETTERS.findall(text[:sample])
    if len(words) < 2:
        return UNKNOWN, 0.0
    from langdetect.lang_detect_exception import LangDetectException

    factory = _factory()
    try:
        detector = factory.create()  # type: ignore[attr-defined]
        detector.append(text[:sample])
        ranked = detector.get_probabilities()
    except LangDetectException:
        return UNKNOWN, 0.0
    if not ranked:
        return UNKNOWN, 0.0
    best = ranked[0]
    if best.lang not in LANGUAGES:
        for candidate in ranked[1:]:
            if candidate.lang in LANGUAGES and candidate.prob >= 0.2:
                return candidate.lang, round(float(candidate.prob), 4)
    return best.lang, round(float(best.prob), 4)
