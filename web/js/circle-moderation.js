// Facilitators: requests to join, invitations, and the moderation queue (each report with the message,
// the concern and the time — never who reported it — and four actions, each audited by the server).
(function () {
  'use strict';
  const api = window.mooringApi;
  const root = document.querySelector('.circle-page');
  if (!root || root.dataset.member !== 'yes' || root.dataset.facilitator !== 'yes') return;
  const me = Number(root.dataset.me);
  const base = '/api/v1/circles/' + root.dataset.circleId;
  const errorBox = root.querySelector('[data-chat-error]');
  const notice = root.querySelector('[data-chat-notice]');
  const reqBox = root.querySelector('[data-requests]');
  const repBox = root.querySelector('[data-reports]');

  const el = window.mooringEl;
  const button = window.mooringButton;
  function showError(e) {
    errorBox.textContent = (e && e.message) || String(e);
    errorBox.hidden = false;
  }
  function membersChanged() {
    document.dispatchEvent(new CustomEvent('mooring:members-changed'));
  }

  function loadRequests() {
    api('GET', base + '/requests').then((r) => {
      reqBox.replaceChildren();
      r.items.forEach((q) => {
        const li = el('li', null, q.displayName + (q.kind === 'invite' ? ' (invited)' : ' asks to join '));
        if (q.kind === 'request') li.appendChild(button('Approve', () => api('POST', base + '/requests/' + q.userId + '/approve', {})
          .then(() => { membersChanged(); loadRequests(); }).catch(showError)));
        reqBox.appendChild(li);
      });
    }).catch(showError);
  }

  const RESOLVED = { dismissed: 'Report dismissed.', hidden: 'Message hidden from members.', muted: 'Author muted.', removed: 'Author removed from the circle.' };
  function resolve(x, action, extra) {
    api('POST', base + '/reports/' + x.id + '/resolution', Object.assign({ action }, extra || {})).then((r) => {
      notice.textContent = RESOLVED[r.resolution] || 'Resolved.';
      notice.hidden = false;
      loadReports();
      if (action === 'mute' || action === 'remove') membersChanged();
    }).catch(showError);
  }
  function reportItem(x) {
    const li = el('li');
    li.dataset.reportId = x.id;
    const head = el('p', 'meta small');
    head.append(el('strong', null, x.author.displayName), ' · ', el('time', 'muted', new Date(x.at).toLocaleString()), ' · ');
    const link = el('a', null, 'Show in conversation');
    link.href = '#seq-' + x.seq;
    head.appendChild(link);
    const quote = el('blockquote', x.deleted ? 'muted' : null, x.deleted ? '(already deleted)' : x.body);
    const reason = el('p', 'small', 'Concern: ' + x.reason);
    const bar = el('div', 'report-actions');
    const hours = el('select');
    hours.setAttribute('aria-label', 'Mute for');
    [['1', '1 hour'], ['24', '1 day'], ['168', '1 week']].forEach(([v, t]) => { const o = el('option', null, t); o.value = v; hours.appendChild(o); });
    bar.append(button('Dismiss', () => resolve(x, 'dismiss'), 'secondary small'));
    if (!x.deleted) bar.append(button('Hide message', () => resolve(x, 'hide')));
    if (x.author.id !== me) {
      bar.append(hours, button('Mute author', () => resolve(x, 'mute', { muteHours: Number(hours.value) })));
      const remove = button('Remove member', () => {
        if (remove.dataset.armed) { resolve(x, 'remove'); return; }
        remove.dataset.armed = 'yes';
        remove.textContent = 'Confirm: remove ' + x.author.displayName;
      }, 'danger small');
      bar.append(remove);
    }
    li.append(head, quote, reason, bar);
    return li;
  }
  function loadReports() {
    api('GET', base + '/reports').then((r) => {
      repBox.replaceChildren();
      if (!r.items.length) repBox.appendChild(el('li', 'muted', 'No open reports.'));
      r.items.forEach((x) => repBox.appendChild(reportItem(x)));
    }).catch(showError);
  }

  // Facilitators invite by name or e-mail from the colleague directory (names and e-mails only, never roles).
  const invite = root.querySelector('[data-invite]');
  const colleagues = new Map();
  function loadColleagues() {
    Promise.all([api('GET', '/api/v1/users'), api('GET', base + '/members')]).then(([r, m]) => {
      const member = new Set(m.items.map((x) => x.id));
      const options = root.querySelector('#invite-people');
      options.replaceChildren();
      colleagues.clear();
      r.items.filter((p) => p.id !== me && !member.has(p.id)).forEach((p) => {
        const label = p.displayName + ' <' + p.email + '>';
        colleagues.set(label, p.id);
        const option = document.createElement('option');
        option.value = label;
        options.appendChild(option);
      });
    }).catch(showError);
  }
  function chosenColleague(text) {
    const typed = text.trim().toLowerCase();
    if (colleagues.has(text.trim())) return colleagues.get(text.trim());
    const matches = Array.from(colleagues.entries()).filter(([label]) => label.toLowerCase().includes(typed));
    return typed && matches.length === 1 ? matches[0][1] : null;
  }
  invite.addEventListener('focusin', () => { if (!colleagues.size) loadColleagues(); });
  invite.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const id = chosenColleague(String(new FormData(invite).get('who') || ''));
    if (!id) { showError(new Error('Choose one colleague from the list (type part of a name or e-mail).')); return; }
    api('PUT', base + '/invitations/' + id, {}).then(() => { invite.reset(); loadRequests(); loadColleagues(); }).catch(showError);
  });

  loadRequests();
  loadReports();
  setInterval(() => { if (document.visibilityState === 'visible') loadReports(); }, 30000);
})();
