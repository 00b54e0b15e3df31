"""``python -m factdb``."""

from factdb.cli.app import main

if __name__ == "__main__":
    main()
