#!/usr/bin/env bash
# Checks the monitoring files with promtool (Debian package `prometheus`): the alert rules, their unit tests, and
# every PromQL expression of the Grafana dashboard (turned into recording rules, Grafana's variables filled in).
set -euo pipefail
cd "$(dirname "$0")/../.."
promtool check rules ops/prometheus/alerts.yml
promtool test rules ops/prometheus/alerts.test.yml
rules=$(mktemp --suffix=.yml)
trap 'rm -f "$rules"' EXIT
{
  echo "groups: [{name: dashboard, rules: ["
  grep -o '"expr": "[^"\\]*\(\\.[^"\\]*\)*"' ops/grafana/mooring-dashboard.json \
    | sed -e 's/^"expr": //' -e 's/\$__rate_interval/5m/g' -e 's/\$instance/.*/g' \
    | awk '{ printf "{record: \"dashboard:panel_%d\", expr: %s},\n", NR, $0 }'
  echo "]}]"
} > "$rules"
promtool check rules "$rules" | sed "s|$rules|ops/grafana/mooring-dashboard.json (as recording rules)|"
