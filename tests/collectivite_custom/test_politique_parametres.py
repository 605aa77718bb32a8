"""Parameters left to the employer, traced with the policy as origin; the law is never loosened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from politique_outils import decider, ecrire, politique, regle

from missio.engine import Engine
from missio.errors import ErreurFichier
from missio_collectivite_custom import ErreurPolitique, lire_politique


def test_hook_missio_parameter_overrides_from_a_policy(
    tmp_path: Path, exemple: dict[str, Any]
) -> None:
    parametres = [
        {"nom": "statut_fpt.seuil_cumul_max_jours", "valeur": 130, "fondement": "deliberation"}
    ]
    fichier = ecrire(tmp_path, politique(parametres=parametres))
    d = decider([fichier], dict(exemple, cadre="operateur"))
    assert d.dispositif == "cumul_activites"  # 122 working days <= 130, set by the policy
    entree = next(t for t in d.trace if t.regle == "parametre.statut_fpt.seuil_cumul_max_jours")
    assert entree.plugin == "politique.essai"
    assert "politique « Politique d'essai »" in entree.resultat
    assert "Délibération n° 2026-001" in entree.resultat
    # Another employer's mission keeps the statute's default.
    autre = dict(
        exemple, cadre="operateur", employeur=dict(exemple["employeur"], nom="Ville d'Ailleurs")
    )
    assert decider([fichier], autre).dispositif != "cumul_activites"


def test_expe_ct_week_reading_can_be_set(tmp_path: Path) -> None:
    parametres = [
        {"nom": "expe_ct.duree_max", "valeur": {"valeur": 5, "unite": "jours_ouvres_sur_place"}}
    ]
    engine = Engine(politiques=[ecrire(tmp_path, politique(parametres=parametres))])
    assert "expe_ct.duree_max" in engine.parametres


def test_undeclared_parameter_is_refused_at_its_line(tmp_path: Path) -> None:
    parametres = [{"nom": "statut_fpt.seuil_imaginaire", "valeur": 3}]
    fichier = ecrire(tmp_path, politique(parametres=parametres))
    with pytest.raises(ErreurFichier) as exc:
        Engine(politiques=[fichier])
    erreur = exc.value.localisees[0]
    assert erreur.champ == "parametres[0].nom" and erreur.ligne is not None
    assert "n'est déclaré par aucun plugin" in erreur.message
    assert "statut_fpt.seuil_mad_max_jours" in erreur.message  # what would be accepted


@pytest.mark.parametrize(
    "effet",
    [
        {"dispositif": "mise_a_disposition"},
        {"lever_blocage": "expe_ct.label_absent"},
        {"alternative": {"dispositif": "detachement_courte_duree"}},
    ],
)
def test_a_policy_cannot_loosen_the_law(effet: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(ErreurPolitique) as exc:
        lire_politique(ecrire(tmp_path, politique(regles=[regle(effet)])))
    assert "ne peut pas" in str(exc.value) and "sans jamais les assouplir" in str(exc.value)


def test_a_policy_cannot_lift_a_statutory_blocage(tmp_path: Path, exemple: dict[str, Any]) -> None:
    # A stagiaire cannot be seconded (statut_fpt); a policy adding effects cannot change that.
    mission = dict(exemple, cadre="operateur", agent=dict(exemple["agent"], statut="stagiaire"))
    sans = decider([], mission)
    avec = decider(
        [ecrire(tmp_path, politique(regles=[regle({"alerte": {"message": "x"}})]))], mission
    )
    assert [b.code for b in sans.blocages] == [b.code for b in avec.blocages]
    assert (sans.dispositif, sans.conforme) == (avec.dispositif, avec.conforme)


def test_journee_de_solidarite_set_by_the_policy(tmp_path: Path, exemple: dict[str, Any]) -> None:
    fichier = ecrire(tmp_path, politique(journee_solidarite="lundi_pentecote"))
    assert decider([fichier], exemple).volume_jours_ouvres == 123  # Pentecost Monday worked


def test_python_plugin_by_path_refuses_unknown_hooks(
    tmp_path: Path, exemple: dict[str, Any]
) -> None:
    bon = tmp_path / "ma_politique.py"
    bon.write_text(
        "from missio import hookimpl\n"
        "from missio.findings import Alerte\n"
        "@hookimpl\n"
        "def missio_findings(mission):\n"
        "    return [Alerte(regle='ma.regle', fondements=(), code='ma.alerte', message='vu')]\n"
    )
    d = decider([bon], exemple)
    assert "ma.alerte" in [a.code for a in d.alertes]
    assert any(t.plugin == "politique.ma_politique" for t in d.trace)
    mauvais = tmp_path / "faute.py"
    mauvais.write_text("def missio_findigns(mission):\n    return []\n")
    with pytest.raises(ErreurFichier) as exc:
        Engine(politiques=[mauvais])
    assert exc.value.localisees[0].champ == "missio_findigns"
    assert exc.value.localisees[0].ligne == 1


def test_a_malformed_parameter_value_is_a_located_error_at_check_time(tmp_path: Path) -> None:
    parametres = [
        {"nom": "expe_ct.duree_max", "valeur": {"valeur": "sept", "unite": "jours_calendaires"}},
        {"nom": "statut_fpt.seuil_mad_max_jours", "valeur": "cent"},
    ]
    fichier = ecrire(tmp_path, politique(parametres=parametres))
    with pytest.raises(ErreurFichier) as exc:
        Engine(politiques=[fichier])
    premiere, seconde = exc.value.localisees
    assert (premiere.champ, seconde.champ) == ("parametres[0].valeur", "parametres[1].valeur")
    assert premiere.ligne and seconde.ligne and premiere.ligne < seconde.ligne
    assert "valeur : « sept » (texte) : un nombre entier est attendu" in premiere.message
    assert "« cent » (texte) : un nombre entier est attendu" in seconde.message


def test_expe_ct_week_beyond_the_texts_is_refused_at_check_time(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The règlement's week is 7 calendar days or 5 working days on site: a policy may choose
    between those readings, never set 14 days (``admis`` in expe_ct's missio_parameters)."""
    for valeur in (
        {"valeur": 14, "unite": "jours_calendaires"},
        {"valeur": 31, "unite": "jours_ouvres_sur_place"},
    ):
        fichier = ecrire(
            tmp_path, politique(parametres=[{"nom": "expe_ct.duree_max", "valeur": valeur}])
        )
        with pytest.raises(ErreurFichier) as exc:
            Engine(politiques=[fichier])
        [erreur] = exc.value.localisees
        assert erreur.champ == "parametres[0].valeur" and erreur.ligne
        assert "n'est pas admis par les textes" in erreur.message
