/* Optional enhancements; every page works without this file. */
(function () {
  "use strict";
  var KEY = "tathya-lang";
  var entry = document.querySelectorAll("a.entry-lang[data-lang]");
  if (entry.length) {
    // The entry page remembers a reader's choice of language.
    var saved = null;
    try { saved = window.localStorage.getItem(KEY); } catch (e) { /* storage blocked */ }
    for (var i = 0; i < entry.length; i++) {
      entry[i].addEventListener("click", function () {
        try { window.localStorage.setItem(KEY, this.getAttribute("data-lang")); } catch (e) { /* ignore */ }
      });
      if (saved && entry[i].getAttribute("data-lang") === saved && !/[?&]choose/.test(location.search)) {
        location.replace(entry[i].href);
        return;
      }
    }
  }
  // A copy button beside each permalink, where the clipboard is available.
  if (!navigator.clipboard) return;
  var links = document.querySelectorAll("a.permalink");
  for (var j = 0; j < links.length; j++) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.setAttribute("data-copied", links[j].getAttribute("data-copied"));
    button.textContent = links[j].getAttribute("data-copy");
    button.addEventListener("click", (function (href) {
      return function (event) {
        navigator.clipboard.writeText(href).then(function () {
          event.target.textContent = event.target.getAttribute("data-copied");
        });
      };
    })(links[j].href));
    links[j].parentNode.insertBefore(button, links[j].nextSibling);
  }
})();
