"""The tool's drill storage: cards in their own rows, the same drill as the JSON state, old state kept."""

import importlib
import random
from datetime import datetime, timedelta, timezone

import pytest
from django.apps import apps as django_apps
from django.db import transaction

from curriculum import drill_api
from curriculum.bank import default_bank
from curriculum.drill import DrillConfig
from lti_tool import drill_storage
from lti_tool.models import DrillCard, DrillProgress, PlatformRegistration

BANK = default_bank()
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)
migration = importlib.import_module("lti_tool.migrations.0005_drill_cards")


@pytest.fixture
def registration(db):
    return PlatformRegistration.objects.create(
        name="LMS", issuer="https://lms.example", client_id="c1", auth_login_url="https://lms.example/a",
        auth_token_url="https://lms.example/t")


def _in_table(registration, use_case, *args):
    """One use case of ``drill_api`` against the tables, as drill_flow runs it."""
    with transaction.atomic():
        storage = drill_storage.open_for_update(registration, "alice", "link-1", "course")
        state, _chosen = storage.state()
        state, *rest = use_case(state, *args)
        storage.save(state, None, "course")
        storage.flush()
    return rest


def _answer_for(payload, rng):
    item = BANK.get(payload["item"]["id"])
    right = rng.random() < 0.75
    return {"item_id": item.id, "choice": item.answer if right else (item.answer + 1) % len(item.choices)}


def test_the_table_drill_asks_and_schedules_exactly_as_the_json_drill(registration):
    """Rounds, misses, reviews, a backlog, a week away, new settings: the same questions in the same order."""
    rng_json, rng_table = random.Random(7), random.Random(7)
    config = DrillConfig(item_count=10)
    state, now, asked_json, asked_table = None, NOW, [], []
    for step in range(160):
        if step == 100:
            now += timedelta(days=9)  # an absence: the freshest overdue first
        if step == 130:
            config = DrillConfig(item_count=10, types=("kanji_reading", "orthography"))  # settings change
        now += timedelta(minutes=7)
        state, shown = drill_api.present(state, config, BANK, now)
        (table_shown,) = _in_table(registration, drill_api.present, config, BANK, now)
        if shown["item"] is None:
            assert table_shown["item"] is None and table_shown["round_complete"]
            state, _ = drill_api.restart(state, config, BANK, now)
            _in_table(registration, drill_api.restart, config, BANK, now)
            continue
        asked_json.append(shown["item"]["id"])
        asked_table.append(table_shown["item"]["id"])
        state, result, _ = drill_api.submit(state, config, BANK, _answer_for(shown, rng_json), now)
        table_result, _ = _in_table(registration, drill_api.submit, config, BANK,
                                    _answer_for(table_shown, rng_table), now)
        assert table_result == result
    assert asked_table == asked_json
    stored = dict(DrillCard.objects.values_list("item_id", "card"))
    assert stored == state["cards"]
    assert "cards" not in DrillProgress.objects.get().state


def test_an_answer_writes_its_own_card_and_a_small_state_whatever_the_history(registration):
    """1,700 cards met: the state row stays small and one answer changes one card row."""
    cards = {item.id: {"due": (NOW + timedelta(days=3)).isoformat(), "card_id": 1, "state": 2, "step": None,
                       "stability": 5.0, "difficulty": 5.0, "last_review": NOW.isoformat()}
             for item in BANK.select("N5")[:1700]}
    progress = DrillProgress.objects.create(registration=registration, subject="alice",
                                            resource_link_id="link-1", state={"cards": cards})
    migration.cards_to_rows(django_apps, None)
    config = DrillConfig(item_count=10)
    (shown,) = _in_table(registration, drill_api.present, config, BANK, NOW)
    before = dict(DrillCard.objects.values_list("item_id", "card"))
    _in_table(registration, drill_api.submit, config, BANK, _answer_for(shown, random.Random(1)), NOW)
    after = dict(DrillCard.objects.values_list("item_id", "card"))
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed == {shown["item"]["id"]}
    progress.refresh_from_db()
    assert len(str(progress.state)) < 2000


def test_the_migration_keeps_every_learner_card_and_can_go_back(registration):
    state, config = None, DrillConfig(item_count=5)
    for _ in range(7):
        state, shown = drill_api.present(state, config, BANK, NOW)
        if shown["item"] is None:
            state, shown = drill_api.restart(state, config, BANK, NOW)
        state, _, _ = drill_api.submit(state, config, BANK, _answer_for(shown, random.Random(3)), NOW)
    state, shown = drill_api.present(state, config, BANK, NOW)
    old = {**state, "language": "vi"}
    DrillProgress.objects.create(registration=registration, subject="alice", resource_link_id="link-1",
                                 state=old)
    migration.cards_to_rows(django_apps, None)
    assert dict(DrillCard.objects.values_list("item_id", "card")) == state["cards"]
    head = DrillProgress.objects.get().state
    assert head == {k: v for k, v in old.items() if k != "cards"}
    (again,) = _in_table(registration, drill_api.present, config, BANK, NOW)
    assert again["item"]["id"] == shown["item"]["id"], "the pending question survives the move"
    migration.rows_to_cards(django_apps, None)
    assert DrillProgress.objects.get().state["cards"] == state["cards"]


def test_an_answers_writes_run_in_order_and_all_or_nothing(registration):
    """The writes a use case collects go together at its end (one round trip on PostgreSQL): in the order
    they were made, and a failing one leaves none of them behind."""
    from django.db import DatabaseError, connection

    from lti_tool import statements

    progress = DrillProgress.objects.create(registration=registration, subject="alice",
                                            resource_link_id="link-1", state={})
    first = {"due": NOW.isoformat(), "card_id": 1}
    with transaction.atomic():
        writes = statements.Writes()
        statements.insert_cards(progress.pk, [("n5-a", first, NOW)], writes)
        statements.update_card(progress.pk, "n5-a", {**first, "card_id": 2}, NOW + timedelta(days=1), writes)
        statements.save_progress(progress.pk, {"round": 2}, "course", writes)
        assert DrillCard.objects.count() == 0  # nothing sent before the end
        writes.run()
    card = DrillCard.objects.get()
    assert card.card["card_id"] == 2 and card.due == NOW + timedelta(days=1)
    progress.refresh_from_db()
    assert progress.state == {"round": 2}

    with pytest.raises(DatabaseError), transaction.atomic():
        writes = statements.Writes()
        statements.update_card(progress.pk, "n5-a", {**first, "card_id": 3}, NOW, writes)
        statements.save_progress(progress.pk, {"round": 3}, "course", writes)
        writes.add(f"UPDATE {connection.ops.quote_name('no_such_table')} SET x = %s", [1])
        writes.run()
    assert DrillCard.objects.get().card["card_id"] == 2
    progress.refresh_from_db()
    assert progress.state == {"round": 2}
