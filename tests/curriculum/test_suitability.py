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


# Review 5 (topics): sentences the dataset offered whose topic is unfit although no word on the list matched.
@pytest.mark.parametrize("unfit", [
    "サタンの亡霊が目を覚ます。", "吸血鬼は睨むだけで人を金縛りにする。",  # horror
    "女は悪魔の宴へと向かう。",
    "彼は校舎に放火した。", "昨晩の火事は放火と断定された。", "He set fire to the school building.",  # arson
    "飢えるより盗みをした方がましだ。", "彼は「泥棒」だ。",  # theft recommended, a person called a thief
    "死を忘れるな。", "彼らは次々に死んだ。", "「突然」彼は死んだ。",  # death
    "血で血を洗う。", "彼を墓に埋めた。",
    "彼が私を蹴るんです。", "独裁者を倒すのだ！",  # violence against a person
    "色っぽい女性。", "「美人」だなあ。", "妹は美人だ。", "本当の女性には曲線がある。",  # looks
    "妹は足が長い。",
    "彼女は「魅力」的だ。", "そんなに食べると太るよ。", "You'll fatten up if you eat that much.",  # bodies
    "「神」はゲイだ。", "「神様」はいない。", "神は「存在」する。",  # religion
    "宗教は信じない。", "神様を信じている？",
    "みんな「酔っ払い」だった。", "彼は酔うと手がつけられない。", "Everyone was drunk.",  # drunkenness
    "あんた正気か？", "気は「確か」か。", "Are you nuts?", "フランス語が憎い。",  # insults, hatred
])
def test_unfit_topics_are_caught(unfit):
    assert not suitable(unfit), unfit


@pytest.mark.parametrize("fine", [
    "泥棒に注意してください。", "泥棒が逃げた。", "警察に車の盗難届を出した。", "盗むのは悪いことだ。",
    "火事だ！逃げて！", "「校舎」は全焼した。", "彼の死亡告知が新聞に出た。", "先祖の墓参りをする。",
    "食べ過ぎると太る。", "最近、少し太りぎみなので、甘いものは控えています。", "身長と体重は？",
    "浴室の秤で体重を計った。", "私は女性です。", "魅力ないもんね。", "京都は神社や仏閣で有名だ。",
    "過つは人、許すは神。", "お酒を飲もうよ。", "トムが車に酔うことってあるの？", "船酔いで食事ができない。",
    "Kagoshima tea is drunk all over Japan.", "to get drunk", "refined; ghost; fairy",  # 精 in KANJIDIC
    "確かですか？", "背が高い人", "鬼の目にも涙。", "芸（ゲイ）", "猫を飼う。", "天候が急に変化した。",
])
def test_ordinary_sentences_near_the_unfit_topics_pass(fine):
    assert suitable(fine), [str(f) for f in problems(fine)]


def test_no_shipped_item_keeps_a_sentence_review_5_dropped():
    """The sentences the reviewer found (ghosts, arson, remarks on bodies) are gone from every item, and
    変化 no longer shows 変化 (へんげ)'s "goblin; ghost; apparition"."""
    gone = ("亡霊", "吸血鬼", "放火", "美人だ", "曲線がある", "神はゲイ", "悪魔")
    for item in default_bank():
        texts = (item.prompt, *item.choices, item.explanation)
        assert not any(word in text for word in gone for text in texts), item.id
        assert "goblin" not in item.prompt and "goblin" not in item.explanation, item.id


def test_an_unsuitable_wrong_spelling_is_skipped_not_the_item():
    """Review 5: はなび's spelling item drew 放火 as a wrong choice and was dropped whole; 面接, 材料, 説明 …
    drew spellings with 殺 (サイ, サツ, セツ). The generator now skips such a choice and keeps the item."""
    ids = {item.id for item in default_bank()}
    assert {"n2-or-c86b8d707f", "n2-or-024bbb9bcb", "n3-or-15e758fb52", "n4-or-03394719f5"} <= ids
