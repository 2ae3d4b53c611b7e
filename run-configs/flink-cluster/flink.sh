#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Flink's command-line client (what bin/flink of a Flink distribution runs) for the cluster that
# start.sh started: the same Flink 1.19 classpath, and the cluster's config (REST address, port).
#   run-configs/flink-cluster/flink.sh [--dir DIR] run -c io.segflow.pipelines.cli.SegflowCli \
#       pipelines/target/segflow.jar run --runner FlinkRunner --parallelism=2 --input FILE --output DIR
#   run-configs/flink-cluster/flink.sh list          # jobs; see --help for the other actions
# Client log: log/flink-client.log in the state folder.
set -euo pipefail
# shellcheck source=cluster-lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"

if [ "${1:-}" = "--dir" ]; then
  set_state_dir "$2"
  shift 2
fi
[ -f "$state_dir/conf/config.yaml" ] || die "no cluster config in $state_dir: start the cluster with run-configs/flink-cluster/start.sh"
cp="$(classpath)"
exec env FLINK_CONF_DIR="$state_dir/conf" java -Dlog.file="$state_dir/log/flink-client.log" \
  -Dlog4j.configurationFile="file:$state_dir/conf/log4j.properties" \
  -classpath "$cp" org.apache.flink.client.cli.CliFrontend "$@"
