"use strict";
// Group-chat load client for BOTH servers, so one client measures both sides of ops/bench/chat/vs-ejabberd.sh:
//   ejabberd: XMPP MUC over WebSocket (@xmpp/client), each member its own anonymous login and connection;
//   mooring:  Mooring's live-chat WebSocket (/api/v1/circles/{id}/live, JSON frames, bearer token per member).
// C rooms (circles) of M members; every member posts at a fixed rate (random phase); latency is post -> delivery
// to every member, the sender's own copy included. Server CPU (utime+stime from /proc) over the send window
// and drain, per delivery and per message; for Mooring also with PostgreSQL (postmaster + its backends).
// Origin: the one-room ejabberd client of the side-by-side setup (its bench.js),
// made multi-room and taught Mooring's protocol. Loopback only; hard exit after seconds + 120 s.
//
// usage: node bench.js ejabberd C M rate seconds serverPid [ws://127.0.0.1:5280/ws]
//        node bench.js mooring  C M rate seconds serverPid postmasterPid port tokens.json
//   tokens.json: {"circles":[{"id":1,"tokens":["<bearer>", ...]}, ...]} (io.mooring.bench.BenchCircles)
const fs = require("fs");
const { performance, monitorEventLoopDelay } = require("perf_hooks");

const [KIND, C, M, RATE, DUR, SERVER_PID] = [process.argv[2], +process.argv[3], +process.argv[4], +process.argv[5], +process.argv[6], process.argv[7]];
const RUN = Math.random().toString(36).slice(2, 8);
const eld = monitorEventLoopDelay({ resolution: 10 });
setTimeout(() => { console.error("hard stop"); process.exit(3); }, (DUR + 120) * 1000).unref();

const lat = new Float64Array(Math.min(40e6, Math.ceil(C * M * M * RATE * DUR * 1.2) + 1000));
// LAT_DUMP=prefix: also write every delivery to prefix-server-shape.csv as "send time (ms since the epoch),latency ms",
// to line the tail up with the server's own logs (GC, checkpoints); ops/bench/chat/lat-windows.py reads them.
const sentAt = process.env.LAT_DUMP ? new Float64Array(lat.length) : null;
let nLat = 0, sent = 0, received = 0, acked = 0, dups = 0, errors = 0, retries = 0;

function onBody(body) {
  if (!body || !body.startsWith(RUN + "|")) return false;
  const t = +body.split("|")[3];
  if (nLat < lat.length) {
    if (sentAt) sentAt[nLat] = performance.timeOrigin + t;
    lat[nLat++] = performance.now() - t;
  }
  received++;
  return true;
}

// /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat: the comm, then CPU ticks (own, ended children) and the parent.
function stat(path) {
  try {
    const st = fs.readFileSync(path, "utf8"), f = st.split(") ")[1].split(" ");
    return { comm: st.slice(st.indexOf("(") + 1, st.lastIndexOf(")")), own: +f[11] + +f[12], children: +f[13] + +f[14], ppid: +f[1] };
  } catch { return null; }
}

function ticks(pid) {
  return stat(`/proc/${pid}/stat`);
}

// The postmaster (with its ended children) and every live backend.
function pgTicks(postmaster) {
  let sum = 0;
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const t = ticks(name);
    if (!t) continue;
    if (name === String(postmaster)) sum += t.own + t.children;
    else if (t.ppid === +postmaster) sum += t.own;
  }
  return sum;
}

