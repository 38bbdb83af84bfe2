"""Grammar points: the loader, the content rules (each shown failing on a small broken file), the hosts'
API, the bank serving the points' items, and the shipped points passing every rule."""

import json
import re
import time

import pytest

from curriculum import grammar
from curriculum.bank import default_bank
from curriculum.content_check import check as content_check
from curriculum.content_check import format_counts
from curriculum.furigana import plain
from curriculum.item_types import ItemType
from curriculum.items import TRANSLATION_LANGUAGES, Item, ItemError


def five(text):
    return {"en": text, "vi": f"(vi) {text}", "id": f"(id) {text}", "tl": f"(tl) {text}",
            "my": f"မြန်မာ {text}"}


def gf(prompt="ここで すって（　）か。", answer=0):
    return {"type": "grammar_form", "prompt": prompt,
            "choices": ["もいいです", "はいけません", "ください", "います"], "answer": answer,
            "explanation": five("〜てもいいです asks for permission."), "tags": ["daily_life"]}


def sc(prompt="やすみの 日に ＿＿ ＿＿ ★ ＿＿ か。"):
    return {"type": "sentence_composition", "prompt": prompt,
            "choices": ["会社の", "車を", "つかっても", "いいです"], "answer": 2,
            "explanation": five("やすみの 日に 会社の 車を つかっても いいですか。"), "tags": ["daily_life"]}


def make_point(point_id="n5-temo-ii", **over):
    point = {
        "id": point_id, "pattern": "〜てもいいです", "meaning": five("You may do it."),
        "formation": ["Vて + もいいです", "{食|た}べる → {食|た}べてもいいです"], "register": "polite",
        "notes": five("Ask with か."), "mistakes": five("Not てはいいです."), "related": [],
        "examples": [{"ja": f"ここで{{休憩|きゅうけい}}してもいいですか。{n}", "form": "てもいい",
                      "translations": five(f"May I rest here? {n}")} for n in range(3)],
        "items": [gf(), gf("まどを あけて（　）か。"), gf("トイレに 行って（　）か。"), sc()],
    }
    point.update(over)
    return point


def passage(passage_id="n5-gp-passage-01", blanks=2, point="n5-temo-ii"):
    text = "きょうは やすみです。" + "".join(f" ［{chr(0xFF10 + n)}］ です。" for n in range(1, blanks + 1))
    return {"id": passage_id, "title": "やすみ", "text": text,
            "items": [{"prompt": f"［{chr(0xFF10 + n)}］に 何を 入れますか。",
                       "choices": ["は", "が", "を", "に"], "answer": 1, "point": point,
                       "explanation": five("が marks the subject."),
                       "tags": ["daily_life"]} for n in range(1, blanks + 1)]}


def write(root, points, passages=(), level="N5", name="01-test.json"):
    folder = root / "grammar" / level.lower()
    folder.mkdir(parents=True, exist_ok=True)
    data = {"level": level, "licence": "CC BY-SA 4.0", "source": "Kagoshima Nihongo authors (original)",
            "points": list(points), "passages": list(passages)}
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return root / "grammar"


def problems(root):
    loaded = grammar.load(root, collect=True)
    return loaded.problems + grammar.check(loaded)


def stars(*positions):
    """Sentence-composition prompts with ★ in these slots (1–4)."""
    out = []
    for pos in positions:
        slots = ["＿＿"] * 4
        slots[pos - 1] = "★"
        out.append(sc(f"あした {' '.join(slots)} か。"))
    return out


def good_point(point_id, star_at=3, **over):
    items = [gf(), gf("まどを あけて（　）か。", answer=1), gf("トイレに 行って（　）か。", answer=2),
             *stars(star_at)]
    return make_point(point_id, items=items, **over)


# --- the loader --------------------------------------------------------------------------------


