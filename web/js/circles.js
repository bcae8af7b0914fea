// Circles: create/join forms and the live chat. Message text is only ever set with textContent.
(function () {
  'use strict';
  const api = window.mooringApi;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function showError(box, err) {
    if (!box) return;
    box.textContent = (err && err.message) || String(err);
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
      const body = { name: f.get('name'), purpose: f.get('purpose'), groundRules: f.get('groundRules'), joinPolicy: f.get('joinPolicy') };
      if (f.get('retentionDays')) body.retentionDays = Number(f.get('retentionDays'));
      api('POST', '/api/v1/circles', body).then((c) => { window.location.href = '/circles/' + c.id; })
        .catch((e) => showError(create.parentNode.querySelector('[data-form-error]'), e));
    });
  }

  const root = document.querySelector('.circle-page');
  if (!root) return;
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
      const body = { name: f.get('name'), purpose: f.get('purpose'), groundRules: f.get('groundRules'), joinPolicy: f.get('joinPolicy') };
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
  if (root.dataset.member !== 'yes') return;

  const facilitator = root.dataset.facilitator === 'yes';
  const list = root.querySelector('[data-messages]');
  const status = root.querySelector('[data-status]');
  const typingLine = root.querySelector('[data-typing]');
  const errorBox = root.querySelector('[data-chat-error]');
  const composer = root.querySelector('[data-composer]');
  const membersBox = root.querySelector('[data-members]');
  const byseq = new Map();
  const members = new Map();
  const online = new Set();
  const typing = new Map();
  const pending = new Map();
  let lastSeq = 0;
  // The highest change number seen (edits/deletions): on reconnect the server replays later ones.
  let lastChange = null;
  let lastRead = 0;
  let ws = null;
  let attempt = 0;
  let lastTypingSent = 0;

  function renderMessage(m) {
    const li = el('li', 'message' + (m.author.id === me ? ' mine' : ''));
    li.dataset.seq = m.seq;
    li.dataset.id = m.id;
    const head = el('p', 'meta');
    head.appendChild(el('strong', null, m.author.displayName));
    head.appendChild(el('time', 'muted', new Date(m.at).toLocaleString()));
    li.appendChild(head);
    const body = el('p', 'body', m.deleted ? 'Message deleted' : m.body);
    if (m.deleted) body.classList.add('muted');
    li.appendChild(body);
    if (m.editedAt && !m.deleted) li.appendChild(el('span', 'muted small', '(edited)'));
    if (!m.deleted) li.appendChild(actions(m));
    return li;
  }

  function actions(m) {
    const bar = el('span', 'actions');
    function button(label, fn) {
      const b = el('button', 'link-button small', label);
      b.type = 'button';
      b.addEventListener('click', fn);
      bar.appendChild(b);
    }
    if (m.author.id === me) {
      button('Edit', () => {
        const text = window.prompt('Edit your message', m.body);
        if (text && text.trim()) frame({ type: 'edit', id: m.id, body: text });
      });
    }
    if (m.author.id === me || facilitator) {
      button(m.author.id === me ? 'Delete' : 'Remove', () => {
        if (window.confirm('Delete this message for everyone?')) frame({ type: 'delete', id: m.id });
      });
    }
    if (m.author.id !== me) button('Report', () => openReport(m));
    return bar;
  }

  function place(m) {
    if (byseq.has(m.seq) && !m.replace) return;
    byseq.set(m.seq, m);
    const node = renderMessage(m);
    const existing = list.querySelector('li[data-seq="' + m.seq + '"]');
    if (existing) { list.replaceChild(node, existing); return; }
    let after = null;
    for (const li of list.children) { if (Number(li.dataset.seq) > m.seq) { after = li; break; } }
    list.insertBefore(node, after);
    if (m.seq > lastRead && m.author.id !== me && !list.querySelector('.unread-marker')) {
      const marker = el('li', 'unread-marker', 'New messages');
      marker.dataset.seq = m.seq - 0.5;
      list.insertBefore(marker, node);
    }
    lastSeq = Math.max(lastSeq, m.seq);
  }

  function markRead() {
    if (document.visibilityState === 'visible' && lastSeq > lastRead) {
      lastRead = lastSeq;
      frame({ type: 'read', seq: lastSeq });
    }
  }
  document.addEventListener('visibilitychange', markRead);

  function frame(obj) {
    if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(obj)); return true; }
    return false;
  }

  function connect() {
    const proto = location.protocol === 'https:' ? 'wss://' : 'ws://';
    ws = new WebSocket(proto + location.host + base + '/live?after=' + lastSeq + (lastChange === null ? '' : '&changes=' + lastChange));
    status.textContent = 'connecting…';
    ws.onopen = () => {
      attempt = 0;
      status.textContent = 'connected';
      pending.forEach((p) => frame(p));
    };
    ws.onmessage = (ev) => handle(JSON.parse(ev.data));
    ws.onclose = (ev) => {
      if (ev.code === 4401) { window.location.href = '/login?next=' + encodeURIComponent(location.pathname); return; }
      if (ev.code === 4403) { status.textContent = ev.reason || 'You are no longer a member.'; composer.hidden = true; return; }
      const delay = Math.min(30000, 1000 * Math.pow(2, attempt++)) * (0.5 + Math.random() / 2);
      status.textContent = 'reconnecting…';
      setTimeout(connect, delay);
    };
  }

  function handle(f) {
    switch (f.type) {
      case 'message': place(f); typing.delete(f.author.id); renderTyping(); markRead(); break;
      case 'ack': pending.delete(f.clientMsgId); break;
      case 'ready': lastChange = f.change; break;
      case 'edited': case 'deleted': {
        if (typeof f.change === 'number') lastChange = Math.max(lastChange || 0, f.change);
        const m = byseq.get(f.seq);
        if (m) { place(Object.assign({}, m, f.type === 'edited' ? { body: f.body, editedAt: f.editedAt } : { deleted: true, body: null }, { replace: true })); }
        break;
      }
      case 'typing': typing.set(f.userId, Date.now()); renderTyping(); setTimeout(renderTyping, 4100); break;
      case 'presence':
        if (Array.isArray(f.online)) { online.clear(); f.online.forEach((id) => online.add(id)); online.add(me); }
        else if (f.online) online.add(f.userId); else online.delete(f.userId);
        renderMembers();
        break;
      case 'profile': members.set(f.member.id, f.member); renderMembers(); break;
      case 'error':
        if (f.ref && pending.has(f.ref) && f.code !== 'unavailable') pending.delete(f.ref);
        showError(errorBox, new Error(f.message));
        break;
      default: break;
    }
  }

  function renderTyping() {
    const now = Date.now();
    const names = [];
    typing.forEach((at, id) => { if (now - at < 4000 && members.has(id)) names.push(members.get(id).displayName); });
    typingLine.textContent = names.length ? names.join(', ') + (names.length === 1 ? ' is typing…' : ' are typing…') : '';
  }

  function renderMembers() {
    membersBox.replaceChildren();
    // A disclosed item as the member shared it: "Pronouns: they/them". Always text, never HTML.
    const disclosedText = (d) => {
      const c = d.content || {};
      let v = '';
      if (typeof c.text === 'string') v = c.text;
      else if (typeof c.value === 'boolean') v = c.value ? 'yes' : 'no';
      else v = (c.values || c.areas || []).map((x) => String(x).replace(/_/g, ' ')).join(', ');
      return (d.label || d.kind || '') + (v ? ': ' + v : '');
    };
    members.forEach((m) => {
      const li = el('li', 'member' + (online.has(m.id) ? ' online' : ''));
      li.appendChild(el('span', 'dot', online.has(m.id) ? '●' : '○')).setAttribute('aria-hidden', 'true');
      li.appendChild(el('span', null, m.displayName));
      li.appendChild(el('span', 'visually-hidden', online.has(m.id) ? ' (online)' : ' (offline)'));
      if (m.role === 'facilitator') li.appendChild(el('span', 'badge', 'facilitator'));
      if (m.muted) li.appendChild(el('span', 'badge warn', 'muted'));
      if (m.disclosed && m.disclosed.length) {
        const ul = el('ul', 'chips');
        m.disclosed.forEach((d) => ul.appendChild(el('li', null, disclosedText(d))));
        li.appendChild(ul);
      }
      if (facilitator && m.id !== me) {
        const mute = el('button', 'link-button small', m.muted ? 'Unmute' : 'Mute');
        mute.type = 'button';
        mute.addEventListener('click', () => api('PATCH', base + '/members/' + m.id, { muted: !m.muted }).then(loadMembers).catch((e) => showError(errorBox, e)));
        const remove = el('button', 'link-button small', 'Remove');
        remove.type = 'button';
        remove.addEventListener('click', () => {
          if (window.confirm('Remove ' + m.displayName + ' from the circle?')) api('DELETE', base + '/members/' + m.id).then(loadMembers).catch((e) => showError(errorBox, e));
        });
        li.append(' ', mute, ' ', remove);
      }
      membersBox.appendChild(li);
    });
    renderTyping();
  }

  function loadMembers() {
    return api('GET', base + '/members').then((r) => { members.clear(); r.items.forEach((m) => members.set(m.id, m)); renderMembers(); });
  }

  function loadFacilitatorLists() {
    const reqBox = root.querySelector('[data-requests]');
    const repBox = root.querySelector('[data-reports]');
    if (!reqBox) return;
    api('GET', base + '/requests').then((r) => {
      reqBox.replaceChildren();
      r.items.forEach((q) => {
        const li = el('li', null, q.displayName + (q.kind === 'invite' ? ' (invited)' : ' asks to join '));
        if (q.kind === 'request') {
          const ok = el('button', 'small', 'Approve');
          ok.type = 'button';
          ok.addEventListener('click', () => api('POST', base + '/requests/' + q.userId + '/approve', {}).then(() => { loadMembers(); loadFacilitatorLists(); }));
          li.appendChild(ok);
        }
        reqBox.appendChild(li);
      });
    }).catch((e) => showError(errorBox, e));
    api('GET', base + '/reports').then((r) => {
      repBox.replaceChildren();
      r.items.forEach((x) => repBox.appendChild(el('li', null, 'Message #' + x.seq + ' reported by ' + x.reporter.displayName + ': ' + x.reason)));
    }).catch((e) => showError(errorBox, e));
  }

  // Facilitators invite by name or e-mail from the colleague directory (names and e-mails only, never roles).
  const invite = root.querySelector('[data-invite]');
  const colleagues = new Map();
  function loadColleagues() {
    api('GET', '/api/v1/users').then((r) => {
      const list = root.querySelector('#invite-people');
      list.replaceChildren();
      colleagues.clear();
      r.items.filter((p) => p.id !== me && !members.has(p.id)).forEach((p) => {
        const label = p.displayName + ' <' + p.email + '>';
        colleagues.set(label, p.id);
        const option = document.createElement('option');
        option.value = label;
        list.appendChild(option);
      });
    }).catch((e) => showError(errorBox, e));
  }
  function chosenColleague(text) {
    const typed = text.trim().toLowerCase();
    if (colleagues.has(text.trim())) return colleagues.get(text.trim());
    const matches = Array.from(colleagues.entries()).filter(([label]) => label.toLowerCase().includes(typed));
    return typed && matches.length === 1 ? matches[0][1] : null;
  }
  if (invite) {
    invite.addEventListener('focusin', () => { if (!colleagues.size) loadColleagues(); });
    invite.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const id = chosenColleague(String(new FormData(invite).get('who') || ''));
      if (!id) {
        showError(errorBox, new Error('Choose one colleague from the list (type part of a name or e-mail).'));
        return;
      }
      api('PUT', base + '/invitations/' + id, {}).then(() => { invite.reset(); loadFacilitatorLists(); loadColleagues(); })
        .catch((e) => showError(errorBox, e));
    });
  }

  const dialog = root.querySelector('[data-report-dialog]');
  let reporting = null;
  function openReport(m) {
    reporting = m;
    if (dialog.showModal) dialog.showModal(); else dialog.setAttribute('open', '');
  }
  root.querySelector('[data-report-cancel]').addEventListener('click', () => dialog.close());
  root.querySelector('[data-report-form]').addEventListener('submit', (ev) => {
    const reason = new FormData(ev.target).get('reason');
    if (!reporting || !reason) return;
    api('POST', base + '/messages/' + reporting.id + '/reports', { reason }).then(() => { ev.target.reset(); })
      .catch((e) => showError(errorBox, e));
  });

  composer.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = composer.elements.body.value;
    if (!text.trim()) return;
    const f = { type: 'send', clientMsgId: newId(), body: text };
    pending.set(f.clientMsgId, f);
    frame(f);
    composer.reset();
  });
  composer.elements.body.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); composer.requestSubmit(); }
  });
  composer.elements.body.addEventListener('input', () => {
    const now = Date.now();
    if (now - lastTypingSent > 2000) { lastTypingSent = now; frame({ type: 'typing' }); }
  });
  root.querySelector('[data-leave]').addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!window.confirm('Leave this circle?')) return;
    api('POST', base + '/leave', {}).then(() => { window.location.href = '/circles'; }).catch((e) => showError(errorBox, e));
  });
  root.querySelector('[data-older]').addEventListener('click', () => {
    const first = Math.min(...Array.from(byseq.keys()).concat([lastSeq + 1]));
    api('GET', base + '/messages?before=' + first + '&limit=50').then((r) => r.items.forEach(place));
  });

  Promise.all([api('GET', base), loadMembers()]).then(([c]) => {
    lastRead = c.lastReadSeq || 0;
    // Read before the history: a change made while it loads is then replayed on connect.
    lastChange = c.lastChange || 0;
    return api('GET', base + '/messages?limit=50');
  }).then((r) => {
    r.items.forEach(place);
    connect();
    markRead();
  }).catch((e) => showError(errorBox, e));
  if (facilitator) loadFacilitatorLists();
})();
