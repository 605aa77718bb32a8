"""The configuration file: what it accepts, and French errors naming the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from missio.errors import ErreurValidation
from missio.service.config import DEFAULT_TENANT, default_config, load_config, token_digests
from missio.service.tenants import Tenants


def _erreurs(tmp_path: Path, texte: str) -> dict[str, str]:
    fichier = tmp_path / "missio.toml"
    fichier.write_text(texte, encoding="utf-8")
    with pytest.raises(ErreurValidation) as exc:
        Tenants.from_config(load_config(fichier))
    assert str(fichier) in str(exc.value)
    return dict(exc.value.erreurs)


def test_a_complete_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JETON_A", "x" * 32)
    (tmp_path / "missio.toml").write_text(
        """
tenant_defaut = "a"
[limites]
taille_max_requete = 65536
lot_max = 5
delai_rendu = 12.5
rendus_simultanes = 3
rendus_en_attente = 0
[tenants.a]
politiques = ["p/a.yaml", "/abs/b.yaml"]
modeles = "modeles/a"
jetons = ["0123456789abcdef"]
jetons_env = ["JETON_A"]
journee_solidarite = "rtt"
[tenants.a.parametres]
"statut_fpt.seuil_mad_max_jours" = 120
[tenants.b-2]
""",
        encoding="utf-8",
    )
    config = load_config(tmp_path / "missio.toml")
    assert config.limites.lot_max == 5 and config.limites.delai_rendu == 12.5
    a = config.tenants["a"]
    # Relative paths are read from the file's folder.
    assert config.resolve(a.politiques[0]) == tmp_path / "p" / "a.yaml"
    assert config.resolve(a.politiques[1]) == Path("/abs/b.yaml")
    assert config.resolve(a.modeles) == tmp_path / "modeles" / "a"  # type: ignore[arg-type]
    assert len(token_digests(a)) == 2
    assert set(config.effective_tenants()) == {"a", "b-2"}
    assert config.effective_default() == "a"


def test_no_file_is_one_default_tenant() -> None:
    config = default_config()
    assert list(config.effective_tenants()) == [DEFAULT_TENANT]
    assert config.effective_default() == DEFAULT_TENANT
    assert config.limites.taille_max_requete == 1_048_576


@pytest.mark.parametrize(
    ("texte", "champ", "attendu"),
    [
        ("[tenants.a]\ncouleur = 1", "tenants.a.couleur", "champ inconnu"),
        ('[tenants."Ville/Lyon"]', "tenants.Ville/Lyon.[key]", "format attendu"),
        ("[limites]\nlot_max = 0", "limites.lot_max", "supérieur ou égal à 1"),
        ('tenant_defaut = "z"\n[tenants.a]', "tenant_defaut", "Tenants déclarés : a"),
        (
            '[tenants.a]\njetons_env = ["MISSIO_ABSENTE"]',
            "tenants.a.jetons_env[0]",
            "MISSIO_ABSENTE",
        ),
        ('[tenants.a]\njetons = ["court"]', "tenants.a.jetons[0]", "16 caractères"),
        ('[tenants.a]\njournee_solidarite = "jamais"', "tenants.a.journee_solidarite", "rtt"),
        ("tenants = [", "(fichier)", "TOML invalide"),
    ],
)
def test_errors_name_the_key(tmp_path: Path, texte: str, champ: str, attendu: str) -> None:
    erreurs = _erreurs(tmp_path, texte)
    assert champ in erreurs, erreurs
    assert attendu in erreurs[champ]


def test_a_broken_tenant_stops_the_start_naming_it(tmp_path: Path) -> None:
    texte = '[tenants.a]\nmodeles = "absent"\n[tenants.b]\npolitiques = ["x.inconnu"]'
    (tmp_path / "missio.toml").write_text(texte, encoding="utf-8")
    config = load_config(tmp_path / "missio.toml")
    with pytest.raises(ErreurValidation, match="tenant « a »") as exc:
        Tenants.from_config(config)
    assert "Dossier de modèles introuvable" in str(exc.value)
    (tmp_path / "missio.toml").write_text('[tenants.b]\npolitiques = ["x.inconnu"]')
    with pytest.raises(ErreurValidation, match="tenant « b »") as exc:
        Tenants.from_config(load_config(tmp_path / "missio.toml"))
    assert "aucun plugin installé ne sait lire" in str(exc.value)


def test_unknown_parameter_names_the_tenant(tmp_path: Path) -> None:
    (tmp_path / "missio.toml").write_text('[tenants.a.parametres]\n"inconnu" = 1')
    with pytest.raises(ErreurValidation, match="tenant « a »") as exc:
        Tenants.from_config(load_config(tmp_path / "missio.toml"))
    assert "inconnu" in dict(exc.value.erreurs)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ErreurValidation, match="fichier illisible"):
        load_config(tmp_path / "absent.toml")


def test_one_token_cannot_open_two_tenants(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    jeton = "jeton-partage-0123456789abcdef"
    monkeypatch.setenv("JETON_B", jeton)
    texte = f'[tenants.a]\njetons = ["{jeton}"]\n[tenants.b]\njetons_env = ["JETON_B"]\n'
    erreurs = _erreurs(tmp_path, texte + '[tenants.c]\njetons = ["un-autre-jeton-0123456789"]')
    assert erreurs == {
        "tenants.b.jetons_env[0]": "même jeton que tenants.a.jetons[0] : chaque tenant doit "
        "avoir ses propres jetons."
    }
    # The value itself is never repeated in the error.
    assert jeton not in str(erreurs)
    # Two tokens of one tenant may well be equal (a rotation written twice): not an error.
    (tmp_path / "missio.toml").write_text(f'[tenants.a]\njetons = ["{jeton}", "{jeton}"]')
    assert len(token_digests(load_config(tmp_path / "missio.toml").tenants["a"])) == 2


def test_limits_default_to_the_usable_cores() -> None:
    from missio.service.config import usable_cores

    limites = default_config().limites
    assert limites.evaluations_simultanees == usable_cores() >= 1
    assert limites.evaluations_en_attente == 64 and limites.delai_lecture == 10.0
