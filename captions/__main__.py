"""``python -m captions``."""

from captions.cli import main

main()
