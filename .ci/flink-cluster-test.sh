#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Segflow on a real Flink 1.19 session cluster; run by .ci/run after the build (it needs
# pipelines/target/segflow.jar). Loopback only, every step bounded by a timeout:
#  1. starts the cluster with run-configs/flink-cluster/start.sh (1 JobManager, 2 TaskManagers
#     with 2 slots each) while the DirectRunner computes the reference output of a generated fixture;
#  2. runs the pipeline on the cluster with run-configs/flink-cluster.yaml, from another working
#     folder with relative paths, and compares customers/, segments/ and rejected/ with the
#     DirectRunner's (.ci/flink-cluster/CompareOutputs.java);
#  3. runs it again and kill -9s the TaskManager that runs the job part-way through: the job must
#     recover on the spare TaskManager (restart strategy), the output must equal the reference,
#     and nothing may be published before the job has finished;
#  4. stops every process it started (trap on EXIT), and checks that they are gone.
# Prints PASS/FAIL lines. Environment: SEGFLOW_TEST_REST_PORT / SEGFLOW_TEST_RPC_PORT (default
# 18081 / 16123 or the next free ones, so a development cluster on 8081 is not disturbed),
# SEGFLOW_TEST_ROWS (fixture size; 100 rows per customer).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
jar="$repo/pipelines/target/segflow.jar"
scripts="$repo/run-configs/flink-cluster"
rows="${SEGFLOW_TEST_ROWS:-200000}"
run_timeout=300 # seconds for one pipeline run, of the cluster start, of a recovery

failure=""
pass() { echo "PASS flink-cluster: $*"; }
fail() { failure="$*"; echo "FAIL flink-cluster: $*"; exit 1; }
[ -f "$jar" ] || fail "$jar is missing: build first (mvn -B -ntp verify)"

work="$(mktemp -d)"
# shellcheck source=../run-configs/flink-cluster/cluster-lib.sh
. "$scripts/cluster-lib.sh"
set_state_dir "$work/cluster"
# The first free ports from these (a developer's cluster or another test may hold some).
free_port() {
  local port="$1"
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}
rest_port="$(free_port "${SEGFLOW_TEST_REST_PORT:-18081}")"
rpc_port="$(free_port "${SEGFLOW_TEST_RPC_PORT:-16123}")"
client_pid=""

