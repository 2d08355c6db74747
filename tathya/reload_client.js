/* Preview only (served by `python build.py serve`, never written to site/):
   reload this tab whenever the preview server has a newer build than the one it shows. */
(function () {
  "use strict";
  // The server stamps each page's script URL with the build it was served from.
  var build = new URL(document.currentScript.src).searchParams.get("build");
  var address = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/livereload";

  function connect(delay) {
    var socket = new WebSocket(address);
    socket.onopen = function () {
      delay = 250;
      socket.send(JSON.stringify({command: "hello", protocols: ["http://livereload.com/protocols/official-7"]}));
      // Sent on every (re)connection, so a build finished while this page loaded is not missed.
      socket.send(JSON.stringify({command: "info", url: location.href, build: build, plugins: {}}));
    };
    socket.onmessage = function (event) {
      if (JSON.parse(event.data).command === "reload") location.reload();
    };
    socket.onclose = function () {
      // The server restarted or stopped: try again, less and less often.
      setTimeout(function () { connect(Math.min(delay * 2, 4000)); }, delay);
    };
  }
  connect(250);
})();
