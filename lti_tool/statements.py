"""The statements every drill answer runs, as SQL written once instead of ORM querysets built per request.

An answer is one request (it comes back with the next question) and runs a handful of statements. Built
through the ORM, each costs 0.4–1 ms of the server's CPU to compile (a queryset cloned, filtered,
compiled to SQL, its rows converted): more than the database takes to run it, and on a busy server CPU
is what limits how many learners it serves (benchmarks/lti_answers.py). Here each statement is a fixed
string, built once from the models' own table and column names, run on Django's connection (so its
transactions, test rollbacks and ``CaptureQueriesContext`` see it); values pass through the backend's
own adapters and the fields' own converters, so SQLite, PostgreSQL and MariaDB store and read exactly
what the ORM would. Only the hot path is here: everything else stays ORM.

On PostgreSQL the statements are also prepared, once per connection (``_cursor``): the database parses
and plans each once instead of on every answer, which was about half its work per answer (the plans of
a join, a locking read with a subquery and an ordered index scan; ``benchmarks/profile_answer.py``: its
CPU per question went from 1.0 to 0.45–0.58 ms). The writes of a request (``Writes``) wait until its end
and go together in one pipeline: one round trip, so an answer reaches the database four times (the
launch; the learner's row with the answered card; the next due card; the writes) plus its transaction's
BEGIN and COMMIT, and a round end the same (its score is one more statement in the pipeline,
``insert_score``). ``NIHONGO_PREPARED_STATEMENTS=0`` turns preparing off (a pooler in transaction mode
that cannot keep prepared statements); the statements then go one by one, as on SQLite and MariaDB.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import cache

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone as django_timezone

from .models import AnswerRecord, DrillCard, DrillProgress, LaunchRecord, PlatformRegistration, ScoreRecord


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: type[models.Model]) -> str:
    return _quoted(connection.vendor, model._meta.db_table)


def _col(model: type[models.Model], name: str) -> str:
    return _quoted(connection.vendor, model._meta.get_field(name).column)


@cache
def _quoted(vendor: str, name: str) -> str:
    """A table or column name quoted for this backend, once per process (statements are built per call)."""
    return _q(name)


def when(value: datetime):
    """A datetime as the backend stores it (UTC; naive text on SQLite, as the ORM writes it)."""
    return connection.ops.adapt_datetimefield_value(value)


def aware(value) -> datetime:
    """A datetime column's value as an aware UTC datetime, whatever the backend returned."""
    if isinstance(value, str):  # SQLite
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def json_value(value):
    """A JSON column's value for a parameter, as ``JSONField`` adapts it on this backend."""
    return connection.ops.adapt_json_value(value, None)


def from_json(value):
    """A JSON column's value as read (text on every backend Django supports; decoded here)."""
    return json.loads(value) if isinstance(value, (str, bytes, bytearray)) else value


def prepares() -> bool:
    """Whether this connection prepares the hot path's statements: PostgreSQL with psycopg's
    ``prepare_threshold`` set (``portal.settings`` sets it unless NIHONGO_PREPARED_STATEMENTS=0)."""
    return _prepares(connections[DEFAULT_DB_ALIAS])


def _prepares(db) -> bool:
    return (db.vendor == "postgresql"
            and db.settings_dict.get("OPTIONS", {}).get("prepare_threshold") is not None)


