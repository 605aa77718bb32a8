"""``python -m missio``: the same command line as ``missio``."""

from missio.cli.commands import main

main()
