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
  // Forms that ask before they act: <form data-confirm="Are you sure?">
  document.addEventListener('submit', (ev) => {
    const msg = ev.target.getAttribute && ev.target.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) ev.preventDefault();
  });
})();