@cache
def _prepared_cursor_class() -> type:
    """psycopg's server-side-binding cursor (Django's own, with its adapters) that prepares every statement
    it runs: the statements here are fixed strings, so each is prepared once per connection."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparedCursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True if prepare is None else prepare, binary=binary)

    return PreparedCursor


@contextmanager
def _cursor():
    """A cursor for the statements here: on PostgreSQL one that prepares them (``prepares``), kept for the
    life of the database connection (the connection is the thread's own, as Django's are) and wrapped as
    Django wraps its own, so its error translation, ``CaptureQueriesContext`` and the debug log see every
    statement; elsewhere Django's own. Django leaves psycopg's preparing off for the rest of the ORM."""
    db = connections[DEFAULT_DB_ALIAS]
    if not _prepares(db):
        with db.cursor() as cursor:
            yield cursor
        return
    db.close_if_health_check_failed()
    db.ensure_connection()
    db.validate_thread_sharing()
    kept = getattr(db, "_nihongo_prepared_cursor", None)
    if kept is None or kept.connection is not db.connection or kept.closed:
        kept = db._nihongo_prepared_cursor = _prepared_cursor_class()(db.connection)
    yield _wrapped(db, kept)


def _wrapped(db, raw):
    """A psycopg cursor wrapped as Django wraps its own (the debug wrapper while queries are captured)."""
    return db.make_debug_cursor(raw) if db.queries_logged else db.make_cursor(raw)


# --- rows as model instances, converted as the ORM converts them ---------------------------------

@cache
def _converters(model: type[models.Model], vendor: str) -> tuple[list[str], list[tuple[object, list]]]:
    """The model's attribute names, and per column its expression and the converters the ORM applies."""
    columns = [(f.get_col(model._meta.db_table), f) for f in model._meta.concrete_fields]
    return ([f.attname for _col_, f in columns],
            [(col, [*connection.ops.get_db_converters(col), *f.get_db_converters(connection)])
             for col, f in columns])


def _instance(model: type[models.Model], row) -> models.Model:
    db = connections[DEFAULT_DB_ALIAS]
    names, columns = _converters(model, db.vendor)
    values = []
    for (expression, converters), value in zip(columns, row, strict=True):
        for converter in converters:
            value = converter(value, expression, db)
        values.append(value)
    return model.from_db(db.alias, names, values)


def _select_list(model: type[models.Model], alias: str) -> str:
    return ", ".join(f"{alias}.{_q(f.column)}" for f in model._meta.concrete_fields)


@cache
def _launch_sql(vendor: str) -> str:
    return (f"SELECT {_select_list(LaunchRecord, 'l')}, {_select_list(PlatformRegistration, 'r')} "
            f"FROM {_table(LaunchRecord)} l JOIN {_table(PlatformRegistration)} r "
            f"ON r.{_col(PlatformRegistration, 'id')} = l.{_col(LaunchRecord, 'registration')} "
            f"WHERE l.{_col(LaunchRecord, 'launch_id')} = %s "
            f"AND l.{_col(LaunchRecord, 'is_instructor')} = %s")


def learner_launch(launch_id: str) -> LaunchRecord | None:
    """A learner's (not an instructor's) launch record by its launch ID, its registration joined: what
    ``LaunchRecord.objects.select_related("registration").filter(launch_id=…, is_instructor=False)``
    gives, in one statement."""
    with _cursor() as cursor:
        cursor.execute(_launch_sql(connection.vendor), [launch_id, False])
        row = cursor.fetchone()
    if row is None:
        return None
    width = len(LaunchRecord._meta.concrete_fields)
    record = _instance(LaunchRecord, row[:width])
    LaunchRecord.registration.field.set_cached_value(record, _instance(PlatformRegistration, row[width:]))
    return record


# --- a learner's drill: its state row and its cards ----------------------------------------------

@cache
def _progress_sql(vendor: str, lock: bool, with_card: bool) -> str:
    card = (f", (SELECT c.{_col(DrillCard, 'card')} FROM {_table(DrillCard)} c "
            f"WHERE c.{_col(DrillCard, 'progress')} = p.{_col(DrillProgress, 'id')} "
            f"AND c.{_col(DrillCard, 'item_id')} = %s)") if with_card else ""
    return (f"SELECT p.{_col(DrillProgress, 'id')}, p.{_col(DrillProgress, 'state')}, "
            f"p.{_col(DrillProgress, 'context_id')}{card} FROM {_table(DrillProgress)} p "
            f"WHERE p.{_col(DrillProgress, 'registration')} = %s AND p.{_col(DrillProgress, 'subject')} = %s "
            f"AND p.{_col(DrillProgress, 'resource_link_id')} = %s"
            + (" FOR UPDATE" if lock and connection.features.has_select_for_update else ""))


