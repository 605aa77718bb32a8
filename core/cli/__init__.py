"""The ``missio`` command line: ``commands`` (the group and the deciding and drafting commands),
``modeles`` (a collectivité's templates), ``click_locale`` (click's own words in French). The
reviewers' commands are in :mod:`missio.casebook.cli`, the service's in :mod:`missio.service.cli`.

Nothing is imported here: the entry point is ``missio.cli.commands:main``.
"""
