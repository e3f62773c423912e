// Click-to-play videos: the page shows our own poster and a play button; only when the
// visitor presses it is the player loaded from the provider. Without this file the poster
// stays a link to the video on the provider's site.
(function () {
  "use strict";

  var PLAYER_HOSTS = ["https://www.youtube-nocookie.com/", "https://player.vimeo.com/"];

  function isPlayerUrl(url) {
    return PLAYER_HOSTS.some(function (host) { return url.indexOf(host) === 0; });
  }

  function play(facade) {
    var url = facade.dataset.embedUrl || "";
    if (!isPlayerUrl(url)) {
      return;
    }
    var frame = document.createElement("iframe");
    frame.className = "video-facade__frame";
    frame.src = url;
    frame.title = facade.dataset.frameTitle || "";
    frame.setAttribute("allow", "autoplay; encrypted-media; picture-in-picture; fullscreen");
    frame.setAttribute("allowfullscreen", "");
    // YouTube refuses to play ("Error 153") when no referrer arrives.
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    facade.replaceChildren(frame);
    facade.classList.add("video-facade--playing");
    // The button that had focus is gone; keyboard users continue inside the player.
    frame.focus();
  }

  document.querySelectorAll("[data-video-facade]").forEach(function (facade) {
    var button = facade.querySelector("[data-video-play]");
    var link = facade.querySelector("[data-video-link]");
    if (!button || !isPlayerUrl(facade.dataset.embedUrl || "")) {
      return;
    }
    // A <button> is pressed by click, Enter and Space alike.
    button.addEventListener("click", function () { play(facade); });
    button.hidden = false;
    if (link) {
      link.hidden = true;
    }
  });
})();
