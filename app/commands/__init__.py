"""Implementations of the CLI commands; app.cli only parses arguments."""
