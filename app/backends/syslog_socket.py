"""The syslog sink's transport: TCP (RFC 6587 frames) or TLS per RFC 5425, via socket and ssl.

Implements app.core.ports.SyslogTransport. TLS verifies the receiver's certificate and
host name against the policy's CA bundle (or the OS trust store when none is given),
requires TLS 1.2 or newer, and presents a client certificate when the policy names
one (an encrypted key's passphrase comes from the OS keyring). Nothing is written
before the handshake has succeeded, so a wrong CA or a receiver that does not speak
TLS gets no record in clear.

`send` waits until the peer's TCP stack has acknowledged every byte (Linux: the
socket's unacknowledged-output count, TIOCOUTQ, reaches 0; macOS: SO_NWRITE,
unverified). Windows cannot ask that cheaply; there `send` returns after the write.
Verified on Linux only.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import ssl
import sys
import time

from app.core.central.syslog_sink import SyslogSettings

CONNECT_TIMEOUT_S = 10.0
ACK_TIMEOUT_S = 10.0
KEY_PASSWORD_SERVICE = "PasteWarden syslog client key"


class SocketTransport:
    """One connection to the receiver; unusable after any error (open a new one)."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def send(self, frames: list[bytes]) -> None:
        self._sock.sendall(b"".join(frames))
        self._wait_acknowledged(ACK_TIMEOUT_S)

    def _wait_acknowledged(self, timeout_s: float) -> None:
        """Return once the peer's TCP acknowledged every byte; OSError when it never will.

        A reset leaves the unacknowledged count where it was, so the connection's error
        and liveness are checked on every round too.
        """
        deadline = time.monotonic() + timeout_s
        while unacknowledged(self._sock):
            error = self._sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if error:
                raise OSError(error, os.strerror(error))
            if not self.alive():
                raise ConnectionResetError("the syslog receiver closed the connection")
            if time.monotonic() > deadline:
                raise TimeoutError("the syslog receiver did not acknowledge the records")
            time.sleep(0.002)
        if not self.alive():  # closed right after acknowledging: it may not have read them
            raise ConnectionResetError("the syslog receiver closed the connection")

    def alive(self) -> bool:
        """False once the receiver closed or reset the connection (it never sends data)."""
        try:
            readable, _, _ = select.select([self._sock], [], [], 0)
        except (OSError, ValueError):
            return False
        if not readable:
            return True
        timeout = self._sock.gettimeout()
        self._sock.settimeout(0)
        try:  # TLS 1.3 session tickets arrive here too: read and drop them
            return self._sock.recv(4096) != b""
        except (ssl.SSLWantReadError, BlockingIOError):
            return True
        except OSError:
            return False
        finally:
            self._sock.settimeout(timeout)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.close()


def connect(settings: SyslogSettings) -> SocketTransport:
    """Open a TCP or TLS connection as the policy says; raises OSError (ssl errors too)."""
    context = tls_context(settings) if settings.protocol == "tls" else None
    sock = socket.create_connection((settings.host, settings.port), CONNECT_TIMEOUT_S)
    try:
        if context is not None:
            sock = context.wrap_socket(sock, server_hostname=settings.host)
        sock.settimeout(ACK_TIMEOUT_S)
    except BaseException:
        sock.close()
        raise
    return SocketTransport(sock)


def tls_context(settings: SyslogSettings) -> ssl.SSLContext:
    """Verify the receiver (CA bundle or OS store, host name), TLS 1.2+, optional client cert."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=settings.ca_file)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if settings.client_cert:
        host = settings.host
        context.load_cert_chain(
            settings.client_cert, settings.client_key, password=lambda: client_key_password(host)
        )
    return context


def client_key_password(host: str) -> str:
    """The passphrase of an encrypted client key, from the OS keyring (asked only then)."""
    import keyring

    from app.backends.keyring_secrets import refused_backend

    backend = keyring.get_keyring()
    problem = refused_backend(backend)
    if problem is not None:
        raise PermissionError(f"cannot read the client key's passphrase: {problem}")
    password = backend.get_password(KEY_PASSWORD_SERVICE, host)
    if password is None:
        raise PermissionError(
            f"the client key is encrypted and the keyring has no passphrase for {host} "
            f"({KEY_PASSWORD_SERVICE!r})"
        )
    return str(password)


_SO_NWRITE = 0x1024  # macOS <sys/socket.h>: bytes still in the send buffer, unacknowledged too


def unacknowledged(sock: socket.socket, platform: str = sys.platform) -> int:
    """Bytes written but not yet acknowledged by the peer; 0 where the OS cannot tell.

    Linux: TIOCOUTQ. macOS: SO_NWRITE (unverified: written from Apple's headers).
    Windows has no cheap equivalent: there a completed write must do.
    """
    if platform.startswith("linux"):
        import fcntl
        import struct
        import termios

        raw = fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, b"\0\0\0\0")
        return int(struct.unpack("i", raw)[0])
    if platform == "darwin":
        return int(sock.getsockopt(socket.SOL_SOCKET, _SO_NWRITE))
    return 0
