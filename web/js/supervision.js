// Supervision pages: forms and buttons call the JSON API through window.mooringApi (CSRF header included).
(function () {
  'use strict';
  const API = '/api/v1/supervision';

  function showError(scope, err) {
    const box = scope && scope.querySelector('.sv-error, #sv-record-error');
    const text = window.mooringProblemText(err);
    if (box) { box.hidden = false; box.textContent = text; } else { window.alert(text); }
  }

  // Generic: <form class="sv-api" data-method data-url> sends its named fields as JSON, then reloads.
  function formJson(form) {
    const body = {};
    form.querySelectorAll('[name]').forEach((el) => {
      if (el.name === '_csrf' || el.value === '') return;
      if (el.dataset.json === 'number') body[el.name] = Number(el.value);
      else if (el.dataset.json === 'instant') body[el.name] = new Date(el.value).toISOString();
      else body[el.name] = el.value;
    });
    return body;
  }

  // After success: data-after (another page), data-done (a confirmation on this page, at data-anchor), or a reload.
  function afterSuccess(form, result) {
    if (form.dataset.after) { window.location.href = form.dataset.after.replace('{id}', result && result.id); return; }
    if (form.dataset.done) {
      window.location.href = window.location.pathname + '?done=' + encodeURIComponent(form.dataset.done)
        + (form.dataset.anchor ? '#' + form.dataset.anchor : '');
      return;
    }
    window.location.reload();
  }

  document.addEventListener('submit', (ev) => {
    const form = ev.target;
    if (!form.classList || !form.classList.contains('sv-api')) return;
    ev.preventDefault();
    ev.stopPropagation(); // app.js would ask data-confirm a second time
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    const body = form.dataset.method === 'DELETE' ? undefined : formJson(form);
    window.mooringApi(form.dataset.method, form.dataset.url, body)
      .then((result) => afterSuccess(form, result))
      .catch((err) => showError(form, err));
  }, true);

  // A session booked for a later day is held now only on purpose: move it to now, then start its record.
  document.addEventListener('click', (ev) => {
    const btn = ev.target.closest && ev.target.closest('[data-sv-hold-now]');
    if (!btn || !window.confirm(btn.dataset.confirm)) return;
    const id = btn.dataset.svHoldNow;
    btn.disabled = true;
    window.mooringApi('PATCH', API + '/sessions/' + id, { startsAt: new Date().toISOString() })
      .then(() => window.mooringApi('POST', API + '/sessions/' + id + '/record', {}))
      .then(() => window.location.reload())
      .catch((err) => { btn.disabled = false; showError(btn.parentElement, err); });
  });

  // Copy buttons: <button data-copy="input-id">.
  document.addEventListener('click', (ev) => {
    const btn = ev.target.closest && ev.target.closest('[data-copy]');
    if (!btn) return;
    const input = document.getElementById(btn.dataset.copy);
    const said = btn.parentElement.querySelector('[data-copied]');
    const done = () => { if (said) said.textContent = 'Copied.'; };
    input.select();
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(input.value).then(done, () => { document.execCommand('copy'); done(); });
    else { document.execCommand('copy'); done(); }
  });

  // The schedule editor previews the next dates as the person edits, before anything is saved.
  const schedule = document.getElementById('sv-schedule');
  if (schedule) {
    const list = document.getElementById('sv-preview');
    let timer = null;
    const preview = () => {
      const body = formJson(schedule);
      if (!body.firstStart) { list.replaceChildren(); return; }
      window.mooringApi('POST', schedule.dataset.preview, body).then((res) => {
        list.replaceChildren(...res.items.map((d) => { const li = document.createElement('li'); li.textContent = d.text; return li; }));
        if (!res.items.length) { const li = document.createElement('li'); li.textContent = 'No dates ahead.'; list.appendChild(li); }
      }).catch((err) => { const li = document.createElement('li'); li.textContent = window.mooringProblemText(err); list.replaceChildren(li); });
    };
    const soon = () => { clearTimeout(timer); timer = setTimeout(preview, 300); };
    schedule.addEventListener('input', soon);
    schedule.addEventListener('change', soon);
    preview();
  }

  // "Start next session": make the occurrence a session, start its record, open the session page.
  document.addEventListener('click', (ev) => {
    const btn = ev.target.closest && ev.target.closest('[data-sv-start]');
    if (!btn) return;
    if (btn.dataset.confirm && !window.confirm(btn.dataset.confirm)) return;
    const body = btn.dataset.now ? { startsAt: new Date().toISOString() } : { occurrence: btn.dataset.occurrence };
    btn.disabled = true;
    const open = (session) => { window.location.href = '/supervision/sessions/' + session.id; };
    window.mooringApi('POST', API + '/pairings/' + btn.dataset.pairing + '/sessions', body)
      .then((session) => (btn.dataset.openOnly ? open(session)
        : window.mooringApi('POST', API + '/sessions/' + session.id + '/record', {}).then(() => open(session))))
      .catch((err) => { btn.disabled = false; showError(btn.parentElement, err); });
  });

  const feedButton = document.getElementById('sv-feed');
  if (feedButton) {
    feedButton.addEventListener('click', () => {
      window.mooringApi('POST', API + '/feed', {})
        .then((res) => {
          document.getElementById('sv-feed-url').value = res.url;
          document.getElementById('sv-feed-box').hidden = false;
        })
        .catch((err) => showError(feedButton.parentElement, err));
    });
  }

  // The record form: collect the template into the API's JSON, save with If-Match, show hints.
  const record = document.getElementById('sv-record');
  if (!record) return;

  function rows(list) { return Array.from(record.querySelectorAll('.sv-row[data-list="' + list + '"]')); }
  function field(row, name) { const el = row.querySelector('[data-field="' + name + '"]'); return el ? el.value.trim() : ''; }
  function named(name) { const el = record.querySelector('[name="' + name + '"]'); return el ? el.value.trim() : ''; }

  function collect() {
    const body = {
      session: { type: named('type'), modality: named('modality'), startsAt: named('startsAt'), durationMinutes: Number(named('durationMinutes')) },
      strengths: rows('strengths').filter((r) => field(r, 'text') || field(r, 'example'))
        .map((r) => ({ text: field(r, 'text'), example: field(r, 'example') })),
      wins: rows('wins').map((r) => field(r, 'value')).filter((v) => v),
      growthGoals: rows('growthGoals').filter((r) => field(r, 'text')).map((r) => ({ text: field(r, 'text'), domain: field(r, 'domain') })),
      roleClarityNotes: named('roleClarityNotes'),
      challenges: named('challenges'),
      actionItems: rows('actionItems').filter((r) => field(r, 'text'))
        .map((r) => ({ text: field(r, 'text'), ownerId: Number(field(r, 'ownerId')), dueDate: field(r, 'dueDate') || null })),
      itemDecisions: rows('itemDecisions').filter((r) => field(r, 'decision'))
        .map((r) => ({ itemId: Number(r.dataset.item), decision: field(r, 'decision') })),
      roleClarity: {
        discussedFlagIds: Array.from(record.querySelectorAll('input[data-flags]:checked'))
          .flatMap((el) => el.dataset.flags.split(',').map(Number)),
      },
    };
    const wellbeing = named('wellbeing');
    if (wellbeing) body.wellbeing = wellbeing;
    return body;
  }

  function send(method, url, body) {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return fetch(url, {
      method, credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'Content-Type': 'application/json', 'If-Match': record.dataset.etag, 'X-CSRF-Token': meta ? meta.content : '' },
      body: JSON.stringify(body),
    }).then(async (res) => {
      const data = await res.json().catch(() => null);
      if (!res.ok) { const e = new Error((data && data.detail) || res.statusText); e.problem = data; throw e; }
      if (res.headers.get('ETag')) record.dataset.etag = res.headers.get('ETag');
      return data;
    });
  }

  function showHints(hints) {
    const list = document.getElementById('sv-hints');
    list.replaceChildren();
    (hints || []).forEach((h) => {
      const li = document.createElement('li');
      li.textContent = '“' + h.term + '” in ' + (h.where || h.field) + ': try ' + h.suggestion;
      list.appendChild(li);
    });
  }

  function save() {
    document.getElementById('sv-record-error').hidden = true;
    return send('PUT', API + '/sessions/' + record.dataset.session + '/record', collect()).then((saved) => {
      showHints(saved.hints);
      document.getElementById('sv-record-status').textContent = 'Draft saved.';
      return saved;
    });
  }

  // "Add another …": a blank copy of the list's last row, with fresh ids so every label still names its field.
  let added = 0;
  record.addEventListener('click', (ev) => {
    const btn = ev.target.closest && ev.target.closest('[data-add]');
    if (!btn) return;
    const last = rows(btn.dataset.add).pop();
    const row = last.cloneNode(true);
    added += 1;
    row.querySelectorAll('[id]').forEach((el) => {
      const id = el.id.replace(/-[^-]+$/, '') + '-new' + added;
      const label = row.querySelector('label[for="' + el.id + '"]');
      if (label) {
        label.htmlFor = id;
        label.textContent = label.textContent.replace(/\d+$/, String(rows(btn.dataset.add).length + 1));
      }
      el.id = id;
      if (el.tagName === 'SELECT') el.selectedIndex = 0; else el.value = '';
    });
    last.after(row);
    row.querySelector('input, textarea, select').focus();
  });

  record.addEventListener('submit', (ev) => {
    ev.preventDefault();
    save().catch((err) => showError(record, err));
  });
  document.getElementById('sv-finalize').addEventListener('click', () => {
    if (!window.confirm('Sign this record? It cannot be edited afterwards, only amended.')) return;
    save().then(() => send('POST', API + '/sessions/' + record.dataset.session + '/record/finalize', {}))
      .then(() => window.location.reload())
      .catch((err) => showError(record, err));
  });
})();
