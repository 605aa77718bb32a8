"""Choosing the tenant of a request and checking its bearer token, before its body is read.

The tenant comes from the path (``/v1/t/{tenant}/…``), else from the ``X-Missio-Tenant``
header, else the configured default. Both given and different is a client error (400), not
a silent preference: a SIRH that mixes them up would otherwise get another collectivité's acts.

A caller without a valid token learns nothing of which tenants exist: when any tenant of the
instance is protected, an unknown tenant answers exactly as a protected one does (401 without
a token, 403 with a wrong one), after the same digest comparison.

Plain functions rather than FastAPI dependencies: they run on every request, and the OpenAPI
document describes the header, the path parameter and the scheme itself
(:func:`missio.service.openapi.add_tenancy`).
"""

from __future__ import annotations

import hashlib
import hmac

from starlette.requests import Request

from missio.service.errors import ServiceError
from missio.service.tenants import Tenant, Tenants

TENANT_HEADER = "X-Missio-Tenant"
_HEADER = TENANT_HEADER.lower()
# Compared against when the tenant is unknown, so that its answer takes the same time.
_NO_TENANT = hashlib.sha256(b"missio: no such tenant").digest()


def _shown(name: str) -> str:
    # Echoed back to the caller only, shortened so an error stays readable.
    return name if len(name) <= 64 else name[:64] + "…"


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer …`` header, if any."""
    return token_of(request.headers.get("authorization"))


def token_of(authorization: str | None) -> str | None:
    """The token of an ``Authorization`` header's value, if it is ``Bearer <token>``."""
    if authorization is None:
        return None
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def _token_missing() -> ServiceError:
    return ServiceError(
        401,
        "jeton_absent",
        "Ce tenant exige un jeton d'accès : en-tête « Authorization: Bearer <jeton> ».",
        headers={"WWW-Authenticate": 'Bearer realm="missio"'},
    )


def _token_refused() -> ServiceError:
    return ServiceError(403, "jeton_refuse", "Jeton d'accès refusé pour ce tenant.")


def authenticate(tenant: Tenant, token: str | None) -> None:
    """Accept the request for `tenant`, or refuse it (401 without a token, 403 with another)."""
    if not tenant.protected:
        return
    if token is None:
        raise _token_missing()
    if not tenant.accepts(token):
        raise _token_refused()


def _unknown_refused(token: str | None) -> ServiceError:
    """An unknown tenant's answer, the same as a protected tenant's, after the same work."""
    if token is None:
        return _token_missing()
    digest = hashlib.sha256(token.encode("utf-8")).digest()
    hmac.compare_digest(digest, _NO_TENANT)
    return _token_refused()


def tenant_of(request: Request) -> Tenant:
    """The request's tenant, its token checked; raises the error answer otherwise."""
    headers = request.headers
    tenant = resolve_tenant(
        request.app.state.tenants,
        request.path_params.get("tenant"),
        headers.get(_HEADER),
        headers.get("authorization"),
    )
    request.state.tenant = tenant.name  # only configured names reach the logs
    return tenant


def resolve_tenant(
    tenants: Tenants, in_path: str | None, in_header: str | None, authorization: str | None
) -> Tenant:
    """The tenant named by the path or the ``X-Missio-Tenant`` header (else the default), the
    ``Authorization`` header's token checked; raises the error answer otherwise."""
    if in_path is not None and in_header is not None and in_path != in_header:
        raise ServiceError(
            400,
            "tenant_contradictoire",
            f"Le chemin désigne le tenant « {_shown(in_path)} » et l'en-tête {TENANT_HEADER} le "
            f"tenant « {_shown(in_header)} » : n'en indiquez qu'un, ou le même.",
        )
    # A header given empty names no tenant: refused as unknown, not read as "the default".
    name = in_path if in_path is not None else in_header
    name = tenants.default if name is None else name
    if name is None:
        raise ServiceError(
            404,
            "tenant_absent",
            "Aucun tenant indiqué : utilisez le chemin /v1/t/{tenant}/… ou l'en-tête "
            f"{TENANT_HEADER}.",
        )
    tenant = tenants.get(name)
    if tenant is None and not tenants.any_protected:
        raise ServiceError(
            404,
            "tenant_inconnu",
            f"Tenant inconnu : « {_shown(name)} ». Vérifiez l'identifiant donné par "
            "l'exploitant du service.",
        )
    if tenant is None:
        raise _unknown_refused(token_of(authorization))
    authenticate(tenant, token_of(authorization))
    return tenant
