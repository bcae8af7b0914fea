// Circles: create/join forms and the live chat. Message text is only ever set with textContent.
(function () {
  'use strict';
  const api = window.mooringApi;

  const el = window.mooringEl;
  function showError(box, err) {
    if (!box) return;
    box.textContent = window.mooringProblemText(err);
    box.hidden = false;
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  const create = document.querySelector('[data-circle-create]');
  if (create) {
    create.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const f = new FormData(create);
      const body = { name: f.get('name'), purpose: f.get('purpose'), groundRules: f.get('groundRules'), joinPolicy: f.get('joinPolicy'),
        newMembersSeeHistory: f.get('newMembersSeeHistory') !== 'false' };
      if (f.get('retentionDays')) body.retentionDays = Number(f.get('retentionDays'));
      api('POST', '/api/v1/circles', body).then((c) => { window.location.href = '/circles/' + c.id; })
        .catch((e) => showError(create.parentNode.querySelector('[data-form-error]'), e));
    });
  }

  // The circles list: search over my circles, results linked to the message in its conversation.
  const search = document.querySelector('[data-circle-search]');
  if (search) {
    const results = document.querySelector('[data-search-results]');
    search.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const q = String(new FormData(search).get('q') || '').trim();
      if (!q) return;
      api('GET', '/api/v1/circle-search?q=' + encodeURIComponent(q)).then((r) => {
        results.replaceChildren();
        if (!r.items.length) results.appendChild(el('li', 'muted', 'Nothing found in your circles.'));
        r.items.forEach((x) => {
          const li = el('li');
          const a = el('a', null, x.circleName + ' · ' + x.author.displayName + ' · ' + new Date(x.at).toLocaleString());
          a.href = x.link;
          li.append(a, el('p', 'body', x.body.length > 240 ? x.body.slice(0, 240) + '…' : x.body));
          results.appendChild(li);
        });
        results.hidden = false;
      }).catch((e) => showError(search.querySelector('[data-form-error]'), e));
    });
  }

  const root = document.querySelector('.circle-page');
  if (!root) return;
  // Phones: members, meeting, ground rules and crisis lines sit behind one button.
  const toggle = root.querySelector('[data-details-toggle]');
  if (toggle) {
    toggle.addEventListener('click', () => {
      const details = document.getElementById(toggle.getAttribute('aria-controls'));
      const open = !details.classList.contains('open');
      details.classList.toggle('open', open);
      toggle.setAttribute('aria-expanded', String(open));
      if (open) details.scrollIntoView({ block: 'start' });
    });
  }
  const circleId = root.dataset.circleId;
  const me = Number(root.dataset.me);
  const base = '/api/v1/circles/' + circleId;

  const join = root.querySelector('[data-circle-join]');
  if (join) {
    join.addEventListener('submit', (ev) => {
      ev.preventDefault();
      api('POST', base + '/join', { acceptGroundRules: true }).then(() => window.location.reload())
        .catch((e) => showError(root.querySelector('[data-form-error]'), e));
    });
  }
  // Facilitators: the whole settings object is PUT; an empty "Repeats" sends only "where" (or no meeting).
  const settings = root.querySelector('[data-circle-settings]');
  if (settings) {
    settings.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const f = new FormData(settings);
      const body = { name: f.get('name'), purpose: f.get('purpose'), groundRules: f.get('groundRules'), joinPolicy: f.get('joinPolicy'),
        newMembersSeeHistory: f.get('newMembersSeeHistory') !== 'false' };
      if (f.get('retentionDays')) body.retentionDays = Number(f.get('retentionDays'));
      const meeting = {};
      if (f.get('where').trim()) meeting.where = f.get('where').trim();
      if (f.get('cadence')) {
        meeting.cadence = f.get('cadence');
        if (meeting.cadence === 'custom') meeting.rrule = f.get('rrule');
        meeting.firstStart = f.get('firstStart');
        meeting.durationMinutes = Number(f.get('durationMinutes'));
      }
      body.meeting = Object.keys(meeting).length ? meeting : null;
      api('PUT', base, body).then(() => window.location.reload())
        .catch((e) => showError(root.querySelector('[data-settings-error]'), e));
    });
  }
})();
