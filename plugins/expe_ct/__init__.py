"""missio_expe_ct: placeholder package, its rules arrive with their issue."""
