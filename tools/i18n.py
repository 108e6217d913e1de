"""The gettext catalogs: extract the messages, update the translations, compile them.

    python tools/i18n.py extract   # src/ -> src/selfmassage/data/locale/selfmassage.pot
    python tools/i18n.py update    # the .pot -> each <lang>/LC_MESSAGES/selfmassage.po
    python tools/i18n.py compile   # each .po -> its .mo (committed, so `pip install .`
                                   # needs no build step)
    python tools/i18n.py all       # the three in turn

Babel (in the ``test`` extra) does the work. The messages are the calls of ``_``,
``N_``, ``ngettext``, ``pgettext`` and ``pgettext_noop`` (``selfmassage.i18n``).
Writing is stable: no dates and no line numbers in the files, so a run that changes no
message changes no file, and ``tests/test_i18n_catalogs.py`` can check that every
committed ``.mo`` is exactly what ``compile`` makes of its ``.po``.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "selfmassage"
LOCALE = SOURCE / "data" / "locale"
TEMPLATE = LOCALE / "selfmassage.pot"
DOMAIN = "selfmassage"
TRANSLATED = ("ru", "uk")
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "pgettext_noop": ((1, "c"), 2),
}
WIDTH = 100
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def po_file(lang: str) -> Path:
    """The translation of ``lang`` that translators edit."""
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_file(lang: str) -> Path:
    """The compiled catalog the program reads."""
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def template() -> object:
    """Every message of the source, with the file that uses it (no line numbers: stable)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    catalog = Catalog(project="selfmassage", domain=DOMAIN, charset="utf-8", fuzzy=False)
    for filename, _lineno, message, comments, context in extract_from_dir(
        str(SOURCE), keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        catalog.add(
            message,
            locations=[(f"src/selfmassage/{filename}", None)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def write_po(catalog: object, path: Path) -> None:
    """A ``.po``/``.pot`` written the same way every time."""
    from babel.messages.pofile import write_po as babel_write_po

    out = io.BytesIO()
    babel_write_po(out, catalog, width=WIDTH, omit_header=False, include_lineno=False)  # type: ignore[arg-type]
    text = out.getvalue().decode()
    # Babel stamps today's date in the header: drop it, so files change only with messages.
    lines = [line for line in text.splitlines(keepends=True) if "-Date: " not in line]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(lines), encoding="utf-8")


def read_po(path: Path) -> object:
    """A ``.po`` file as Babel's catalog."""
    from babel.messages.pofile import read_po as babel_read_po

    with path.open("rb") as handle:
        return babel_read_po(handle, domain=DOMAIN)


def compiled(po: Path) -> bytes:
    """The ``.mo`` bytes of a ``.po``: what ``compile`` writes and the test compares."""
    from babel.messages.mofile import write_mo

    catalog = read_po(po)
    # The .po holds no dates (see write_po), and Babel would stamp "now" in their place:
    # a fixed one keeps the .mo the same from one compile to the next.
    catalog.creation_date = catalog.revision_date = FIXED_DATE  # type: ignore[attr-defined]
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)  # type: ignore[arg-type]
    return out.getvalue()


def extract() -> None:
    write_po(template(), TEMPLATE)
    print(f"wrote {TEMPLATE.relative_to(ROOT)}")


def update() -> None:
    from babel.messages.catalog import Catalog

    pot = read_po(TEMPLATE)
    for lang in TRANSLATED:
        path = po_file(lang)
        if path.exists():
            catalog = read_po(path)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="selfmassage", fuzzy=False)
        catalog.locale = lang  # type: ignore[attr-defined]
        catalog.update(pot, no_fuzzy_matching=True)  # type: ignore[attr-defined]
        catalog.obsolete.clear()  # type: ignore[attr-defined]
        write_po(catalog, path)
        print(f"updated {path.relative_to(ROOT)}")


def compile_all() -> None:
    for lang in TRANSLATED:
        mo_file(lang).write_bytes(compiled(po_file(lang)))
        print(f"compiled {mo_file(lang).relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("command", choices=("extract", "update", "compile", "all"))
    command = parser.parse_args(argv).command
    if command in ("extract", "all"):
        extract()
    if command in ("update", "all"):
        update()
    if command in ("compile", "all"):
        compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
