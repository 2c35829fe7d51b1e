"""The pure core: models, agenda clock, cards and content logic.

Nothing in this package may import Textual, touch the terminal or write files;
``tests/test_architecture.py`` enforces the Textual part.
"""
