"""What the endpoints do, without HTTP: evaluate one mission or a batch, assemble the acts.

These functions run in the pools' threads (the engine and the Redacteur are thread-safe) and
raise :class:`~missio.service.errors.ServiceError`; the routes only move bytes in and out.
Bodies go to the engine as the bytes received, so that the engine's checks (the CLI's) see
exactly what the caller sent, and a decision is serialised once, from the engine's data.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from missio.documents.pdf import DELAI_CONVERSION, convertir_pdf
from missio.documents.redacteur import fichier_decision
from missio.engine import en_json, en_json_octets
from missio.errors import MissioError
from missio.models import Decision, Mission
from missio.service.errors import (
    ServiceError,
    check_blocages,
    from_missio_error,
    invalid_input,
    too_deep,
)
from missio.service.logs import LOGGER, describe_exception
from missio.service.tenants import Tenant

TYPE_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPE_PDF = "application/pdf"
TYPE_ZIP = "application/zip"
# Fixed member dates keep archives byte-identical for the same mission (as the files are).
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_COMPRESSED = (".docx", ".pdf", ".zip")


def _decide(tenant: Tenant, body: bytes | str, on: date | None) -> dict[str, Any]:
    """The decision as the engine's data; the engine's errors as HTTP answers."""
    try:
        data = tenant.engine.decider(tenant.engine.valider(body), on)
    except MissioError as exc:
        raise from_missio_error(exc) from None
    except RecursionError:
        raise too_deep() from None
    check_blocages(data["blocages"])
    return data


def decide(tenant: Tenant, body: bytes, on: date | None) -> bytes:
    """``POST /decisions``: the JSON of ``missio evaluate --json``, serialised once, as the
    bytes sent (no text the answer would encode again)."""
    return en_json_octets(_decide(tenant, body, on), indent=2)


def evaluate(tenant: Tenant, body: bytes, on: date | None) -> tuple[Mission, Decision]:
    """Validate and evaluate one mission, as the objects the Redacteur renders."""
    try:
        mission = tenant.engine.valider(body)
        decision = tenant.engine.evaluer(mission, date_evaluation=on)
    except MissioError as exc:
        raise from_missio_error(exc) from None
    except RecursionError:
        raise too_deep() from None
    check_blocages([b.model_dump() for b in decision.blocages])
    return mission, decision


_BLANKS = re.compile(r"[ \t\n\r]*")


def split_batch(body: bytes, limit: int) -> list[str]:
    """The JSON text of each mission of a batch, as sent (so that each is checked exactly as a
    single mission is), in order; 422 when the body is not a JSON list, 413 past `limit`."""
    try:
        text = body.decode("utf-8")
        items = _split_array(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise invalid_input([("", f"JSON invalide ({exc}).")], "JSON invalide.") from None
    except RecursionError:
        raise too_deep() from None
    if items is None:
        raise invalid_input(
            [("", "une liste de missions est attendue.")], "Une liste de missions est attendue."
        )
    if len(items) > limit:
        raise ServiceError(
            413,
            "lot_trop_grand",
            f"Le lot contient {len(items)} missions ; {limit} au plus par requête (limite "
            "« lot_max » de la configuration du service). Découpez-le.",
        )
    return items


def _split_array(text: str) -> list[str] | None:
    """The elements of a JSON array as their own text (None: `text` is JSON but no array)."""
    decoder = json.JSONDecoder()
    start = _BLANKS.match(text).end()  # type: ignore[union-attr]
    if not text.startswith("[", start):
        json.loads(text)  # raises on invalid JSON; valid JSON that is no list: None
        return None
    items: list[str] = []
    position = _BLANKS.match(text, start + 1).end()  # type: ignore[union-attr]
    if text.startswith("]", position):
        end = position + 1
    else:
        while True:
            _, end = decoder.raw_decode(text, position)
            items.append(text[position:end])
            position = _BLANKS.match(text, end).end()  # type: ignore[union-attr]
            if text.startswith(",", position):
                position = _BLANKS.match(text, position + 1).end()  # type: ignore[union-attr]
                continue
            if not text.startswith("]", position):
                raise ValueError(f"« , » ou « ] » attendu au caractère {position}")
            end = position + 1
            break
    if _BLANKS.match(text, end).end() != len(text):  # type: ignore[union-attr]
        raise ValueError(f"texte après la liste, au caractère {end}")
    return items


def batch(
    tenant: Tenant, body: bytes, limit: int, on: date | None, request_id: str = ""
) -> tuple[str, int, int]:
    """``POST /decisions:batch``: the ``resultats`` list (one JSON result per mission, in
    order), the number of missions and the number that failed."""
    items = split_batch(body, limit)
    results, failed = evaluate_batch(tenant, items, on, request_id)
    return results, len(items), failed


def evaluate_batch(
    tenant: Tenant, items: list[str], on: date | None, request_id: str = ""
) -> tuple[str, int]:
    """The ``resultats`` list of a batch and the number of failed items; an item's failure
    never fails the others."""
    results: list[str] = []
    failed = 0
    for index, item in enumerate(items):
        try:
            decision = en_json(_decide(tenant, item, on))
        except Exception as exc:
            failed += 1
            error = exc if isinstance(exc, ServiceError) else _unexpected(exc, index, request_id)
            body = json.dumps(error.body(None), ensure_ascii=False)
            results.append(f'{{"index":{index},"statut":{error.status},"erreur":{body}}}')
        else:
            results.append(f'{{"index":{index},"statut":200,"decision":{decision}}}')
    return f"[{','.join(results)}]", failed


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

    ``Redacteur.fichiers`` (``<code>.docx`` plus the deadlines' other formats) is used when the
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


def _to_pdf(files: dict[str, bytes], deadline: float | None) -> dict[str, bytes]:
    """PDF versions of the .docx files, through LibreOffice in a private temporary folder
    (it holds the acts, so the agent's name: removed in every case, a killed conversion
    included); LibreOffice is killed at `deadline`."""
    delay = DELAI_CONVERSION if deadline is None else deadline - time.monotonic()
    with tempfile.TemporaryDirectory(prefix="missio-pdf-") as folder:
        root = Path(folder)
        docx = []
        # File names come from declared document codes, never from the request.
        for name, data in files.items():
            if name.endswith(".docx"):
                (root / name).write_bytes(data)
                docx.append(root / name)
        try:
            pdfs = convertir_pdf(docx, root, delai=delay)
        except MissioError as exc:
            raise from_missio_error(exc) from None
        return {pdf.name: pdf.read_bytes() for pdf in pdfs}


def build_archive(
    tenant: Tenant, decision: Decision, mission: Mission, pdf: bool, deadline: float | None = None
) -> bytes:
    """A zip of ``decision.json`` and every act (and their PDF when asked)."""
    files = fichier_decision(decision)
    acts = act_files(tenant, decision, mission)
    files |= acts
    if pdf and any(name.endswith(".docx") for name in acts):
        files |= _to_pdf(acts, deadline)
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


def render_one(
    tenant: Tenant,
    decision: Decision,
    mission: Mission,
    code: str,
    pdf: bool,
    deadline: float | None = None,
) -> bytes:
    """One act, as DOCX or PDF."""
    try:
        docx = tenant.redacteur.rendre_un(code, decision, mission)
    except MissioError as exc:
        raise from_missio_error(exc) from None
    if not pdf:
        return docx
    return _to_pdf({f"{code}.docx": docx}, deadline)[f"{code}.pdf"]


def documents(
    tenant: Tenant,
    body: bytes,
    on: date | None,
    code: str | None,
    pdf: bool,
    deadline: float,
) -> tuple[bytes, str, str]:
    """``POST /documents``, evaluation included: the file, its media type and its name."""
    if time.monotonic() >= deadline:
        # Queued past the time limit: its caller has had its 503 already.
        raise ServiceError(503, "delai_rendu_depasse", "Délai de rendu dépassé.")
    mission, decision = evaluate(tenant, body, on)
    if code is None:
        archive = build_archive(tenant, decision, mission, pdf, deadline)
        return archive, TYPE_ZIP, f"{_safe_name(decision.reference)}.zip"
    check_code(tenant, decision, code)
    data = render_one(tenant, decision, mission, code, pdf, deadline)
    return data, (TYPE_PDF if pdf else TYPE_DOCX), f"{code}.{'pdf' if pdf else 'docx'}"


def _safe_name(reference: str) -> str:
    # The caller's reference, reduced to characters safe in a header and a file name.
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "_" for c in reference)
    return safe[:80] or "missio"
