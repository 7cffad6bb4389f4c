"""Freedom-of-movement groups of countries: the one place they are kept.

Funders ask for the share of people "from the EU"; Welcome Centers count the EU, the other EEA
states and Switzerland apart from third countries because the residence rules differ. Codes are
ISO 3166-1 alpha-2, as of 2026 (the United Kingdom left the EU on 2020-01-31).
"""

from __future__ import annotations

EU_MEMBERS: frozenset[str] = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip
EEA_NOT_EU: frozenset[str] = frozenset({"IS", "LI", "NO"})
SWITZERLAND: frozenset[str] = frozenset({"CH"})

#: Codes we add to ISO 3166-1: Kosovo is not in the standard but is a common country of origin;
#: XK is the code the EU and the German authorities use for it.
EXTRA_COUNTRIES: dict[str, tuple[str, str]] = {"XK": ("XKX", "Kosovo")}


def country_group(code: str) -> str:
    """Return eu, eea, ch or third for an ISO 3166-1 alpha-2 code."""
    code = code.upper()
    if code in EU_MEMBERS:
        return "eu"
    if code in EEA_NOT_EU:
        return "eea"
    if code in SWITZERLAND:
        return "ch"
    return "third"
