"""Effect surveys (P9): the definitions, the public form at a signed link, one response per link, totals."""

import pytest
from django.core import signing

from portal.cli import main
from programme.surveys import catalogue, flows, tokens
from programme.surveys.definitions import LEARNER_LANGUAGES, Survey, problems
from programme.surveys.models import SurveyResponse
from programme.surveys.texts import UI
from tests.conftest import jst

VALID = {"improved": "4", "phone": "5", "dialect": "3", "minutes": "30-60", "recommend": "yes",
         "comment": "Thank you, teacher Tran Thi Mai!"}


@pytest.fixture
def learner(learner_factory):
    return learner_factory(login_id="k26-0007", help_language="vi")


@pytest.fixture
def learner_url(learner):
    return flows.link(flows.respondent_for("learner-end", learner_login_id=learner.login_id), "")


@pytest.fixture
def company_url(company_factory):
    company = company_factory()
    return flows.link(flows.respondent_for("company-effect", company_id=company.pk), "")


# The definitions ---------------------------------------------------------------------------------

@pytest.mark.parametrize("survey", catalogue.SURVEYS.values(), ids=catalogue.SURVEYS)
def test_every_text_is_translated_into_each_offered_language(survey):
    assert problems(survey) == []
    assert Survey.from_dict(survey.to_dict()) == survey
    assert len(survey.questions) == 6


def test_the_check_catches_a_missing_translation():
    data = catalogue.LEARNER_END.to_dict()
    del data["questions"][1]["high"]["my"]
    data["questions"][3]["text"]["fr"] = "Combien de minutes ?"
    assert problems(Survey.from_dict(data)) == ["learner-end.phone.high: no text in my",
                                                "learner-end.minutes: text in a language not offered: fr"]


def test_learner_surveys_speak_the_six_help_languages_and_the_form_words_too():
    assert catalogue.LEARNER_END.languages == LEARNER_LANGUAGES
    assert catalogue.COMPANY_EFFECT.languages == ("ja", "en")
    assert {lang: sorted(words) for lang, words in UI.items()} == {lang: sorted(UI["en"]) for lang in
                                                                    LEARNER_LANGUAGES}
    from programme.surveys.texts import LOCALE, SOURCE
    from xblocks.common import catalogue as catalogues
    table = catalogues.table(LOCALE, "django")
    assert catalogues.problems(table, set(SOURCE.values())) == []  # every word in ja, vi, id, tl, my
    assert catalogues.stale(LOCALE, "django") == []


# The form ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LEARNER_LANGUAGES)
def test_the_form_renders_in_each_language(client, learner_url, lang):
    response = client.get(f"{learner_url}?lang={lang}")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in page and 'name="viewport"' in page
    survey = catalogue.LEARNER_END
    assert survey.title[lang] in page
    for question in survey.questions:
        assert question.text[lang] in page
    assert survey.question("minutes").options[0].text[lang] in page
    assert UI[lang]["send"] in page


def test_without_lang_the_learners_help_language_is_used(client, learner_url):
    page = client.get(learner_url).content.decode()
    assert '<html lang="vi">' in page and catalogue.LEARNER_END.question("improved").text["vi"] in page


def test_a_company_form_is_japanese_by_default_and_offers_english_only(client, company_url):
    assert '<html lang="ja">' in client.get(company_url).content.decode()
    assert '<html lang="ja">' in client.get(f"{company_url}?lang=vi").content.decode()
    page = client.get(f"{company_url}?lang=en").content.decode()
    assert catalogue.COMPANY_EFFECT.question("safety").text["en"].split(" (")[0] in page


def test_invalid_answers_re_render_with_what_to_fix_in_the_learners_language(client, learner_url):
    answers = {**VALID, "improved": "", "phone": "9", "minutes": "forever"}
    response = client.post(f"{learner_url}?lang=vi", answers)
    page = response.content.decode()
    assert response.status_code == 200
    assert UI["vi"]["fix_below"] in page
    assert page.count(UI["vi"]["pick_scale"]) == 2 and page.count(UI["vi"]["pick_one"]) == 1
    assert 'value="yes" checked' in page and "Tran Thi Mai" in page  # what was right is kept
    assert SurveyResponse.objects.count() == 0


def test_optional_questions_may_be_left_empty_but_comments_have_a_limit(client, learner_url):
    response = client.post(f"{learner_url}?lang=en", {**VALID, "comment": "x" * 2001})
    assert "Please shorten this to 2000 characters or fewer (now 2001)." in response.content.decode()
    client.post(f"{learner_url}?lang=en", {**VALID, "dialect": "", "comment": ""})
    assert SurveyResponse.objects.get().answers == {"improved": 4, "phone": 5, "minutes": "30-60",
                                                    "recommend": "yes"}


def test_a_valid_submission_is_stored_once(client, learner, learner_url):
    first = client.post(f"{learner_url}?lang=id", VALID).content.decode()
    assert UI["id"]["thanks"] in first
    response = SurveyResponse.objects.get()
    assert (response.survey_id, response.learner, response.company, response.language) == (
        "learner-end", learner, learner.company, "id")
    assert response.answers == {"improved": 4, "phone": 5, "dialect": 3, "minutes": "30-60",
                                "recommend": "yes", "comment": "Thank you, teacher Tran Thi Mai!"}

    again = client.post(f"{learner_url}?lang=id", {**VALID, "improved": "1"}).content.decode()
    assert UI["id"]["already"] in again
    assert UI["id"]["already"] in client.get(learner_url + "?lang=id").content.decode()
    assert SurveyResponse.objects.get().answers["improved"] == 4


