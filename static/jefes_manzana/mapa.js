/* Map of Jefes de Manzana (Leaflet): points from data-datos, popups built as DOM (no HTML strings). */
(function () {
  const div = document.getElementById("mapa");
  const centro = div.dataset.centro.split(",").map(Number);
  const mapa = L.map(div, { preferCanvas: true }).setView(centro, 13);
  if (div.dataset.tiles) {
    L.tileLayer(div.dataset.tiles, { maxZoom: 19, attribution: div.dataset.atribucion }).addTo(mapa);
  }
  function texto(etiqueta, valor) {
    const p = document.createElement("div");
    const b = document.createElement("strong");
    b.textContent = etiqueta + ": ";
    p.append(b, document.createTextNode(valor));
    return p;
  }
  fetch(div.dataset.datos, { headers: { "Accept": "application/json" } })
    .then(r => r.json())
    .then(({ puntos }) => {
      const capa = L.featureGroup();
      for (const p of puntos) {
        const color = p.aproximada ? "#8c959f" : (p.abiertas ? "#bc4c00" : "#1a7f37");
        const marcador = L.circleMarker([p.lat, p.lng], { radius: 6, color, fillColor: color, fillOpacity: .8, weight: 1 });
        const caja = document.createElement("div");
        caja.className = "popup-jefe";
        const enlace = document.createElement("a");
        enlace.href = div.dataset.ficha.replace("/0/", "/" + p.id + "/");
        enlace.textContent = p.nombre;
        caja.append(enlace, texto("Manzana", p.manzana + " · " + p.colonia), texto("Teléfono", p.telefono || "—"),
          texto("Peticiones abiertas", p.abiertas), texto("Peticiones concluidas", p.cerradas));
        marcador.bindPopup(caja);
        capa.addLayer(marcador);
      }
      capa.addTo(mapa);
      if (puntos.length) mapa.fitBounds(capa.getBounds(), { maxZoom: 16, padding: [20, 20] });
      document.getElementById("mapa-resumen").textContent = puntos.length + " Jefes de Manzana en el mapa.";
    })
    .catch(() => { document.getElementById("mapa-resumen").textContent = "No se pudieron cargar los puntos del mapa."; });
})();
