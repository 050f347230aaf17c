"""Serving the desk: the listening socket and uvicorn, its only home."""

from __future__ import annotations

import contextlib
import errno
import socket
from typing import Any

DEFAULT_PORT = 8731  # the desk's port; the next free one when another program holds it
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def bind(host: str, port: int, tries: int = 20) -> socket.socket:
    """A listening socket on `host` at `port`, or at the next free port after it (`port` 0:
    any free port).

    Raises:
        OSError: no port of the range is free, or the host cannot be listened on.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    for candidate in range(port, port + tries) if port else [0]:
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
        except OSError as err:
            sock.close()
            if err.errno == errno.EADDRINUSE:
                continue
            raise
        sock.listen(128)
        return sock
    raise OSError(errno.EADDRINUSE, f"ports {port}-{port + tries - 1} are all in use")


def url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(app: Any, sock: socket.socket) -> None:
    """Serve the app on the socket until interrupted (Ctrl-C)."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


def machine_names(host: str) -> tuple[str, ...]:
    """The names this machine answers to when the desk listens on `host` beyond 127.0.0.1:
    that address, the machine's name and its addresses. Never any name at all, which would let
    a page whose name is made to point here (DNS rebinding) use the desk."""
    names = {host, socket.gethostname(), socket.getfqdn()}
    with contextlib.suppress(OSError):
        names.update(socket.gethostbyname_ex(socket.gethostname())[2])
    return tuple(sorted(n for n in names if n and n not in {"0.0.0.0", "::"}))
