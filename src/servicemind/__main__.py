"""``python -m servicemind``: the same as the ``servicemind`` command."""

from servicemind.cli import main

if __name__ == "__main__":
    main()
