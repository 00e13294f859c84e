"""``python -m riskscore``: the same command line as the ``riskscore`` script."""

from .cli import main

main(prog_name="riskscore")
