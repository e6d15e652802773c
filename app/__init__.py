"""PasteWarden: the running program (CLI, core pipeline, OS backends, Qt UI)."""

__version__ = "0.1.0"
