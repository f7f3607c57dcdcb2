"""Start the command line: `python -m prauthor` and the installed `prauthor` command."""

import os
import sys


def run() -> None:
    """Run prauthor's command line and exit with its code."""
    # prauthor uses no pydantic plugins, and looking them up reads every installed
    # package's metadata; it must be said before typer imports pydantic.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.argv[1:2] == ["render"]:
        from prauthor.render.offload import start_early

        start_early(sys.argv[2:])
    from prauthor.cli import main

    sys.exit(main())


if __name__ == "__main__":
    run()
