"""The service's error format, and the translation of missio's errors into HTTP answers.

Every error body has the same shape (``ErrorBody``): a stable ``code`` for programs, a
French ``message`` for people, the field errors (same paths and messages as the CLI) and the
request id to quote to the service's operator. Never a traceback: an exception's text can quote
the mission, and a stack says nothing useful to an integrator.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, ValidationError

from missio.documents.errors import ErreurModele
from missio.errors import ConflitDispositif, ErreurPlugin, ErreurValidation, MissioError, traduire

if TYPE_CHECKING:
    from starlette.types import Send


class FieldError(BaseModel):
    """One invalid field."""

    champ: str = Field(description="Chemin du champ, par exemple « periodes[0].fin ».")
    message: str = Field(description="Ce qui ne va pas et ce qui est admis, en français.")


class ErrorDetail(BaseModel):
    """An error: what a batch item carries, and the core of every error answer."""

    code: str = Field(
        description="Code stable de l'erreur (donnees_invalides, tenant_inconnu, erreur_plugin…)."
    )
    message: str = Field(description="Explication en français.")
    erreurs: list[FieldError] = Field(
        default_factory=list, description="Champs invalides (erreurs 422)."
    )
    plugin: str | None = Field(None, description="Plugin en cause (erreur_plugin).")
    regle: str | None = Field(None, description="Règle en cause (erreur_plugin).")


class ErrorBody(ErrorDetail):
    """The body of every error answer."""

    request_id: str = Field(description="Identifiant de la requête, à citer à l'exploitant.")


class ServiceError(Exception):
    """An HTTP error answer, raised anywhere in a request and written by the app's handler."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        fields: Iterable[tuple[str, str]] = (),
        plugin: str | None = None,
        rule: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = list(fields)
        self.plugin = plugin
        self.rule = rule
        self.headers = dict(headers or {})

    def body(self, request_id: str | None) -> dict[str, Any]:
        """The JSON body (``ErrorBody``), without the absent plugin and rule (and without the
        request id for an item of a batch, whose id is the batch's)."""
        body: dict[str, Any] = {
            "code": self.code,
            "message": self.message,
            "erreurs": [{"champ": c or "(racine)", "message": m} for c, m in self.fields],
        }
        if self.plugin is not None:
            body["plugin"] = self.plugin
            body["regle"] = self.rule
        if request_id is not None:
            body["request_id"] = request_id
        return body

    def json(self, request_id: str) -> bytes:
        # Compact, as FastAPI's JSONResponse writes the same body.
        body = self.body(request_id)
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    async def send(self, send: Send, request_id: str, *, close: bool = False) -> None:
        """Answer from ASGI middleware, below FastAPI's exception handlers (oversized bodies,
        errors escaping the app)."""
        body = self.json(request_id)
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        headers += [
            (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in self.headers.items()
        ]
        if close:
            headers.append((b"connection", b"close"))
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def internal_error() -> ServiceError:
    """A bug's answer: nothing of it but the request id to quote."""
    return ServiceError(
        500,
        "erreur_interne",
        "Erreur interne du service. Citez l'identifiant de requête à son exploitant.",
    )


def invalid_input(fields: Iterable[tuple[str, str]], message: str | None = None) -> ServiceError:
    fields = list(fields)
    return ServiceError(
        422,
        "donnees_invalides",
        message or f"Données invalides : {len(fields)} erreur(s), voir « erreurs ».",
        fields=fields,
    )


def from_missio_error(exc: MissioError) -> ServiceError:
    """missio's own errors as HTTP answers: bad input is the caller's (422), the rest ours."""
    if isinstance(exc, ErreurValidation):
        return invalid_input(exc.erreurs)
    if isinstance(exc, ErreurModele):
        # Every template is compiled and checked at start: one that fails on a request fails
        # on that request's data (a text the document cannot hold), which the caller can fix.
        return ServiceError(
            422,
            "rendu_impossible",
            f"Les actes ne peuvent pas être rédigés avec ces données : {exc}",
        )
    if isinstance(exc, ConflitDispositif):
        return ServiceError(500, "conflit_dispositif", str(exc))
    if isinstance(exc, ErreurPlugin):
        return ServiceError(500, "erreur_plugin", str(exc))
    # ErreurRendu and any later MissioError: the acts could not be produced. Its message
    # names no path nor command line (see missio.documents.output).
    return ServiceError(500, "erreur_rendu", str(exc))


def too_deep() -> ServiceError:
    """JSON nested deeper than the parser's recursion allows: the caller's input, not a bug."""
    from missio.intake import PROFONDEUR_MAX

    message = f"JSON imbriqué trop profondément ({PROFONDEUR_MAX} niveaux au plus)."
    return invalid_input([("", message)], message)


def check_blocages(blocages: Iterable[Mapping[str, Any]]) -> None:
    """A decision in which a plugin failed is an internal error (the contract: 500)."""
    for blocage in blocages:
        if blocage["code"] == "erreur_plugin":
            raise ServiceError(
                500,
                "erreur_plugin",
                blocage["message"],
                plugin=blocage["plugin"],
                rule=blocage["regle"],
            )


def request_errors(details: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """FastAPI's parameter errors in the same French as the mission's (``missio.errors``)."""
    fields: list[tuple[str, str]] = []
    for detail in details:
        # Drop the "query"/"header"/"path" prefix: the caller names the parameter alone.
        loc = tuple(detail.get("loc", ()))[1:]
        try:
            line = {"type": detail["type"], "loc": loc, "input": detail.get("input")}
            if detail.get("ctx"):
                line["ctx"] = detail["ctx"]
            exc = ValidationError.from_exception_data("requete", [line])  # type: ignore[list-item]
            fields.extend(traduire(exc))
        except (KeyError, TypeError, ValueError):
            fields.append((".".join(map(str, loc)), "valeur invalide."))
    return fields
