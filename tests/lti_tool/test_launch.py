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
    assert "Your place in the Kagoshima Nihongo programme has ended" in launched.page
    assert not LaunchRecord.objects.filter(subject="sub-lan").exists()
    assert launch(client, "budi").response.status_code == 200
