#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Shows the session cluster started by start.sh: its processes and the REST API's /overview
# (TaskManagers, slots, jobs). Exit status 0 when the JobManager runs and answers.
#   run-configs/flink-cluster/status.sh [--dir DIR]
set -euo pipefail
# shellcheck source=cluster-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"

dir="$state_dir"
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    -h|--help) sed -n '3,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[ -d "$dir" ] || die "no cluster in $dir"
set_state_dir "$dir"
load_cluster_env

for name in $(process_names); do
  if pid="$(live_pid "$name")"; then
    say "$name: running, pid $pid"
  else
    say "$name: not running (log: $state_dir/log/$name.log)"
  fi
done
if ! overview="$(rest_get /overview)"; then
  say "REST API http://127.0.0.1:$rest_port: no answer"
  exit 1
fi
say "REST API http://127.0.0.1:$rest_port/overview:"
if command -v jq >/dev/null; then
  printf '%s\n' "$overview" | jq .
else
  printf '%s\n' "$overview"
fi
live_pid jobmanager >/dev/null
