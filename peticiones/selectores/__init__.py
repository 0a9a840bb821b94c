"""Read paths that need permission logic or aggregation (HackSoft "selectors"); writes live in acciones/."""