def test_a_good_file_loads_into_points_passages_and_bank_items(tmp_path):
    root = write(tmp_path, [good_point("n5-temo-ii", 1), good_point("n5-tewa-ikemasen", 2,
                                                                     related=["n5-temo-ii"])],
                 [passage()])
    loaded = grammar.load(root)
    assert [p.id for p in loaded.points("N5")] == ["n5-temo-ii", "n5-tewa-ikemasen"]
    point = loaded.point("n5-temo-ii")
    assert point.pattern == "〜てもいいです" and point.register == "polite" and point.slug == "temo-ii"
    assert point.examples[0].plain.startswith("ここで休憩してもいいですか")
    assert point.item_ids == ("n5-temo-ii-f1", "n5-temo-ii-f2", "n5-temo-ii-f3", "n5-temo-ii-c1")
    ids = [i.id for i in loaded.items]
    assert "n5-gp-passage-01-1" in ids and "n5-gp-passage-01-2" in ids
    item = next(i for i in loaded.items if i.id == "n5-temo-ii-f1")
    assert isinstance(item, Item) and item.type is ItemType.GRAMMAR_FORM and item.skill.value == "grammar"
    assert item.grammar_point == "n5-temo-ii" and item.explanation_in("my").startswith("မြန်မာ")
    passage_item = next(i for i in loaded.items if i.id == "n5-gp-passage-01-1")
    assert passage_item.stimulus == "n5-gp-passage-01" and passage_item.grammar_point == "n5-temo-ii"
    assert loaded.stimuli["n5-gp-passage-01"]["kind"] == "passage"
    assert problems(root) == []


def test_grammar_point_round_trips_through_item_json():
    item = grammar._item(gf(), "n5-x-f1", "N5", ItemType.GRAMMAR_FORM, "s", "CC BY-SA 4.0",
                                              "n5-x")
    again = Item.from_dict(item.to_dict())
    assert again.grammar_point == "n5-x" and again == item
    assert "grammar_point" not in item.public_dict()  # the point's ID would hint at the answer


@pytest.mark.parametrize("change, message", [
    (lambda p: p.pop("examples"), "point n5-temo-ii: missing examples"),
    (lambda p: p.update(register="slangy"), "register 'slangy' is not one of"),
    (lambda p: p.update(id="n4-temo-ii"), "does not start with n5-"),
    (lambda p: p.update(id="n5-Temo ii"), "is not <level>-<romaji-slug>"),
    (lambda p: p["items"][0].update(answer=7), "item n5-temo-ii-f1: answer index 7"),
    (lambda p: p["items"][0].update(type="usage"), "type must be grammar_form or sentence_composition"),
    (lambda p: p["items"][1].update(choices=["は", "は", "が", "を"]), "n5-temo-ii-f2: choices repeat"),
    (lambda p: p["examples"][0].update(ja="{休憩|きゅうけい"), "unbalanced furigana"),
])
def test_a_broken_record_names_file_point_and_reason(tmp_path, change, message):
    point = make_point()
    change(point)
    root = write(tmp_path, [point])
    with pytest.raises(ItemError, match=r"^n5/01-test\.json: point n[45]-[tT]emo[ -]ii: ") as raised:
        grammar.load(root)
    assert message in str(raised.value)
    assert any(message in p for p in grammar.load(root, collect=True).problems)


