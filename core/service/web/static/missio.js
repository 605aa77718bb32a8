// missio's page: what needs a browser. Everything else (the form, the decision, the errors,
// the downloads) is plain HTML rendered by the server and works without this script.
//  - lists (periods, labels): add and remove an element, renumbering the field names;
//  - a plugin's fields (data-si) shown only when the mission's fields make them apply;
//  - loading a mission from a JSON file (read here, posted with the form);
//  - after a page with errors or a decision: focus on its heading (screen readers read it).
"use strict";

(function () {
  const INDEX = "__N__";

  function annoncer(texte) {
    const zone = document.getElementById("annonces");
    if (!zone) return;
    zone.textContent = "";
    window.setTimeout(function () { zone.textContent = texte; }, 50);
  }

  function idDe(chemin) {
    return "champ-" + chemin.replace(/[^A-Za-z0-9_]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function echapper(texte) {
    return texte.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  // --- lists -----------------------------------------------------------------------------

  const ATTRIBUTS = ["name", "id", "for", "aria-describedby", "data-liste"];

  // Rewrite, in every attribute of `racine` and its descendants, the element's path
  // `chemin[ancien]` (and its id form) to `chemin[nouveau]`.
  function renommer(racine, chemin, ancien, nouveau) {
    const nom = new RegExp(echapper(chemin + "[" + ancien + "]"), "g");
    const id = new RegExp(echapper(idDe(chemin) + "-" + ancien) + "(?=-|$|\\s)", "g");
    const noeuds = Array.from(racine.querySelectorAll("*"));
    if (racine.getAttribute) noeuds.unshift(racine);
    noeuds.forEach(function (n) {
      // A list inside the element: its template's fields carry this element's path too.
      if (n.tagName === "TEMPLATE") renommer(n.content, chemin, ancien, nouveau);
      ATTRIBUTS.forEach(function (a) {
        const v = n.getAttribute(a);
        if (v === null) return;
        n.setAttribute(a, v.replace(nom, chemin + "[" + nouveau + "]")
          .replace(id, idDe(chemin) + "-" + nouveau));
      });
    });
  }

  function elements(liste) {
    return Array.from(liste.querySelector("[data-elements]").children)
      .filter(function (e) { return e.hasAttribute("data-element"); });
  }

  function renumeroter(liste) {
    const chemin = liste.getAttribute("data-liste");
    const motif = new RegExp(echapper(chemin) + "\\[(\\d+)\\]");
    const tous = elements(liste);
    tous.forEach(function (e, i) {
      const m = (e.querySelector("[name]") || { getAttribute: function () { return ""; } })
        .getAttribute("name").match(motif);
      const ancien = m ? m[1] : null;
      if (ancien !== null && ancien !== String(i)) renommer(e, chemin, ancien, String(i));
      e.querySelectorAll(":scope > legend [data-numero], :scope > [data-retirer] [data-numero]")
        .forEach(function (s) { s.textContent = String(i + 1); });
    });
    const minimum = parseInt(liste.getAttribute("data-minimum") || "0", 10);
    tous.forEach(function (e) {
      const bouton = e.querySelector(":scope > [data-retirer]");
      if (bouton) bouton.disabled = tous.length <= minimum;
    });
  }

  function ajouter(liste) {
    const chemin = liste.getAttribute("data-liste");
    const modele = liste.querySelector(":scope > template");
    const conteneur = liste.querySelector("[data-elements]");
    const index = elements(liste).length;
    const copie = modele.content.firstElementChild.cloneNode(true);
    renommer(copie, chemin, INDEX, String(index));
    conteneur.appendChild(copie);
    preparer(copie);
    renumeroter(liste);
    const titre = copie.querySelector("legend").textContent.trim().replace(/\s+/g, " ");
    const premier = copie.querySelector("input, select, textarea");
    if (premier) premier.focus();
    annoncer(titre + " ajouté(e).");
  }

  function retirer(element) {
    const liste = element.closest("[data-liste]");
    const titre = element.querySelector("legend").textContent.trim().replace(/\s+/g, " ");
    const suivant = element.nextElementSibling || element.previousElementSibling;
    element.remove();
    renumeroter(liste);
    const cible = suivant ? suivant.querySelector("input, select, textarea")
      : liste.querySelector("[data-ajouter]");
    if (cible) cible.focus();
    annoncer(titre + " retiré(e).");
  }

  function preparer(racine) {
    racine.querySelectorAll("[data-ajouter], [data-retirer], [data-imprimer]").forEach(function (b) {
      b.hidden = false;
    });
    racine.querySelectorAll("[data-liste]").forEach(renumeroter);
  }

  // --- a plugin's fields -----------------------------------------------------------------

  function appliquerConditions(formulaire) {
    formulaire.querySelectorAll("[data-si]").forEach(function (groupe) {
      const si = JSON.parse(groupe.getAttribute("data-si"));
      const applique = Object.keys(si).every(function (nom) {
        const champ = formulaire.elements.namedItem(nom);
        return champ !== null && si[nom].indexOf(champ.value) !== -1;
      });
      groupe.hidden = !applique;
      groupe.disabled = !applique;  // a hidden group's fields are not sent
    });
  }

  // --- loading a JSON file ---------------------------------------------------------------

  function charger(formulaire, entree) {
    const fichier = entree.files[0];
    if (!fichier) return;
    const erreur = document.getElementById("erreur-charger");
    const max = parseInt(formulaire.getAttribute("data-taille-max") || "0", 10);
    if (max && fichier.size > max) {
      erreur.textContent = "Erreur : ce fichier est trop grand (" + fichier.size + " octets ; " +
        max + " au plus) : est-ce bien une mission ?";
      erreur.hidden = false;
      entree.setAttribute("aria-invalid", "true");
      entree.setAttribute("aria-describedby", "aide-charger erreur-charger");
      erreur.setAttribute("role", "alert");
      return;
    }
    const lecteur = new FileReader();
    lecteur.onload = function () {
      formulaire.elements.namedItem("_fichier").value = String(lecteur.result);
      formulaire.requestSubmit(formulaire.querySelector("[data-charger]"));
    };
    lecteur.readAsText(fichier, "utf-8");
  }

  // --- start -----------------------------------------------------------------------------

  document.addEventListener("DOMContentLoaded", function () {
    const formulaire = document.getElementById("mission");
    const focus = document.querySelector("[data-focus]");
    if (focus) focus.focus();
    if (!formulaire) return;
    preparer(document);
    appliquerConditions(formulaire);
    document.querySelectorAll("[data-fichier]").forEach(function (z) { z.hidden = false; });

    formulaire.addEventListener("click", function (ev) {
      const ajout = ev.target.closest("[data-ajouter]");
      if (ajout) { ajouter(ajout.closest("[data-liste]")); return; }
      const retrait = ev.target.closest("[data-retirer]");
      if (retrait) retirer(retrait.closest("[data-element]"));
    });
    formulaire.addEventListener("change", function (ev) {
      appliquerConditions(formulaire);
      if (ev.target.id === "charger") charger(formulaire, ev.target);
    });
    // A decision shown for other values than the form's: say so before acts are downloaded.
    formulaire.addEventListener("input", function () {
      document.querySelectorAll("[data-perimee]").forEach(function (p) {
        if (p.hidden) { p.hidden = false; p.setAttribute("role", "status"); }
      });
    });
    document.querySelectorAll("[data-imprimer]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
  });
})();
