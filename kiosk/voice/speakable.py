"""Text as it should be heard, not as it is printed.

A synthesizer reads "KX01-261203-00174" as a sentence of big numbers ("twenty-six
thousand..."); a citizen who must repeat it to staff needs it character by character,
in short groups. Check boxes and arrows drawn with characters are not read at all.
"""

from __future__ import annotations

import re

# A run of letters/digits (hyphens inside) with at least one digit and 5+ characters:
# application numbers, ID numbers, codes, dates. Short numbers ("3 tries", "7 steps") stay.
_CODE = re.compile(r"(?<![\w-])(?=[\w-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-])")
_DRAWN = re.compile(r"[☐☑✓✔✗✘→←↑↓•·▶◀]")
# A pause between groups: a comma in the language of the sentence.
_PAUSE = {"zh_CN": "，", "en": ", ", "vi": ", "}


def spell(code: str, lang: str = "en") -> str:
    """'KX01-2612' -> 'K X 0 1, 2 6 1 2': one character at a time, a pause per group."""
    pause = _PAUSE.get(lang, ", ")
    return pause.join(" ".join(group) for group in code.split("-") if group)


def speakable(text: str, lang: str = "en") -> str:
    text = _DRAWN.sub(" ", text)

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        return spell(token, lang) if len(token.replace("-", "")) >= 5 else token

    return _CODE.sub(replace, text).strip()
