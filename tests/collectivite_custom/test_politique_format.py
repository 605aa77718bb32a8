"""The policy format: validation at load with file, line and field; the JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from politique_outils import POLITIQUES, ecrire, politique, regle

from missio_collectivite_custom import ErreurPolitique, lire_politique, schema_politique
from missio_collectivite_custom.format import Politique

TYPO = """\
code: essai
titre: Essai
collectivite: {nom: Ville d'Exemple}
regles:
  - code: billet
    titre: Billet
    si: {cadre: cooperation_decentralise}
    alors:
      - financement:
          poste: billet_avion
          libelle: Billet
          payeurs: employeur
"""


def erreurs(texte: str, tmp_path: Path) -> list[tuple[int | None, str, str]]:
    fichier = tmp_path / "p.yaml"
    fichier.write_text(texte)
    with pytest.raises(ErreurPolitique) as exc:
        lire_politique(fichier)
    assert all(e.fichier == str(fichier) for e in exc.value.localisees)
    return [(e.ligne, e.champ, e.message) for e in exc.value.localisees]


def test_a_typo_is_refused_with_file_line_and_field(tmp_path: Path) -> None:
    trouvees = erreurs(TYPO, tmp_path)
    assert (7, "regles[0].si.cadre[0]") in [(ligne, champ) for ligne, champ, _ in trouvees]
    ligne, champ, message = next(e for e in trouvees if e[1].endswith("payeurs"))
    assert (ligne, champ) == (12, "regles[0].alors[0].financement.payeurs")
    assert "Vouliez-vous dire « payeur »" in message
    assert any(e[1].endswith(".payeur") and "obligatoire" in e[2] for e in trouvees)
    # The message an author reads: file:line : field : what is wrong.
    with pytest.raises(ErreurPolitique) as exc:
        lire_politique(tmp_path / "p.yaml")
    assert f"{tmp_path / 'p.yaml'}:7 : regles[0].si.cadre[0] : « cooperation_decentralise »" in str(
        exc.value
    )


def test_yaml_syntax_and_repeated_keys_give_the_line(tmp_path: Path) -> None:
    assert erreurs("code: a\ntitre: b\ntitre: c\n", tmp_path)[0][0] == 3
    assert erreurs("code: a\n  titre: : b\n", tmp_path)[0][0] == 2


@pytest.mark.parametrize(
    ("echeance", "valide"),
    [
        ("15 jours avant le départ", True),
        ("10 jours ouvrés avant le départ", True),
        ("2 mois après le retour", True),
        ("2 semaines avant le depart", True),
        ("avant le départ", True),
        ("au retour", True),
        ("quinze jours avant", False),
        ("15 jours après la fête", False),
    ],
)
def test_deadline_rules(echeance: str, valide: bool, tmp_path: Path) -> None:
    donnees = politique(
        regles=[
            regle({"obligation": {"libelle": "x", "responsable": "agent", "echeance": echeance}})
        ]
    )
    fichier = ecrire(tmp_path, donnees)
    if valide:
        lire_politique(fichier)
    else:
        with pytest.raises(ErreurPolitique) as exc:
            lire_politique(fichier)
        assert "Formes admises" in str(exc.value)


def test_cross_references_are_checked(tmp_path: Path) -> None:
    donnees = politique(
        regles=[
            regle({"alerte": {"message": "x"}}, fondement="deliberation_inconnue"),
            regle({"alerte": {"message": "y"}}, si={"faits": {"anciennete": {"min": 12}}}),
        ]
    )
    with pytest.raises(ErreurPolitique) as exc:
        lire_politique(ecrire(tmp_path, donnees))
    champs = {e.champ: e.message for e in exc.value.localisees}
    assert "fondement « deliberation_inconnue » inconnu" in champs["regles[0].fondement[0]"]
    assert "déjà celui d'une règle" in champs["regles[1].code"]
    assert "fait « anciennete » non déclaré" in champs["regles[1].si.faits.anciennete"]


def test_a_deliberation_without_number_must_say_a_completer(tmp_path: Path) -> None:
    donnees = politique()
    del donnees["fondements"]["deliberation"]["numero"]
    with pytest.raises(ErreurPolitique) as exc:
        lire_politique(ecrire(tmp_path, donnees))
    assert "à compléter" in str(exc.value)


def test_the_employer_must_be_named(tmp_path: Path) -> None:
    with pytest.raises(ErreurPolitique) as exc:
        lire_politique(ecrire(tmp_path, politique(collectivite={"departement": "972"})))
    assert exc.value.localisees[0].champ == "collectivite"


def test_every_shipped_policy_is_valid() -> None:
    fichiers = sorted(POLITIQUES.glob("*.yaml"))
    assert len(fichiers) == 12  # the ten sample policies, the CAESM and Grand Paris Sud
    for fichier in fichiers:
        lire_politique(fichier)


def test_schema_is_exported_and_shipped_up_to_date() -> None:
    schema = schema_politique()
    assert schema["title"] == "Politique locale missio"
    assert "collectivite" in schema["required"]
    assert "financement" in schema["$defs"]["Effet"]["properties"]
    livre = POLITIQUES.parent / "politique.schema.json"
    assert json.loads(livre.read_text(encoding="utf-8")) == schema, (
        "régénérez : missio policy schema > plugins/collectivite_custom/politique.schema.json"
    )


def test_amounts_in_french_and_json(tmp_path: Path) -> None:
    donnees = politique(
        regles=[
            regle(
                {
                    "financement": {
                        "poste": "p",
                        "libelle": "x",
                        "payeur": "employeur",
                        "montant": "1 000,00 €",
                    }
                }
            )
        ]
    )
    p = lire_politique(ecrire(tmp_path, donnees)).politique
    assert str(p.regles[0].alors[0].financement.montant) == "1000.00"  # type: ignore[union-attr]
    assert Politique.model_validate(p.model_dump()) == p
