"""The yes/no dialog lives in dialogs.py; phase views import it from here too."""

from .dialogs import ConfirmDialog

__all__ = ["ConfirmDialog"]
