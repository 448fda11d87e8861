import pendulum
from airflow.decorators import dag, task


@dag(schedule="@hourly", start_date=pendulum.datetime(2026, 1, 1, tz="UTC"), catchup=False)
def orders_ingest():
    @task
    def load():
        pass

    load()


orders_ingest()


@dag(dag_id="kpi_dashboard", schedule=None)
def build_kpis():
    pass
