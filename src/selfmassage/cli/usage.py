"""Usage errors in our words: what Typer found wrong with a command line, said plainly.

Typer (through its own copy of Click) finds the error; ``typerapp.EdgeGroup`` hands
its message here instead of letting Click print it, so the usage line comes from the
command table and the sentence can be said in the run's language. Each of Click's
and Typer's messages we know is matched by a pattern; one we do not know is shown
as Typer wrote it.
"""

from __future__ import annotations

import re

from selfmassage.i18n import N_

# Click's and Typer's messages (typer 0.29), and ours for each.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)"),
        N_("No such option: {name} (did you mean {options}?)"),
    ),
    (re.compile(r"No such option: (?P<name>\S+)"), N_("No such option: {name}")),
    (
        re.compile(r"Option '(?P<name>[^']+)' requires an argument\."),
        N_("Option {name} needs a value."),
    ),
    (
        re.compile(r"Option '(?P<name>[^']+)' requires \d+ arguments\."),
        N_("Option {name} needs more values."),
    ),
    (
        re.compile(r"Option '(?P<name>[^']+)' does not take a value\."),
        N_("Option {name} takes no value."),
    ),
    (re.compile(r"Missing option '(?P<name>[^']+)'\."), N_("Missing option {name}.")),
    (re.compile(r"Missing argument '(?P<name>[^']+)'\."), N_("Missing argument {name}.")),
    (re.compile(r"No such command '(?P<name>[^']+)'\."), N_("No such command: {name}.")),
    (
        re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<words>.*)\)"),
        N_("Unexpected words at the end: {words}"),
    ),
    (
        re.compile(r"Invalid value for (?P<name>.+?): (?P<problem>.+)"),
        N_("Invalid value for {name}: {problem}"),
    ),
)
_PROBLEMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Input should be a valid integer.*"), N_("must be a whole number")),
    (re.compile(r"Input should be a valid number.*"), N_("must be a number")),
    (
        re.compile(r"Input should be greater than or equal to (?P<n>\S+)"),
        N_("must be at least {n}"),
    ),
    (re.compile(r"Input should be less than or equal to (?P<n>\S+)"), N_("must be at most {n}")),
    (
        re.compile(r"Value error, (?P<value>'.*') is not one of (?P<choices>.+)\."),
        N_("{value} is not one of {choices}"),
    ),
)


def plain_message(message: str) -> str:
    """Typer's message in the run's language; an unknown one as it is."""
    from selfmassage.i18n import _

    message = message.strip()
    for pattern, ours in _MESSAGES:
        found = pattern.fullmatch(message)
        if found:
            words = found.groupdict()
            names = {k: _quoted(v) if k == "name" else v for k, v in words.items()}
            if "problem" in names:
                names["problem"] = _problem(names["problem"])
            return _(ours).format(**names)
    return message


def _problem(text: str) -> str:
    from selfmassage.i18n import _

    for pattern, ours in _PROBLEMS:
        found = pattern.fullmatch(text)
        if found:
            return _(ours).format(**found.groupdict())
    return text


def _quoted(name: str) -> str:
    """'--limit' / '-n' as Click names it, or a bare --nope: each name in quotes."""
    names = [part.strip().strip("'") for part in name.split(" / ")]
    return " / ".join(f"'{part}'" for part in names)


def usage_error(argv: list[str], message: str) -> str:
    """The whole report of a usage error in ``argv``: how the command is written, where
    help is, what is wrong."""
    from selfmassage.cli.help import usage_line
    from selfmassage.cli.table import COMMANDS
    from selfmassage.i18n import _

    path: tuple[str, ...] = ()
    for word in argv:
        if (*path, word) not in COMMANDS:
            break
        path = (*path, word)
    command = " ".join(["selfmassage", *path])
    return (
        f"{usage_line(path, COMMANDS)}\n"
        + _("Try '{command} -h' for help.").format(command=command)
        + "\n\n"
        + _("Error: {message}").format(message=plain_message(message))
        + "\n"
    )
