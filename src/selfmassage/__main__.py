"""Allow ``python -m selfmassage``."""

from selfmassage.cli.app import main

if __name__ == "__main__":
    main()
