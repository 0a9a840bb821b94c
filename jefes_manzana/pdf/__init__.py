"""PDF documents of the padrón (reportlab): credential cards and the nombramiento letter."""
