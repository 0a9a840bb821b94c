/* MIR page chart: received vs attended per month of the report's year. */
(function () {
  "use strict";
  var nodo = document.getElementById("datos-mir");
  if (!nodo || typeof Chart === "undefined") { return; }
  var d = JSON.parse(nodo.textContent);
  Chart.defaults.animation = false;
  new Chart(document.getElementById("grafica-mir"), {
    type: "bar",
    data: {
      labels: d.meses,
      datasets: [
        { label: "Recibidas", data: d.recibidas, backgroundColor: "#6d1a36" },
        { label: "Atendidas", data: d.atendidas, backgroundColor: "#1a7f37" }
      ]
    },
    options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true } } }
  });
})();
