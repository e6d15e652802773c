"""PasteWarden: the running program (CLI, core pipeline, OS backends, Qt UI).

Importing the package installs the OS services the core uses (app.core.system):
the core itself makes no OS calls (see docs/architecture.md).
"""

__version__ = "0.1.0"


def _install_os_services() -> None:
    from app.backends.system import install

    install()


_install_os_services()
