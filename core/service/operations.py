"""What the endpoints do, without HTTP: evaluate one mission or a batch, assemble the acts.

These functions run in worker threads (the engine and the Redacteur are thread-safe) and raise
:class:`~missio.service.errors.ServiceError`; the routes only move bytes in and out.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from missio.entree import ecrire_json
from missio.errors import MissioError
from missio.models import Decision, Mission
from missio.service.errors import ServiceError, check_decision, from_missio_error, invalid_input
from missio.service.logs import LOGGER, describe_exception
from missio.service.tenants import Tenant
from missio.sortie import convertir_pdf

TYPE_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPE_PDF = "application/pdf"
TYPE_ZIP = "application/zip"
# Fixed member dates keep archives byte-identical for the same mission (as the files are).
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_COMPRESSED = (".docx", ".pdf", ".zip")


def evaluate(tenant: Tenant, body: bytes, on: date | None) -> tuple[Mission, Decision]:
    """Validate and evaluate one mission (JSON bytes, read as the CLI reads a file)."""
    try:
        mission = tenant.engine.valider(body)
        decision = tenant.engine.evaluer(mission, date_evaluation=on)
    except MissioError as exc:
        raise from_missio_error(exc) from None
    check_decision(decision)
    return mission, decision


def evaluate_batch(
    tenant: Tenant, items: list[Any], on: date | None, request_id: str = ""
) -> tuple[list[str], int]:
    """One JSON result per mission, in order, and the number of failed items; an item's
    failure never fails the others."""
    results: list[str] = []
    failed = 0
    for index, item in enumerate(items):
        try:
            # Re-encoded so each item is validated exactly as a single mission is (its keys
            # given twice, its NaN… included: see missio.entree).
            _, decision = evaluate(tenant, ecrire_json(item), on)
        except Exception as exc:
            failed += 1
            error = exc if isinstance(exc, ServiceError) else _unexpected(exc, index, request_id)
            body = json.dumps(error.body(None), ensure_ascii=False)
            results.append(f'{{"index":{index},"statut":{error.status},"erreur":{body}}}')
        else:
            results.append(
                f'{{"index":{index},"statut":200,"decision":{decision.model_dump_json()}}}'
            )
    return results, failed


def _unexpected(exc: Exception, index: int, request_id: str) -> ServiceError:
    # A bug met by one mission of a batch must not take the others down: logged (type and
    # place only, see missio.service.logs) and answered as that item's 500.
    LOGGER.error(
        "unhandled_exception",
        extra={
            "fields": {"request_id": request_id, "item": index}
            | describe_exception(type(exc), exc.__traceback__)
        },
    )
    return ServiceError(
        500,
        "erreur_interne",
        "Erreur interne du service pour cette mission. Citez l'identifiant de requête à son "
        "exploitant.",
    )


def act_files(tenant: Tenant, decision: Decision, mission: Mission) -> dict[str, bytes]:
    """Every file of the decision's acts, by file name.

    ``Redacteur.fichiers`` (``<code>.docx`` plus the checklist's other formats) is used when the
    installed core has it; otherwise ``rendre``'s ``{code: docx}``.
    """
    redacteur = tenant.redacteur
    try:
        files = getattr(redacteur, "fichiers", None)
        if callable(files):
            return dict(files(decision, mission))
        rendered = redacteur.rendre(decision, mission)
    except MissioError as exc:
        raise from_missio_error(exc) from None
    return {name if "." in name else f"{name}.docx": data for name, data in rendered.items()}


def _to_pdf(files: dict[str, bytes]) -> dict[str, bytes]:
    """PDF versions of the .docx files, through LibreOffice in a private temporary folder."""
    with tempfile.TemporaryDirectory(prefix="missio-pdf-") as folder:
        root = Path(folder)
        docx = []
        # File names come from declared document codes, never from the request.
        for name, data in files.items():
            if name.endswith(".docx"):
                (root / name).write_bytes(data)
                docx.append(root / name)
        try:
            pdfs = convertir_pdf(docx, root)
        except MissioError as exc:
            raise from_missio_error(exc) from None
        return {pdf.name: pdf.read_bytes() for pdf in pdfs}


def build_archive(tenant: Tenant, decision: Decision, mission: Mission, pdf: bool) -> bytes:
    """A zip of ``decision.json`` and every act (and their PDF when asked)."""
    files = {"decision.json": decision.model_dump_json(indent=2).encode("utf-8") + b"\n"}
    acts = act_files(tenant, decision, mission)
    files |= acts
    if pdf and any(name.endswith(".docx") for name in acts):
        files |= _to_pdf(acts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            # .docx and .pdf are compressed already: storing them saves CPU for nothing lost.
            stored = name.endswith(_COMPRESSED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def check_code(tenant: Tenant, decision: Decision, code: str) -> None:
    """A document code is looked up among the declared documents and the decision's own: it
    names a compiled template, never a file."""
    if code not in tenant.engine.documents:
        known = ", ".join(sorted(tenant.engine.documents))
        raise invalid_input(
            [("code", f"« {code[:80]} » n'est pas un document déclaré. Codes connus : {known}.")],
            "Document inconnu.",
        )
    if code not in decision.documents:
        chosen = ", ".join(decision.documents) or "aucun (décision non conforme)"
        raise invalid_input(
            [
                (
                    "code",
                    f"la décision ne retient pas le document « {code} ». Documents de la "
                    f"décision : {chosen}.",
                )
            ],
            "Document non retenu par la décision.",
        )


def render_one(tenant: Tenant, decision: Decision, mission: Mission, code: str, pdf: bool) -> bytes:
    """One act, as DOCX or PDF."""
    try:
        docx = tenant.redacteur.rendre_un(code, decision, mission)
    except MissioError as exc:
        raise from_missio_error(exc) from None
    if not pdf:
        return docx
    return _to_pdf({f"{code}.docx": docx})[f"{code}.pdf"]
