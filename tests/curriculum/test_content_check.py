"""`nihongo content check` finds every problem in one pass; `content export` gives reviewers the bank."""

import json

import pytest

from curriculum.bank import dump_file
from curriculum.content_check import check, export, format_counts
from curriculum.items import Item, ItemType, Level, Skill
from portal.cli import main

LANGS = {"en": "Choose.", "vi": "Chọn.", "id": "Pilih.", "tl": "Piliin.", "my": "ရွေးပါ။",
         "ja": "えらんでください。"}


def item(item_id, **over):
    fields = dict(id=item_id, level=Level.N5, skill=Skill.GRAMMAR, type=ItemType.GRAMMAR_FORM,
                  prompt="{私|わたし}（　）学生です。", choices=("は", "を", "に", "で"), answer=0,
                  explanation="は marks the topic.", instruction=dict(LANGS), source="authors (original)",
                  licence="CC BY-SA 4.0",
                  explanation_translations={k: "は" for k in ("en", "vi", "id", "tl", "my")})
    fields.update(over)
    return Item(**fields)


def test_a_clean_bank_passes_and_counts_per_level_and_type(tmp_path):
    dump_file([item("a-1"), item("a-2", level=Level.N4)], tmp_path / "a.json")
    report = check(tmp_path)
    assert report.ok
    assert report.counts()[("N5", "grammar_form")] == 1
    table = format_counts(report)
    assert "grammar_form" in table and "2 items in 1 files" in table


def test_every_problem_is_reported_with_file_and_item(tmp_path):
    dump_file([item("a-1"), item("a-2", explanation_translations={"en": "x"})], tmp_path / "a.json")
    dump_file([item("a-1")], tmp_path / "b.json")
    raw = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    raw["items"][0]["answer"] = 4
    (tmp_path / "c.json").write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    report = check(tmp_path)
    text = "\n".join(report.problems)
    assert "b.json: item a-1: ID already used" in text
    assert "a.json: item a-2: explanation lacks vi, id, tl, my" in text
    assert "c.json" in text and "answer index 4" in text
    assert not report.ok


def test_a_distractor_equal_to_the_answer_is_refused():
    with pytest.raises(ValueError, match="choices repeat"):
        item("a-1", choices=("は", "は", "に", "で"))


def test_the_cli_prints_the_shipped_banks_counts(capsys):
    assert main(["content", "check"]) == 0
    out = capsys.readouterr().out
    assert "content check passed" in out and "vocabulary-based" in out


def test_export_is_a_json_list_with_translations(tmp_path, capsys):
    dump_file([item("a-1")], tmp_path / "a.json")
    rows = json.loads(export(check(tmp_path)))
    assert rows[0]["id"] == "a-1" and rows[0]["answer"] == 0
    assert rows[0]["translations"]["instruction"]["my"] == "ရွေးပါ။"
    out = tmp_path / "bank.json"
    assert main(["content", "export", "--format", "json", "--out", str(out)]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert len(exported) >= 662 and {"id", "prompt", "choices", "answer", "source"} <= set(exported[0])


def test_the_check_says_per_level_and_language_how_many_explanations_fall_back_to_english():
    from curriculum.bank import default_bank
    from curriculum.content_check import format_explanations

    n3 = [i for i in default_bank() if i.level.value == "N3"]  # N5 and N4 no longer fall back
    own = next(i for i in n3 if i.explanation_translations.get("my"))
    english = next(i for i in n3 if not i.explanation_translations.get("my"))
    text = format_explanations([own, english, own], ["N3"])
    row = next(line for line in text.splitlines() if line.startswith("N3"))
    assert row.split()[-1] == "2/3"  # Burmese: two of three in Burmese, one in English
    assert text.splitlines()[-1].endswith("my 1")
