from alembic import command
from sqlalchemy import create_engine, inspect

from storage.migrate import alembic_config, upgrade_database
from storage.models import Base
import storage.idempotency  # noqa: F401  (IdempotencyKey on the metadata, whichever test ran first)

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


def test_0004_gives_existing_applications_empty_file_and_language_columns_and_takes_them_back(database_url):
    """A letter written before 0004 keeps its PDF and text; the new columns start empty (NULL)."""
    from sqlalchemy import text

    upgrade_database(database_url, "0003")
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO applications (id, job_id, job, cover_letter, document_file, status, progress_percent,"
            " attempts, created_at, updated_at) VALUES ('a1', 'j1', '{}', 'Dear team', 'old.pdf', 'completed', 100,"
            " 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
    upgrade_database(database_url, "0004")
    new_columns = ("docx_file", "tailored_cv_file", "tailored_cv_docx_file", "language")
    with engine.connect() as connection:
        row = connection.execute(text(
            f"SELECT document_file, cover_letter, {', '.join(new_columns)} FROM applications")).one()
    assert tuple(row) == ("old.pdf", "Dear team", None, None, None, None)
    kinds = {column["name"]: column["type"] for column in inspect(engine).get_columns("applications")}
    assert all(kinds[name].length == (8 if name == "language" else 255) for name in new_columns)
    command.downgrade(alembic_config(database_url), "0003")
    columns = {column["name"] for column in inspect(engine).get_columns("applications")}
    assert not set(new_columns) & columns and "document_file" in columns
    with engine.connect() as connection:
        assert connection.execute(text("SELECT document_file FROM applications")).scalar_one() == "old.pdf"
    engine.dispose()
