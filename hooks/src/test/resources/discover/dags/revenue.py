from datetime import datetime
from airflow import DAG
from airflow.operators.bash import BashOperator

default_args = {"owner": "finance-data", "retries": 2}

with DAG(
    dag_id="revenue_daily",
    schedule="5 7 * * *",
    start_date=datetime(2026, 1, 1),
    default_args=default_args,
    catchup=False,
) as dag:
    BashOperator(task_id="run", bash_command="revenue_daily.sh")
