"""selfmassage: a command-line self-massage coach."""

__version__ = "0.1.0"
