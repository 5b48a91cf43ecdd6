"""Entry point of the frozen application (installer/kenes.spec): the `kenes` command."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
