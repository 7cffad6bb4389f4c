"""Name keys: how "Müller" finds "Mueller" and "Muller", and "Mohammed" finds "Muhammad".

A person's `name_keys` holds, space-separated, each folded word of their names and its phonetic
key (Metaphone from jellyfish, tuned for transliterated names: a leading vowel is any vowel and
J and Y are one sound). The text starts with a space so " word" matches at a word's start with
a plain LIKE on both databases; on PostgreSQL a trigram index serves that LIKE.
"""

from __future__ import annotations

import jellyfish

from lotse.core.text import WORD, fold

#: Phonetic keys of very short words match too much ("Li", "Wu"); those match by spelling only.
MIN_PHONETIC = 3
VOWELS = "AEIOU"


def phonetic(word: str) -> str:
    """The sound key of one folded Latin word, or '' for other scripts and very short words."""
    if len(word) < MIN_PHONETIC or not word.isascii() or not word.isalpha():
        return ""
    key = jellyfish.metaphone(word).upper().replace("J", "Y")
    if key and key[0] in VOWELS:
        key = "A" + key[1:]
    return "_" + key if key else ""


def words(text: str) -> list[str]:
    seen: list[str] = []
    for word in WORD.findall(fold(text)):
        if word not in seen:
            seen.append(word)
    return seen


def name_keys(*names: str) -> str:
    """The searchable text for a person's names: folded words, then their sound keys."""
    tokens: list[str] = []
    for word in words(" ".join(names)):
        tokens.append(word)
        key = phonetic(word)
        if key and key not in tokens:
            tokens.append(key)
    return " " + " ".join(tokens) + " " if tokens else ""


def query_terms(query: str) -> list[tuple[str, str]]:
    """For each word of a search: (spelling prefix, sound key or '')."""
    return [(word, phonetic(word)) for word in words(query)[:6]]
