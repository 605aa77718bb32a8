"""The casebook: realistic missions with their stated expectations and recorded results."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from missio.documents import Redacteur
from missio.engine import Engine
from missio.errors import ErreurValidation

CASEBOOK = Path(__file__).parent / "casebook"
EXEMPLES = Path(__file__).parent.parent / "examples"
CAS = sorted(CASEBOOK.rglob("*.yaml"))


def _fusionner(base: dict[str, Any], changements: dict[str, Any]) -> dict[str, Any]:
    for cle, valeur in changements.items():
        if isinstance(valeur, dict) and isinstance(base.get(cle), dict):
            _fusionner(base[cle], valeur)
        else:
            base[cle] = valeur
    return base


def _json_ready(valeur: Any) -> Any:
    return json.loads(json.dumps(valeur, default=str))


def charger(chemin: Path) -> dict[str, Any]:
    cas: dict[str, Any] = yaml.safe_load(chemin.read_text(encoding="utf-8"))
    mission = _json_ready(cas.get("mission", {}))
    if "base" in cas:
        base = json.loads((EXEMPLES / f"{cas['base']}.json").read_text(encoding="utf-8"))
        mission = _fusionner(copy.deepcopy(base), mission)
    cas["mission"] = mission
    return cas


_ENGINES: dict[str, Engine] = {}


def engine_pour(cas: dict[str, Any]) -> Engine:
    cle = json.dumps(cas.get("parametres", {}), sort_keys=True)
    if cle not in _ENGINES:
        _ENGINES[cle] = Engine(parametres=cas.get("parametres", {}))
    return _ENGINES[cle]


def texte_docx(contenu: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(contenu))
    lignes = [p.text for s in document.sections for p in s.header.paragraphs if p.text]
    corps = document.element.body
    for bloc in corps.iterchildren():
        if bloc.tag.endswith("}p"):
            lignes.append("".join(t.text or "" for t in bloc.iter() if t.tag.endswith("}t")))
        elif bloc.tag.endswith("}tbl"):
            for rangee in bloc.iter():
                if rangee.tag.endswith("}tr"):
                    cellules = ["".join(t.text or "" for t in c.iter() if t.tag.endswith("}t"))
                                for c in rangee if c.tag.endswith("}tc")]
                    lignes.append(" | ".join(cellules))
    lignes += [p.text for s in document.sections for p in s.footer.paragraphs if p.text]
    return "\n".join(ligne for ligne in lignes if ligne.strip()) + "\n"


def verifier_attendu(attendu: dict[str, Any], decision: Any) -> list[str]:
    """What the case states and the decision contradicts, in French."""
    ecarts: list[str] = []

    def ecart(quoi: str, attendu_: Any, obtenu: Any) -> None:
        ecarts.append(f"{quoi} : attendu {attendu_!r}, obtenu {obtenu!r}")

    for champ in ("dispositif", "conforme", "volume_jours_ouvres"):
        if champ in attendu and getattr(decision, champ) != attendu[champ]:
            ecart(champ, attendu[champ], getattr(decision, champ))
    obligations = {o.code: o.echeance for o in decision.obligations}
    for code, echeance in attendu.get("obligations", {}).items():
        if code not in obligations:
            ecart(f"obligation {code}", echeance, "absente")
        elif echeance is not None and str(obligations[code]) != str(echeance):
            ecart(f"échéance de {code}", str(echeance), str(obligations[code]))
    financements = {f.poste: f for f in decision.financements}
    for poste, valeur in attendu.get("financements", {}).items():
        f = financements.get(poste)
        if f is None:
            ecart(f"financement {poste}", valeur, "absent")
        elif str(valeur) not in (f.payeur, f"{f.montant:.2f}" if f.montant is not None else ""):
            ecart(f"financement {poste}", valeur, f"{f.payeur} {f.montant}")
    for champ, code_de in (("alertes", "code"), ("alternatives", "dispositif"), ("documents", None)):
        presents = [getattr(x, code_de) if code_de else x for x in getattr(decision, champ)]
        for code in attendu.get(champ, []):
            if code not in presents:
                ecart(champ, code, presents)
    if "blocages" in attendu:
        codes = [b.code for b in decision.blocages]
        if sorted(codes) != sorted(attendu["blocages"]):
            ecart("blocages", attendu["blocages"], codes)
    cites = {}
    for f in decision.fondements:
        cites.setdefault(f.cle, []).append(f"{f.texte} {f.article or ''}")
    for cle, article in attendu.get("fondements", {}).items():
        if not any(str(article) in c for c in cites.get(cle, [])):
            ecart(f"fondement {cle}", article, cites.get(cle, "non cité"))
    return ecarts


@pytest.mark.parametrize("chemin", CAS, ids=[str(c.relative_to(CASEBOOK).with_suffix("")) for c in CAS])
def test_casebook(chemin: Path, data_regression: Any, file_regression: Any, request: Any) -> None:
    cas = charger(chemin)
    attendu = cas.get("attendu", {})
    assert cas.get("titre") and cas.get("source"), "un cas dit son titre et sa source"
    engine = engine_pour(cas)
    if "erreurs" in attendu:
        with pytest.raises(ErreurValidation) as exc:
            engine.valider(cas["mission"])
        obtenues = dict(exc.value.erreurs)
        for champ, message in attendu["erreurs"].items():
            assert champ in obtenues and message in obtenues[champ], obtenues
        return
    mission = engine.valider(cas["mission"])
    decision = engine.evaluer(mission)
    ecarts = verifier_attendu(attendu, decision)
    assert not ecarts, "\n".join(ecarts)
    enregistre = decision.model_dump(mode="json", exclude={"versions"})
    data_regression.check(enregistre, basename="decision")
    redacteur = Redacteur(engine)
    for code, contenu in redacteur.rendre(decision, mission).items():
        file_regression.check(texte_docx(contenu), basename=code, extension=".txt")


@pytest.fixture
def original_datadir(request: Any) -> Path:
    """Recorded results live beside each case: tests/casebook/<groupe>/<nom>/."""
    chemin: Path = request.node.callspec.params["chemin"]
    return chemin.with_suffix("")
