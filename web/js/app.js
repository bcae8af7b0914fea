// Shared page helpers. No inline script anywhere (CSP): pages opt in through data- attributes.
(function () {
  'use strict';
  const meta = document.querySelector('meta[name="csrf-token"]');
  /** fetch() for the JSON API with the session cookie and this page's CSRF token. */
  window.mooringApi = function (method, url, body) {
    const headers = { 'Accept': 'application/json' };
    if (meta && meta.content) headers['X-CSRF-Token'] = meta.content;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
      .then(async (res) => {
        const text = await res.text();
        const data = text ? JSON.parse(text) : null;
        if (!res.ok) { const e = new Error((data && data.detail) || res.statusText); e.problem = data; e.status = res.status; throw e; }
        return data;
      });
  };
  /**
   * A problem+json failure in the words of the form: each field by the label the person sees
   * (the server's one mapping sends it as "label"), never the API's field path.
   */
  window.mooringProblemText = function (err) {
    const problem = err && err.problem;
    if (problem && Array.isArray(problem.errors) && problem.errors.length) {
      const lines = problem.errors.map((e) => (e.label || e.field) + ': ' + e.message);
      return (problem.status === 400 && problem.errors.length > 1 ? 'Please check: ' : '') + lines.join('. ') + '.';
    }
    return (problem && problem.detail) || String((err && err.message) || err);
  };
  /** A moment as people read it, in the organization's zone (pages say which in data-zone), like the server's Times.when. */
  window.mooringTime = function (iso, zone) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return String(iso);
    const opts = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    try { return new Intl.DateTimeFormat('en-GB', Object.assign({ timeZone: zone || undefined }, opts)).format(d); } catch (e) {
      return new Intl.DateTimeFormat('en-GB', opts).format(d);
    }
  };
  /** An element with a class and text (always textContent, never HTML): the pages' scripts build with this. */
  window.mooringEl = function (tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };
  /** A type="button" button that calls fn; cls defaults to the small button style. */
  window.mooringButton = function (label, fn, cls) {
    const b = window.mooringEl('button', cls || 'small', label);
    b.type = 'button';
    b.addEventListener('click', fn);
    return b;
  };
  // Forms that ask before they act: <form data-confirm="Are you sure?">
  document.addEventListener('submit', (ev) => {
    const msg = ev.target.getAttribute && ev.target.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) ev.preventDefault();
  });
})();
// Unread messages and mentions in circles, on the navigation and the circles list: refreshed every
// 15 s while the page is visible and at once when an open conversation reports a change.
(function () {
  'use strict';
  const link = document.querySelector('.site-header nav a[href="/circles"]');
  if (!link || !window.mooringApi) return;
  const badge = document.createElement('span');
  badge.className = 'badge warn nav-count';
  badge.dataset.navUnread = '';
  badge.hidden = true;
  link.append(' ', badge);
  let timer = null;
  function show(el, text) {
    if (!el) return;
    el.textContent = text;
    el.hidden = !text;
  }
  let asked = 0;
  function refresh() {
    const mine = ++asked;
    window.mooringApi('GET', '/api/v1/circles').then((r) => {
      if (mine !== asked) return;  // an older answer arriving late must not undo a newer one
      let unread = 0;
      let more = false;
      let mentions = 0;
      r.mine.forEach((c) => {
        unread += c.unread || 0;
        more = more || c.unreadMore;
        mentions += c.mentions || 0;
        show(document.querySelector('[data-unread-for="' + c.id + '"]'), c.unread ? c.unread + (c.unreadMore ? '+' : '') + ' unread' : '');
        show(document.querySelector('[data-mentions-for="' + c.id + '"]'), c.mentions ? c.mentions + ' @ mentioning you' : '');
      });
      show(badge, unread ? unread + (more ? '+' : '') + ' unread' + (mentions ? ', ' + mentions + ' @' : '') : '');
    }).catch(() => { /* signed out or offline: leave the last figures */ });
  }
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  }
  document.addEventListener('mooring:unread-changed', soon);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') soon(); });
  setInterval(() => { if (document.visibilityState === 'visible') refresh(); }, 15000);
  refresh();
})();
