/* The search page (<lang>/search/): starts Pagefind's Default UI with this page's UI strings, and searches for
   the header form's ?q=. Pagefind's own script (pagefind/pagefind-ui.js) runs first; without it, or without
   JavaScript, the page's links to the lists remain. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || typeof window.PagefindUI !== "function") return;
  var strings = {};  // data-t-zero-results="..." -> {zero_results: "..."}
  for (var i = 0; i < box.attributes.length; i++) {
    var name = box.attributes[i].name;
    if (name.indexOf("data-t-") === 0) strings[name.slice(7).replace(/-/g, "_")] = box.attributes[i].value;
  }
  var ui = new window.PagefindUI({
    element: "#search",
    translations: strings,
    showImages: false,   // pages carry no thumbnail worth the bytes
    showSubResults: true,  // the claims of a check that match, each linking its card
    resetStyles: false,  // the theme's type and colours (assets/search.css sets Pagefind's)
    autofocus: !/[?&]q=/.test(location.search)
  });
  var query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
