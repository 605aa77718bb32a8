"""French labels of the contract's vocabularies, shared by summaries and documents."""

from __future__ import annotations

from typing import Any

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

# Items (`poste` of a financement) several plugins may name: a line a local policy puts on the
# same item as a statutory rule, with another payer, is reported by the merge (alert
# `financement_contradictoire`). The vocabulary is shared; what the texts grant stays with the
# plugin that encodes them.
POSTES_COMMUNS = {
    "remuneration": "rémunération de l'agent",
    "transport": "frais de transport de la mission (voyage aller et retour)",
    "indemnites_mission": "indemnités de mission : hébergement et repas de l'agent en mission",
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


# Labels of the mission's vocabularies, published in its JSON Schema (``x-libelles``) so that a
# form (missio's web page, a SIRH's screen) can show them next to the codes it sends.

CADRES = {
    "cooperation_decentralisee": "Coopération décentralisée (action extérieure de la collectivité)",
    "expe_ct": "Programme EXPE-CT du ministère de l'Europe et des Affaires étrangères",
    "operateur": "Opérateur d'assistance technique (Expertise France…)",
    "organisation_internationale": "Organisation internationale ou État qui accueille directement",
    "initiative_agent": "Projet personnel de l'agent",
}

SENS = {
    "envoi": "Envoi : l'agent part à l'étranger",
    "accueil": "Accueil : la collectivité reçoit en France des représentants étrangers",
}

VIGILANCES = {
    "vert": "Vert : vigilance normale",
    "jaune": "Jaune : vigilance renforcée",
    "orange": "Orange : déconseillé sauf raison impérative",
    "rouge": "Rouge : formellement déconseillé",
}

CIVILITES = {"M.": "Monsieur", "Mme": "Madame"}

CATEGORIES = {"A": "Catégorie A", "B": "Catégorie B", "C": "Catégorie C"}

NATURES_EMPLOYEUR = {
    "commune": "Commune",
    "epci": "Établissement public de coopération intercommunale (EPCI)",
    "departement": "Département",
    "region": "Région",
    "collectivite_territoriale_unique": "Collectivité territoriale unique (Corse, Guyane, Martinique…)",
    "etablissement_public": "Établissement public local",
    "syndicat_mixte": "Syndicat mixte",
    "association_elus": "Association d'élus",
}

NATURES_ACCUEIL = {
    "collectivite_etrangere": "Collectivité territoriale étrangère",
    "etat_etranger": "État étranger (son administration)",
    "organisation_internationale": "Organisation internationale",
    "institution_ue": "Institution de l'Union européenne",
    "operateur": "Opérateur (Expertise France…)",
    "administration_etat": "Administration de l'État français",
    "association": "Association",
    "entreprise": "Entreprise",
}


def libelles(valeurs: dict[str, str]) -> dict[str, Any]:
    """``json_schema_extra`` of a field whose codes have these labels (a copy per field)."""
    return {"x-libelles": dict(valeurs)}
