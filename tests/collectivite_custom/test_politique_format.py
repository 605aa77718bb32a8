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


def test_an_amount_with_more_than_two_decimals_is_refused_not_rounded(tmp_path: Path) -> None:
    for montant in ("850,125 €", 850.125, "1 000,001"):
        effet = {
            "financement": {
                "poste": "p",
                "libelle": "Prime",
                "payeur": "employeur",
                "montant": montant,
            }
        }
        trouvees = erreurs(ecrire_texte(politique(regles=[regle(effet)])), tmp_path)
        [(ligne, champ, message)] = trouvees
        assert champ == "regles[0].alors[0].financement.montant" and ligne is not None
        assert "deux décimales au plus" in message and "écrivez le montant exact" in message
    bareme = {"par": "jour", "taux": {"CA": "100,005"}}
    effet = {
        "financement": {
            "poste": "p",
            "libelle": "Per diem",
            "payeur": "employeur",
            "bareme": bareme,
        }
    }
    [(_, champ, _)] = erreurs(ecrire_texte(politique(regles=[regle(effet)])), tmp_path)
    assert champ == "regles[0].alors[0].financement.bareme.taux.CA"
    # Two decimals, written as people do, are read exactly.
    effet["financement"] = {
        "poste": "p",
        "libelle": "Prime",
        "payeur": "employeur",
        "montant": "850,12 €",
    }
    lue = lire_politique(ecrire(tmp_path, politique(regles=[regle(effet)])))
    assert str(lue.politique.regles[0].alors[0].contenu.montant) == "850.12"


def ecrire_texte(donnees: dict[str, object]) -> str:
    import yaml

    return yaml.safe_dump(donnees, allow_unicode=True, sort_keys=False)


def test_an_impossible_date_is_a_located_french_error(tmp_path: Path) -> None:
    texte = ecrire_texte(politique()).replace("'2026-01-15'", "2026-02-30")
    assert "date: 2026-02-30" in texte
    [(ligne, champ, message)] = erreurs(texte, tmp_path)
    assert champ == "fondements.deliberation.date"
    assert ligne == texte.splitlines().index("    date: 2026-02-30") + 1
    assert message == "« 2026-02-30 » n'est pas une date qui existe (AAAA-MM-JJ)."


def test_yaml_syntax_errors_are_french_with_line_and_column(tmp_path: Path) -> None:
    fichier = tmp_path / "p.yaml"
    cas = {
        "code: a\ntitre: [Essai\ncollectivite: {nom: a}\n": (
            3,
            13,
            "liste entre crochets non fermée",
        ),
        "code: a\ntitre: b: c\n": (2, 9, "« : » inattendu"),
        "code: a\n\ttitre: b\n": (2, 1, "tabulation"),
        "code: a\ntitre: 'b\n": (3, 1, "fin du fichier inattendue : un guillemet"),
    }
    for texte, (ligne, colonne, debut) in cas.items():
        fichier.write_text(texte, encoding="utf-8")
        with pytest.raises(ErreurPolitique) as exc:
            lire_politique(fichier)
        [erreur] = exc.value.localisees
        assert (erreur.ligne, erreur.colonne) == (ligne, colonne), texte
        assert erreur.message.startswith(f"YAML invalide : {debut}"), erreur.message
        assert str(erreur).startswith(f"{fichier}:{ligne}:{colonne} : (racine) : YAML invalide")
        assert not any(mot in erreur.message for mot in ("mapping", "expected", "scanning"))


def test_an_unknown_effect_lists_the_effects(tmp_path: Path) -> None:
    donnees = politique(regles=[regle({"remboursement": {"poste": "p"}})])
    [(_, champ, message)] = erreurs(ecrire_texte(donnees), tmp_path)
    assert champ == "regles[0].alors[0].remboursement"
    assert message == (
        "« remboursement » n'est pas un effet. Effets admis : financement, obligation, piece, "
        "approbation, alerte, blocage, document."
    )


def test_a_key_at_the_wrong_indentation_is_not_suggested_to_itself(tmp_path: Path) -> None:
    texte = TYPO.replace("          payeurs: employeur", "        payeur: employeur")
    trouvees = erreurs(texte, tmp_path)
    message = next(m for _, champ, m in trouvees if champ == "regles[0].alors[0].payeur")
    assert "Vouliez-vous dire" not in message
    assert "« payeur » se place sous « financement » : vérifiez l'indentation." in message
    # A real typo still gets its suggestion, and the keys the place admits.
    message = next(m for _, champ, m in erreurs(TYPO, tmp_path) if champ.endswith("payeurs"))
    assert "Champs admis ici : poste, libelle, payeur, montant, bareme, fondement." in message


def test_a_typed_deliberation_is_a_verifier_until_the_policy_says_it_was_read(
    tmp_path: Path,
) -> None:
    from missio_collectivite_custom.plugin import PluginPolitique

    def version(**fondement: object) -> dict[str, object]:
        donnees = politique()
        donnees["fondements"]["deliberation"].update(fondement)
        plugin = PluginPolitique(Politique.model_validate(donnees))
        return plugin.sources()["essai.deliberation"]["versions"][0]

    assert version()["statut"] == "a_verifier"
    lue = version(statut="verifie", date_effet="2026-02-01")
    assert lue["statut"] == "verifie"
    # The deliberation's entry into force is the version's (missio.legal.Version.en_vigueur_le).
    assert str(lue["en_vigueur_le"]) == "2026-02-01"  # and `du` defaults to it
    assert str(version()["en_vigueur_le"]) == "2026-01-15"
    assert version(numero="à compléter", statut="verifie")["statut"] == "a_verifier"
