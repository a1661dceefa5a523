/**
 * The console's only script (served as /console/assets/console.js): live refresh by polling the
 * /console/api feeds, ticking SLA countdowns, and keyboard shortcuts. Pages work without it.
 */
export const CONSOLE_JS = String.raw`(function () {
  'use strict';
  var body = document.body;
  var POLL_MS = 3000;

  function fmt(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    if (d > 0) return d + 'd ' + h + 'h';
    if (h > 0) return h + 'h ' + (m < 10 ? '0' : '') + m + 'm';
    return m + 'm ' + (sec < 10 ? '0' : '') + sec + 's';
  }
  function tpl(name, t) { return (body.getAttribute('data-i18n-' + name) || '{t}').replace('{t}', t); }

  // Countdowns count from when this page received them, so the browser's own clock never matters.
  function tick() {
    var now = performance.now();
    var els = document.querySelectorAll('.sla[data-state]');
    for (var i = 0; i < els.length; i++) {
      var el = els[i], state = el.getAttribute('data-state');
      if (state !== 'running' && state !== 'overdue') continue;
      if (!el.hasAttribute('data-base')) el.setAttribute('data-base', String(now));
      var elapsed = now - Number(el.getAttribute('data-base'));
      var ms = Number(el.getAttribute('data-ms'));
      var left = state === 'running' ? ms - elapsed : -(ms + elapsed);
      var target = el.querySelector('time') || el;
      target.textContent = left > 0 ? tpl('left', fmt(left)) : tpl('overdue', fmt(-left));
      el.classList.toggle('sla-overdue', left <= 0);
    }
  }
  setInterval(tick, 1000);

  var liveStatus = document.getElementById('live-status');
  var liveNote = liveStatus ? liveStatus.textContent : '';
  function announce(text) {
    if (liveStatus && text) liveStatus.textContent = text;
  }

  function poll(container, apply) {
    var busy = false;
    function run() {
      if (busy || document.hidden) return;
      busy = true;
      fetch(container.getAttribute('data-feed'), { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (res) {
          if (res.status === 401) { location.href = '/console/sign-in?next=' + encodeURIComponent(location.pathname + location.search); return null; }
          if (!res.ok) throw new Error('HTTP ' + res.status);
          return res.json();
        })
        .then(function (data) {
          if (body.hasAttribute('data-live-error')) { body.removeAttribute('data-live-error'); announce(liveNote); }
          if (data) apply(data);
        })
        .catch(function () { body.setAttribute('data-live-error', '1'); announce(body.getAttribute('data-i18n-live-error')); })
        .then(function () { busy = false; });
    }
    setInterval(run, POLL_MS);
    document.addEventListener('visibilitychange', run);
  }

  // Swapping markup must not throw the keyboard user back to the top of the page.
  function swapKeepingFocus(container, markup) {
    var active = document.activeElement;
    var key = active && container.contains(active) ? (active.getAttribute('href') || active.id) : null;
    container.innerHTML = markup;
    if (key) {
      var again = container.querySelector('[href="' + key + '"]') || document.getElementById(key);
      if (again) again.focus();
    }
  }

  var queue = document.getElementById('queue-live');
  if (queue) {
    var known = {};
    var rows = queue.querySelectorAll('tr[data-ticket]');
    for (var i = 0; i < rows.length; i++) known[rows[i].getAttribute('data-ticket')] = true;
    poll(queue, function (data) {
      swapKeepingFocus(queue, data.html);
      var fresh = [];
      for (var j = 0; j < data.ids.length; j++) {
        var id = data.ids[j];
        if (!known[id]) {
          fresh.push(id);
          known[id] = true;
          var row = queue.querySelector('tr[data-ticket="' + id + '"]');
          if (row) row.classList.add('new');
        }
      }
      body.setAttribute('data-refreshed', data.at);
      if (fresh.length) announce((body.getAttribute('data-i18n-new') || '{ids}').replace('{ids}', fresh.join(', ')));
    });
  }

  var ticket = document.getElementById('ticket-live');
  if (ticket) {
    poll(ticket, function (data) {
      body.setAttribute('data-refreshed', new Date().toISOString());
      if (String(data.version) === ticket.getAttribute('data-version')) return;
      ticket.setAttribute('data-version', String(data.version));
      swapKeepingFocus(ticket, data.html);
    });
  }

  var flash = document.getElementById('flash');
  if (flash && flash.getAttribute('role') === 'alert') flash.focus();

  function focusId(id) { var el = document.getElementById(id); if (el) { el.focus(); return true; } return false; }
  function moveRow(step) {
    var links = Array.prototype.slice.call(document.querySelectorAll('a.ticket-link'));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var next = links[Math.max(0, Math.min(links.length - 1, at < 0 ? 0 : at + step))];
    var marked = document.querySelectorAll('tr.kb-focus');
    for (var k = 0; k < marked.length; k++) marked[k].classList.remove('kb-focus');
    next.focus();
    var tr = next.closest('tr');
    if (tr) tr.classList.add('kb-focus');
  }
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = (e.target && e.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (e.target && e.target.isContentEditable)) return;
    var handled = true;
    switch (e.key) {
      case 'j': moveRow(1); break;
      case 'k': moveRow(-1); break;
      case 'f': handled = focusId('f-status'); break;
      case 'q': location.href = '/console'; break;
      case 'r': handled = focusId('reply-body'); break;
      case 'e': handled = focusId('escalate-level'); break;
      case 's': handled = focusId('resolve-resolution'); break;
      case '?': var f = document.getElementById('keys'); if (f) { f.classList.toggle('show'); f.setAttribute('tabindex', '-1'); f.focus(); } break;
      default: handled = false;
    }
    if (handled) e.preventDefault();
  });
})();
`;
