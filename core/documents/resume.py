"""The French summary of a decision, written as a note an HR officer can forward to the agent."""

from __future__ import annotations

from missio.calendar import NOMS_TERRITOIRES
from missio.documents.francais import date_fr, montant_fr
from missio.legal import LIBELLES_STATUT, citation
from missio.libelles import ACTEURS, STATUTS_AGENT, dispositif_nom
from missio.models import Decision, Mission


def _periodes(mission: Mission) -> str:
    return " ; ".join(f"du {date_fr(p.debut)} au {date_fr(p.fin)}" for p in mission.periodes)


def territoire(mission: Mission) -> str:
    """The territory whose public holidays count (« Martinique »), for the volume's sentence."""
    code = mission.employeur.departement
    return NOMS_TERRITOIRES.get(code, f"département {code}, calendrier national")


def motif_dispositif(decision: Decision) -> str | None:
    """Why the route was chosen, as the rule that chose it wrote it."""
    for entree in decision.trace:
        if entree.resultat.startswith("dispositif « "):
            return entree.resultat.split(" : ", 1)[1]
    return None


def resumer(decision: Decision, mission: Mission) -> str:
    """A plain-text note: the mission, the route and why, what to do by when, what to watch."""
    agent = mission.agent
    lignes = [
        f"Mission {mission.reference} — {mission.objet}",
        f"Agent : {agent.civilite} {agent.prenom} {agent.nom}"
        + (f", {agent.grade}" if agent.grade else "")
        + f" ({STATUTS_AGENT[agent.statut]})",
        f"Employeur : {mission.employeur.nom}",
        f"Accueil : {mission.accueil.nom}",
        f"Périodes : {_periodes(mission)}",
        f"Volume : {decision.volume_jours_ouvres} jours ouvrés ({territoire(mission)})",
        "",
        f"Dispositif retenu : {dispositif_nom(decision.dispositif)}"
        + (" — conforme" if decision.conforme else " — NON CONFORME"),
    ]
    motif = motif_dispositif(decision)
    if motif:
        lignes.append(f"Motif : {motif}")
    if decision.blocages:
        lignes += ["", "Ce qui empêche la mission en l'état :"]
        for blocage in decision.blocages:
            lignes.append(f"  ✗ {blocage.message}")
            if blocage.remede:
                lignes.append(f"    → {blocage.remede}")
    if decision.obligations:
        lignes += ["", "À faire :"]
        for o in decision.obligations:
            quand = f"au plus tard le {date_fr(o.echeance)}" if o.echeance else "sans échéance"
            lignes.append(f"  - {quand} ({ACTEURS[o.responsable]}) : {o.libelle}")
    if decision.financements:
        lignes += ["", "Qui paie :"]
        for f in decision.financements:
            montant = f" : {montant_fr(f.montant)}" if f.montant is not None else ""
            lignes.append(f"  - {f.libelle} — {ACTEURS[f.payeur]}{montant}")
    if decision.alertes:
        lignes += ["", "Points d'attention :"]
        for alerte in decision.alertes:
            marque = "!" if alerte.niveau == "attention" else "i"
            lignes.append(f"  {marque} {alerte.message}")
    if decision.alternatives:
        lignes += ["", "Autres voies possibles :"]
        for alt in decision.alternatives:
            lignes.append(f"  - {dispositif_nom(alt.dispositif)} : {alt.condition}")
    if decision.documents:
        lignes += ["", "Actes à produire : " + ", ".join(decision.documents)]
    if decision.fondements:
        lignes += ["", "Textes cités (en vigueur aux dates de la mission) :"]
        for fondement in decision.fondements:
            reference = citation(fondement.texte, fondement.article)
            lignes.append(f"  - {reference} — {LIBELLES_STATUT[fondement.statut]}")
    return "\n".join(lignes)