def test_submit_is_refused_by_the_database_too_when_two_arrive_at_once(learner):
    respondent = flows.respondent_for("learner-end", learner_login_id=learner.login_id)
    first, _ = flows.submit(respondent, VALID, "en", jst(2027, 2, 1))
    second, errors = flows.submit(respondent, VALID, "en", jst(2027, 2, 1))
    assert first is not None and (second, errors) == (None, {}) and SurveyResponse.objects.count() == 1


def test_forged_altered_or_misdirected_tokens_are_refused(client, learner, learner_url):
    token = learner_url.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps({"s": "learner-end", "c": learner.company_id, "l": learner.pk}, salt="other",
                           compress=True)
    urls = [f"/surveys/learner-end/{forged}/", f"/surveys/learner-end/{token[:-2]}xx/",
            f"/surveys/company-effect/{token}/", f"/surveys/no-such-survey/{token}/"]
    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url, VALID).status_code == 404
    assert SurveyResponse.objects.count() == 0


def test_a_token_names_its_survey_and_respondent(learner):
    respondent = tokens.Respondent("learner-end", learner.company_id, learner.pk)
    assert tokens.read("learner-end", tokens.make(respondent)) == respondent
    with pytest.raises(tokens.BadToken):
        tokens.read("company-effect", tokens.make(respondent))


# The CLI and the totals --------------------------------------------------------------------------

def test_cli_prints_a_link_that_opens_the_form(client, learner, capsys, settings):
    settings.NIHONGO_BASE_URL = "https://nihongo.example"
    assert main(["survey", "link", "--survey", "learner-end", "--learner", "k26-0007"]) == 0
    url = capsys.readouterr().out.strip()
    assert url.startswith("https://nihongo.example/surveys/learner-end/")
    assert client.get(url.removeprefix("https://nihongo.example")).status_code == 200


def test_cli_link_refuses_the_wrong_audience(learner, capsys):
    assert main(["survey", "link", "--survey", "learner-end", "--company", str(learner.company_id)]) == 1
    assert main(["survey", "link", "--survey", "company-effect", "--learner", "k26-0007"]) == 1
    assert main(["survey", "link", "--survey", "nope", "--learner", "k26-0007"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: learner-end is for learners: name an existing learner's login ID",
        "error: company-effect is for companies: name an existing company ID",
        "error: no survey 'nope'; known: learner-end, company-effect",
    ]


def test_totals_count_and_average_each_question(learner_factory, capsys):
    given = [{"improved": "5", "phone": "4", "minutes": "over-120", "recommend": "yes", "comment": "Good"},
             {"improved": "4", "phone": "2", "dialect": "5", "minutes": "30-60", "recommend": "yes"},
             {"improved": "2", "phone": "4", "dialect": "4", "minutes": "30-60", "recommend": "no"}]
    for answers in given:
        respondent = flows.respondent_for("learner-end", learner_login_id=learner_factory().login_id)
        assert flows.submit(respondent, answers, "en", jst(2027, 2, 1))[1] == {}

    result = flows.totals("learner-end")
    assert result["responses"] == 3
    questions = result["questions"]
    assert questions["improved"] == {"kind": "scale", "text": catalogue.LEARNER_END.questions[0].text["ja"],
                                     "answered": 3, "counts": {1: 0, 2: 1, 3: 0, 4: 1, 5: 1}, "mean": 3.67}
    assert (questions["dialect"]["answered"], questions["dialect"]["mean"]) == (2, 4.5)
    assert questions["minutes"]["counts"] == {"under-30": 0, "30-60": 2, "60-120": 0, "over-120": 1}
    assert questions["recommend"]["counts"] == {"yes": 2, "not-sure": 0, "no": 1}
    assert questions["comment"] == {"kind": "text", "text": catalogue.LEARNER_END.questions[5].text["ja"],
                                    "answered": 1}  # counted, never copied into the totals
    assert flows.totals("company-effect")["responses"] == 0

    assert main(["survey", "totals", "--survey", "learner-end"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "learner-end: 3 responses",
        "improved (scale): 3 answered mean 3.67 | 1:0 2:1 3:0 4:1 5:1",
        "phone (scale): 3 answered mean 3.33 | 1:0 2:1 3:0 4:2 5:0",
        "dialect (scale): 2 answered mean 4.50 | 1:0 2:0 3:0 4:1 5:1",
        "minutes (choice): 3 answered | under-30:0 30-60:2 60-120:0 over-120:1",
        "recommend (choice): 3 answered | yes:2 not-sure:0 no:1",
        "comment (text): 1 answered",
    ]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["my", "vi"])
def test_the_form_fits_a_phone_and_points_at_what_to_fix(live_server, transactional_db, learner_factory, lang,
                                                         monkeypatch):
    import os

    from playwright.sync_api import expect, sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop runs in this thread
    learner = learner_factory(help_language=lang)
    respondent = flows.respondent_for("learner-end", learner_login_id=learner.login_id)
    url = live_server.url + flows.link(respondent, "")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
            page.get_by_role("radio", name="4").first.check()
            page.get_by_role("button", name=UI[lang]["send"]).click()
            expect(page.locator("#e-phone")).to_have_text(UI[lang]["pick_scale"])
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            if os.environ.get("SURVEY_SHOTS"):
                page.screenshot(path=f"{os.environ['SURVEY_SHOTS']}/survey-{lang}.png", full_page=True)
        finally:
            browser.close()
    assert SurveyResponse.objects.count() == 0
