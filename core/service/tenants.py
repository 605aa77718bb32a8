"""Tenants: one Engine and one Redacteur per collectivité, built once at start and shared.

Building an engine loads every plugin and checks its declarations; a Redacteur compiles every
template. Both are then read-only (the engine is documented thread-safe, the Redacteur locks
its compile cache), so every request and every thread of a worker reuses them.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from missio.documents.redacteur import Redacteur
from missio.engine import Engine
from missio.errors import ErreurValidation, MissioError
from missio.service.config import ServiceConfig, TenantConfig, token_digests


@dataclass(frozen=True, slots=True)
class Tenant:
    """A collectivité as the service sees it."""

    name: str
    engine: Engine
    redacteur: Redacteur
    token_digests: tuple[bytes, ...] = ()

    @property
    def protected(self) -> bool:
        """Whether requests must carry one of the tenant's bearer tokens."""
        return bool(self.token_digests)

    def accepts(self, token: str) -> bool:
        digest = hashlib.sha256(token.encode("utf-8")).digest()
        # Compare against every token (no early exit) so timing says nothing of which matched.
        matches = [hmac.compare_digest(digest, known) for known in self.token_digests]
        return any(matches)


def build_tenant(name: str, tenant: TenantConfig, config: ServiceConfig) -> Tenant:
    """Build one tenant's engine and templates; errors name the tenant."""
    origin = f"tenant « {name} »"
    try:
        engine = Engine(
            politiques=[config.resolve(p) for p in tenant.politiques],
            parametres=tenant.parametres,
            origine_parametres=tenant.origine_parametres or f"configuration du {origin}",
            journee_solidarite=tenant.journee_solidarite,
            modeles=config.resolve(tenant.modeles) if tenant.modeles else None,
        )
        redacteur = Redacteur(engine, logo=config.resolve(tenant.logo) if tenant.logo else None)
        redacteur.precharger()
    except ErreurValidation as exc:
        where = f"{origin} : {exc.origine}" if exc.origine else origin
        raise ErreurValidation(exc.erreurs, where) from None
    except MissioError as exc:
        raise ErreurValidation([("(tenant)", str(exc))], origin) from None
    return Tenant(name, engine, redacteur, token_digests(tenant))


class Tenants:
    """Every tenant of the instance, built eagerly so a broken configuration stops the start
    (with its French message) rather than the first request."""

    def __init__(self, tenants: Mapping[str, Tenant], default: str | None) -> None:
        if not tenants:
            raise ValueError("at least one tenant is needed")
        self._tenants = dict(tenants)
        self.default = default
        # Then an unknown tenant answers as a protected one (see missio.service.tenancy).
        self.any_protected = any(t.protected for t in self._tenants.values())

    @classmethod
    def from_config(cls, config: ServiceConfig) -> Tenants:
        tenants = {
            name: build_tenant(name, tenant, config)
            for name, tenant in sorted(config.effective_tenants().items())
        }
        return cls(tenants, config.effective_default())

    def get(self, name: str) -> Tenant | None:
        return self._tenants.get(name)

    def reference(self) -> Tenant:
        """The tenant whose mission schema the OpenAPI document shows."""
        if self.default is not None and self.default in self._tenants:
            return self._tenants[self.default]
        return next(iter(self._tenants.values()))

    def __iter__(self) -> Iterator[Tenant]:
        return iter(self._tenants.values())

    def __len__(self) -> int:
        return len(self._tenants)
