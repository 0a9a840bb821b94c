/* Any [data-imprimir] button prints the page (no inline onclick: the CSP forbids it). */
document.querySelectorAll("[data-imprimir]").forEach(function (boton) {
  boton.addEventListener("click", function () { window.print(); });
});
