"""Which policies apply to a mission, and the settings that follow from them.

A policy applies to the missions of its own collectivité only (``missio_policy_applies``): for
the others none of its hooks runs, and it is never skipped in silence (an alert naming the
policy and the employer, a trace line; a refusal for a strict engine). Its settings (the
journée de solidarité) apply to its own missions too, over the engine's: resolved per mission,
and traced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from missio import returns as retours
from missio.calendar import ModeSolidarite
from missio.errors import ErreurHook, ErreurPlugin, ErreurValidation, HorsContrat
from missio.findings import Alerte, Blocage

if TYPE_CHECKING:
    from missio.merge import Fusion
    from missio.models import Mission
    from missio.plugins import Plugins

INSTANCE = "configuration de l'instance"


def non_appliquee(plugin: str, mission: Mission, raison: str | None) -> str:
    """The message for a policy skipped for a mission: the policy, why, and the employer."""
    employeur = mission.employeur
    ident = f"département {employeur.departement}" + (
        f", SIREN {employeur.siren}" if employeur.siren else ""
    )
    return (
        f"Politique « {plugin} » non appliquée : {raison or 'elle ne vise pas cet employeur'}. "
        f"Employeur de la mission : « {employeur.nom} » ({ident}). Vérifiez le nom ou le SIREN "
        "de l'employeur, ou retirez cette politique."
    )


class Portee:
    """The policies' scope and settings for one engine (read once, when it is built).

    :param journee_solidarite: the engine's own setting (the instance's), for missions no
        applying plugin sets.
    :param strict: a policy that does not apply to a mission is a refusal.
    """

    def __init__(
        self, plugins: Plugins, journee_solidarite: ModeSolidarite | None, strict: bool
    ) -> None:
        self.implementations = plugins.implementations("missio_policy_applies")
        self.journee_solidarite = journee_solidarite
        self.strict = strict
        self.reglages = self._charger_reglages(plugins)

    def _charger_reglages(self, plugins: Plugins) -> dict[str, ModeSolidarite]:
        """Each plugin's journée de solidarité (``missio_engine_settings``); two plugins that
        apply to every mission may not disagree."""
        reglages: dict[str, ModeSolidarite] = {}
        for impl in plugins.implementations("missio_engine_settings"):
            try:
                valeur = retours.reglages(impl.appeler()).get("journee_solidarite")
            except HorsContrat as exc:
                raise impl.hors_contrat(str(exc)) from None
            if valeur is not None:
                reglages[impl.plugin] = valeur
        limites = {impl.plugin for impl in self.implementations}
        partout = {p: v for p, v in reglages.items() if p not in limites}
        if len(set(partout.values())) > 1:
            detail = ", ".join(f"{p} fixe « {v} »" for p, v in sorted(partout.items()))
            raise ErreurPlugin(
                f"Journée de solidarité : {detail}, pour toutes les missions ; une collectivité "
                "n'a qu'un réglage."
            )
        return reglages

    def exclus(self, mission: Mission, fusion: Fusion) -> frozenset[str]:
        """The policies that do not apply to this mission, each reported in the decision (an
        alert and a trace line) or refused (strict engine)."""
        if not self.implementations:
            return frozenset()
        exclus: set[str] = set()
        for impl in self.implementations:
            try:
                reponse = impl.appeler(mission=mission)
                if reponse is not True and not isinstance(reponse, str | bool | None):
                    raise HorsContrat(
                        "True ou un texte qui dit pourquoi est attendu, reçu "
                        + retours.montrer(reponse)
                    )
            except (ErreurHook, ErreurValidation, HorsContrat) as exc:
                exclus.add(impl.plugin)
                fusion.erreur(
                    impl.plugin, impl.hook, exc.cause if isinstance(exc, ErreurHook) else exc
                )
                continue
            if reponse is True:
                continue
            exclus.add(impl.plugin)
            message = non_appliquee(impl.plugin, mission, reponse or None)
            if self.strict:
                raise ErreurValidation([("employeur", message)], "politiques")
            alerte = Alerte(
                regle=f"{impl.plugin}.portee",
                fondements=(),
                code="politique_non_appliquee",
                niveau="attention",
                message=message,
            )
            fusion.ajouter(impl.plugin, (alerte,))
        return frozenset(exclus)

    def journee(self, exclus: frozenset[str], fusion: Fusion) -> ModeSolidarite | None:
        """The mission's journée de solidarité: that of the plugins applying to it, else the
        engine's; traced with who set it."""
        fixes = {p: v for p, v in self.reglages.items() if p not in exclus}
        instance = self.journee_solidarite
        if not fixes:
            if instance is not None:
                fusion.tracer(
                    "missio",
                    "reglage.journee_solidarite",
                    f"journée de solidarité : {instance} ({INSTANCE})",
                )
            return instance
        if len(set(fixes.values())) > 1:
            detail = ", ".join(f"{p} fixe « {v} »" for p, v in sorted(fixes.items()))
            blocage = Blocage(
                regle="reglage.journee_solidarite",
                fondements=(),
                code="conflit_reglages",
                message=f"Journée de solidarité : {detail} pour cette mission ; une collectivité "
                "n'a qu'un réglage.",
                remede="Accordez les politiques de la collectivité : une seule fixe "
                "journee_solidarite.",
            )
            fusion.ajouter("missio", (blocage,))
            return instance
        valeur = next(iter(fixes.values()))
        remplace = (
            f" ; remplace le réglage de l'instance « {instance} »"
            if instance not in (None, valeur)
            else ""
        )
        fusion.tracer(
            min(fixes),
            "reglage.journee_solidarite",
            f"journée de solidarité : {valeur} ({', '.join(sorted(fixes))}{remplace})",
        )
        return valeur
