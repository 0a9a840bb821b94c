/* Dashboard charts (Chart.js, vendored). Data comes from the page's json_script block. */
(function () {
  "use strict";
  var nodo = document.getElementById("datos-tablero");
  if (!nodo || typeof Chart === "undefined") { return; }
  var d = JSON.parse(nodo.textContent);
  var GUINDA = "#6d1a36", VERDE = "#1a7f37", AZUL = "#0969da";
  Chart.defaults.font.family = "system-ui, sans-serif";
  Chart.defaults.animation = false;
  new Chart(document.getElementById("grafica-meses"), {
    type: "bar",
    data: {
      labels: d.meses,
      datasets: [
        { label: "Recibidas", data: d.recibidas, backgroundColor: GUINDA, yAxisID: "y" },
        { label: "Atendidas", data: d.atendidas, backgroundColor: VERDE, yAxisID: "y" },
        { label: "% atendidas", data: d.porcentaje, type: "line", borderColor: AZUL, backgroundColor: AZUL, yAxisID: "pct" }
      ]
    },
    options: {
      maintainAspectRatio: false,
      scales: {
        y: { beginAtZero: true, title: { display: true, text: "Folios" } },
        pct: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: "%" } }
      }
    }
  });
  new Chart(document.getElementById("grafica-canales"), {
    type: "bar",
    data: { labels: d.canales, datasets: [{ label: "Recibidas", data: d.canales_recibidas, backgroundColor: GUINDA }] },
    options: { indexAxis: "y", maintainAspectRatio: false, plugins: { legend: { display: false } } }
  });
})();
