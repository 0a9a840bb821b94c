"""Views of the padrón, one module per screen family."""
