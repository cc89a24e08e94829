// Live reload for `chorus serve`. Only the preview adds this script to a page; `chorus build`
// never does. The page reloads once a newer build is in place, keeps where the reader had
// scrolled to, and when a change brought new problems, moves focus to the error summary. The
// connection comes back by itself after the preview restarts or the computer sleeps.
(function () {
  'use strict';
  var script = document.currentScript;
  var build = script ? script.getAttribute('data-build') : '';
  var key = 'chorus-preview:' + location.pathname;
  var summary = document.querySelector('.chorus-problems');
  var problems = summary ? summary.getAttribute('data-problems') : '';

  // This script puts the place back itself: the browser's own restoring on a reload runs
  // at its own moment and, on a busy computer, after this script's, moving the page again.
  if ('scrollRestoration' in history) {
    history.scrollRestoration = 'manual';
  }

  var saved = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(key));
    sessionStorage.removeItem(key);
  } catch (error) {
    saved = null;
  }
  // The place being put back: until the page has loaded, pictures still arriving move what
  // is shown, so a reload before then keeps this place rather than wherever the page is.
  var restoring = null;
  if (saved) {
    if (summary && saved.problems !== problems) {
      summary.focus();
    } else {
      restoring = saved;
      var back = function () { window.scrollTo(saved.x, saved.y); };
      back();
      window.addEventListener('load', function () {
        back();
        // Once more after the next layout, for anything the load event still moved.
        window.requestAnimationFrame(back);
        restoring = null;
      });
    }
  }

  function reload() {
    var place = restoring || { x: window.scrollX, y: window.scrollY };
    try {
      sessionStorage.setItem(key, JSON.stringify({ x: place.x, y: place.y, problems: problems }));
    } catch (error) {
      // Without storage the page still reloads, at the top.
    }
    location.reload();
  }

  function connect() {
    var events = new EventSource('/__chorus/events');
    events.addEventListener('build', function (event) {
      if (event.data !== build) {
        events.close();
        reload();
      }
    });
    events.onerror = function () {
      // The browser tries again by itself unless it gave up; then try again after a second.
      if (events.readyState === EventSource.CLOSED) {
        setTimeout(connect, 1000);
      }
    };
  }
  connect();
}());
