/* Capture screen: keyboard first. Works without this file (plain form); with it:
   - category preselects its dirección (the operator may change it),
   - Enter in the description or on a select saves (Shift+Enter: new line),
   - a returning citizen's data fill the empty citizen fields,
   - the Leaflet map places the point (works with no tiles / no network),
   - a second submit is ignored while the first is on its way. */
(function () {
  "use strict";
  var form = document.getElementById("form-captura");
  if (!form) return;
  var $ = function (id) { return document.getElementById(id); };

  // After a rejected save, start where the first error is (everything typed is still there).
  var conError = form.querySelector(".con-error input, .con-error select, .con-error textarea");
  if (conError) conError.focus();

  // Category → dirección.
  var categoria = $("id_categoria"), direccion = $("id_direccion");
  var direccionTocada = !!(direccion && direccion.value);
  if (direccion) direccion.addEventListener("change", function () { direccionTocada = true; });
  if (categoria && direccion) {
    categoria.addEventListener("change", function () {
      var opcion = categoria.options[categoria.selectedIndex];
      if (!direccionTocada && opcion && opcion.dataset.direccion) direccion.value = opcion.dataset.direccion;
    });
  }

  // Enter saves from the description too.
  var descripcion = $("id_descripcion");
  if (descripcion) {
    descripcion.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit(); }
    });
  }

  // Enter in the guía de trámites searches there; it never saves the capture.
  var guia = $("id_guia");
  if (guia) {
    guia.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { e.preventDefault(); guia.dispatchEvent(new Event("search")); }
    });
  }

  // Enter on a closed <select> (category, dirección, tipo…) saves too, like in a text field.
  form.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && e.target.tagName === "SELECT" && !e.altKey) { e.preventDefault(); form.requestSubmit(); }
  });

  // One submit at a time (the server is idempotent anyway).
  var enviando = false;
  form.addEventListener("submit", function (e) {
    if (enviando) { e.preventDefault(); return; }
    enviando = true;
    var boton = $("guardar");
    if (boton) { boton.setAttribute("aria-busy", "true"); boton.textContent = "Guardando…"; }
  });

  // Returning citizen: fill what is still empty (never overwrite what the operator typed).
  document.body.addEventListener("htmx:afterSwap", function (e) {
    if (!e.detail.target || e.detail.target.id !== "ciudadano-encontrado") return;
    var datos = $("ciudadano-datos");
    if (!datos) return;
    ["nombre", "apellidos", "correo", "domicilio"].forEach(function (campo) {
      var input = $("id_" + campo);
      if (input && (!input.value || input.dataset.autollenado === "1")) {
        input.value = datos.dataset[campo] || "";
        input.dataset.autollenado = "1";
      }
    });
    var aviso = $("id_acepta_aviso");
    if (aviso && datos.dataset.aviso) aviso.checked = true;
  });
  ["nombre", "apellidos", "correo", "domicilio"].forEach(function (campo) {
    var input = $("id_" + campo);
    if (input) input.addEventListener("input", function () { input.dataset.autollenado = ""; });
  });

  // Map (optional).
  var lat = $("id_latitud"), lng = $("id_longitud"), div = $("mapa");
  if (!div || typeof L === "undefined") return;
  var detalles = $("mapa-detalles"), texto = $("punto-texto");
  var mapa = null, pin = null;
  var colonia = $("id_colonia"), lista = $("colonias");
  function centrarEnColonia() {
    if (!mapa || pin || !colonia || !lista) return;
    var buscado = colonia.value.trim().toLowerCase();
    var opcion = Array.prototype.find.call(lista.options, function (o) {
      return o.value.toLowerCase() === buscado || o.value.toLowerCase().indexOf(buscado + " (") === 0;
    });
    if (opcion && opcion.dataset.lat) mapa.setView([parseFloat(opcion.dataset.lat), parseFloat(opcion.dataset.lng)], 16);
  }
  function avisarPin() { document.body.dispatchEvent(new CustomEvent("pin")); }
  function ponerPin(latlng) {
    lat.value = latlng.lat.toFixed(6); lng.value = latlng.lng.toFixed(6);
    if (pin) pin.setLatLng(latlng); else pin = L.marker(latlng, { draggable: true, keyboard: true }).addTo(mapa)
      .on("dragend", function () { ponerPin(pin.getLatLng()); });
    if (texto) texto.textContent = "· punto " + lat.value + ", " + lng.value;
    avisarPin();
  }
  function iniciar() {
    if (mapa) return;
    var centro = [parseFloat(div.dataset.lat), parseFloat(div.dataset.lng)];
    mapa = L.map(div, { keyboard: true }).setView(centro, 14);
    if (div.dataset.tiles) {
      L.tileLayer(div.dataset.tiles, { maxZoom: 19, attribution: div.dataset.atribucion || "" }).addTo(mapa);
    }
    if (lat.value && lng.value) { var p = L.latLng(parseFloat(lat.value), parseFloat(lng.value)); mapa.setView(p, 17); ponerPin(p); }
    else centrarEnColonia();
    mapa.on("click", function (e) { ponerPin(e.latlng); });
  }
  if (detalles) detalles.addEventListener("toggle", function () { if (detalles.open) { iniciar(); mapa.invalidateSize(); } });
  if (lat.value && detalles) detalles.open = true;
  $("pin-centro").addEventListener("click", function () { iniciar(); ponerPin(mapa.getCenter()); });
  $("pin-quitar").addEventListener("click", function () {
    lat.value = ""; lng.value = ""; if (pin) { mapa.removeLayer(pin); pin = null; }
    if (texto) texto.textContent = "· sin punto"; avisarPin();
  });
  // Choosing a colonia centres the map on it.
  if (colonia) colonia.addEventListener("change", centrarEnColonia);
})();
