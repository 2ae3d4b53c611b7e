# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by start.sh, status.sh and stop.sh (sourced, not run): where a cluster's state lives and
# how to find, reach and stop its processes.
#
# A state folder (default: target/flink-cluster in the repository) holds:
#   conf/config.yaml, conf/log4j.properties   the configuration the processes read
#   cluster.env                               ports and sizes start.sh was given
#   pids/<name>.pid, log/<name>.log|.out      per process: jobmanager, taskmanager-1, ...
#   tmp/                                      Flink's scratch space (job jars, spill files)

cluster_home="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$cluster_home/../.." && pwd)"
state_dir="${SEGFLOW_FLINK_DIR:-$repo_root/target/flink-cluster}"

say() { echo "flink-cluster: $*"; }
die() { echo "flink-cluster: $*" >&2; exit 1; }

# Makes state_dir absolute (it is matched against process command lines).
set_state_dir() {
  mkdir -p "$1"
  state_dir="$(cd "$1" && pwd)"
}

# Prints the pid recorded in pids/NAME.pid when that process is alive and is one of this cluster's
# (its command line names the state folder, so a recycled pid is never signalled).
live_pid() {
  local file="$state_dir/pids/$1.pid" pid
  [ -f "$file" ] || return 1
  pid="$(cat "$file")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  ps -ww -o args= -p "$pid" 2>/dev/null | grep -qF -- "-Dlog.file=$state_dir/log/" || return 1
  echo "$pid"
}

# Names of the processes that have a pid file: taskmanagers first, the jobmanager last.
process_names() {
  local f
  for f in "$state_dir"/pids/taskmanager-*.pid "$state_dir"/pids/jobmanager.pid; do
    [ -f "$f" ] && basename "$f" .pid
  done
  return 0
}

# Stops process NAME: SIGTERM (Flink shuts down cleanly), SIGKILL after TIMEOUT seconds.
stop_process() {
  local name="$1" timeout="$2" pid waited=0
  if ! pid="$(live_pid "$name")"; then
    rm -f "$state_dir/pids/$name.pid"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt "$((timeout * 5))" ]; do
    sleep 0.2
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid" 2>/dev/null || true
    say "stopped $name (pid $pid): killed after ${timeout}s"
  else
    say "stopped $name (pid $pid)"
  fi
  rm -f "$state_dir/pids/$name.pid"
}

# The cluster's classpath, resolved once by Maven and cached beside the pom.
classpath() {
  local file="$cluster_home/target/classpath.txt" log
  if [ ! -s "$file" ] || [ "$cluster_home/pom.xml" -nt "$file" ] || [ "$repo_root/pom.xml" -nt "$file" ]; then
    say "resolving the Flink classpath with Maven (first start only)..." >&2
    mkdir -p "$cluster_home/target"
    log="$(mktemp)"
    if ! mvn -B -ntp -q -f "$cluster_home/pom.xml" dependency:build-classpath \
        -DincludeScope=runtime -Dmdep.outputFile="$file.tmp" >"$log" 2>&1; then
      cat "$log" >&2; rm -f "$log"
      die "Maven could not resolve the Flink classpath (see above)"
    fi
    rm -f "$log"
    mv "$file.tmp" "$file"
  fi
  cat "$file"
}

# True when something listens on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Reads the ports start.sh recorded.
load_cluster_env() {
  [ -f "$state_dir/cluster.env" ] || die "no cluster in $state_dir (start one with run-configs/flink-cluster/start.sh)"
  # shellcheck disable=SC1091
  . "$state_dir/cluster.env"
}

# GET on the cluster's REST API (loopback only); prints the JSON body.
rest_get() {
  curl -sf --max-time 5 "http://127.0.0.1:$rest_port$1"
}

# The value of a top-level number field in a one-line JSON body: json_number BODY FIELD.
json_number() {
  local match
  match="$(printf '%s' "$1" | grep -o "\"$2\":[0-9]*" | head -1)" || true
  echo "${match#*:}"
}