def progress_row(registration_id: int, subject: str, resource_link_id: str, lock: bool = True,
                 item_id: str | None = None) -> tuple[int, dict, str, dict | None] | None:
    """(id, state, context_id, card) of a learner's drill on a link, locked (``SELECT … FOR UPDATE``
    where the database has it; SQLite's transactions here are ``IMMEDIATE``, which locks the whole
    database). ``card``: the card of ``item_id`` (the item being answered), read in the same statement
    (a subquery in the select list, which ``FOR UPDATE`` does not lock), None when it has none. Should
    the lock wait for another answer of the same learner, PostgreSQL returns the row's newest version but
    the card as the statement first saw it; that answer has moved the pending question on, so the drill
    refuses this one (an answer must be to the pending question) and the older card is never used."""
    with _cursor() as cursor:
        cursor.execute(_progress_sql(connection.vendor, lock, item_id is not None),
                       [*([] if item_id is None else [item_id]), registration_id, subject, resource_link_id])
        row = cursor.fetchone()
    if row is None:
        return None
    return row[0], from_json(row[1]), row[2], (from_json(row[3]) if item_id is not None and row[3] else None)


# --- writes nobody reads back in the request: sent together, once --------------------------------

def batches() -> bool:
    """Whether several writes go to the database in one round trip: PostgreSQL with prepared statements
    (``prepares``), in one pipeline. Elsewhere, and with preparing turned off, one statement per call."""
    return prepares()


class Writes:
    """Statements collected during a use case and run together at its end (``run``), inside its
    transaction: on PostgreSQL in one pipeline, one round trip for all of them (``batches``; a failing
    statement fails the rest and the transaction with it), elsewhere one each, in order. Only for
    statements whose results the request does not need before ``run``; a statement's one row, when it
    returns one, goes to its ``then`` once they have run."""

    def __init__(self):
        self._statements: list[tuple[str, list, Callable | None]] = []

    def add(self, sql: str, params: list, then: Callable[[tuple], None] | None = None) -> None:
        self._statements.append((sql, params, then))

    def run(self) -> None:
        statements, self._statements = self._statements, []
        if not statements:
            return
        returned = []  # (cursor, then): a statement with a row to hand back runs on a cursor of its own
        with _cursor() as cursor:
            if batches() and len(statements) > 1:
                with connection.wrap_database_errors, connection.connection.pipeline():
                    for sql, params, then in statements:
                        own = _own_cursor() if then else cursor
                        own.execute(sql, params)
                        if then:
                            returned.append((own, then))
            else:
                for sql, params, then in statements:
                    cursor.execute(sql, params)
                    if then:
                        then(cursor.fetchone())
        for own, then in returned:
            then(own.fetchone())
            own.close()


def _own_cursor():
    """Another prepared cursor on this connection, wrapped as ``_cursor``'s (PostgreSQL only)."""
    db = connections[DEFAULT_DB_ALIAS]
    return _wrapped(db, _prepared_cursor_class()(db.connection))


def _now_or(writes: Writes | None, sql: str, params: list) -> None:
    """Run a write now (no batch) or add it to ``writes``."""
    if writes is not None:
        writes.add(sql, params)
        return
    with _cursor() as cursor:
        cursor.execute(sql, params)


@cache
def _save_progress_sql(vendor: str) -> str:
    return (f"UPDATE {_table(DrillProgress)} SET {_col(DrillProgress, 'state')} = %s, "
            f"{_col(DrillProgress, 'context_id')} = %s, {_col(DrillProgress, 'updated_at')} = %s "
            f"WHERE {_col(DrillProgress, 'id')} = %s")


def save_progress(progress_id: int, state: dict, context_id: str, writes: Writes | None = None) -> None:
    now = django_timezone.now()  # ``updated_at`` is ``auto_now``: the time of writing, as the ORM sets it
    _now_or(writes, _save_progress_sql(connection.vendor),
            [json_value(state), context_id, when(now), progress_id])


def card(progress_id: int, item_id: str) -> dict | None:
    with _cursor() as cursor:
        cursor.execute(f"SELECT {_col(DrillCard, 'card')} FROM {_table(DrillCard)} "
                       f"WHERE {_col(DrillCard, 'progress')} = %s AND {_col(DrillCard, 'item_id')} = %s",
                       [progress_id, item_id])
        row = cursor.fetchone()
    return None if row is None else from_json(row[0])


