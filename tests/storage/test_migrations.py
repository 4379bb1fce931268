from alembic import command
from sqlalchemy import create_engine, inspect

from storage.migrate import alembic_config, upgrade_database
from storage.models import Base

EXPECTED = {"chat_users", "chat_origins", "user_profiles", "job_searches", "job_postings", "match_runs",
            "applications", "notifications", "inbound_events"}


def test_migrations_create_the_model_schema_and_downgrade_cleanly(database_url):
    upgrade_database(database_url)
    engine = create_engine(database_url)
    tables = set(inspect(engine).get_table_names())
    assert EXPECTED <= tables
    for table in Base.metadata.sorted_tables:
        columns = {column["name"] for column in inspect(engine).get_columns(table.name)}
        assert columns == {column.name for column in table.columns}, table.name
    command.downgrade(alembic_config(database_url), "base")
    assert not EXPECTED & set(inspect(engine).get_table_names())
    engine.dispose()


def test_upgrading_twice_is_harmless(database_url):
    upgrade_database(database_url)
    upgrade_database(database_url)
    engine = create_engine(database_url)
    assert EXPECTED <= set(inspect(engine).get_table_names())
    engine.dispose()
