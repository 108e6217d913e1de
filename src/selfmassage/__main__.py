"""Allow ``python -m selfmassage``."""

from selfmassage.cli import main

main()
