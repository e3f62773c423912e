// Small enhancements only: every page works without this file.
(function () {
  "use strict";

  // Copy buttons: <button type="button" data-copy-text="…" hidden> or data-copy-target="#id".
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  document.querySelectorAll("[data-copy-text], [data-copy-target]").forEach(function (button) {
    var status = document.createElement("span");
    status.setAttribute("role", "status");
    status.className = "copy-status";
    button.insertAdjacentElement("afterend", status);
    button.hidden = false;
    button.addEventListener("click", function () {
      var target = button.dataset.copyTarget && document.querySelector(button.dataset.copyTarget);
      var text = target ? (target.value || target.textContent) : button.dataset.copyText;
      copyText(text).then(
        function () { status.textContent = " " + (button.dataset.copiedLabel || "Copied"); },
        function () { status.textContent = " " + (button.dataset.failedLabel || "Could not copy"); }
      );
    });
  });
})();

// Print buttons: <button type="button" data-print hidden>. Without JavaScript the page says
// to use the browser's Print command, which prints the same letter.
(function () {
  "use strict";

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
