"""What the tests of the translated interface share (issue 16): finding English left in
Russian or Ukrainian output."""

from __future__ import annotations

import re

# Words that stay as they are in every language: the program, ids, formats, options.
ALWAYS = frozenset(
    {
        "selfmassage",
        "collar",
        "lumbar",
        "relaxation",
        "json",
        "csv",
        "pdf",
        "html",
        "htm",
        "toml",
        "ics",
        "icalendar",
        "txt",
        "markdown",
        "utf",
        "espeak",
        "ng",
        "spd",
        "say",
        "macos",
        "chromium",
        "qr",
        "id",
        "ids",
        "url",
        "ok",
    }
)
# A Latin word of three letters or more, not part of an option, a path, a file or an id.
_WORD = re.compile(r"(?<![-\w./=@'])[A-Za-z]{3,}(?![\w./=@-])")
# An option starts a word (after white space or at a line's start): the "-pain" of
# "chest-pain" is not one.
_SKIP = re.compile(r"(?<!\S)--?[\w-]+|\S*[/\\]\S*|\S+\.(?:toml|json|csv|html?|pdf|ics|txt|md)\b")


def english_left(text: str, allowed: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The English words in ``text`` that a translation should have replaced.

    Options (``--json``), paths and file names, and the words every language keeps
    (``ALWAYS``, ``allowed``) are not counted.
    """
    kept = {word.lower() for word in ALWAYS | set(allowed)}
    cleaned = _SKIP.sub(" ", text)
    return [word for word in _WORD.findall(cleaned) if word.lower() not in kept]
