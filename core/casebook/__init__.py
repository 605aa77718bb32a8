"""The casebook: realistic missions, their expected outcomes in a lawyer's words, and the
recorded decisions and document texts that a rule change must not alter unreviewed.

- :mod:`.cas` loads and validates case files (``<groupe>/<nom>.yaml``);
- :mod:`.execution` evaluates a case and renders its acts as text;
- :mod:`.enregistrement` reads and writes the recorded results (pytest-regressions files) and
  the review journal;
- :mod:`.differences` says what changed between two results, with the rules and legal bases;
- :mod:`.couverture` lists which rules and references the cases exercise;
- :mod:`.rapport` writes impact reports (Markdown, self-contained HTML).
"""
