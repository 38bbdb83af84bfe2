"""Reading passages against the exam's lengths: counted as the learner reads them, reported per type."""

from curriculum import passage_lengths
from curriculum.bank import default_bank
from curriculum.item_types import ItemType
from curriculum.items import Level


def test_a_passage_is_counted_without_its_readings_or_spaces():
    assert passage_lengths.length("{工場|こうじょう}で はたらきます。\n") == len("工場ではたらきます。")


def test_each_reading_type_is_reported_against_the_exams_length_and_short_ones_are_counted():
    bank = default_bank()
    n3 = [i for i in bank if i.level is Level.N3 and i.type is ItemType.COMPREHENSION_LONG]
    stimuli = {sid: dict(bank.stimuli[sid]) for sid in {i.stimulus for i in n3}}
    first = n3[0].stimulus
    stimuli[first]["text"] = "短い。"  # one passage cut to three characters
    rows = {(r.level, r.type): r for r in passage_lengths.measure(n3, stimuli)}
    long = rows[("N3", ItemType.COMPREHENSION_LONG)]
    assert long.exam == 550 and len(long.lengths) == len(stimuli) and long.lengths[0] == 3
    assert long.short >= 1
    text = passage_lengths.format_report(list(rows.values()))
    assert f"N3 comprehension_long: {len(stimuli)} passages" in text and "exam ≈550" in text
    assert "N2 thematic_comprehension: no passages (exam ≈900)" in text