// ---- ejabberd: XMPP MUC ----
function xmppMember(service, room, nick) {
  const { client, xml } = require("@xmpp/client");
  return new Promise((resolve, reject) => {
    const c = client({ service, domain: "localhost", resource: nick });
    c.on("error", (e) => { if (errors++ < 5) console.error("client error", nick, e.message); });
    let joined = false;
    c.on("stanza", async (st) => {
      if (st.is("message") && st.attrs.type === "groupchat") {
        onBody(st.getChildText("body"));
      } else if (!joined && st.is("presence")) {
        if (st.attrs.type === "error") return reject(new Error("join error " + st.toString()));
        const x = st.getChild("x", "http://jabber.org/protocol/muc#user");
        const codes = x ? x.getChildren("status").map((s) => s.attrs.code) : [];
        if (!codes.includes("110")) return;
        if (codes.includes("201")) { // a new room is locked until its owner accepts the default configuration
          await c.iqCaller.request(xml("iq", { type: "set", to: room },
            xml("query", { xmlns: "http://jabber.org/protocol/muc#owner" }, xml("x", { xmlns: "jabber:x:data", type: "submit" }))));
        }
        joined = true;
        resolve({ send: (body) => c.send(xml("message", { to: room, type: "groupchat" }, xml("body", {}, body))), stop: () => c.stop() });
      }
    });
    c.on("online", () => c.send(xml("presence", { to: `${room}/${nick}` },
      xml("x", { xmlns: "http://jabber.org/protocol/muc" }, xml("history", { maxstanzas: "0" })))));
    c.start().catch((e) => { c.stop().catch(() => {}); reject(e); });
  });
}

