"""`make demo`: the launcher serves every URL it prints, with the drill in the page; Ctrl-C stops it all."""

import html
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    port, wb_port = free_port(), free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "portal.cli", "demo", "--port", str(port),
         "--workbench-port", str(wb_port), "--var-dir", str(tmp_path_factory.mktemp("demo-var"))],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Press Ctrl-C" in line:
                break
        output = "".join(lines)
        assert "Press Ctrl-C" in output, output
        yield {"proc": proc, "output": output, "ports": (port, wb_port),
               "urls": re.findall(r"^\s+(http://\S+)$", output, re.M)}
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()


def follow_lti_launch(session: requests.Session, url: str, arrived: str = "nihongo-drill"
                      ) -> requests.Response:
    """A browser without JavaScript: follow redirects, then submit each auto-post form."""
    response = session.get(url, timeout=30)
    for _ in range(3):
        form = re.search(r'<form[^>]*action="([^"]+)"', response.text)
        if response.status_code != 200 or not form or arrived in response.text:
            break
        fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', response.text))
        fields = {k: html.unescape(v) for k, v in fields.items()}
        response = session.post(html.unescape(form.group(1)), data=fields, timeout=30)
    return response


def test_every_printed_url_answers_with_the_drill(demo):
    urls = demo["urls"]
    assert len(urls) == 12, demo["output"]
    landing, lms, learner_launch, manager_launch, workbench, admin, *more = urls
    assert "Kagoshima Nihongo" in requests.get(landing, timeout=30).text
    lms_page = requests.get(lms, timeout=30)
    assert lms_page.status_code == 200 and "k26-0001" in lms_page.text
    launched = follow_lti_launch(requests.Session(), learner_launch)
    assert launched.status_code == 200 and "nihongo-drill" in launched.text
    dashboard = follow_lti_launch(requests.Session(), manager_launch)
    # The demo LMS names users by its own opaque IDs, as real platforms do: the page shows names.
    assert dashboard.status_code == 200 and "Nguyen Thi Lan" in dashboard.text
    assert "Aung Ko Ko" not in dashboard.text and "k26-0001" not in dashboard.text
    wb = requests.get(workbench, timeout=30)
    assert wb.status_code == 200 and "nihongo-drill" in wb.text
    assert requests.get(admin, timeout=30).status_code == 200  # the login page
    deep_link, workbench_index, apply_form, review, outbox, sign_in = more
    picker = follow_lti_launch(requests.Session(), deep_link, arrived='name="activity"')
    assert picker.status_code == 200 and "dialect_lesson" in picker.text
    blocks = requests.get(workbench_index, timeout=30).text
    assert all(tag in blocks for tag in ("mock_test", "placement_test", "dialect_lesson", "study_progress"))
    assert "申請する" in requests.get(apply_form, timeout=30).text
    for staff_only in (review, outbox):
        assert "login" in requests.get(staff_only, timeout=30).url  # sent to sign in first
    assert "Login ID" in requests.get(sign_in, timeout=30).text


def test_the_demo_applies_the_weekly_login_rule(demo):
    out = demo["output"]
    assert "suspension  Kirishima Care Home (demo)" in out
    assert "replacement Sakurajima Foods (demo)" in out and "warning" in out
    # every notice reaches the outbox: by mail, or as a letter for the company without e-mail
    queued = re.search(r"(\d+) notice\(s\) queued in the outbox.*?(\d+) as letters to print.*?"
                       r"(\d+) with neither", out, re.S)
    assert queued and int(queued.group(1)) > 0 and int(queued.group(2)) > 0 and queued.group(3) == "0"


def test_ctrl_c_stops_both_servers(demo):
    proc = demo["proc"]
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 0
    assert "Demo stopped." in proc.stdout.read()
    assert not any(port_open(p) for p in demo["ports"])
