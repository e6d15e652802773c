"""OS-specific code only: one module per OS behind the Protocols in app/core/ports.py."""
