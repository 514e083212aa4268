"""Creates the tables of generated ORM models on an in-memory SQLite and prints what SQLite holds.

    python3 create_tables.py sqlalchemy path/to/models.py
    python3 create_tables.py django path/to/models.py

Prints one JSON object: the tables (columns, primary key, foreign keys, uniques, indexes) read back
from SQLite's own catalog (PRAGMAs, the same reader for both ORMs), the relations each ORM mapped,
and, for Django, the errors and warnings of its system checks. Any warning SQLAlchemy gives while
configuring the mappers is an error here: a relation it would guess about is a broken model.
"""

import importlib.util
import json
import os
import sys
import tempfile
import warnings


def quoted(name):
    return '"' + name.replace('"', '""') + '"'


def read_sqlite(conn):
    tables = {}
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for name in names:
        # table_xinfo, not table_info: it also lists generated columns (hidden 2 and 3).
        info = [r for r in conn.execute(f"PRAGMA table_xinfo({quoted(name)})") if r[6] != 1]
        columns = [{"name": r[1], "type": r[2], "nullable": not r[3], "default": r[4]} for r in info]
        primary_key = [r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5])]
        foreign_keys = {}
        for r in conn.execute(f"PRAGMA foreign_key_list({quoted(name)})"):
            fk = foreign_keys.setdefault(r[0], {"columns": [], "refTable": r[2], "refColumns": [], "onDelete": r[6]})
            fk["columns"].append(r[3])
            fk["refColumns"].append(r[4])
        uniques, indexes = [], []
        for r in conn.execute(f"PRAGMA index_list({quoted(name)})"):
            index_name, unique, origin, partial = r[1], bool(r[2]), r[3], bool(r[4])
            keys = [k[2] for k in sorted(conn.execute(f"PRAGMA index_info({quoted(index_name)})"), key=lambda k: k[0])]
            if origin == "u":
                uniques.append({"columns": keys})
            elif origin == "c":
                indexes.append({"name": index_name, "columns": keys, "unique": unique, "partial": partial})
        tables[name] = {
            "columns": columns,
            "primaryKey": primary_key,
            "foreignKeys": list(foreign_keys.values()),
            "uniques": uniques,
            "indexes": indexes,
        }
    return tables


def load(path, module_name):
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def run_sqlalchemy(path):
    from sqlalchemy import create_engine
    from sqlalchemy.orm import configure_mappers

    warnings.simplefilter("error")
    module = load(path, "generated_models")
    configure_mappers()
    relations = []
    for mapper in module.Base.registry.mappers:
        for rel in mapper.relationships:
            relations.append(
                {
                    "table": mapper.local_table.name,
                    "name": rel.key,
                    "target": rel.mapper.local_table.name,
                    "direction": rel.direction.name,
                    "columns": sorted(c.name for c in rel.local_columns),
                    "uselist": rel.uselist,
                }
            )
    # SQLite ignores postgresql_where and postgresql_include: the indexes as PostgreSQL would get them, compiled by SQLAlchemy.
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateIndex

    postgres_indexes = {}
    for table in module.Base.metadata.sorted_tables:
        for index in table.indexes:
            postgres_indexes[index.name] = str(CreateIndex(index).compile(dialect=postgresql.dialect()))
    engine = create_engine("sqlite://")
    module.Base.metadata.create_all(engine)
    raw = engine.raw_connection()
    try:
        tables = read_sqlite(raw.connection if hasattr(raw, "connection") else raw)
    finally:
        raw.close()
    return {
        "library": "sqlalchemy",
        "tables": tables,
        "relations": sorted(relations, key=lambda r: (r["table"], r["name"])),
        "postgresIndexes": postgres_indexes,
    }


def run_django(path):
    import django
    from django.conf import settings

    package = tempfile.mkdtemp(prefix="dbarchitect-django-")
    app = os.path.join(package, "generated_app")
    os.mkdir(app)
    open(os.path.join(app, "__init__.py"), "w").close()
    with open(path) as source, open(os.path.join(app, "models.py"), "w") as target:
        target.write(source.read())
    sys.path.insert(0, package)
    settings.configure(
        INSTALLED_APPS=["generated_app"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    )
    django.setup()
    from django.apps import apps
    from django.core import checks
    from django.db import connection

    found = [{"id": m.id, "level": m.level, "message": str(m.msg), "object": str(m.obj)} for m in checks.run_checks()]
    models = list(apps.get_app_config("generated_app").get_models())
    relations = []
    for model in models:
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete:
                relations.append({"table": model._meta.db_table, "name": field.name, "target": field.related_model._meta.db_table, "column": field.column, "related_name": field.remote_field.related_name})
    with connection.schema_editor() as editor:
        for model in models:
            editor.create_model(model)
    return {
        "library": "django",
        "version": django.get_version(),
        "checks": found,
        "tables": read_sqlite(connection.connection),
        "relations": sorted(relations, key=lambda r: (r["table"], r["name"])),
    }


if __name__ == "__main__":
    orm, models_path = sys.argv[1], sys.argv[2]
    result = run_sqlalchemy(models_path) if orm == "sqlalchemy" else run_django(models_path)
    print(json.dumps(result))
