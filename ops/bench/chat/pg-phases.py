#!/usr/bin/env python3
"""Where PostgreSQL's CPU goes during a chat load, from `perf script -F pid,ip,sym` of a call-graph (dwarf) profile.

    perf script -i pg.data -F pid,ip,sym | ops/bench/chat/pg-phases.py [PostgreSQL us per committed message]

Each sample is put in the first phase (in the order below) whose function is on its stack, so the phases add up to
100 % of the sampled PostgreSQL CPU; with the run's PostgreSQL CPU per committed message it also prints microseconds.
The send backends are told apart from the LISTEN backend and the readers by what they run, not by pid.
"""
import re
import sys
from collections import Counter

# (phase, functions any of which on the stack puts a sample there); first match wins, most specific first.
PHASES = [
    ("LISTEN backend: read the queue, forward to the node", {"ProcessNotifyInterrupt", "asyncQueueReadAllNotifications",
                                                              "ProcessIncomingNotify", "NotifyMyFrontEnd"}),
    ("commit: WAL flush (write + fdatasync)", {"XLogFlush", "XLogBackgroundFlush"}),
    ("commit: NOTIFY (queue, signal listeners)", {"PreCommit_Notify", "AtCommit_Notify", "SignalBackends"}),
    ("commit: the rest (WAL record, locks, clean-up)", {"CommitTransaction", "AbortTransaction"}),
    ("plan cache: revalidate, lock the relations", {"GetCachedPlan", "RevalidateCachedQuery"}),
    ("parse/bind/describe", {"exec_parse_message", "exec_bind_message", "exec_describe_statement_message",
                             "exec_describe_portal_message"}),
    ("executor start (build the plan's state)", {"standard_ExecutorStart", "ExecutorStart"}),
    ("executor end", {"standard_ExecutorEnd", "ExecutorEnd", "PortalDrop", "PortalCleanup"}),
    ("send: foreign-key checks", {"RI_FKey_check", "RI_FKey_check_ins", "AfterTriggerEndQuery"}),
    ("send: entitlement rows locked FOR SHARE", {"ExecLockRows"}),
    ("send: generated tsvector", {"ExecComputeStoredGenerated"}),
    ("send: index inserts (btrees, GIN)", {"ExecInsertIndexTuples"}),
    ("send: the insert's heap row", {"heap_insert", "table_tuple_insert"}),
    ("send: counter and budget updates", {"ExecUpdate", "ExecOnConflictUpdate"}),
    ("send: unique checks (resend, budget row)", {"ExecCheckIndexConstraints"}),
    ("send: CHECK constraints (prepared anew each statement)", {"ExecConstraints"}),
    ("send: NOTIFY payload (json, pg_notify)", {"json_agg_transfn", "json_agg_finalfn", "json_build_array", "pg_notify",
                                               "Async_Notify"}),
    ("send: the rest (entitlement subqueries, resend scan, opening indexes, CTE plumbing)", {"ExecModifyTable"}),
    ("reads (hub fan-out, presence, socket checks)", {"standard_ExecutorRun", "ExecutorRun"}),
    ("client socket: receive", {"pq_getbyte", "pq_recvbuf", "secure_read", "pq_getmessage"}),
    ("client socket: send", {"pq_flush", "socket_flush", "internal_flush", "internal_flush_buffer", "secure_write"}),
    ("background processes (writer, checkpointer, WAL writer, autovacuum)", {"BackgroundWriterMain", "CheckpointerMain",
                                                                              "WalWriterMain", "AutoVacWorkerMain",
                                                                              "AutoVacLauncherMain"}),
]

OTHER = "other (portal set-up, copying the statement text, statistics)"


def samples(lines):
    frames = []
    for line in lines:
        if not line.strip():
            if frames:
                yield frames
            frames = []
        elif line[0] not in " \t":
            frames = []
        else:
            m = re.match(r"\s*[0-9a-f]+\s+(\S+)", line)
            if m:
                frames.append(m.group(1))
    if frames:
        yield frames


def main():
    per_message = float(sys.argv[1]) if len(sys.argv) > 1 else None
    counts, total = Counter(), 0
    for stack in samples(sys.stdin):
        total += 1
        names = set(stack)
        counts[next((p for p, fns in PHASES if names & fns), OTHER)] += 1
    if not total:
        sys.exit("no samples")
    print(f"{total} samples of PostgreSQL processes")
    for phase, _ in PHASES + [(OTHER, None)]:
        n = counts[phase]
        if n:
            us = f"{per_message * n / total:7.0f} us/message" if per_message else ""
            print(f"{100 * n / total:5.1f} %  {us}  {phase}")


if __name__ == "__main__":
    main()