// ---- Mooring: live-chat WebSocket ----
function mooringMember(port, circleId, token) {
  const WebSocket = require("ws");
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/circles/${circleId}/live`, { headers: { Authorization: "Bearer " + token } });
    const seen = new Set();
    let n = 0;
    ws.on("error", (e) => { if (errors++ < 5) console.error("socket error", e.message); ws.terminate(); reject(e); });
    ws.on("message", (data) => {
      const f = JSON.parse(data);
      if (f.type === "message") {
        if (seen.has(f.seq)) { dups++; return; }
        seen.add(f.seq);
        onBody(f.body);
      } else if (f.type === "ack") acked++;
      else if (f.type === "error") { if (errors++ < 5) console.error("error frame", data.toString()); }
      else if (f.type === "ready") resolve({
        send: (body) => ws.send(JSON.stringify({ type: "send", clientMsgId: RUN + "-" + n++, body })),
        stop: () => ws.close(),
      });
    });
  });
}

function members() {
  const out = [];
  if (KIND === "ejabberd") {
    const service = process.argv[8] || "ws://127.0.0.1:5280/ws";
    if (!/^ws:\/\/127\.0\.0\.1/.test(service)) throw new Error("refusing non-loopback service " + service);
    // Nicknames carry the run: a room may still hold the previous run's occupants while ejabberd works off a backlog.
    for (let c = 0; c < C; c++) for (let m = 0; m < M; m++) out.push(() => xmppMember(service, `room${c + 1}@conference.localhost`, `${RUN}-m${m}`));
  } else {
    const circles = JSON.parse(fs.readFileSync(process.argv[10], "utf8")).circles;
    for (const circle of circles) for (const t of circle.tokens) out.push(() => mooringMember(+process.argv[9], circle.id, t));
  }
  return out;
}

// A connection refused or reset while thousands open (a full accept backlog under load) is tried again, 5 times at most.
async function withRetries(factory) {
  for (let attempt = 1; ; attempt++) {
    try { return await factory(); } catch (e) {
      if (attempt >= 5) throw e;
      retries++;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

function pct(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] : NaN;
}

// A JVM's JIT compiler threads (a warm-up cost that fades, which a BEAM loaded at start does not pay).
function jitTicks(pid) {
  let sum = 0;
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const t = stat(`/proc/${pid}/task/${tid}/stat`); // null: the thread ended
      if (t && /^C[12] CompilerThre/.test(t.comm)) sum += t.own;
    }
  } catch { return 0; }
  return sum;
}

function cpu() {
  const jvm = ticks(SERVER_PID);
  return { server: jvm ? jvm.own : NaN, jit: KIND === "mooring" ? jitTicks(SERVER_PID) : 0, pg: KIND === "mooring" ? pgTicks(process.argv[8]) : 0 };
}

(async () => {
  const t0 = performance.now();
  const factories = members();
  const clients = [];
  // The first member of every room joins first (it creates and unlocks a new MUC room), then the rest, 50 at a time.
  const order = factories.map((f, i) => i).sort((a, b) => (a % M === 0 ? 0 : 1) - (b % M === 0 ? 0 : 1));
  for (let b = 0; b < order.length; b += 50) {
    const batch = order.slice(b, b + 50);
    (await Promise.all(batch.map((i) => withRetries(factories[i])))).forEach((c, k) => { clients[batch[k]] = c; });
  }
  const joinMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1500)); // let presence floods settle
  eld.enable();
  const cpu0 = cpu(), me0 = process.cpuUsage(), wall0 = performance.now();
  let sending = true;
  const period = 1000 / RATE;
  // Every member sends at its own random phase. By default each send is due at wall0 + phase + k * period, so a
  // pause of this client delays the sends that fell due in it once and every member then returns to its own phase.
  // SEND_SCHEDULE=interval is the reference client's setInterval: Node re-arms each interval from the moment its
  // callback ran, so after a pause every member that fell due in it stays aligned with the others for the rest of the
  // run, and independent senders become bursts (17 sends in one millisecond every period in one run: RESULTS.md,
  // "The load client's bursts").
  const interval = process.env.SEND_SCHEDULE === "interval";
  const timers = new Array(clients.length);
  clients.forEach((c, i) => {
    let seq = 0;
    const phase = Math.random() * period;
    const send = () => { sent++; Promise.resolve(c.send(`${RUN}|${i}|${seq++}|${performance.now().toFixed(3)}`)).catch(() => errors++); };
    const fire = () => {
      if (!sending) return;
      send();
      if (!interval) timers[i] = setTimeout(fire, Math.max(0, wall0 + phase + seq * period - performance.now()));
    };
    timers[i] = setTimeout(() => { fire(); if (interval) timers[i] = setInterval(fire, period); }, phase);
  });
  await new Promise((r) => setTimeout(r, DUR * 1000));
  sending = false;
  const sendWall = (performance.now() - wall0) / 1000;
  timers.forEach((t) => { clearTimeout(t); clearInterval(t); });
  const committed = () => (KIND === "mooring" ? acked : sent);
  const drain0 = performance.now();
  while ((received < committed() * M || (KIND === "mooring" && acked < sent)) && performance.now() - drain0 < 10000) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const cpu1 = cpu(), me1 = process.cpuUsage(me0), wall = (performance.now() - wall0) / 1000;
  if (sentAt) {
    const lines = [];
    for (let i = 0; i < nLat; i++) lines.push(`${sentAt[i].toFixed(3)},${lat[i].toFixed(3)}`);
    fs.writeFileSync(`${process.env.LAT_DUMP}-${KIND}-${C}x${M}x${RATE}.csv`, lines.join("\n") + "\n");
  }
  const arr = Array.from(lat.subarray(0, nLat)).sort((a, b) => a - b);
  const us = (ticks, per) => +(1e4 * ticks / Math.max(1, per)).toFixed(1); // clock ticks are 1/100 s
  const server = cpu1.server - cpu0.server, pg = cpu1.pg - cpu0.pg, jit = cpu1.jit - cpu0.jit;
  const res = {
    server: KIND, circles: C, members: M, ratePerMember: RATE, seconds: DUR, sent, committed: committed(),
    expected: committed() * M, delivered: received, loss: committed() * M - received, dups, errors,
    deliveredPerS: +(received / sendWall).toFixed(0),
    latMs: { p50: +pct(arr, 50).toFixed(2), p90: +pct(arr, 90).toFixed(2), p99: +pct(arr, 99).toFixed(2), max: +(arr[arr.length - 1] || NaN).toFixed(2) },
    serverUsPerDelivery: us(server, received), withPgUsPerDelivery: KIND === "mooring" ? us(server + pg, received) : null,
    jitUsPerDelivery: KIND === "mooring" ? us(jit, received) : null,
    serverUsPerMessage: us(server, committed()), withPgUsPerMessage: KIND === "mooring" ? us(server + pg, committed()) : null,
    pgUsPerMessage: KIND === "mooring" ? us(pg, committed()) : null,
    serverCpuPct: +(100 * server / 100 / wall).toFixed(1),
    clientCpuPct: +(100 * (me1.user + me1.system) / 1e6 / wall).toFixed(1),
    clientLoopDelayP99Ms: +(eld.percentile(99) / 1e6).toFixed(1), joinMs: +joinMs.toFixed(0), connectRetries: retries,
  };
  console.log(JSON.stringify(res));
  await Promise.allSettled(clients.map((c) => c.stop()));
  process.exit(0);
})().catch((e) => { console.error("fatal", e); process.exit(1); });
