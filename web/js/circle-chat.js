// A circle's live conversation: reading position, honest sending state, heartbeat and reconnects,
// inline edit, delete with undo, mentions, reports. Message text is only ever set with textContent.
(function () {
  'use strict';
  const api = window.mooringApi;
  const root = document.querySelector('.circle-page');
  if (!root || root.dataset.member !== 'yes') return;

  const SEND_TIMEOUT_MS = 6000;   // sent on an open socket and no ack by then: "failed — retry" (the retry reuses the clientMsgId)
  const PING_EVERY_MS = 2000;     // heartbeat while the line is quiet
  const DEAD_AFTER_MS = 4500;     // no frame at all for this long: the connection is dead, reconnect
  const UNDO_MS = 5000;           // a delete waits this long before its frame is sent
  const circleId = root.dataset.circleId;
  const me = Number(root.dataset.me);
  const myName = root.dataset.myName || '';
  const base = '/api/v1/circles/' + circleId;
  const facilitator = root.dataset.facilitator === 'yes';
  const list = root.querySelector('[data-messages]');
  const status = root.querySelector('[data-status]');
  const typingLine = root.querySelector('[data-typing]');
  const errorBox = root.querySelector('[data-chat-error]');
  const notice = root.querySelector('[data-chat-notice]');
  const composer = root.querySelector('[data-composer]');
  const membersBox = root.querySelector('[data-members]');
  const jump = root.querySelector('[data-jump]');
  const older = root.querySelector('[data-older]');
  const byseq = new Map();
  const members = new Map();
  const online = new Set();
  const typing = new Map();
  const storeKey = 'mooring.unsent.' + circleId + '.' + me;
  const reportedKey = 'mooring.reported.' + me;
  const outbox = new Map(load(storeKey, []).map((p) => [p.frame.clientMsgId, Object.assign(p, { state: 'waiting' })]));
  const deletions = new Map();
  let lastSeq = 0;
  let lastChange = null;
  let lastRead = 0;
  let ws = null;
  let attempt = 0;
  let reconnectTimer = null;
  let lastFrameAt = 0;
  let lastPingAt = 0;
  let openedAt = 0;
  let unseen = 0;
  let lastTypingSent = 0;

  const el = window.mooringEl;
  function button(label, fn, cls) {
    return window.mooringButton(label, fn, cls || 'link-button small');
  }
  function load(key, dflt) {
    try { return JSON.parse(localStorage.getItem(key)) || dflt; } catch (e) { return dflt; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full or off: keep in memory */ }
  }
  function showError(err) {
    errorBox.textContent = (err && err.message) || String(err);
    errorBox.hidden = false;
  }
  function say(text) {
    notice.textContent = text;
    notice.hidden = false;
  }
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function setStatus(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  // ---- reading position ----
  function atBottom() {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 48;
  }
  function toBottom() {
    list.scrollTop = list.scrollHeight;
    unseen = 0;
    jump.hidden = true;
  }
  function showAt(li, block) {
    list.scrollTop = Math.max(0, li.offsetTop - list.offsetTop - (block === 'center' ? list.clientHeight / 3 : 8));
  }
  list.addEventListener('scroll', () => {
    if (atBottom()) { unseen = 0; jump.hidden = true; markRead(); }
  });
  jump.addEventListener('click', () => { toBottom(); markRead(); });
  // The chat fills the screen below the page's header, whatever that header's height on this device.
  function fitChat() {
    const chat = root.querySelector('.chat');
    const top = chat.getBoundingClientRect().top + window.scrollY;
    chat.style.height = Math.max(320, window.innerHeight - top - 8) + 'px';
  }
  window.addEventListener('resize', fitChat);
  fitChat();

  // Counted as read only once the frame went out: a read tried before the socket opened is sent on open.
  function markRead() {
    if (document.visibilityState === 'visible' && lastSeq > lastRead && atBottom() && frame({ type: 'read', seq: lastSeq })) {
      lastRead = lastSeq;
    }
  }
  document.addEventListener('visibilitychange', markRead);

  // ---- messages ----
  function reported() {
    return new Set(load(reportedKey, []));
  }
  function renderMessage(m) {
    const mine = m.author.id === me;
    const mentionsMe = !m.deleted && !mine && myName && m.body.toLowerCase().includes('@' + myName.toLowerCase());
    const li = el('li', 'message' + (mine ? ' mine' : '') + (mentionsMe ? ' mentions-me' : ''));
    li.dataset.seq = m.seq;
    li.dataset.id = m.id;
    li.id = 'seq-' + m.seq;
    const head = el('p', 'meta');
    head.appendChild(el('strong', null, m.author.displayName));
    const time = head.appendChild(el('time', 'muted', window.mooringTime(m.at, root.dataset.zone)));
    time.dateTime = m.at;
    if (mentionsMe) head.appendChild(el('span', 'badge warn', 'mentions you'));
    if (mine && m.sent) head.appendChild(el('span', 'state', 'sent'));
    li.appendChild(head);
    const body = el('p', 'body', m.deleted ? 'Message deleted' : m.body);
    if (m.deleted) body.classList.add('muted');
    li.appendChild(body);
    if (m.editedAt && !m.deleted) li.appendChild(el('span', 'muted small', '(edited)'));
    if (!m.deleted) li.appendChild(actions(m, li));
    return li;
  }

  function actions(m, li) {
    const bar = el('span', 'actions');
    if (m.author.id === me) bar.appendChild(button('Edit', () => startEdit(m, li)));
    if (m.author.id === me || facilitator) bar.appendChild(button(m.author.id === me ? 'Delete' : 'Remove', () => startDelete(m, li)));
    if (m.author.id !== me) {
      if (reported().has(m.id)) bar.appendChild(el('span', 'muted small', 'Reported — thank you'));
      else bar.appendChild(button('Report', () => openReport(m)));
    }
    return bar;
  }

  /** Inserts or replaces a message in seq order, above any still-unsent ones. */
  function place(m, live) {
    if (byseq.has(m.seq) && !m.replace) return;
    const follow = live && (atBottom() || m.author.id === me);
    byseq.set(m.seq, m);
    const node = renderMessage(m);
    const existing = list.querySelector('li.message[data-seq="' + m.seq + '"]');
    if (existing) { list.replaceChild(node, existing); return; }
    let before = null;
    for (const li of list.children) {
      if (li.classList.contains('pending') || Number(li.dataset.seq) > m.seq) { before = li; break; }
    }
    list.insertBefore(node, before);
    if (m.seq > lastRead && m.author.id !== me && !list.querySelector('.unread-marker')) {
      const marker = el('li', 'unread-marker', 'New messages');
      marker.dataset.seq = m.seq - 0.5;
      list.insertBefore(marker, node);
    }
    lastSeq = Math.max(lastSeq, m.seq);
    if (live && m.author.id === me) settlePending(m);
    if (!live) return;
    if (follow) toBottom();
    else if (m.author.id !== me) {
      unseen++;
      jump.textContent = unseen === 1 ? '1 new message ↓' : unseen + ' new messages ↓';
      jump.hidden = false;
    }
  }

  // ---- sending state ----
  // waiting: not connected, goes by itself when the socket opens; sending: sent, no ack yet;
  // failed: refused by the server, or no ack in time while connected.
  function renderPending(p) {
    if (p.seq) return;
    let li = list.querySelector('li.pending[data-client-id="' + p.frame.clientMsgId + '"]');
    const fresh = !li;
    if (fresh) {
      li = el('li', 'message mine pending');
      li.dataset.clientId = p.frame.clientMsgId;
      list.appendChild(li);
    }
    li.classList.toggle('failed', p.state === 'failed');
    const head = el('p', 'meta');
    head.appendChild(el('strong', null, myName));
    const state = el('span', 'state', p.state === 'failed' ? 'failed — ' : p.state === 'waiting' ? 'waiting to send' : 'sending…');
    if (p.state === 'failed') state.appendChild(button('Retry', () => transmit(p)));
    head.appendChild(state);
    li.replaceChildren(head, el('p', 'body', p.frame.body));
    if (fresh) toBottom();
  }
  /**
   * My message came back from the server before its ack: the unsent copy with the same text goes, so it
   * never shows twice. The outbox keeps it until the ack (a resend is harmless: same clientMsgId).
   */
  function settlePending(m) {
    for (const p of outbox.values()) {
      if (!p.seq && p.frame.body === m.body) {
        p.seq = m.seq;
        const li = list.querySelector('li.pending[data-client-id="' + p.frame.clientMsgId + '"]');
        if (li) li.remove();
        return;
      }
    }
  }
  function persistOutbox() {
    save(storeKey, Array.from(outbox.values()).map((p) => ({ frame: p.frame })));
  }
  function transmit(p) {
    p.sentAt = Date.now();
    p.state = frame(p.frame) ? 'sending' : 'waiting';
    renderPending(p);
  }
  /** The socket went: what was sent without an ack is sent again (same clientMsgId) when it reopens. */
  function waitAgain() {
    outbox.forEach((p) => { if (p.state === 'sending') { p.state = 'waiting'; renderPending(p); } });
  }
  function acked(f) {
    const p = outbox.get(f.clientMsgId);
    if (!p) return;
    outbox.delete(f.clientMsgId);
    persistOutbox();
    const li = list.querySelector('li.pending[data-client-id="' + f.clientMsgId + '"]');
    if (li) li.remove();
    const m = byseq.get(f.seq) || { id: f.id, seq: f.seq, author: { id: me, displayName: myName }, body: p.frame.body, at: new Date().toISOString() };
    place(Object.assign({}, m, { sent: true, replace: byseq.has(f.seq) }), true);
  }
  setInterval(() => {
    const now = Date.now();
    outbox.forEach((p) => {
      if (p.state === 'sending' && now - p.sentAt > SEND_TIMEOUT_MS) { p.state = 'failed'; renderPending(p); }
    });
  }, 500);

  composer.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = composer.elements.body.value;
    if (!text.trim()) return;
    const p = { frame: { type: 'send', clientMsgId: newId(), body: text } };
    outbox.set(p.frame.clientMsgId, p);
    persistOutbox();
    composer.reset();
    closeMentions();
    transmit(p);
  });

  // ---- connection: heartbeat, reconnect, honest status ----
  function frame(obj) {
    if (ws && ws.readyState === WebSocket.OPEN) { ws.send(JSON.stringify(obj)); return true; }
    return false;
  }
  function drop() {
    if (!ws) return;
    waitAgain();
    const old = ws;
    ws = null;
    old.onopen = old.onmessage = old.onclose = old.onerror = null;
    try { old.close(1000, 'reconnecting'); } catch (e) { /* already closing */ }
  }
  function reconnectSoon() {
    drop();
    clearTimeout(reconnectTimer);
    if (!navigator.onLine) { setStatus('offline — unsent messages wait until you are back online'); return; }
    setStatus('reconnecting…');
    const delay = Math.min(8000, 300 * Math.pow(2, attempt++)) * (0.5 + Math.random() / 2);
    reconnectTimer = setTimeout(connect, delay);
  }
  function connect() {
    clearTimeout(reconnectTimer);
    drop();
    const proto = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const socket = new WebSocket(proto + location.host + base + '/live?after=' + lastSeq + (lastChange === null ? '' : '&changes=' + lastChange));
    ws = socket;
    openedAt = Date.now();
    if (status.textContent !== 'reconnecting…') setStatus('connecting…');
    socket.onopen = () => {
      attempt = 0;
      lastFrameAt = Date.now();
      setStatus('connected');
      markRead();
      outbox.forEach((p) => transmit(p));
      deletions.forEach((d) => { if (d.due) sendDelete(d); });
    };
    socket.onmessage = (ev) => { lastFrameAt = Date.now(); handle(JSON.parse(ev.data)); };
    socket.onclose = (ev) => {
      if (socket !== ws) return;
      if (ev.code === 4401) { window.location.href = '/login?next=' + encodeURIComponent(location.pathname); return; }
      if (ev.code === 4403) { drop(); setStatus(ev.reason || 'You are no longer a member.'); composer.hidden = true; return; }
      reconnectSoon();
    };
  }
  setInterval(() => {
    const now = Date.now();
    if (!ws) return;
    if (ws.readyState === WebSocket.CONNECTING && now - openedAt > DEAD_AFTER_MS) { reconnectSoon(); return; }
    if (ws.readyState !== WebSocket.OPEN) return;
    if (now - lastFrameAt > DEAD_AFTER_MS) { reconnectSoon(); return; }
    if (now - lastFrameAt >= PING_EVERY_MS && now - lastPingAt >= PING_EVERY_MS) { lastPingAt = now; frame({ type: 'ping' }); }
  }, 500);
  window.addEventListener('offline', () => { drop(); setStatus('offline — unsent messages wait until you are back online'); });
  window.addEventListener('online', () => { attempt = 0; connect(); });

  function handle(f) {
    switch (f.type) {
      case 'message':
        place(f, true); typing.delete(f.author.id); renderTyping(); markRead();
        if (f.author.id !== me) document.dispatchEvent(new CustomEvent('mooring:unread-changed'));
        break;
      case 'ack': acked(f); break;
      case 'ready': lastChange = f.change; break;
      case 'read': document.dispatchEvent(new CustomEvent('mooring:unread-changed')); break;
      case 'edited': case 'deleted': {
        if (typeof f.change === 'number') lastChange = Math.max(lastChange || 0, f.change);
        const m = byseq.get(f.seq);
        if (m) place(Object.assign({}, m, f.type === 'edited' ? { body: f.body, editedAt: f.editedAt } : { deleted: true, body: null }, { replace: true }));
        break;
      }
      case 'typing': typing.set(f.userId, Date.now()); renderTyping(); setTimeout(renderTyping, 4100); break;
      case 'presence':
        if (Array.isArray(f.online)) { online.clear(); f.online.forEach((id) => online.add(id)); online.add(me); }
        else if (f.online) online.add(f.userId); else online.delete(f.userId);
        renderMembers();
        break;
      case 'profile': members.set(f.member.id, f.member); renderMembers(); break;
      case 'error': {
        const p = f.ref && outbox.get(f.ref);
        if (p && f.code !== 'unavailable') { p.state = 'failed'; renderPending(p); }
        showError(new Error(f.message));
        break;
      }
      default: break;
    }
  }

  // ---- inline edit, delete with undo ----
  function startEdit(m, li) {
    const box = el('div', 'edit-box');
    const id = 'edit-' + m.id;
    const label = el('label', 'visually-hidden', 'Edit message');
    label.htmlFor = id;
    const area = el('textarea');
    area.id = id;
    area.maxLength = 4000;
    area.value = m.body;
    const save = button('Save', () => {
      const text = area.value;
      if (!text.trim() || text === m.body) { cancel(); return; }
      if (!frame({ type: 'edit', id: m.id, body: text })) { showError(new Error('Not connected: your edit was not sent. Try again when the status says connected.')); return; }
      li.classList.add('pending');
    }, 'small');
    const cancel = () => place(Object.assign({}, byseq.get(m.seq), { replace: true }));
    const bar = el('span', 'actions');
    bar.append(save, button('Cancel', cancel, 'secondary small'));
    box.append(label, area, bar);
    area.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); save.click(); }
      if (ev.key === 'Escape') cancel();
    });
    li.querySelector('.body').replaceWith(box);
    const actionsBar = li.querySelector(':scope > .actions');
    if (actionsBar) actionsBar.remove();
    area.focus();
  }
  function startDelete(m, li) {
    const d = { id: m.id, seq: m.seq, due: false };
    deletions.set(m.id, d);
    const undo = el('p', 'undo');
    undo.append(el('span', 'muted', 'Message deleted.'), button('Undo', () => {
      clearTimeout(d.timer);
      deletions.delete(m.id);
      place(Object.assign({}, byseq.get(m.seq), { replace: true }));
    }));
    li.replaceChildren(li.querySelector('.meta'), undo);
    d.timer = setTimeout(() => { d.due = true; sendDelete(d); }, UNDO_MS);
  }
  function sendDelete(d) {
    if (frame({ type: 'delete', id: d.id })) deletions.delete(d.id);
  }
  // Leaving the page ends the undo window early: the deletion still happens.
  window.addEventListener('pagehide', () => deletions.forEach((d) => { clearTimeout(d.timer); sendDelete(d); }));

  // ---- mentions: @name with autocomplete among members ----
  const body = composer.elements.body;
  const mentionList = root.querySelector('[data-mentions]');
  let choices = [];
  let active = 0;
  function mentionQuery() {
    const upto = body.value.slice(0, body.selectionStart);
    const found = /(^|\s)@([^\s@]{0,30})$/.exec(upto);
    return found ? found[2] : null;
  }
  function closeMentions() {
    choices = [];
    mentionList.hidden = true;
    mentionList.replaceChildren();
  }
  function renderMentions() {
    const q = mentionQuery();
    if (q === null) { closeMentions(); return; }
    const lower = q.toLowerCase();
    choices = Array.from(members.values()).filter((m) => m.id !== me &&
        m.displayName.toLowerCase().split(/\s+/).concat([m.displayName.toLowerCase()]).some((w) => w.startsWith(lower))).slice(0, 6);
    if (!choices.length) { closeMentions(); return; }
    active = Math.min(active, choices.length - 1);
    mentionList.replaceChildren(...choices.map((m, i) => {
      const li = el('li', null, m.displayName);
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === active));
      li.addEventListener('mousedown', (ev) => { ev.preventDefault(); pickMention(m); });
      return li;
    }));
    mentionList.hidden = false;
  }
  function pickMention(m) {
    const at = body.selectionStart;
    const upto = body.value.slice(0, at).replace(/@([^\s@]{0,30})$/, '@' + m.displayName + ' ');
    body.value = upto + body.value.slice(at);
    body.setSelectionRange(upto.length, upto.length);
    closeMentions();
    body.focus();
  }
  body.addEventListener('keydown', (ev) => {
    if (choices.length) {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        active = (active + (ev.key === 'ArrowDown' ? 1 : choices.length - 1)) % choices.length;
        renderMentions();
        return;
      }
      if (ev.key === 'Enter' || ev.key === 'Tab') { ev.preventDefault(); pickMention(choices[active]); return; }
      if (ev.key === 'Escape') { closeMentions(); return; }
    }
    if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); composer.requestSubmit(); }
  });
  body.addEventListener('input', () => {
    active = 0;
    renderMentions();
    const now = Date.now();
    if (now - lastTypingSent > 2000) { lastTypingSent = now; frame({ type: 'typing' }); }
  });
  body.addEventListener('blur', () => setTimeout(closeMentions, 150));

  // ---- members ----
  function renderTyping() {
    const now = Date.now();
    const names = [];
    typing.forEach((at, id) => { if (now - at < 4000 && members.has(id)) names.push(members.get(id).displayName); });
    typingLine.textContent = names.length ? names.join(', ') + (names.length === 1 ? ' is typing…' : ' are typing…') : '';
  }
  // A disclosed item as the member shared it: "Pronouns: they/them". Always text, never HTML.
  function disclosedText(d) {
    const c = d.content || {};
    let v = '';
    if (typeof c.text === 'string') v = c.text;
    else if (typeof c.value === 'boolean') v = c.value ? 'yes' : 'no';
    else v = (c.values || c.areas || []).map((x) => String(x).replace(/_/g, ' ')).join(', ');
    return (d.label || d.kind || '') + (v ? ': ' + v : '');
  }
  function renderMembers() {
    membersBox.replaceChildren();
    members.forEach((m) => {
      const li = el('li', 'member' + (online.has(m.id) ? ' online' : ''));
      li.appendChild(el('span', 'dot', online.has(m.id) ? '●' : '○')).setAttribute('aria-hidden', 'true');
      const name = el('a', null, m.displayName);
      name.href = '/people/' + m.id;
      li.appendChild(name);
      li.appendChild(el('span', 'visually-hidden', online.has(m.id) ? ' (online)' : ' (offline)'));
      if (m.role === 'facilitator') li.appendChild(el('span', 'badge', 'facilitator'));
      if (m.muted) li.appendChild(el('span', 'badge warn', m.mutedUntil ? 'muted until ' + window.mooringTime(m.mutedUntil, root.dataset.zone) : 'muted'));
      // My own card: what only I can see is marked so, never styled as if the circle saw it too.
      const shared = (m.disclosed || []).filter((d) => !d.onlyMe);
      const privateToMe = (m.disclosed || []).filter((d) => d.onlyMe);
      if (shared.length) {
        const ul = el('ul', 'chips');
        shared.forEach((d) => ul.appendChild(el('li', null, disclosedText(d))));
        li.appendChild(ul);
      }
      if (privateToMe.length) {
        const ul = el('ul', 'chips');
        ul.setAttribute('aria-label', 'Only you can see these');
        privateToMe.forEach((d) => ul.appendChild(el('li', 'private', 'Only you: ' + disclosedText(d))));
        li.appendChild(ul);
      }
      if (facilitator && m.id !== me) {
        const mute = button(m.muted ? 'Unmute' : 'Mute', () => api('PATCH', base + '/members/' + m.id, { muted: !m.muted }).then(loadMembers).catch(showError));
        const remove = button('Remove', () => {
          if (window.confirm('Remove ' + m.displayName + ' from the circle?')) api('DELETE', base + '/members/' + m.id).then(loadMembers).catch(showError);
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
  document.addEventListener('mooring:members-changed', () => loadMembers().catch(showError));

  // ---- reports: anonymous, once per message ----
  const dialog = root.querySelector('[data-report-dialog]');
  let reporting = null;
  function openReport(m) {
    reporting = m;
    if (dialog.showModal) dialog.showModal(); else dialog.setAttribute('open', '');
  }
  function markReported(m, text) {
    save(reportedKey, Array.from(reported().add(m.id)));
    place(Object.assign({}, byseq.get(m.seq), { replace: true }));
    say(text);
  }
  root.querySelector('[data-report-cancel]').addEventListener('click', () => dialog.close());
  root.querySelector('[data-report-form]').addEventListener('submit', (ev) => {
    const reason = new FormData(ev.target).get('reason');
    const m = reporting;
    if (!m || !reason) return;
    api('POST', base + '/messages/' + m.id + '/reports', { reason }).then(() => {
      ev.target.reset();
      markReported(m, 'Reported, thank you. The facilitators will look at it; nobody is told who reported it.');
    }).catch((e) => {
      if (e.status === 409) markReported(m, 'You have already reported this message; the facilitators have your report.');
      else showError(e);
    });
  });

  root.querySelector('[data-leave]').addEventListener('submit', (ev) => {
    ev.preventDefault();
    if (!window.confirm('Leave this circle?')) return;
    api('POST', base + '/leave', {}).then(() => { window.location.href = '/circles'; }).catch(showError);
  });

  // ---- history ----
  older.addEventListener('click', () => {
    const first = Math.min(...Array.from(byseq.keys()).concat([lastSeq + 1]));
    const height = list.scrollHeight;
    const top = list.scrollTop;
    api('GET', base + '/messages?before=' + first + '&limit=50').then((r) => {
      r.items.forEach((m) => place(m, false));
      list.scrollTop = top + (list.scrollHeight - height);  // keeps your place
      if (r.items.length < 50) { older.disabled = true; older.textContent = 'Start of the conversation'; }
    }).catch(showError);
  });
  function hashSeq() {
    const m = /^#seq-(\d+)$/.exec(location.hash);
    return m ? Number(m[1]) : null;
  }
  /** A window of history around {@code seq}: a little before it, more after. */
  function around(seq) {
    return Promise.all([api('GET', base + '/messages?before=' + seq + '&limit=20'), api('GET', base + '/messages?after=' + (seq - 1) + '&limit=80')])
      .then(([a, b]) => ({ items: a.items.concat(b.items) }));
  }
  window.addEventListener('hashchange', () => {
    const seq = hashSeq();
    const li = seq && list.querySelector('li.message[data-seq="' + seq + '"]');
    if (li) { showAt(li, 'center'); li.classList.add('target'); } else if (seq) window.location.reload();
  });

  Promise.all([api('GET', base), loadMembers()]).then(([c]) => {
    lastRead = c.lastReadSeq || 0;
    // Read before the history: a change made while it loads is then replayed on connect.
    lastChange = c.lastChange || 0;
    const target = hashSeq();
    if (target) return around(target);
    if ((c.unread || 0) > 0) return around(lastRead + 1);
    return api('GET', base + '/messages?limit=50');
  }).then((r) => {
    r.items.forEach((m) => place(m, false));
    outbox.forEach((p) => renderPending(p));
    const target = hashSeq() && list.querySelector('li.message[data-seq="' + hashSeq() + '"]');
    const marker = list.querySelector('.unread-marker');
    if (target) { target.classList.add('target'); showAt(target, 'center'); } else if (marker) showAt(marker, 'start'); else toBottom();
    connect();
    markRead();
  }).catch(showError);
})();
