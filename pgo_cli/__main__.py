"""``python -m pgo_cli``: the same as the ``pgo`` command."""

from pgo_cli.cli.app import main

if __name__ == "__main__":
    main()
