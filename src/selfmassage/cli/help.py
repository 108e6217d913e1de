"""``--help``, written from the command table: no Typer to import, and in our own words.

The table holds what the Typer declarations say (each command's docstring, each
option's names, metavar, default and help), so this page and Typer's agree on the
facts; the layout is Click's familiar one. ``selfmassage history --help`` and
``selfmassage history -h`` both come here, from ``cli.fastpath``.
"""

from __future__ import annotations

from selfmassage.cli.spec import Command, Param
from selfmassage.i18n import N_

HELP_OPTION = Param(
    name="help", opts=("-h", "--help"), kind="flag", help=N_("Show this message and exit.")
)
VERSION_OPTION = Param(
    name="version", opts=("--version",), kind="flag", help=N_("Print the version and exit.")
)
LANG_OPTION = Param(
    name="lang",
    opts=("--lang",),
    kind="str",
    metavar="en|ru|uk",
    help=N_(
        "The language of this run (also SELFMASSAGE_LANG, 'language' in the settings, "
        "or the locale)."
    ),
)
# Typer's own: they run through Typer (the fast path leaves them to it).
COMPLETION_OPTIONS = (
    Param(
        name="install_completion",
        opts=("--install-completion",),
        kind="flag",
        help=N_("Install completion for the current shell."),
    ),
    Param(
        name="show_completion",
        opts=("--show-completion",),
        kind="flag",
        help=N_("Show completion for the current shell, to copy it or customize the installation."),
    ),
)
# A 64-bit limit means "no limit" to a person.
_NO_LIMIT = 2**63 - 1
_KIND_METAVAR = {"int": "N", "float": "NUMBER", "str": "TEXT", "path": "PATH"}


def wants_help(argv: list[str], table: dict[tuple[str, ...], Command]) -> bool:
    """``-h`` or ``--help`` among the options: not after ``--``, and not as the value of
    an option that takes one (``--note -h`` is a note, as Typer reads it)."""
    path: tuple[str, ...] = ()
    words = iter(argv)
    for word in words:
        if word == "--":
            return False
        if word in HELP_OPTION.opts:
            return True
        if (*path, word) in table:
            path = (*path, word)
            continue
        command = table.get(path)
        takes_value = command is not None and any(
            word in p.opts and p.kind != "flag" and not p.argument for p in command.params
        )
        if takes_value:
            next(words, None)
    return False


def help_path(argv: list[str], table: dict[tuple[str, ...], Command]) -> tuple[str, ...] | None:
    """The command whose help is asked for: its leading words; None for an unknown command."""
    path: tuple[str, ...] = ()
    for word in argv:
        if word.startswith("-"):
            break
        if (*path, word) not in table:
            return None
        path = (*path, word)
    return path


def render_help(
    path: tuple[str, ...], table: dict[tuple[str, ...], Command], width: int = 80
) -> str:
    """The help page of one command (or of the whole program for ``()``)."""
    from selfmassage.i18n import _
    from selfmassage.text import wrap

    command = table[path]
    width = max(40, min(width, 100))
    arguments = [p for p in command.params if p.argument]
    options = [p for p in command.params if not p.argument]
    if path == ():
        options = [VERSION_OPTION, LANG_OPTION, *COMPLETION_OPTIONS, *options]
    options.append(HELP_OPTION)
    lines = [usage_line(path, table), ""]
    for paragraph in _(command.help).split("\n\n"):
        lines += wrap(" ".join(paragraph.split()), width - 2, indent="  ")
        lines.append("")
    if any(p.help for p in arguments):
        lines.append(_("Arguments:"))
        lines += _definitions([(_usage_word(p), _described(p)) for p in arguments], width)
        lines.append("")
    lines.append(_("Options:"))
    lines += _definitions([(_option_term(p), _described(p)) for p in options], width)
    subcommands = [
        (sub[-1], _first_sentence(_(command_help.help)))
        for sub, command_help in table.items()
        if len(sub) == len(path) + 1 and sub[: len(path)] == path
    ]
    if subcommands:
        lines += ["", _("Commands:")]
        lines += _definitions(subcommands, width, one_line=True)
    return "\n".join(lines) + "\n"


def usage_line(path: tuple[str, ...], table: dict[tuple[str, ...], Command]) -> str:
    """``Usage: selfmassage history [OPTIONS]``: how the command is written."""
    from selfmassage.i18n import _

    command = table[path]
    words = [p for p in command.params if p.argument]
    usage = " ".join([_("Usage:"), "selfmassage", *path, _("[OPTIONS]"), *map(_usage_word, words)])
    if command.group:
        usage += " " + _("COMMAND [ARGS]...")
    return usage


def _usage_word(param: Param) -> str:
    word = param.metavar or param.name.upper().replace("_", "-")
    word = word.strip("[]")
    if param.multiple:
        word += "..."
    return word if param.required else f"[{word}]"


def _option_term(param: Param) -> str:
    term = ", ".join(sorted(param.opts, key=len))
    if param.kind != "flag":
        term += " " + _metavar(param)
    return term


def _metavar(param: Param) -> str:
    if param.metavar:
        return param.metavar
    if param.kind == "choice":
        return "[" + "|".join(param.choices) + "]"
    return _KIND_METAVAR.get(param.kind, "TEXT")


def _described(param: Param) -> str:
    """The help text with what the table knows besides: default, range, repeatable."""
    from selfmassage.i18n import _

    extras = []
    if param.show_default and param.default not in (None, False, (), []):
        extras.append(_("default: {value}").format(value=param.default))
    low, high = param.minimum, param.maximum
    if high == _NO_LIMIT:
        high = None
    if low is not None and high is not None:
        extras.append(_("{low} to {high}").format(low=low, high=high))
    elif low is not None:
        extras.append(_("{low} or more").format(low=low))
    elif high is not None:
        extras.append(_("at most {high}").format(high=high))
    text = _(param.help) if param.help else ""
    if extras:
        text += f"  [{'; '.join(extras)}]"
    return text.strip()


def _first_sentence(text: str) -> str:
    first = text.split("\n\n")[0]
    return " ".join(first.split())


def _definitions(rows: list[tuple[str, str]], width: int, *, one_line: bool = False) -> list[str]:
    """Terms and their text in two columns, the text wrapped (or cut) to the width."""
    from selfmassage.text import wrap

    column = min(max(len(term) for term, _ in rows) + 4, 32)
    lines = []
    for term, text in rows:
        room = width - column
        if one_line:
            text = _shortened(text, room)
        head = f"  {term}"
        body = wrap(text, room) if text else [""]
        if len(head) + 2 > column:
            lines.append(head)
            lines += [" " * column + line for line in body if line]
        else:
            lines.append(head.ljust(column) + body[0])
            lines += [" " * column + line for line in body[1:]]
    return lines


def _shortened(text: str, room: int) -> str:
    """``text`` cut at a word to fit ``room`` columns, with "..." when something is left out."""
    if len(text) <= room:
        return text
    import textwrap

    return textwrap.shorten(text, room, placeholder="...")
