"""Text typed by people, made safe for reportlab's `Paragraph`.

`Paragraph` parses a small HTML dialect: `<img src>` reads a file of the server into the PDF, `<a href>`
writes a link annotation, `<font>` restyles the page and an unbalanced tag aborts the whole document.
Every PDF module passes user text (descriptions, addresses, names, notes, catalog entries) through
`texto_pdf` so it is printed literally, never interpreted.
"""

from xml.sax.saxutils import escape

# C0 control characters other than tab and line breaks: invisible at best, noise in the PDF at worst.
_CONTROLES = dict.fromkeys(c for c in range(32) if c not in (9, 10, 13))


def texto_pdf(valor: object, *, saltos: bool = False) -> str:
    """`valor` as Paragraph markup that shows exactly its characters; `saltos` keeps its line breaks."""
    texto = escape("" if valor is None else str(valor).translate(_CONTROLES))
    if saltos:
        texto = texto.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br/>")
    return texto
