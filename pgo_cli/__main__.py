"""``python -m pgo_cli``: the same as the ``pgo`` command."""

from pgo_cli.cli.entry import main

if __name__ == "__main__":
    main()
