"""Text folding shared by every search: one definition, so all engines and apps agree."""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case and strip accents (ü→u, é→e, ё→е), keeping other scripts as they are."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # German umlauts are often typed as ae/oe/ue; fold those spellings to the same form.
    return text.replace("ae", "a").replace("oe", "o").replace("ue", "u").replace("ß", "ss")


def digits(text: str) -> str:
    """Only the digits of a phone number, without a leading 00/0 or country code 49."""
    only = "".join(ch for ch in text if ch.isdigit())
    if only.startswith("00"):
        only = only[2:]
    if only.startswith("49"):
        only = only[2:]
    return only.lstrip("0")
