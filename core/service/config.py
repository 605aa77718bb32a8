"""The service's configuration file (TOML): limits, and the tenants it serves.

One installation serves several collectivités ("tenants"), each with its own policies,
parameters, template folder and tokens. The file is read once at start; relative paths are
resolved against the file's own folder, so a configuration directory can be moved whole.
Format and examples: ``docs/service.md``. No FastAPI import here: ``missio serve`` validates
the file before it starts any worker.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from missio.calendar import ModeSolidarite
from missio.errors import ErreurValidation, traduire

# Tenant ids appear in URLs and logs: short, lowercase, no path separators.
TENANT_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
DEFAULT_TENANT = "defaut"

TenantId = Annotated[str, Field(pattern=TENANT_PATTERN)]


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which a container's cpuset
    narrows), or the machine's."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


class Limits(BaseModel):
    """Bounds that keep one request from stalling or exhausting the service."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    taille_max_requete: int = Field(
        1_048_576, ge=1_024, description="Taille maximale d'un corps de requête, en octets."
    )
    lot_max: int = Field(100, ge=1, description="Nombre maximal de missions dans un lot.")
    delai_rendu: float = Field(
        30.0, gt=0, description="Durée maximale d'un rendu d'actes (DOCX ou PDF), en secondes."
    )
    rendus_simultanes: int = Field(
        2, ge=1, description="Rendus exécutés en même temps par processus (fils d'exécution)."
    )
    rendus_en_attente: int = Field(
        8, ge=0, description="Rendus admis en file d'attente au-delà des rendus en cours."
    )
    evaluations_simultanees: int = Field(
        default_factory=usable_cores,
        ge=1,
        description="Évaluations (décisions, lots) menées en même temps par processus (fils "
        "d'exécution) ; par défaut, le nombre de cœurs utilisables.",
    )
    evaluations_en_attente: int = Field(
        64, ge=0, description="Évaluations admises en file d'attente au-delà de celles en cours."
    )
    delai_lecture: float = Field(
        10.0,
        gt=0,
        description="Durée maximale de réception d'un corps de requête, en secondes (client "
        "lent ou arrêté : 408).",
    )
    delai_blocage: float = Field(
        120.0,
        gt=0,
        description="Durée, en secondes, au-delà de laquelle un fil d'évaluation ou de rendu "
        "occupé par la même tâche est tenu pour bloqué ; quand tous les fils d'un ensemble le "
        "sont, /readyz répond 503 (l'instance n'est plus prête). Supérieure à delai_rendu.",
    )

    @model_validator(mode="after")
    def _blocage_apres_rendu(self) -> Limits:
        # A render within its time limit is slow, not blocked.
        if self.delai_blocage <= self.delai_rendu:
            raise PydanticCustomError(
                "delai_blocage",
                f"« delai_blocage » ({self.delai_blocage:g} s) doit dépasser « delai_rendu » "
                f"({self.delai_rendu:g} s) : un rendu dans son délai n'est pas bloqué.",
            )
        return self


class TenantConfig(BaseModel):
    """One collectivité served by the instance."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nom: str | None = Field(None, description="Nom lisible de la collectivité (documentation).")
    politiques: tuple[Path, ...] = Field((), description="Fichiers de politique locale.")
    parametres: dict[str, Any] = Field(
        default_factory=dict, description="Valeurs des paramètres déclarés par les plugins."
    )
    origine_parametres: str | None = Field(
        None, description="Qui a fixé ces paramètres (une délibération), pour la trace."
    )
    journee_solidarite: ModeSolidarite | None = None
    modeles: Path | None = Field(None, description="Dossier des modèles .docx de la collectivité.")
    logo: Path | None = Field(None, description="Logo (PNG ou JPEG) placé dans les en-têtes.")
    jetons: tuple[str, ...] = Field(
        (), description="Jetons d'accès (préférer jetons_env pour ne pas les écrire ici)."
    )
    jetons_env: tuple[str, ...] = Field(
        (), description="Noms de variables d'environnement qui contiennent un jeton chacune."
    )


class ServiceConfig(BaseModel):
    """The whole file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tenant_defaut: TenantId | None = Field(
        None, description="Tenant des requêtes qui n'en indiquent aucun."
    )
    limites: Limits = Field(default_factory=Limits)
    tenants: dict[TenantId, TenantConfig] = Field(default_factory=dict)
    # Where relative paths are read from; set by `load_config`, not by the file.
    base_dir: Path | None = Field(None, exclude=True)

    def resolve(self, path: Path) -> Path:
        """`path` resolved against the configuration file's folder."""
        if path.is_absolute() or self.base_dir is None:
            return path
        return self.base_dir / path

    def effective_tenants(self) -> dict[str, TenantConfig]:
        """The configured tenants, or the single default one (built-in plugins only)."""
        return dict(self.tenants) or {DEFAULT_TENANT: TenantConfig()}

    def effective_default(self) -> str | None:
        if not self.tenants:
            return DEFAULT_TENANT
        return self.tenant_defaut


