/* «Reporta»: map pin, photo preview and size check, anonymous hint per category, one submit at a time.
   The page works without this file (plain form: colonia and calle instead of the pin). */
(function () {
  "use strict";
  var form = document.getElementById("form-reporta");
  if (!form) return;
  var $ = function (id) { return document.getElementById(id); };

  var conError = form.querySelector(".con-error input, .con-error select, .con-error textarea");
  if (conError) conError.focus();

  window.SircMapaPunto && window.SircMapaPunto.iniciar({
    mapa: $("mapa"), latitud: $("id_latitud"), longitud: $("id_longitud"), texto: $("punto-texto"),
    centro: $("pin-centro"), quitar: $("pin-quitar"), ubicacion: $("mi-ubicacion")
  });

  // Categories that admit anonymous reports say so next to the contact fields.
  var categoria = $("id_categoria"), anonimo = $("anonimo-ayuda");
  function mostrarAnonimo() {
    var opcion = categoria && categoria.options[categoria.selectedIndex];
    if (anonimo) anonimo.classList.toggle("oculto", !(opcion && opcion.dataset.anonimo === "1"));
  }
  if (categoria) { categoria.addEventListener("change", mostrarAnonimo); mostrarAnonimo(); }

  // Photo: preview, and refuse a file over the limit before uploading it.
  var foto = $("id_foto"), vista = $("vista-foto"), maximo = parseInt(form.dataset.maxBytes || "0", 10);
  if (foto) {
    foto.addEventListener("change", function () {
      var archivo = foto.files && foto.files[0];
      foto.setCustomValidity("");
      if (!archivo) { vista.classList.add("oculto"); return; }
      if (maximo && archivo.size > maximo) {
        foto.setCustomValidity("La foto pesa más de " + Math.round(maximo / 1048576) + " MB.");
        foto.reportValidity();
        foto.value = "";
        return;
      }
      vista.src = URL.createObjectURL(archivo);
      vista.classList.remove("oculto");
    });
  }

  var enviando = false;
  form.addEventListener("submit", function (e) {
    if (enviando) { e.preventDefault(); return; }
    enviando = true;
    var boton = $("enviar");
    if (boton) { boton.setAttribute("aria-busy", "true"); }
  });
})();
