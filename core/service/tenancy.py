"""Choosing the tenant of a request and checking its bearer token (FastAPI dependencies).

The tenant comes from the path (``/v1/t/{tenant}/…``), else from the ``X-Missio-Tenant``
header, else the configured default. Both given and different is a client error (400), not
a silent preference: a SIRH that mixes them up would otherwise get another collectivité's acts.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi import Path as PathParam
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from missio.service.errors import ServiceError
from missio.service.tenants import Tenant, Tenants

TENANT_HEADER = "X-Missio-Tenant"

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="jeton",
    description="Jeton d'accès du tenant (en-tête « Authorization: Bearer … »), exigé quand "
    "la configuration du tenant en déclare.",
)


def _shown(name: str) -> str:
    # Echoed back to the caller only, shortened so an error stays readable.
    return name if len(name) <= 64 else name[:64] + "…"


def choose_tenant(request: Request, in_path: str | None, in_header: str | None) -> Tenant:
    tenants: Tenants = request.app.state.tenants
    if in_path is not None and in_header is not None and in_path != in_header:
        raise ServiceError(
            400,
            "tenant_contradictoire",
            f"Le chemin désigne le tenant « {_shown(in_path)} » et l'en-tête {TENANT_HEADER} le "
            f"tenant « {_shown(in_header)} » : n'en indiquez qu'un, ou le même.",
        )
    name = in_path or in_header or tenants.default
    if name is None:
        raise ServiceError(
            404,
            "tenant_absent",
            "Aucun tenant indiqué : utilisez le chemin /v1/t/{tenant}/… ou l'en-tête "
            f"{TENANT_HEADER}.",
        )
    tenant = tenants.get(name)
    if tenant is None:
        raise ServiceError(
            404,
            "tenant_inconnu",
            f"Tenant inconnu : « {_shown(name)} ». Vérifiez l'identifiant donné par "
            "l'exploitant du service.",
        )
    request.state.tenant = tenant.name  # only configured names reach the logs
    return tenant


def authenticate(tenant: Tenant, token: HTTPAuthorizationCredentials | None) -> None:
    if not tenant.protected:
        return
    if token is None:
        raise ServiceError(
            401,
            "jeton_absent",
            "Ce tenant exige un jeton d'accès : en-tête « Authorization: Bearer <jeton> ».",
            headers={"WWW-Authenticate": 'Bearer realm="missio"'},
        )
    if not tenant.accepts(token.credentials):
        raise ServiceError(403, "jeton_refuse", "Jeton d'accès refusé pour ce tenant.")


TenantHeader = Annotated[
    str | None,
    Header(
        alias=TENANT_HEADER,
        description="Tenant (collectivité) de la requête, quand le chemin ne le donne pas.",
    ),
]
BearerToken = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def tenant_from_header(
    request: Request, header: TenantHeader = None, token: BearerToken = None
) -> Tenant:
    """Dependency of the ``/v1/…`` routes."""
    tenant = choose_tenant(request, None, header)
    authenticate(tenant, token)
    return tenant


def tenant_from_path(
    request: Request,
    tenant: Annotated[str, PathParam(description="Identifiant du tenant (collectivité).")],
    header: TenantHeader = None,
    token: BearerToken = None,
) -> Tenant:
    """Dependency of the ``/v1/t/{tenant}/…`` routes."""
    chosen = choose_tenant(request, tenant, header)
    authenticate(chosen, token)
    return chosen
