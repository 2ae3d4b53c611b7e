#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts a standalone Flink 1.19 session cluster on this machine for Segflow development and
# tests: one JobManager and N TaskManagers, plain JVMs on a classpath that Maven resolves from
# Maven Central (pom.xml beside this script; no Flink distribution needed), bound to 127.0.0.1.
# Waits until the REST API reports every TaskManager registered.
#
#   run-configs/flink-cluster/start.sh [--taskmanagers N] [--slots N] [--rest-port P]
#       [--rpc-port P] [--dir DIR] [--timeout SECONDS]
#   run-configs/flink-cluster/start.sh --add N [--dir DIR]    # N more TaskManagers, e.g. after one died
#
# Defaults: 2 TaskManagers (one is a spare for fail-over) with 2 slots each, REST (web UI and job
# submission) on port 8081, JobManager RPC on 6123, state in target/flink-cluster (or
# $SEGFLOW_FLINK_DIR), 120 s to come up. Needs Java 17, Maven and curl.
set -euo pipefail
# shellcheck source=cluster-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"

taskmanagers=2
slots=2
rest_port=8081
rpc_port=6123
timeout=120
add=0
dir="$state_dir"
while [ $# -gt 0 ]; do
  case "$1" in
    --taskmanagers) taskmanagers="$2"; shift 2 ;;
    --slots) slots="$2"; shift 2 ;;
    --rest-port) rest_port="$2"; shift 2 ;;
    --rpc-port) rpc_port="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    --add) add="$2"; shift 2 ;;
    -h|--help) sed -n '3,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
for n in "$taskmanagers" "$slots" "$rest_port" "$rpc_port" "$timeout" "$add"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "'$n' is not a number (see --help)"
done
set_state_dir "$dir"
command -v curl >/dev/null || die "curl is needed to check the cluster's REST API"

# Runs Flink's BashJavaUtils as bin/config.sh does; prints its result lines.
bash_java_utils() {
  local out
  if ! out="$(java -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" \
      --configDir "$state_dir/conf" "${@:2}" 2>&1)"; then
    echo "$out" >&2
    die "BashJavaUtils $1 failed (see above)"
  fi
  printf '%s\n' "$out" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

# A config value as Flink reads it (flattened keys).
config_value() {
  printf '%s\n' "$flat_config" | sed -n "s/^$1: //p" | head -1
}

# Starts one Flink process in the background: NAME MAIN_CLASS JVM_FLAGS(one string) PROGRAM_ARGS...
launch() {
  local name="$1" main="$2" jvm="$3"
  shift 3
  # shellcheck disable=SC2086  # JVM flags are space-separated words, as in bin/flink-daemon.sh
  (cd "$state_dir" && FLINK_CONF_DIR="$state_dir/conf" FLINK_PLUGINS_DIR="$state_dir/plugins" \
    exec nohup java $jvm -Dlog.file="$state_dir/log/$name.log" \
      -Dlog4j.configurationFile="file:$state_dir/conf/log4j.properties" \
      -classpath "$cp" "$main" "$@" >>"$state_dir/log/$name.out" 2>&1 </dev/null) &
  echo $! >"$state_dir/pids/$name.pid"
  started+=("$name")
}

# Prints the end of a process's logs (for a failed start).
log_tail() {
  local f
  for f in "$state_dir/log/$1.out" "$state_dir/log/$1.log"; do
    if [ -s "$f" ]; then
      echo "---- last lines of $f" >&2
      tail -n 25 "$f" >&2
    fi
  done
}

# Gives up: shows the logs of what this call started, stops it, exits 1.
fail() {
  local name
  echo "flink-cluster: $*" >&2
  for name in "${started[@]}"; do log_tail "$name"; done
  for name in "${started[@]}"; do stop_process "$name" 5 >/dev/null; done
  exit 1
}

started=()
mkdir -p "$state_dir"/{conf,pids,log,plugins,tmp}
if [ "$add" -gt 0 ]; then
  load_cluster_env
  live_pid jobmanager >/dev/null || die "no JobManager runs for $state_dir: start the cluster first"
  new_taskmanagers="$add"