def known(progress_id: int, item_ids: list[str]) -> set[str]:
    """Which of ``item_ids`` have a card."""
    if not item_ids:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_col(DrillCard, 'item_id')} FROM {_table(DrillCard)} "
                       f"WHERE {_col(DrillCard, 'progress')} = %s AND {_col(DrillCard, 'item_id')} IN "
                       f"({', '.join(['%s'] * len(item_ids))})", [progress_id, *item_ids])
        return {row[0] for row in cursor.fetchall()}


@cache
def _by_due_sql(vendor: str, until: bool, latest: bool) -> str:
    due, ident = _col(DrillCard, "due"), _col(DrillCard, "id")
    return (f"SELECT {_col(DrillCard, 'item_id')}, {due} FROM {_table(DrillCard)} "
            f"WHERE {_col(DrillCard, 'progress')} = %s" + (f" AND {due} <= %s" if until else "")
            + f" ORDER BY {due} {'DESC' if latest else 'ASC'}, {ident} ASC LIMIT %s OFFSET %s")


def by_due(progress_id: int, until: datetime | None, latest: bool, offset: int,
           size: int) -> list[tuple[str, datetime]]:
    """(item ID, due) of cards due by ``until`` (all when None), earliest first (latest first when
    ``latest``), ties by insertion; ``size`` of them from ``offset`` (the index on progress and due)."""
    with _cursor() as cursor:
        cursor.execute(_by_due_sql(connection.vendor, until is not None, latest),
                       [progress_id, *([] if until is None else [when(until)]), size, offset])
        return [(item_id, aware(value)) for item_id, value in cursor.fetchall()]


@cache
def _update_card_sql(vendor: str) -> str:
    return (f"UPDATE {_table(DrillCard)} SET {_col(DrillCard, 'card')} = %s, "
            f"{_col(DrillCard, 'due')} = %s WHERE {_col(DrillCard, 'progress')} = %s "
            f"AND {_col(DrillCard, 'item_id')} = %s")


def update_card(progress_id: int, item_id: str, card_: dict, due: datetime,
                writes: Writes | None = None) -> None:
    _now_or(writes, _update_card_sql(connection.vendor), [json_value(card_), when(due), progress_id, item_id])


def insert_cards(progress_id: int, cards: list[tuple[str, dict, datetime]],
                 writes: Writes | None = None) -> None:
    """New cards, (item ID, card, due) each, in one INSERT."""
    if not cards:
        return
    _now_or(writes,
            f"INSERT INTO {_table(DrillCard)} ({_col(DrillCard, 'progress')}, {_col(DrillCard, 'item_id')}, "
            f"{_col(DrillCard, 'due')}, {_col(DrillCard, 'card')}) VALUES "
            + ", ".join(["(%s, %s, %s, %s)"] * len(cards)),
            [v for item_id, card_, due in cards
             for v in (progress_id, item_id, when(due), json_value(card_))])


@cache
def _insert_answer_sql(vendor: str) -> str:
    names = ("registration", "subject", "context_id", "resource_link_id", "item_id", "correct", "answered_at")
    return (f"INSERT INTO {_table(AnswerRecord)} ({', '.join(_col(AnswerRecord, n) for n in names)}) "
            f"VALUES ({', '.join(['%s'] * len(names))})")


def insert_answer(registration_id: int, subject: str, context_id: str, resource_link_id: str,
                  item_id: str, correct: bool, answered_at: datetime, writes: Writes | None = None) -> None:
    """One ``AnswerRecord``."""
    _now_or(writes, _insert_answer_sql(connection.vendor),
            [registration_id, subject, context_id, resource_link_id, item_id, correct, when(answered_at)])


# --- a round end's score -------------------------------------------------------------------------

def _score_key() -> str:
    return (f"{_col(ScoreRecord, 'registration')} = %s AND {_col(ScoreRecord, 'subject')} = %s "
            f"AND {_col(ScoreRecord, 'resource_link_id')} = %s")


