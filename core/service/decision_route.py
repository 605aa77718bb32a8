"""``POST /v1/decisions`` and ``POST /v1/t/{tenant}/decisions``, answered as plain ASGI.

The service's busiest route is answered here, in front of FastAPI's routing and middleware:
the steps are those of every ``/v1`` endpoint (tenant and token, parameters, admission, the body
within its limits, the evaluation in its pool), but without building a Starlette ``Request``
and ``Response``, matching the route among all the others, or passing through the exception
and body-size middleware, which cost more than the whole of what missio adds to the engine
(docs/service.md, « Performances »). The FastAPI routes of the same paths still describe the
endpoint in the OpenAPI document and answer it, with :func:`decision_text`, where this one
steps aside (an application mounted under a ``root_path``).

What every answer gets besides (request id, ``Cache-Control: no-store``, the log line, a plain
500 for a bug) is added around both by :class:`missio.service.logs.RequestLogMiddleware`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

from missio.service import operations
from missio.service.errors import ServiceError, invalid_input
from missio.service.limits import BODY_READ, Pools, receive_body
from missio.service.tenancy import resolve_tenant
from missio.service.tenants import Tenants

_DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
_PREFIX, _SUFFIX = "/v1/t/", "/decisions"
_JSON_HEADERS = [(b"content-type", b"application/json")]


def parse_date(text: str | None) -> date | None:
    """The ``date`` parameter (AAAA-MM-JJ), or the French 422 that names it."""
    if text is None:
        return None
    try:
        if not _DATE_PATTERN.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise invalid_input(
            [("date", f"« {text[:40]} » n'est pas une date au format AAAA-MM-JJ.")],
            "Paramètre invalide.",
        ) from None


def query_parameter(scope: Scope, name: str) -> str | None:
    """A query parameter as Starlette reads it (the last one of that name wins)."""
    query: bytes = scope.get("query_string", b"")
    if not query:
        return None
    return dict(parse_qsl(query.decode("latin-1"), keep_blank_values=True)).get(name)


def _headers(scope: Scope) -> tuple[str | None, str | None, bytes | None]:
    """The tenant header, the Authorization header and the announced length (the first of
    each, as Starlette's ``Headers.get``), in one pass over the raw headers."""
    tenant = authorization = length = None
    for name, value in scope["headers"]:
        if name == b"x-missio-tenant" and tenant is None:
            tenant = value.decode("latin-1")
        elif name == b"authorization" and authorization is None:
            authorization = value.decode("latin-1")
        elif name == b"content-length" and length is None:
            length = value
    return tenant, authorization, length


async def decision_text(
    tenants: Tenants, pools: Pools, in_path: str | None, scope: Scope, receive: Receive
) -> bytes:
    """The decision's JSON (UTF-8) for a ``POST …/decisions`` request, each step refusing before the
    next costs anything: tenant and token, the date, admission (429 before the body is read),
    the body within its limits, then the evaluation in the pool. Raises the error answer."""
    state: dict[str, Any] = scope["state"]
    in_header, authorization, length = _headers(scope)
    tenant = resolve_tenant(tenants, in_path, in_header, authorization)
    state["tenant"] = tenant.name  # only configured names reach the logs
    day = parse_date(query_parameter(scope, "date"))
    pool = pools.evaluations
    pool.admit()
    limits = pools.limits
    body = await receive_body(receive, length, limits.taille_max_requete, limits.delai_lecture)
    state[BODY_READ] = True
    # Looked up at each call (not bound at import), so that tests can replace it.
    return await pool.run(operations.decide, tenant, body, day)


def _route(path: str) -> tuple[bool, str | None]:
    """Whether `path` is this route's, and the tenant it names: none for ``/v1/decisions``, one
    path segment for ``/v1/t/{tenant}/decisions`` (as FastAPI's ``{tenant}`` matches it)."""
    if path == "/v1/decisions":
        return True, None
    if path.startswith(_PREFIX) and path.endswith(_SUFFIX):
        tenant = path[len(_PREFIX) : -len(_SUFFIX)]
        if tenant and "/" not in tenant:
            return True, tenant
    return False, None


class DecisionRoute:
    """ASGI middleware that answers ``POST /v1/decisions`` (and its tenant form) itself and
    passes every other request on to `app`."""

    def __init__(self, app: ASGIApp, tenants: Tenants, pools: Pools) -> None:
        self.app = app
        self.tenants, self.pools = tenants, pools

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and not scope.get("root_path"):
            ours, in_path = _route(scope["path"])
            if ours:
                await self._answer(scope, receive, send, in_path)
                return
        await self.app(scope, receive, send)

    async def _answer(
        self, scope: Scope, receive: Receive, send: Send, in_path: str | None
    ) -> None:
        state = scope["state"]
        try:
            body = await decision_text(self.tenants, self.pools, in_path, scope, receive)
        except ServiceError as error:
            if error.plugin is not None:  # the log line names them, never the message
                state["plugin"], state["rule"] = error.plugin, error.rule
            # Refused before its body was read: the connection is closed rather than kept
            # for a body nobody will read.
            close = not state.get(BODY_READ, False)
            await error.send(send, state["request_id"], close=close)
            return
        headers = [*_JSON_HEADERS, (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
