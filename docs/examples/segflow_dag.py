# SPDX-License-Identifier: GPL-3.0-or-later
"""A monthly Segflow refresh as an Airflow DAG (an example: see docs/scheduling.md).

Segflow's exit codes decide what Airflow does with a failed attempt:
  1 (internal failure), 5 (another run holds the output's lock), 6 (database load failed;
  the files are published and `segflow load-db` retries the load) are worth retrying;
  2 (bad usage or config), 3 (input missing or unreadable), 4 (no usable rows) and
  7 (a quality check failed) would fail again the same way: `skip_on_exit_code` ends the
  task without retries, and the next task fails the DAG run with the reason.
"""

import pendulum
from airflow import DAG
from airflow.exceptions import AirflowFailException
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator

SEGFLOW = "/opt/segflow/segflow"
INPUT = "/data/exports/transactions-{{ ds }}.csv.gz"
OUTPUT = "/warehouse/segments"
# Exit codes no retry can fix.
FINAL = {2: "bad usage or config", 3: "input missing or unreadable", 4: "no usable rows",
         7: "a quality check failed; the last good output is still published"}

with DAG(
    dag_id="segflow_monthly_refresh",
    schedule="@monthly",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 3, "retry_delay": pendulum.duration(minutes=10)},
) as dag:
    # The run: one writer per partition (exit 5 when another run holds it, so wait a while),
    # quality gates (exit 7 keeps last month's output), lineage events for the catalogue.
    score = BashOperator(
        task_id="segflow_score",
        bash_command=(
            f"{SEGFLOW} score --model /warehouse/model --input {INPUT} --output {OUTPUT} "
            "--as-of {{ data_interval_end | ds }} --partition-by-as-of --no-report "
            "--wait-for-lock 20m --check max_reject_rate=0.35 --check min_customers=1000 "
            "--check max_customers_change=0.2 --lineage-file /var/log/segflow/lineage.jsonl; "
            "code=$?; echo \"segflow exit code $code\"; exit $code"
        ),
        # Airflow marks the task skipped on these codes instead of retrying it.
        skip_on_exit_code=sorted(FINAL),
    )

    def check_published(**context):
        """Fails the DAG run at once (no retry) unless the partition was published."""
        import json
        import subprocess

        as_of = context["data_interval_end"].strftime("%Y-%m-%d")
        done = subprocess.run(
            [SEGFLOW, "status", f"{OUTPUT}/as_of={as_of}", "--json"],
            capture_output=True, text=True, check=True)
        status = json.loads(done.stdout)
        if status["state"] != "published":
            last = status.get("last_run", {})
            code = last.get("exit_code")
            raise AirflowFailException(
                f"segflow did not publish {as_of}: {status['state']}, exit code {code} "
                f"({FINAL.get(code, 'see the task log')}): {last.get('error', '')}")

    published = PythonOperator(task_id="segflow_published", python_callable=check_published,
                               trigger_rule="all_done", retries=0)

    score >> published
