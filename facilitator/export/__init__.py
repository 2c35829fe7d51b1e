"""Exports: pure functions from a session to PDF or Markdown. Imports reportlab lazily."""