def _check(config: ServiceConfig, origin: str) -> None:
    errors: list[tuple[str, str]] = []
    if config.tenant_defaut is not None and config.tenant_defaut not in config.tenants:
        errors.append(
            (
                "tenant_defaut",
                f"« {config.tenant_defaut} » n'est pas un tenant de [tenants]. Tenants "
                f"déclarés : {', '.join(sorted(config.tenants)) or 'aucun'}.",
            )
        )
    for name, tenant in config.tenants.items():
        for i, variable in enumerate(tenant.jetons_env):
            if not os.environ.get(variable):
                errors.append(
                    (
                        f"tenants.{name}.jetons_env[{i}]",
                        f"la variable d'environnement {variable} n'est pas définie ou est vide.",
                    )
                )
        for i, token in enumerate(tenant.jetons):
            if len(token) < 16:
                errors.append(
                    (
                        f"tenants.{name}.jetons[{i}]",
                        "jeton trop court : 16 caractères au moins (32 aléatoires conseillés).",
                    )
                )
    errors += _shared_tokens(config)
    if errors:
        raise ErreurValidation(errors, origin)


def _shared_tokens(config: ServiceConfig) -> list[tuple[str, str]]:
    """One token must open one tenant: shared, it would let a SIRH of one collectivité read
    another's acts by changing the tenant of its requests."""
    owners: dict[str, list[str]] = {}
    for name, tenant in sorted(config.tenants.items()):
        places = [f"tenants.{name}.jetons[{i}]" for i in range(len(tenant.jetons))]
        places += [f"tenants.{name}.jetons_env[{i}]" for i in range(len(tenant.jetons_env))]
        values = [*tenant.jetons, *(os.environ.get(v, "") for v in tenant.jetons_env)]
        for place, value in zip(places, values, strict=True):
            if value:
                owners.setdefault(value, []).append(place)
    errors = []
    for places in owners.values():
        tenants = {place.split(".")[1] for place in places}
        if len(tenants) > 1:
            errors.append(
                (
                    places[-1],
                    f"même jeton que {', '.join(places[:-1])} : chaque tenant doit avoir ses "
                    "propres jetons.",
                )
            )
    return errors


def load_config(path: Path | str) -> ServiceConfig:
    """Read and check a configuration file; French errors name the file and the key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ErreurValidation(
            [("(fichier)", f"fichier illisible ({exc.strerror}).")], str(path)
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ErreurValidation([("(fichier)", f"TOML invalide ({exc}).")], str(path)) from None
    try:
        config = ServiceConfig.model_validate(data)
    except ValidationError as exc:
        raise ErreurValidation(traduire(exc), str(path)) from None
    config = config.model_copy(update={"base_dir": path.resolve().parent})
    _check(config, str(path))
    return config


def default_config() -> ServiceConfig:
    """No file: one tenant with the built-in plugins and the default limits."""
    return ServiceConfig()


def token_digests(tenant: TenantConfig) -> tuple[bytes, ...]:
    """SHA-256 digests of a tenant's tokens: the service keeps no token in clear after start,
    and digests of equal length make the comparison constant-time."""
    tokens = [*tenant.jetons, *(os.environ.get(v, "") for v in tenant.jetons_env)]
    return tuple(hashlib.sha256(t.encode("utf-8")).digest() for t in tokens if t)
