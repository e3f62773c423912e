// A refused sign form: the page opens at its error summary. The autofocus attribute does it
// without JavaScript in most browsers; this does it in the others.
(function () {
  "use strict";

  var summary = document.getElementById("sign-errors");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }
})();

// Keeps a petition's counter live while the page is open. Only an enhancement: the count
// in the HTML is right when the page loads, and nothing breaks if this never runs.
(function () {
  "use strict";

  var POLL_MS = 30000;
  var box = document.querySelector("[data-count-url]");
  if (!box || !window.fetch) {
    return;
  }
  // Absent while nobody has signed ("Be the first to sign"): the next page load shows the count.
  var number = box.querySelector(".petition-count__number strong");
  var bar = box.querySelector("progress");
  var goal = box.querySelector(".petition-count__goal strong");
  // Made on the first new count, not at load: building a number format costs a phone a
  // long task while the page is still starting.
  var format = null;

  function refresh() {
    if (document.hidden) {
      return;
    }
    fetch(box.dataset.countUrl, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data || typeof data.count !== "number" || !number) {
          return;
        }
        format = format || new Intl.NumberFormat(document.documentElement.lang || undefined);
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

// The "not sent yet" page a surge answers with (503): the sign form comes back filled in
// and is sent again by itself after the server's Retry-After, stretched by a random share
// so that everyone turned away in the same second does not come back in the same second.
(function () {
  "use strict";

  var form = document.querySelector("form[data-retry-after]");
  if (!form) {
    return;
  }
  var seconds = parseInt(form.dataset.retryAfter, 10);
  if (!(seconds > 0)) {
    seconds = 5;
  }
  var manual = document.querySelector("[data-retry-manual]");
  var auto = document.querySelector("[data-retry-auto]");
  if (manual) {
    manual.hidden = true;
  }
  if (auto) {
    auto.hidden = false;
  }
  var sent = false;
  form.addEventListener("submit", function () { sent = true; });
  window.setTimeout(function () {
    if (sent) {
      return;
    }
    sent = true;
    HTMLFormElement.prototype.submit.call(form);
  }, seconds * 1000 * (1 + Math.random()));
})();