def test_a_file_in_the_wrong_level_folder_is_refused(tmp_path):
    root = write(tmp_path, [make_point()], level="N4")
    with pytest.raises(ItemError, match="n4/01-test.json: .*does not start with n4-"):
        grammar.load(root)
    data = json.loads((root / "n4" / "01-test.json").read_text(encoding="utf-8"))
    data["level"] = "N5"
    (root / "n4" / "01-test.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ItemError, match="level is 'N5' but the file is in the N4 folder"):
        grammar.load(root)


def test_duplicate_ids_fail(tmp_path):
    write(tmp_path, [make_point()], name="01-a.json")
    root = write(tmp_path, [make_point()], [passage(), passage()], name="02-b.json")
    with pytest.raises(ItemError, match="02-b.json: point n5-temo-ii: the ID is already used in n5/01-a"):
        grammar.load(root)
    found = problems(root)
    assert any("passage n5-gp-passage-01: the ID is already used" in p for p in found)


def test_an_item_without_its_point_fails(tmp_path):
    root = write(tmp_path, [make_point()], [passage(point="n5-nowhere")])
    with pytest.raises(ItemError, match="item n5-gp-passage-01-1: its point 'n5-nowhere' is not a grammar"):
        grammar.load(root)
    bad = passage()
    del bad["items"][0]["point"]
    root = write(tmp_path, [make_point()], [bad])
    with pytest.raises(ItemError, match="item n5-gp-passage-01-1 has no point"):
        grammar.load(root)


# --- the content rules -------------------------------------------------------------------------


def broken(change):
    point = make_point()
    change(point)
    return point


@pytest.mark.parametrize("change, message", [
    (lambda p: p["examples"].pop(), "2 examples, at least 3 are needed"),
    (lambda p: p["meaning"].pop("tl"), "meaning lacks tl"),
    (lambda p: p["notes"].update(vi=""), "notes lacks vi"),
    (lambda p: p["mistakes"].update(my="Not てはいいです."), "mistakes in my is not in Myanmar"),
    (lambda p: p["meaning"].update(en="You may do it if you ask.", id="You may do it if you ask."),
     "meaning in id is a copy of the English"),
    (lambda p: p["examples"][1]["translations"].pop("my"), "example 2: translations lacks my"),
    (lambda p: p["examples"][2].update(form="てはいけない"), "example 3: the form 'てはいけない' does not"),
    (lambda p: p.update(related=["n5-no-such-point"]), "related 'n5-no-such-point' is not a grammar point"),
    (lambda p: p["items"].pop(0), "2 grammar_form and 1 sentence_composition items; at least 3 and 1"),
    (lambda p: p["items"].pop(), "3 grammar_form and 0 sentence_composition items"),
    (lambda p: p["items"][0]["explanation"].pop("id"), "item n5-temo-ii-f1: explanation lacks id"),
    (lambda p: p["items"][1].update(prompt="まどを あけても いいですか。"), "f2: the prompt needs exactly"),
    (lambda p: p["items"][1].update(prompt="（　）を あけて（　）か。"), "exactly one （　）, it has 2"),
    (lambda p: p["items"][3].update(prompt="あした ＿＿ ＿＿ ＿＿ ＿＿ か。"), "c1: the prompt needs four"),
    (lambda p: p["items"][3].update(prompt="あした ＿＿ ★ ＿＿ か。"), "c1: the prompt needs four slots"),
    (lambda p: p["items"][3].update(prompt="あした ★ ＿＿ ★ ＿＿ か。"), "c1: the prompt needs four slots"),
])
def test_each_content_rule_fails_on_a_broken_point(tmp_path, change, message):
    point = broken(change)
    root = write(tmp_path, [point])
    found = problems(root)
    assert any(message in p and p.startswith("n5/01-test.json: ") for p in found), found


def test_the_clean_fixture_has_no_problems(tmp_path):
    assert problems(write(tmp_path, [make_point()])) == []


def test_star_always_in_the_same_slot_across_a_level_fails(tmp_path):
    same = [good_point(f"n5-p{n}", star_at=3) for n in range(4)]
    found = problems(write(tmp_path, same))
    assert any("N5: ★ is always in position 3 of the 4 sentence_composition items" in p for p in found)
    varied = [good_point(f"n5-p{n}", star_at=n % 4 + 1) for n in range(4)]
    assert problems(write(tmp_path, varied)) == []


def test_a_file_whose_keys_sit_in_one_choice_position_fails(tmp_path):
    same = [make_point(f"n5-p{n}", items=[gf(), gf(), gf(), *stars(n % 4 + 1)]) for n in range(3)]
    found = problems(write(tmp_path, same))
    assert any("01-test.json: the answer is choice 1 in 9 of its 9 grammar_form and text_grammar items" in p
               for p in found)
    spread = [good_point(f"n5-p{n}", star_at=n % 4 + 1) for n in range(3)]
    assert problems(write(tmp_path, spread)) == []


def test_a_passage_needs_two_or_three_blanks_that_match_its_items(tmp_path):
    assert problems(write(tmp_path, [make_point()], [passage(blanks=3)])) == []
    found = problems(write(tmp_path, [make_point()], [passage(blanks=4)]))
    assert any("passage n5-gp-passage-01: 4 blanks; a passage has 2–3" in p for p in found)
    bad = passage()
    bad["text"] = bad["text"].replace("［２］", "")
    found = problems(write(tmp_path, [make_point()], [bad]))
    assert any("the text's blanks [1] do not match its 2 items" in p for p in found)


def test_content_check_counts_points_items_passages_and_languages(tmp_path):
    points = [good_point(f"n5-p{n}", star_at=n % 4 + 1) for n in range(4)]
    points[1]["notes"].pop("vi")
    write(tmp_path, points, [passage("n5-gp-passage-01", point="n5-p0")])
    report = content_check(tmp_path)
    assert report.grammar["N5"]["points"] == 4 and report.grammar["N5"]["passages"] == 1
    assert report.grammar["N5"]["items"] == {"grammar_form": 12, "sentence_composition": 4, "text_grammar": 2}
    assert report.grammar["N5"]["star_positions"] == [1, 1, 1, 1]
    assert report.grammar["N5"]["languages_complete"] is False
    assert any("grammar/n5/01-test.json: point n5-p1: notes lacks vi" in p for p in report.problems)
    assert len([i for i in report.items if i.grammar_point]) == 18
    table = format_counts(report)
    assert "grammar N5: 4 points (target 80), 1 passages (need 10)" in table
    assert "languages complete no" in table


# --- the hosts' API ----------------------------------------------------------------------------


def test_search_matches_pattern_slug_and_meaning_in_any_language(tmp_path):
    other = make_point("n5-tewa-ikemasen", pattern="〜てはいけません",
                       meaning={**five("You must not do it."), "vi": "Không được làm."})
    loaded = grammar.load(write(tmp_path, [make_point(), other]))
    assert [p.id for p in loaded.search("N5", "てはいけ")] == ["n5-tewa-ikemasen"]
    assert [p.id for p in loaded.search("n5", "tewa ikemasen")] == ["n5-tewa-ikemasen"]
    assert [p.id for p in loaded.search("N5", "KHÔNG ĐƯỢC")] == ["n5-tewa-ikemasen"]
    assert [p.id for p in loaded.search("N5", "〜ても")] == ["n5-temo-ii"]
    assert loaded.search("N4", "ても") == [] and len(loaded.search("N5", " ")) == 2


def test_items_for_gives_the_points_own_and_passage_items(tmp_path):
    loaded = grammar.load(write(tmp_path, [make_point(), make_point("n5-other")], [passage()]))
    ids = [i.id for i in loaded.items_for(["n5-temo-ii"])]
    assert ids == ["n5-temo-ii-f1", "n5-temo-ii-f2", "n5-temo-ii-f3", "n5-temo-ii-c1",
                   "n5-gp-passage-01-1", "n5-gp-passage-01-2"]
    with pytest.raises(ItemError, match="no grammar point 'n5-nope'"):
        loaded.items_for(["n5-nope"])
    with pytest.raises(ItemError, match="no grammar point"):
        loaded.point("n5-nope")
    assert loaded.point("n5-other").to_dict()["examples"][0]["ruby"][1] == ["休憩", "きゅうけい"]


# --- the shipped content -----------------------------------------------------------------------


SHIPPED = grammar.load(grammar.GRAMMAR_DIR, collect=True)


def test_the_shipped_grammar_loads_and_breaks_no_rule():
    assert SHIPPED.problems == []
    assert grammar.check(SHIPPED) == []


def test_every_shipped_point_has_its_items_in_the_default_bank():
    bank = default_bank()
    for point in grammar.points():
        for item_id in point.item_ids:
            assert bank.get(item_id).grammar_point == point.id
    assert all(item.grammar_point in SHIPPED.points_by_id for item in SHIPPED.items)


def test_shipped_examples_and_keys_hold_together():
    for item in SHIPPED.items:
        if item.type is ItemType.SENTENCE_COMPOSITION:
            # the explanation gives the whole sentence: every piece occurs in it
            whole = plain(item.explanation_translations["en"])
            missing = [c for c in item.choices if plain(c) not in whole]
            assert not missing, f"{item.id}: the explanation's sentence lacks {missing}"
    for point in SHIPPED.points_by_id.values():
        for example in point.examples:
            assert set(example.translations) >= set(TRANSLATION_LANGUAGES), point.id


def test_the_points_per_level_are_printed_against_the_targets():
    text = grammar.format_summary(grammar.summary(SHIPPED))
    for level, found in grammar.summary(SHIPPED).items():
        assert f"grammar {level}: {found['points']} points" in text
        print(f"{level}: {found['points']} points (target {grammar.TARGET_POINTS[level]})")


def test_loading_the_grammar_stays_fast():
    """Every level's points load in well under a second on an idle machine (0.03 s for 20 points,
    about 0.4 s for 176 points on a machine ten times overloaded); 5 s leaves room for CI."""
    start = time.perf_counter()
    loaded = grammar.load(grammar.GRAMMAR_DIR)
    assert time.perf_counter() - start < 5.0, f"{len(loaded.points_by_id)} points"


def test_the_ids_are_stable_and_well_formed():
    for item in SHIPPED.items:
        assert re.fullmatch(r"n[2-5]-[a-z0-9-]+-(f\d+|c\d+|\d+)", item.id), item.id
