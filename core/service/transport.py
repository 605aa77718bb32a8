"""uvicorn's HTTP protocol, with TCP_NODELAY on every connection.

With ``--workers N`` uvicorn binds the listening socket itself, with a protocol number of 0, and
asyncio then leaves Nagle's algorithm on for the accepted connections: a response written as
headers then body waits for the client's delayed ACK, about 40 ms per keep-alive request
(measured on loopback: 44 ms instead of 5 ms). Setting TCP_NODELAY here gives every worker the
latency of a single one.
"""

from __future__ import annotations

import asyncio
import socket
from contextlib import suppress

try:  # the faster parser, brought by the service extra; h11 otherwise
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _Base
except ImportError:  # pragma: no cover - depends on the installed extras
    from uvicorn.protocols.http.h11_impl import H11Protocol as _Base  # type: ignore[assignment]

# For uvicorn's ``http=`` option: an import string, since workers import it anew.
PROTOCOL = f"{__name__}:NoDelayHTTPProtocol"
# The parser in use, for the benchmark's report.
PARSER = "httptools" if _Base.__name__ == "HttpToolsProtocol" else "h11"


class NoDelayHTTPProtocol(_Base):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with suppress(OSError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
