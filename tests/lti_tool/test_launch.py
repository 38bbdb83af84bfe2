"""A learner's launch through the real demo platform: the drill, in the learner's language."""

from django.test import Client

from curriculum.bank import default_bank
from lti_tool.models import LaunchRecord

from .harness import launch


def test_learner_launch_renders_the_drill_with_a_question(demo):
    launched = launch(Client(), "lan")
    assert launched.response.status_code == 200, launched.page
    page = launched.page
    assert 'class="nihongo-drill"' in page
    assert 'name="viewport"' in page
    assert "window.NihongoDrill.mount" in page and "NihongoDrill = {mount: mount}" in page
    item_id = __import__("re").search(r'data-item-id="([^"]+)"', page).group(1)
    item = default_bank().get(item_id)
    assert item.prompt in page
    assert item.instruction["vi"] in page  # the launch's locale is the learner's help language
    assert '<html lang="vi">' in page
    record = LaunchRecord.objects.get()
    assert (record.subject, record.context_id, record.resource_link_id, record.is_instructor) == (
        "sub-lan", f"company-{demo['lan'].company_id}", "drill-n5", False)


def test_a_learner_stopped_by_the_weekly_login_rule_cannot_start_the_drill(demo, client):
    demo["lan"].status = "stopped"
    demo["lan"].save()
    launched = launch(client, "lan")
    assert launched.response.status_code == 403
    # In lan's language (the launch's locale is Vietnamese): "your place ... has ended".
    assert "Suất học của bạn trong chương trình Kagoshima Nihongo đã kết thúc" in launched.page
    assert not LaunchRecord.objects.filter(subject="sub-lan").exists()
    assert launch(client, "budi").response.status_code == 200


def test_reloading_the_activity_page_shows_the_activity_again_not_a_replayed_launch(demo):
    client = Client()
    launched = launch(client, "lan")
    [(page_url, status)] = launched.response.redirect_chain
    assert status == 302 and "/lti/launched/" in page_url
    again = client.get(page_url, secure=True)  # the browser's reload
    assert again.status_code == 200 and "nihongo-drill" in again.content.decode()
    assert "replayed" not in again.content.decode()
    assert LaunchRecord.objects.filter(subject="sub-lan").count() == 1  # a reload is not another launch
    stranger = Client().get(page_url, secure=True)  # the page's address alone opens nothing
    assert stranger.status_code == 403
    assert "open the activity from your course again" in stranger.content.decode()


def test_reloading_the_managers_page_shows_it_again(demo):
    client = Client()
    launched = launch(client, "manager1")
    [(page_url, _status)] = launched.response.redirect_chain
    again = client.get(page_url, secure=True)
    assert again.status_code == 200 and "学習者の学習状況" in again.content.decode()
