#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Stops the session cluster started by start.sh, by process id: TaskManagers first, then the
# JobManager; each gets SIGTERM and, if still alive after the timeout, SIGKILL. Logs stay; the
# scratch space (cached job jars) is removed. --taskmanager N stops only TaskManager N (tm-N).
#   run-configs/flink-cluster/stop.sh [--dir DIR] [--taskmanager N] [--timeout SECONDS]
set -euo pipefail
# shellcheck source=cluster-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"

dir="$state_dir"
only=""
timeout=30
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --taskmanager) only="taskmanager-${2#tm-}"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    -h|--help) sed -n '3,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ "$timeout" =~ ^[0-9]+$ ]] || die "--timeout '$timeout' is not a number of seconds"
[ -d "$dir" ] || { say "no cluster in $dir"; exit 0; }
set_state_dir "$dir"

if [ -n "$only" ]; then
  live_pid "$only" >/dev/null || die "$only does not run in $state_dir"
  stop_process "$only" "$timeout"
  exit 0
fi
for name in $(process_names); do
  stop_process "$name" "$timeout"
done
rm -rf "$state_dir/tmp"
