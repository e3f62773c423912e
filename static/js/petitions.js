// Keeps a petition's counter live while the page is open. Only an enhancement: the count
// in the HTML is right when the page loads, and nothing breaks if this never runs.
(function () {
  "use strict";

  var POLL_MS = 30000;
  var box = document.querySelector("[data-count-url]");
  if (!box || !window.fetch) {
    return;
  }
  var number = box.querySelector(".petition-count__number strong");
  var bar = box.querySelector("progress");
  var goal = box.querySelector(".petition-count__goal strong");
  var format = new Intl.NumberFormat(document.documentElement.lang || undefined);

  function refresh() {
    if (document.hidden) {
      return;
    }
    fetch(box.dataset.countUrl, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || typeof data.count !== "number") {
          return;
        }
        number.textContent = format.format(data.count);
        bar.max = data.goal;
        bar.value = data.count;
        if (goal) {
          goal.textContent = format.format(data.goal);
        }
      })
      .catch(function () { /* offline or server busy: keep the last count shown */ });
  }

  window.setInterval(refresh, POLL_MS);
})();