else
  for name in $(process_names); do
    if pid="$(live_pid "$name")"; then
      die "a cluster already runs in $state_dir ($name, pid $pid); stop it with run-configs/flink-cluster/stop.sh"
    fi
  done
  rm -f "$state_dir"/pids/*.pid
  for port in "$rest_port" "$rpc_port"; do
    port_in_use "$port" && die "port $port on 127.0.0.1 is in use; choose others with --rest-port/--rpc-port"
  done
  rm -rf "$state_dir/tmp" "$state_dir/log" # a fresh cluster: the logs start empty (--add appends)
  mkdir -p "$state_dir/tmp" "$state_dir/log"
  sed -e "s|@RPC_PORT@|$rpc_port|; s|@REST_PORT@|$rest_port|; s|@SLOTS@|$slots|; s|@STATE_DIR@|$state_dir|g" \
    "$cluster_home/config.yaml" >"$state_dir/conf/config.yaml"
  cp "$cluster_home/log4j.properties" "$state_dir/conf/log4j.properties"
  printf 'rest_port=%s\nrpc_port=%s\nslots=%s\n' "$rest_port" "$rpc_port" "$slots" >"$state_dir/cluster.env"
  new_taskmanagers="$taskmanagers"
fi

cp="$(classpath)"
flat_config="$(bash_java_utils UPDATE_AND_GET_FLINK_CONFIGURATION -flatten)"
java_opts_all="$(config_value env.java.opts.all)"

if [ "$add" -eq 0 ]; then
  # JobManager: memory flags and properties derived from the config, as bin/jobmanager.sh does.
  jm_params="$(bash_java_utils GET_JM_RESOURCE_PARAMS)"
  read -r -a jm_dynamic <<<"$(printf '%s\n' "$jm_params" | tail -n 1)"
  launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint \
    "$(printf '%s\n' "$jm_params" | head -n 1) $java_opts_all $(config_value env.java.opts.jobmanager)" \
    --configDir "$state_dir/conf" --executionMode cluster "${jm_dynamic[@]}"
fi

# TaskManagers, as bin/taskmanager.sh does; each has its own id (tm-1, ...) and scratch folder.
tm_params="$(bash_java_utils GET_TM_RESOURCE_PARAMS)"
read -r -a tm_dynamic <<<"$(printf '%s\n' "$tm_params" | tail -n 1)"
i=0
launched=0
while [ "$launched" -lt "$new_taskmanagers" ]; do
  i=$((i + 1))
  live_pid "taskmanager-$i" >/dev/null && continue # numbers of live ones are taken
  launched=$((launched + 1))
  mkdir -p "$state_dir/tmp/tm-$i"
  launch "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    "$(printf '%s\n' "$tm_params" | head -n 1) $java_opts_all $(config_value env.java.opts.taskmanager)" \
    --configDir "$state_dir/conf" -D "taskmanager.resource-id=tm-$i" \
    -D "io.tmp.dirs=$state_dir/tmp/tm-$i" "${tm_dynamic[@]}"
done

# Ready when the REST API counts every live TaskManager (one killed a moment ago drops out once its
# heartbeats time out); a process that exits on the way is an error.
expected=0
for name in $(process_names); do
  [[ "$name" == taskmanager-* ]] && live_pid "$name" >/dev/null && expected=$((expected + 1))
done
deadline=$((SECONDS + timeout))
registered=0
while :; do
  registered="$(json_number "$(rest_get /overview || true)" taskmanagers)"
  [ "${registered:-0}" -ge "$expected" ] && break
  for name in "${started[@]}"; do
    live_pid "$name" >/dev/null || fail "$name exited during start-up"
  done
  [ "$SECONDS" -lt "$deadline" ] || fail "after ${timeout}s the REST API on port $rest_port" \
    "reports ${registered:-no} TaskManager(s) of $expected (the machine may be busy: --timeout)"
  sleep 1
done
say "up: ${registered} TaskManager(s) x $slots slots; REST and web UI http://127.0.0.1:$rest_port"
say "state and logs: $state_dir"
master_flag=""
[ "$rest_port" = 8081 ] || master_flag=" --flinkMaster=127.0.0.1:$rest_port"
say "submit: ./segflow run --config run-configs/flink-cluster.yaml$master_flag --input FILE --output DIR"
dir_flag=""
[ "$state_dir" = "$repo_root/target/flink-cluster" ] || dir_flag=" --dir $state_dir"
say "status: run-configs/flink-cluster/status.sh$dir_flag; stop: run-configs/flink-cluster/stop.sh$dir_flag"
