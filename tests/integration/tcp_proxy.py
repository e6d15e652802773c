"""A loopback TCP proxy in front of rsyslog for the syslog fault tests.

It keeps every byte the client sent (`client_bytes`: was anything sent in clear?), and
can play a receiver that crashes after accepting data: with `swallow` set it reads
and acknowledges the client's bytes but forwards nothing, and `cut()` closes every
client connection.
"""

from __future__ import annotations

import contextlib
import socket
import threading

from rsyslog_server import free_port


class TcpProxy:
    """Forwards 127.0.0.1:port to 127.0.0.1:upstream."""

    def __init__(self, upstream: int) -> None:
        self.upstream, self.port = upstream, free_port()
        self.client_bytes = bytearray()
        self.swallow = threading.Event()
        self._clients: list[socket.socket] = []
        self._listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = self._listener.accept()
                self._clients.append(client)
                server = socket.create_connection(("127.0.0.1", self.upstream))
                for args in ((client, server, True), (server, client, False)):
                    threading.Thread(target=self._pump, args=args, daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, from_client: bool) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                if from_client:
                    self.client_bytes += data
                    if self.swallow.is_set():
                        continue
                target.sendall(data)
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Close every client connection, as a crashed receiver would."""
        for client in self._clients:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
            client.close()
        self._clients.clear()

    def close(self) -> None:
        self.cut()
        self._listener.close()
