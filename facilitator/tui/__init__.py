"""The Textual app. Screens and phase views only call the session service."""
