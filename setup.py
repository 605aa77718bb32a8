"""Package discovery: every package under each source folder, under its import name.

The import names differ from the folders (``missio`` lives in ``core/``, each plugin in
``plugins/<name>/``), which ``[tool.setuptools.packages.find]`` cannot express: this file maps
each folder to its name and lets ``find_packages`` list what is inside, so a new sub-package
(``missio.casebook``, ``missio.service``…) is in the wheel without being listed by hand. Every
other setting is in ``pyproject.toml``.
"""

from setuptools import find_packages, setup

DOSSIERS = {
    "missio": "core",
    "missio_statut_fpt": "plugins/statut_fpt",
    "missio_expe_ct": "plugins/expe_ct",
    "missio_collectivite_custom": "plugins/collectivite_custom",
    "missio_templates": "templates",
}


def paquets() -> list[str]:
    """Each root package and its sub-packages (folders holding an ``__init__.py``)."""
    trouves = []
    for nom, dossier in DOSSIERS.items():
        trouves.append(nom)
        trouves += [f"{nom}.{sous}" for sous in find_packages(dossier)]
    return trouves


setup(package_dir=DOSSIERS, packages=paquets())
