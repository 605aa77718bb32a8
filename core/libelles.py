"""French labels of the contract's vocabularies, shared by summaries and documents."""

from __future__ import annotations

DISPOSITIFS = {
    "ordre_de_mission": "ordre de mission",
    "mandat_special": "mandat spécial",
    "cumul_activites": "cumul d'activités",
    "mise_a_disposition": "mise à disposition",
    "detachement_courte_duree": "détachement de courte durée",
    "detachement_longue_duree": "détachement de longue durée",
    "disponibilite": "disponibilité",
    "recrutement_direct": "recrutement direct par l'organisme d'accueil",
    "aucun": "aucun dispositif",
}

ACTEURS = {
    "employeur": "la collectivité",
    "accueil": "l'organisme d'accueil",
    "operateur": "l'opérateur",
    "meae": "le ministère de l'Europe et des Affaires étrangères",
    "agent": "l'agent",
}

STATUTS_AGENT = {
    "titulaire": "fonctionnaire titulaire",
    "stagiaire": "fonctionnaire stagiaire",
    "contractuel_cdi": "agent contractuel en CDI",
    "contractuel_cdd": "agent contractuel en CDD",
    "retraite": "agent retraité",
    "elu": "élu",
}


def dispositif_nom(code: str) -> str:
    return DISPOSITIFS.get(code, code)
