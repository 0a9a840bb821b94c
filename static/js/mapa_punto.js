/* A point on a Leaflet map bound to two hidden inputs (latitude, longitude). Works with no tiles and no
   network: the map is a plain grey canvas you can still tap. Used by «Reporta» and the Jefes de Manzana app.
   SircMapaPunto.iniciar({mapa, latitud, longitud, texto, centro, quitar, ubicacion, alCambiar}) */
(function () {
  "use strict";
  function iniciar(o) {
    if (!o.mapa || typeof L === "undefined") return null;
    var div = o.mapa, lat = o.latitud, lng = o.longitud, pin = null;
    var centro = [parseFloat(div.dataset.lat), parseFloat(div.dataset.lng)];
    var mapa = L.map(div, { keyboard: true, attributionControl: !!div.dataset.tiles }).setView(centro, 13);
    if (div.dataset.tiles) {
      L.tileLayer(div.dataset.tiles, { maxZoom: 19, attribution: div.dataset.atribucion || "" }).addTo(mapa);
    }
    function avisar(mensaje) {
      if (o.texto) o.texto.textContent = mensaje;
      if (o.alCambiar) o.alCambiar();
      document.body.dispatchEvent(new CustomEvent("pin"));
    }
    function poner(latlng, mensaje) {
      lat.value = latlng.lat.toFixed(6); lng.value = latlng.lng.toFixed(6);
      if (pin) pin.setLatLng(latlng);
      else pin = L.marker(latlng, { draggable: true, keyboard: true, title: "Punto del reporte" }).addTo(mapa)
        .on("dragend", function () { poner(pin.getLatLng()); });
      avisar(mensaje || ("Punto puesto: " + lat.value + ", " + lng.value));
    }
    function quitar() {
      lat.value = ""; lng.value = "";
      if (pin) { mapa.removeLayer(pin); pin = null; }
      avisar("Sin punto en el mapa.");
    }
    if (lat.value && lng.value) {
      var previo = L.latLng(parseFloat(lat.value), parseFloat(lng.value));
      mapa.setView(previo, 17); poner(previo);
    }
    mapa.on("click", function (e) { poner(e.latlng); });
    if (o.centro) o.centro.addEventListener("click", function () { poner(mapa.getCenter()); });
    if (o.quitar) o.quitar.addEventListener("click", quitar);
    if (o.ubicacion) {
      if (!("geolocation" in navigator)) o.ubicacion.hidden = true;
      o.ubicacion.addEventListener("click", function () {
        avisar("Buscando su ubicación…");
        navigator.geolocation.getCurrentPosition(function (p) {
          var aqui = L.latLng(p.coords.latitude, p.coords.longitude);
          mapa.setView(aqui, 17); poner(aqui, "Punto puesto en su ubicación (" + Math.round(p.coords.accuracy) + " m).");
        }, function () { avisar("No pudimos leer su ubicación: toque el mapa o escriba la colonia."); },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
      });
    }
    setTimeout(function () { mapa.invalidateSize(); }, 0);
    return { mapa: mapa, poner: poner, quitar: quitar };
  }
  window.SircMapaPunto = { iniciar: iniciar };
})();