cleanup() {
  local rc=$? f pids=()
  trap - EXIT
  [ -n "$client_pid" ] && kill "$client_pid" 2>/dev/null && wait "$client_pid" 2>/dev/null
  for name in $(process_names); do
    pid="$(live_pid "$name")" && pids+=("$pid")
  done
  if [ "$rc" -ne 0 ]; then
    for f in "$work"/*.log "$state_dir"/log/*.log; do
      [ -s "$f" ] && { echo "---- last lines of $f"; tail -n 30 "$f"; }
    done
  fi
  "$scripts/stop.sh" --dir "$state_dir" --timeout 15 >/dev/null || true
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "FAIL flink-cluster: process $pid still runs after stop.sh"; rc=1
    fi
  done
  [ "$rc" -eq 0 ] && pass "stop.sh stopped all ${#pids[@]} cluster processes"
  [ -n "$failure" ] && echo "FAIL flink-cluster: $failure (logs above)"
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 143' INT TERM

# The launcher's JVM flags (./segflow): quickest for short runs on a small, busy machine.
segflow=(timeout "$run_timeout" java -Xmx1g -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$jar"
  io.segflow.pipelines.cli.SegflowCli)

# The cluster run as a user would start it: the repository's run config, relative paths from a
# working folder that is not the TaskManagers'. (exec: its pid is the client's, for the cleanup.)
cluster_run() {
  (cd "$work" && exec "${segflow[@]}" run --config "$repo/run-configs/flink-cluster.yaml" \
    --flinkMaster="127.0.0.1:$rest_port" --input 'fixture/transactions*' --output "$1")
}

compare() {
  local out
  if out="$(java -cp "$jar" "$repo/.ci/flink-cluster/CompareOutputs.java" "$work/direct" "$work/$1")"; then
    pass "$1 = DirectRunner output: $(echo "$out" | paste -sd ';' | sed 's/;/; /g')"
  else
    echo "$out"
    fail "$1 differs from the DirectRunner output"
  fi
}

job_field() { # JOB_ID FIELD: a string field of /jobs/<id>
  rest_get "/jobs/$1" | grep -o "\"$2\":\"[^\"]*\"" | head -1 | cut -d'"' -f4
}

# The entries of a JSON list of objects whose first field is FIELD, one per line: entries BODY FIELD.
entries() {
  printf '%s' "$1" | sed "s/{\"$2\":/\\n{\"$2\":/g" | grep "^{\"$2\":" || true
}

# The id of the job that has not ended yet.
running_job() {
  entries "$(rest_get /jobs/overview)" jid | grep '"end-time":-1' | head -1 | cut -d'"' -f4
}

# The id of a TaskManager with a busy slot (the cluster runs only this test's job).
busy_taskmanager() {
  local entry
  entries "$(rest_get /taskmanagers)" id | while read -r entry; do
    if [ "$(json_number "$entry" freeSlots)" -lt "$(json_number "$entry" slotsNumber)" ]; then
      printf '%s\n' "$entry" | cut -d'"' -f4
      break
    fi
  done
}

# ---- 1. fixture, cluster, reference output
"${segflow[@]}" generate --rows "$rows" --customers "$((rows / 100))" --seed 11 --files 2 \
  --output "$work/fixture" >"$work/generate.log" 2>&1 || fail "segflow generate failed"
"$scripts/start.sh" --dir "$state_dir" --rest-port "$rest_port" --rpc-port "$rpc_port" \
  --taskmanagers 2 --slots 2 --timeout "$run_timeout" >"$work/start.log" 2>&1 &
start_pid=$!
t0=$SECONDS
"${segflow[@]}" run --input "$work/fixture/transactions*" --output "$work/direct" >"$work/direct.log" 2>&1 \
  || fail "the DirectRunner run failed"
direct_s=$((SECONDS - t0))
wait "$start_pid" || { cat "$work/start.log"; fail "start.sh could not start the cluster"; }
pass "cluster up ($(grep -o '[0-9]* TaskManager(s) x [0-9]* slots' "$work/start.log")); DirectRunner reference in ${direct_s}s"

# ---- 2. undisturbed run
t0=$SECONDS
cluster_run cluster-1 >"$work/cluster-1.log" 2>&1 || fail "the cluster run failed (see cluster-1.log)"
[ -f "$work/cluster-1/_SUCCESS" ] || fail "the cluster run published no _SUCCESS"
job1="$(rest_get /jobs/overview | grep -o '"jid":"[^"]*"' | head -1 | cut -d'"' -f4)"
job1_ms="$(json_number "$(rest_get "/jobs/$job1")" duration)"
pass "cluster run finished in $((SECONDS - t0))s (job $job1: $(job_field "$job1" state), $((job1_ms / 1000))s)"
compare cluster-1

# ---- 3. a TaskManager dies during the run
cluster_run cluster-2 >"$work/cluster-2.log" 2>&1 &
client_pid=$!
deadline=$((SECONDS + run_timeout))
job2=""
while [ -z "$job2" ]; do
  job2="$(running_job || true)"
  [ "$SECONDS" -lt "$deadline" ] || fail "the second job did not start within ${run_timeout}s"
  kill -0 "$client_pid" 2>/dev/null || fail "the second run ended before its job started (see cluster-2.log)"
  sleep 0.5
done
# Kill once the job's tasks hold slots and it is well under way: a tenth of its tasks finished (the
# stages run one after another, most tasks finish near the end), or 40% of the first job's
# duration gone, whichever comes first (the machine's speed varies with its other work).
job2_started=$SECONDS
while :; do
  victim="$(busy_taskmanager || true)"
  progress="$(entries "$(rest_get /jobs/overview)" jid | grep "\"jid\":\"$job2\"" || true)"
  finished="$(json_number "$progress" finished)"
  total="$(json_number "$progress" total)"
  if [ -n "$victim" ] && { [ "$(( ${finished:-0} * 10 ))" -ge "${total:-1}" ] \
      || [ $(( (SECONDS - job2_started) * 1000 )) -ge $((job1_ms * 2 / 5)) ]; }; then
    break
  fi
  [ "$SECONDS" -lt "$deadline" ] || fail "no TaskManager ran the second job within ${run_timeout}s"
  [ "$(job_field "$job2" state)" != "FINISHED" ] || fail "the second job ended before the kill"
  sleep 0.5
done
[ "$(job_field "$job2" state)" = "RUNNING" ] || fail "the second job ended before the kill"
victim_pid="$(live_pid "taskmanager-${victim#tm-}")" || fail "no live process for TaskManager $victim"
kill -9 "$victim_pid"
killed_at=$SECONDS
pass "kill -9 of TaskManager $victim (pid $victim_pid), $((killed_at - job2_started))s into job $job2 (${finished:-0} of ${total:-?} tasks finished)"
staging=("$work"/.cluster-2.segflow-tmp-*)
if [ -e "$work/cluster-2" ] || [ -e "${staging[0]}/_SUCCESS" ]; then
  fail "output published or marked _SUCCESS before the job finished"
fi
# Until the client exits: an output folder may only appear once the job has finished.
while kill -0 "$client_pid" 2>/dev/null; do
  if [ -e "$work/cluster-2" ] && [ "$(job_field "$job2" state)" != "FINISHED" ]; then
    fail "output published before the job finished"
  fi
  sleep 1
done
wait "$client_pid" && client_rc=0 || client_rc=$?
client_pid=""
[ "$client_rc" -eq 0 ] || fail "the run did not survive the lost TaskManager (exit $client_rc; see cluster-2.log)"
state="$(job_field "$job2" state)"
failures="$(rest_get "/jobs/$job2/exceptions" | grep -o '"exceptionName":' | wc -l)"
[ "$state" = "FINISHED" ] && [ "$failures" -ge 1 ] \
  || fail "job $job2 is $state with $failures recorded failure(s); expected FINISHED after a failure"
[ -f "$work/cluster-2/_SUCCESS" ] || fail "the recovered run published no _SUCCESS"
pass "job $job2 recovered from the lost TaskManager and finished $((SECONDS - killed_at))s after the kill ($failures failure(s) in its exception history)"
compare cluster-2
