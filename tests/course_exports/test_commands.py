"""``nihongo export olx|cc``: exit codes, messages and what lands on disk."""

import tarfile
import zipfile

import pytest

from curriculum.course_plan import plan
from portal.cli import main
from portal.config import CONFIG


def run(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own errors and --help
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def test_export_olx_writes_the_archive_and_says_what_is_in_it(tmp_path, capsys):
    code, out, err = run(capsys, "export", "olx", "--course", "n5", "--out", str(tmp_path / "courses"))
    assert code == 0, err
    path = tmp_path / "courses" / "n5.tar.gz"
    assert tarfile.is_tarfile(path)
    assert f"wrote {path}" in out
    assert ("9 chapters, 51 units, 59 blocks (jlpt_drill 40, mock_test 2, placement_test 1, "
            "study_progress 8, grammar_notes 8)") in out
    assert "Tools → Import" in out


def test_export_cc_uses_the_given_base_url(tmp_path, capsys):
    code, out, err = run(capsys, "export", "cc", "--course", "dialect", "--out", str(tmp_path),
                         "--base-url", "https://nihongo.example.jp/")
    assert code == 0, err
    assert "launch https://nihongo.example.jp/lti/launch/, login https://nihongo.example.jp/lti/login/" in out
    lessons = plan("dialect").counts()["dialect_lesson"]
    assert f"{lessons + 1} LTI links (dialect_lesson {lessons}, study_progress 1)" in out
    assert zipfile.ZipFile(tmp_path / "dialect.imscc").namelist()[0] == "imsmanifest.xml"


def test_export_cc_defaults_to_the_portals_base_url_and_warns_when_it_is_not_https(tmp_path, capsys):
    code, out, err = run(capsys, "export", "cc", "--course", "n4", "--out", str(tmp_path))
    assert code == 0, err
    assert f"launch {CONFIG.base_url}/lti/launch/" in out
    assert ("warning: the base URL is not https" in err) == (not CONFIG.base_url.startswith("https://"))


def test_export_cc_can_write_common_cartridge_1_3(tmp_path, capsys):
    code, out, _err = run(capsys, "export", "cc", "--course", "n5", "--out", str(tmp_path),
                          "--cc-version", "1.3", "--base-url", "https://nihongo.example.jp")
    assert code == 0 and "Common Cartridge 1.3" in out
    assert b"imsccv1p3" in zipfile.ZipFile(tmp_path / "n5.imscc").read("imsmanifest.xml")


@pytest.mark.parametrize("kind", ["olx", "cc"])
def test_an_unknown_course_exits_2_listing_the_courses_and_writes_nothing(tmp_path, capsys, kind):
    out_dir = tmp_path / "courses"
    code, out, err = run(capsys, "export", kind, "--course", "n1", "--out", str(out_dir))
    assert code == 2
    assert err.strip() == "error: unknown course 'n1' (choose one of: n5, n4, n3, n2, jft, dialect)"
    assert out == "" and not out_dir.exists()


def test_out_naming_a_file_exits_2_and_leaves_it_alone(tmp_path, capsys):
    target = tmp_path / "notes.txt"
    target.write_text("keep me")
    code, _out, err = run(capsys, "export", "olx", "--course", "n5", "--out", str(target))
    assert code == 2 and "is a file (give a folder" in err
    assert target.read_text() == "keep me"


def test_an_unwritable_out_exits_2_with_the_reason(tmp_path, capsys):
    (tmp_path / "file").write_text("")
    code, _out, err = run(capsys, "export", "olx", "--course", "n5", "--out", str(tmp_path / "file" / "sub"))
    assert code == 2 and err.startswith("error: cannot write to ") and "(check --out)" in err


@pytest.mark.parametrize("url", ["ftp://nihongo.example.jp", "nihongo.example.jp", "https://x.jp/?a=1"])
def test_a_bad_base_url_exits_2_and_writes_nothing(tmp_path, capsys, url):
    code, _out, err = run(capsys, "export", "cc", "--course", "n5", "--out", str(tmp_path), "--base-url", url)
    assert code == 2 and "is not an address like https://nihongo.example.jp" in err
    assert list(tmp_path.iterdir()) == []


def test_missing_options_and_help(capsys):
    code, _out, err = run(capsys, "export", "olx", "--out", "x")
    assert code == 2 and "--course" in err
    code, out, _err = run(capsys, "export", "cc", "--help")
    assert code == 0
    for words in ("--course", "n5, n4, n3, n2, jft", "--base-url", "--cc-version", "/lti/launch/"):
        assert words in out
