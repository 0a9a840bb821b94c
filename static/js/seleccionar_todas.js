/* The header checkbox [data-seleccionar-todas="NAME"] ticks or clears every row's NAME box in its form
   (default "seleccion"). */
document.querySelectorAll("[data-seleccionar-todas]").forEach(function (caja) {
  var nombre = caja.dataset.seleccionarTodas || "seleccion";
  caja.addEventListener("change", function () {
    var ambito = caja.closest("form") || document;
    ambito.querySelectorAll("input[name=" + nombre + "]").forEach(function (c) { c.checked = caja.checked; });
  });
});
