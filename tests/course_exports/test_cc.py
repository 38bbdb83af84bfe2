"""``cc.build``: the manifest and LTI links, read back as Moodle, Canvas and our tool read them."""

import xml.etree.ElementTree as ET
import zipfile
from urllib.parse import urlencode

import pytest

from course_exports import cc
from curriculum.course_plan import courses, plan
from curriculum.drill import DrillConfig
from lti_tool.claims import LTI, activity_settings, read_launch

BASE = "https://nihongo.example.jp"
BLTI = "{http://www.imsglobal.org/xsd/imsbasiclti_v1p0}"
LTICM = "{http://www.imsglobal.org/xsd/imslticm_v1p0}"


def cartridge(tmp_path, course_id, version="1.1"):
    path = cc.build(plan(course_id), tmp_path, BASE, version).path
    return zipfile.ZipFile(path)


def manifest(archive, version="1.1"):
    ns = {"cc": cc.FLAVOURS[version].manifest_ns}
    return ET.fromstring(archive.read("imsmanifest.xml")), ns


def links(archive, version="1.1"):
    """Each resource's link: (organisation title, title, custom parameters, launch URL, root element)."""
    root, ns = manifest(archive, version)
    titles = {i.get("identifierref"): i.find("cc:title", ns).text for i in root.iterfind(".//cc:item", ns)
              if i.get("identifierref")}
    for resource in root.iterfind("cc:resources/cc:resource", ns):
        assert resource.get("type") == cc.FLAVOURS[version].resource_type
        link = ET.fromstring(archive.read(resource.find("cc:file", ns).get("href")))
        custom = {p.get("name"): p.text for p in link.iterfind(f"{BLTI}custom/{LTICM}property")}
        yield titles[resource.get("identifier")], link.findtext(f"{BLTI}title"), custom, \
            link.findtext(f"{BLTI}launch_url"), link


def launch_body(custom, title):
    """The id_token payload an LMS sends for this link (what lti_tool.claims.read_launch reads)."""
    return {"iss": "https://lms.example", "aud": "tool-1", "sub": "learner-1",
            LTI + "resource_link": {"id": "rl-1", "title": title}, LTI + "custom": custom,
            LTI + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"]}


def test_moodle_recognises_the_manifest_as_common_cartridge_1_1(tmp_path):
    # Moodle's imscc11 converter: the first 500 bytes, lower-cased, without whitespace and quotes.
    head = cartridge(tmp_path, "n5").read("imsmanifest.xml")[:500].decode().lower()
    head = "".join(head.split()).replace('"', "").replace("'", "")
    assert "xmlns=http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" in head


@pytest.mark.parametrize("version", cc.VERSIONS)
def test_the_manifest_says_its_version_and_organises_links_by_week(tmp_path, version):
    archive = cartridge(tmp_path, "n4", version)
    root, ns = manifest(archive, version)
    assert root.findtext("cc:metadata/cc:schemaversion", namespaces=ns) == cc.FLAVOURS[version].version
    organization = root.find("cc:organizations/cc:organization", ns)
    assert organization.get("structure") == "rooted-hierarchy"
    modules = organization.findall("cc:item/cc:item", ns)
    course = plan("n4")
    assert [m.findtext("cc:title", namespaces=ns) for m in modules] == [c.title for c in course.chapters]
    refs = [i.get("identifierref") for m in modules for i in m.findall("cc:item", ns)]
    resources = [r.get("identifier") for r in root.iterfind("cc:resources/cc:resource", ns)]
    assert refs == resources and len(refs) == len(course.activities)


@pytest.mark.parametrize("course_id", courses())
def test_every_link_launches_the_tool_with_parameters_it_accepts(tmp_path, course_id):
    course = plan(course_id)
    by_title = {a.title: a for a in course.activities}
    seen = 0
    for org_title, title, custom, url, _link in links(cartridge(tmp_path, course_id)):
        activity = by_title[title]
        assert org_title == title
        assert url == f"{BASE}/lti/launch/?{urlencode(activity.lti_custom())}"
        assert custom == activity.lti_custom()
        moodle = {**launch_body({}, title), LTI + "target_link_uri": url}  # Moodle keeps only the URL
        assert read_launch(moodle).custom == read_launch(launch_body(custom, title)).custom
        kind, config = activity_settings(custom)
        launch = read_launch(launch_body(custom, title))
        assert launch.activity == kind == activity.lti_activity
        if kind == "jlpt_drill":
            assert config == DrillConfig(level=activity.settings["level"], item_count=10,
                                         types=tuple(activity.settings["item_types"]),
                                         grammar_points=tuple(activity.settings.get("grammar_points", ())))
        if kind == "grammar_notes":
            assert (config.level, list(config.points)) == (activity.settings["level"],
                                                           activity.settings["grammar_points"])
        for name in ("form", "lesson"):
            if name in activity.settings:
                assert launch.setting(name) == activity.settings[name]
        seen += 1
    assert seen == len(course.activities)


def test_graded_links_become_canvas_assignments_and_the_rest_do_not(tmp_path):
    course = plan("n5")
    points = {}
    for _org, title, _custom, _url, link in links(cartridge(tmp_path, "n5")):
        canvas = link.find(f"{BLTI}extensions[@platform='canvas.instructure.com']")
        outcome = canvas.find(f"{LTICM}property[@name='outcome']")
        points[title] = None if outcome is None else float(outcome.text)
    assert points["Placement test"] is None
    assert points["Week 1: Kanji"] == 10
    assert points["Mock test 1 (JLPT N5)"] == course.points(course.activities[-1]) == 300


def test_teachers_see_the_settings_in_the_description(tmp_path):
    for _org, title, custom, _url, link in links(cartridge(tmp_path, "dialect")):
        description = link.findtext(f"{BLTI}description")
        assert all(f"{k}={v}" in description for k, v in custom.items()), title


def test_links_follow_the_basic_lti_schema_order_and_name_the_vendor(tmp_path):
    order = ["title", "description", "custom", "extensions", "launch_url", "secure_launch_url", "vendor"]
    for *_rest, link in links(cartridge(tmp_path, "n2")):
        assert [child.tag.split("}")[1] for child in link] == order
        assert link.findtext(f"{BLTI}vendor/{{http://www.imsglobal.org/xsd/imslticp_v1p0}}code") == \
            "kagoshima-nihongo"


def test_an_http_base_url_has_no_secure_launch_url(tmp_path):
    archive = zipfile.ZipFile(cc.build(plan("n5"), tmp_path, "http://127.0.0.1:8000/").path)
    *_rest, url, link = next(links(archive))
    assert url.startswith("http://127.0.0.1:8000/lti/launch/?activity=")
    assert link.find(f"{BLTI}secure_launch_url") is None


def test_two_builds_are_byte_identical(tmp_path):
    first = cc.build(plan("jft"), tmp_path / "a", BASE).path.read_bytes()
    second = cc.build(plan("jft"), tmp_path / "b", BASE).path.read_bytes()
    assert first == second
    assert zipfile.ZipFile(tmp_path / "a" / "jft.imscc").namelist()[0] == "imsmanifest.xml"
