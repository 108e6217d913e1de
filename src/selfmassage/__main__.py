"""Allow ``python -m selfmassage``."""

from selfmassage.cli import main

if __name__ == "__main__":
    main()