@cache
def _last_score_sql(vendor: str) -> str:
    return f"SELECT MAX({_col(ScoreRecord, 'timestamp')}) FROM {_table(ScoreRecord)} WHERE {_score_key()}"


def last_score_timestamp(registration_id: int, subject: str, resource_link_id: str) -> datetime | None:
    """The timestamp of this learner's last score on this link, if any."""
    with _cursor() as cursor:
        cursor.execute(_last_score_sql(connection.vendor), [registration_id, subject, resource_link_id])
        value = cursor.fetchone()[0]
    return None if value is None else aware(value)


_SCORE_FIELDS = ("registration", "subject", "resource_link_id", "earned", "possible", "sent_at", "delivered",
                 "error", "state", "ags", "activity", "label", "activity_progress", "grading_progress",
                 "attempts", "next_try_at")


@cache
def _new_score_sql(vendor: str) -> str:
    """PostgreSQL: a round end's score in one statement: its timestamp (now to the millisecond, or 1 ms after
    this learner's last on this link), its row, and older waiting scores superseded by it."""
    stamp, state, ident = _col(ScoreRecord, "timestamp"), _col(ScoreRecord, "state"), _col(ScoreRecord, "id")
    table, columns = _table(ScoreRecord), ", ".join(_col(ScoreRecord, n) for n in _SCORE_FIELDS)
    return (f"WITH last AS (SELECT MAX({stamp}) AS at FROM {table} WHERE {_score_key()}), "
            f"new AS (INSERT INTO {table} ({columns}, {stamp}) "
            f"SELECT {', '.join(['%s'] * len(_SCORE_FIELDS))}, "
            f"GREATEST(%s, last.at + INTERVAL '1 millisecond') FROM last RETURNING {ident}, {stamp}), "
            f"old AS (UPDATE {table} SET {state} = %s, {_col(ScoreRecord, 'next_try_at')} = NULL, "
            f"{_col(ScoreRecord, 'error')} = 'superseded by the newer score ' || (SELECT {ident} FROM new) "
            f"WHERE {_score_key()} AND {state} = %s AND {_col(ScoreRecord, 'delivered')} = %s "
            f"AND {ident} < (SELECT {ident} FROM new)) "
            f"SELECT {ident}, {stamp} FROM new")


def insert_score(score: ScoreRecord, stamp: datetime, superseded: str, writes: Writes) -> None:
    """PostgreSQL (``batches``): the unsaved ``score``, its timestamp ``stamp`` or just after the last, and
    the superseding of older waiting ones, with ``writes``; ``score`` gets its ID and timestamp once they
    have run."""
    key = [score.registration_id, score.subject, score.resource_link_id]
    values = [getattr(score, ScoreRecord._meta.get_field(name).attname) for name in _SCORE_FIELDS]
    values[_SCORE_FIELDS.index("ags")] = json_value(score.ags)

    def saved(row: tuple) -> None:
        score.pk, score.timestamp = row[0], aware(row[1])
        score._state.adding = False

    writes.add(_new_score_sql(connection.vendor),
               [*key, *values, stamp, superseded, *key, score.state, False], saved)


@cache
def _supersede_sql(vendor: str) -> str:
    return (f"UPDATE {_table(ScoreRecord)} SET {_col(ScoreRecord, 'state')} = %s, "
            f"{_col(ScoreRecord, 'next_try_at')} = NULL, {_col(ScoreRecord, 'error')} = %s "
            f"WHERE {_score_key()} AND {_col(ScoreRecord, 'state')} = %s "
            f"AND {_col(ScoreRecord, 'delivered')} = %s AND {_col(ScoreRecord, 'id')} < %s")


def supersede_scores(registration_id: int, subject: str, resource_link_id: str, newer_id: int,
                     pending: str, superseded: str, writes: Writes | None = None) -> None:
    """Waiting scores of this learner and link older than ``newer_id``: superseded by it, never sent."""
    _now_or(writes, _supersede_sql(connection.vendor),
            [superseded, f"superseded by the newer score {newer_id}", registration_id, subject,
             resource_link_id, pending, False, newer_id])
