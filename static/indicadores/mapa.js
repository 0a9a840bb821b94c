/* Heat map: asks the server for cells already aggregated in the database, redraws on zoom. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("config-mapa").textContent);
  var filtros = JSON.parse(document.getElementById("filtros-mapa").textContent);
  var estado = document.getElementById("mapa-estado");
  var mapa = L.map("mapa").setView(config.centro, 13);
  if (config.tiles) {
    L.tileLayer(config.tiles, { maxZoom: 19, attribution: config.atribucion }).addTo(mapa);
  }
  var capa = L.heatLayer([], { radius: 22, blur: 18, maxZoom: 17 }).addTo(mapa);
  var pedido = 0, encuadrado = false;

  function cargar() {
    var numero = ++pedido;
    var params = new URLSearchParams(filtros);
    params.set("zoom", mapa.getZoom());
    if (mapa.getZoom() >= 15) {  // fine grid: only the visible area
      var b = mapa.getBounds();
      params.set("caja", [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()].map(function (n) { return n.toFixed(4); }).join(","));
    }
    fetch(config.datos + "?" + params.toString(), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, datos: j }; }); })
      .then(function (res) {
        if (numero !== pedido) { return; }
        if (!res.ok) { estado.textContent = (res.datos.errores || ["No se pudieron cargar los puntos."]).join(" "); return; }
        var d = res.datos;
        capa.setOptions({ max: Math.max(1, d.referencia) });
        capa.setLatLngs(d.puntos);
        if (!encuadrado && d.puntos.length) {  // first load: show where the requests are
          encuadrado = true;
          mapa.fitBounds(L.latLngBounds(d.puntos.map(function (p) { return [p[0], p[1]]; })), { padding: [20, 20] });
        }
        estado.textContent = d.total.toLocaleString("es-MX") + " folios en " + d.celdas.toLocaleString("es-MX") +
          " celdas · " + d.periodo;
        estado.dataset.total = d.total;
      })
      .catch(function () { estado.textContent = "No se pudieron cargar los puntos. Revise su conexión e intente de nuevo."; });
  }
  mapa.on("zoomend", cargar);
  mapa.on("moveend", function () { if (mapa.getZoom() >= 15) { cargar(); } });
  cargar();
})();
