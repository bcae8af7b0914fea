#!/usr/bin/env python3
"""Where a run's latency tail sits in time, from the load client's LAT_DUMP files (send time ms, latency ms per line).

    ops/bench/chat/lat-windows.py /tmp/lat-mooring-100x8x0.5.csv /tmp/lat-ejabberd-100x8x0.5.csv

Per file: p50 and p99 of the deliveries sent in each 5-second window and after the first 5 s; how many 50-ms bins hold
half of the deliveries at or above the run's p99 (a few bins: bursts or stalls; many: a tail spread over the run); and the
largest number of sends that left the client in the same millisecond (independent senders rarely share one).
"""
import sys
from collections import Counter


def pct(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * p / 100))]


for path in sys.argv[1:]:
    rows = [tuple(map(float, line.split(","))) for line in open(path) if line.strip()]
    t0 = min(r[0] for r in rows)
    end = (max(r[0] for r in rows) - t0) / 1000
    windows = []
    for a in range(0, int(end) + 1, 5):
        lat = sorted(r[1] for r in rows if a <= (r[0] - t0) / 1000 < a + 5)
        if lat:
            windows.append(f"{a}-{a + 5} s p50 {pct(lat, 50):.2f} p99 {pct(lat, 99):.2f}")
    steady = sorted(r[1] for r in rows if (r[0] - t0) / 1000 >= 5)
    every = sorted(r[1] for r in rows)
    p99 = pct(every, 99)
    slow = Counter(int((r[0] - t0) // 50) for r in rows if r[1] >= p99)
    need, held, bins = sum(slow.values()) / 2, 0, 0
    for _, n in slow.most_common():
        held, bins = held + n, bins + 1
        if held >= need:
            break
    same_ms = Counter(int(s) for s in {r[0] for r in rows}).most_common(1)[0][1]
    print(f"{path}: {len(rows)} deliveries, p99 {p99:.2f} ms, after 5 s p99 {pct(steady, 99):.2f} ms")
    print("  " + " | ".join(windows))
    print(f"  half of the {sum(slow.values())} deliveries >= p99 in {bins} of {int(end * 20) + 1} 50-ms bins; "
          f"most sends in one millisecond: {same_ms}")
