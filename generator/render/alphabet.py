"""The alphabet of the reader's language, for the A to Z: its letters in order, and the
letter each name is listed under and how names sort.

English has A to Z. Welsh has 28 letters, eight of them written with two characters
(Ch, Dd, Ff, Ng, Ll, Ph, Rh, Th) and sorted as one: 'Llyw' comes after 'Lyn'. Letters
Welsh borrows (K, Q, V, X, Z) stand in English order, shown only where a name uses them.
"""

from __future__ import annotations

import re
import string
import unicodedata

from generator.i18n import WELSH, language

DIGITS, OTHER = "0–9", "Other"
WELSH_LETTERS = (
    "A", "B", "C", "Ch", "D", "Dd", "E", "F", "Ff", "G", "Ng", "H", "I", "J", "K", "L", "Ll",
    "M", "N", "O", "P", "Ph", "Q", "R", "Rh", "S", "T", "Th", "U", "V", "W", "X", "Y", "Z",
)  # fmt: skip
BORROWED = frozenset("KQVXZ")  # in Welsh, listed only where a name starts with one
_WELSH_LETTER = re.compile("ch|dd|ff|ng|ll|ph|rh|th|.", re.DOTALL)


def letters() -> tuple[str, ...]:
    """Every letter of the reader's alphabet, in order."""
    return WELSH_LETTERS if language() == WELSH else tuple(string.ascii_uppercase)


def always_shown(letter: str) -> bool:
    """Whether the A to Z shows ``letter`` even with no name under it."""
    return letter in letters() and not (language() == WELSH and letter in BORROWED)


def plain(name: str) -> str:
    """A name without case or accents, a leading 'The ' or leading punctuation."""
    text = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"^\W+", "", text)
    return re.sub(r"^the\s+", "", text) or text


def sort_key(name: str) -> str:
    """How a name sorts in the reader's alphabet (in Welsh, each two-character letter as one)."""
    text = plain(name)
    if language() != WELSH:
        return text
    order = {letter.casefold(): index for index, letter in enumerate(WELSH_LETTERS)}
    return "".join(chr(0x100 + order[part]) if part in order else part for part in _WELSH_LETTER.findall(text))


def letter_of(name: str) -> str:
    """The letter a name is listed under: one of :func:`letters`, '0–9', or 'Other'."""
    text = plain(name)
    found = _WELSH_LETTER.match(text) if language() == WELSH else None
    first = (found.group(0) if found else text[:1]).capitalize()
    if first in letters():
        return first
    return DIGITS if first[:1].isdigit() else OTHER
