"""``nihongo content sample``: a stratified review sheet, the same for the same seed."""

from collections import Counter

from curriculum.bank import default_bank
from curriculum.commands import register
from curriculum.content_review import authored, counts, sample, sheet


def test_the_same_seed_gives_the_same_sample_and_another_seed_another():
    bank = default_bank()
    first, again, other = sample(bank, 16, 30), sample(bank, 16, 30), sample(bank, 17, 30)
    assert [i.id for i in first.items] == [i.id for i in again.items]
    assert [i.id for i in first.items] != [i.id for i in other.items]


def test_the_sample_is_stratified_by_level_and_type_and_mixes_authored_and_generated():
    bank = default_bank()
    found = sample(bank, 16, 60)
    per_level = Counter(i.level.value for i in found.items)
    assert set(per_level) == {"N5", "N4", "N3", "N2", "JFT-A1", "JFT-A2"}
    assert all(n == 60 for n in per_level.values())
    for level, types in counts(found).items():
        available = {i.type.value for i in bank.select(level)}
        assert set(types) == available or len(types) >= 20, level  # every type when 60 allow it
        assert max(types.values()) - min(types.values()) <= 2 + 60 // len(types), level
    n4 = [i for i in found.items if i.level.value == "N4"]
    assert 0 < sum(authored(i) for i in n4) < len(n4)


def test_the_sheet_marks_the_key_and_shows_readings_on_paper():
    bank = default_bank()
    text = sheet(sample(bank, 16, 5, levels=("N4",)), bank)
    assert text.startswith("# Content review sheet (seed 16)") and "## N4: 5 items" in text
    assert text.count("[ ] key right  [ ] key unique  note:") == 5 and text.count("\n  * ") == 5
    assert "{" not in text


def test_the_command_prints_the_sheet(capsys):
    import argparse

    top = argparse.ArgumentParser()
    register(top.add_subparsers(dest="command"))
    args = top.parse_args(["content", "sample", "--seed", "3", "--per-level", "2"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "(seed 3)" in out and out.count("### ") == 2 * 6
    bad = top.parse_args(["content", "sample", "--seed", "3", "--per-level", "0"])
    assert bad.func(bad) == 2 and "at least 1" in capsys.readouterr().err


def test_a_sheet_can_look_wider_at_one_type(capsys):
    """``--type contextual_meaning``: many items of the riskiest generated type, per level."""
    import argparse

    bank = default_bank()
    found = sample(bank, 16, 12, only=("contextual_meaning",))
    assert {i.type.value for i in found.items} == {"contextual_meaning"}
    assert Counter(i.level.value for i in found.items)["N3"] == 12
    top = argparse.ArgumentParser()
    register(top.add_subparsers(dest="command"))
    args = top.parse_args(["content", "sample", "--seed", "3", "--per-level", "2", "--type", "paraphrase"])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert out.count("### ") >= 2 and out.count("— paraphrase (") == out.count("### ")


def test_a_sheet_can_hold_only_generated_items():
    """``--generated --type kanji_reading --per-level 25``: the generators' own error rate, per level."""
    bank = default_bank()
    found = sample(bank, 16, 25, only=("kanji_reading",), generated_only=True)
    assert found.items and not any(authored(i) for i in found.items)
    assert Counter(i.level.value for i in found.items)["N5"] == 25
