// The review dashboard's charts, drawn with Chart.js (claims/vendor/) from the figures the page
// carries as JSON (the "dashboard-charts" script element). Each chart's table stays on the page.
(function () {
  "use strict";
  const COLOURS = ["#2f6db5", "#d0632b", "#3c9a5f", "#b33a3a", "#7b57b3", "#8c6d1f", "#c0498f", "#5f7f8f"];

  function draw(canvas, figure) {
    const horizontal = Boolean(figure.horizontal);
    const stacked = Boolean(figure.stacked);
    const kind = canvas.dataset.kind || "bar";
    const chart = new window.Chart(canvas, {
      type: kind,
      data: {
        labels: figure.labels,
        datasets: figure.series.map((series, i) => ({
          label: series.label,
          data: series.data,
          backgroundColor: series.colour || COLOURS[i % COLOURS.length],
          borderColor: series.colour || COLOURS[i % COLOURS.length],
          borderWidth: kind === "line" ? 2 : 0,
          pointRadius: kind === "line" ? 2 : undefined,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        plugins: {legend: {display: Boolean(figure.legend) || figure.series.length > 1}},
        scales: {
          x: {stacked: stacked, beginAtZero: true, ticks: {maxRotation: 0, autoSkip: true, precision: 0}},
          y: {stacked: stacked, beginAtZero: true, ticks: {precision: 0}},
        },
      },
    });
    canvas.closest("figure").classList.add("drawn");
    return chart;
  }

  function start() {
    const data = document.getElementById("dashboard-charts");
    if (!data || !window.Chart) return;
    const charts = JSON.parse(data.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      const figure = charts[canvas.dataset.chart];
      if (figure && figure.labels.length) draw(canvas, figure);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
