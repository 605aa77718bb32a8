"""missio_collectivite_custom: placeholder package, its rules arrive with their issue."""
