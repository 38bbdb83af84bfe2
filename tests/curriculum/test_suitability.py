"""The suitability filter: its list and reasons, and nothing unsuitable anywhere in the shipped bank."""

import pytest

from curriculum.bank import default_bank
from curriculum.suitability import LIST_PATH, item_problems, parse_rules, problems, rules, suitable


def test_the_whole_bank_shows_a_learner_nothing_unsuitable():
    """Prompts, choices, explanations in every language and shared passages, authored and generated."""
    bank = default_bank()
    found = [f"{item.id}: {finding}" for item in bank for finding in item_problems(item, bank.stimuli)]
    assert found == []
    assert len(bank) > 10000


def test_every_rule_has_a_reason_and_the_list_covers_the_audits_examples():
    assert all(rule.reason for rule in rules())
    for text in ("a slut", "to behead", "自殺した", "死体が見つかった", "銃を持つ"):
        assert not suitable(text), text


@pytest.mark.parametrize("rough", ["お前は誰だ。", "早く来てくれ。", "行くぞ！", "俺がやる。", "うるせえ。",
                                   "てめえ", "待ってくれ", "いいぜ。"])
def test_rough_register_is_caught(rough):
    assert any("register" in finding.rule.reason for finding in problems(rough)), rough


@pytest.mark.parametrize("fine", ["どうぞ。", "やくそくを守ってください。", "ばかりです。", "なぜ？",
                                  "オレンジを食べる。", "性別を書いてください。", "いやがる", "裸足で歩く。",
                                  "お礼を言う。", "stable", "a hanging scroll", "osaki ni shitsurei shimasu",
                                  "彼が来てくれた。", "注文が殺到した。"])
def test_ordinary_words_that_look_alike_pass(fine):
    assert suitable(fine), [str(f) for f in problems(fine)]


def test_a_malformed_list_line_names_its_line():
    with pytest.raises(ValueError, match="line 2"):
        parse_rules("ja\t死体\tcorpse\nbad line without tabs\n")
    assert LIST_PATH.name == "unsuitable.tsv"


def test_an_item_that_teaches_the_imperative_may_show_rough_register_and_nothing_else():
    from curriculum.items import Item
    from curriculum.suitability import register_exempt

    exempt = next(iter(register_exempt()))
    base = next(i for i in default_bank() if i.id == exempt)
    rough = Item(**{**base.__dict__, "prompt": "早く（　）！おくれるぞ。"})
    assert item_problems(rough) == []
    violent = Item(**{**base.__dict__, "prompt": "早く（　）！殺すぞ。"})
    assert [f.rule.pattern for f in item_problems(violent)] == ["殺(?!到)"]
    other = Item(**{**base.__dict__, "id": "not-exempt"})
    assert any("register" in f.rule.reason for f in item_problems(other))
