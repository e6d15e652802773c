"""PySide6 user interface: tray, dialogs, review window. The only place Qt is imported."""
