/* Show the "¿se resolvió?" questions only when the citizen was reached; keyboard users keep arrow keys on radios. */
(function () {
  var form = document.getElementById("resultado");
  if (!form) return;
  var opinion = document.getElementById("opinion");
  function actualizar() {
    var elegido = form.querySelector("input[name=resultado]:checked");
    opinion.hidden = !elegido || elegido.value !== "contactado";
  }
  form.addEventListener("change", actualizar);
  actualizar();
  var primero = form.querySelector("input[name=resultado]:checked") || form.querySelector("input[name=resultado]");
  if (primero) primero.focus();
})();
