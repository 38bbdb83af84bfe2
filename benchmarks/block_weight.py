"""Each XBlock's own first-load weight in the xblock-sdk workbench, and the LTI drill page's.

A block's weight is what a learner's phone downloads for it on first load: the fragment's HTML
(the student view as the workbench runtime renders it), its inline JS and CSS, and the block's own
public files it references (``/resource/<tag>/public/...``), each gzip'd at level 6 as a web server
would send them. Shared platform assets (jQuery, the LMS's CSS, fonts, audio) are not counted.
The reference figures for xblock-poll and drag-and-drop-v2 were measured the same way by the issue's
authors and are printed as given, not measured here.

The LTI drill page: a full launch through the demo LMS (tests/lti_tool/harness.py), the page's HTML
plus every same-site script and stylesheet it links, gzip'd; fonts and audio aside.

Usage: ``python benchmarks/block_weight.py`` (a throwaway SQLite database; nothing else is touched).
"""

from __future__ import annotations

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUDGET_KB = 15.0
PAGE_BUDGET_KB = 40.0
REFERENCE_KB = {"xblock-poll": 29.0, "drag-and-drop-v2": 52.0}
#: Files the runtime adds for every block (jQuery, its own JS): the platform's, not counted.
PLATFORM_FILES: set[str] = set()


def setup_django(var_dir: str) -> None:
    os.environ["NIHONGO_VAR_DIR"] = var_dir
    os.environ["NIHONGO_BASE_URL"] = "https://testserver"
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"  # the portal plus the workbench
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", run_syncdb=True, verbosity=0)  # the workbench has no migrations
    call_command("createcachetable", verbosity=0)


def gz(data: bytes | str) -> int:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return len(gzip.compress(raw, compresslevel=6, mtime=0))


def sample_olx() -> dict[str, str]:
    """One block of each kind, with the settings our courses give it (curriculum.course_plan)."""
    import xml.etree.ElementTree as ET

    from course_exports.olx import setting_string
    from curriculum.course_plan import plan

    found: dict[str, str] = {}
    for course_id in ("n5", "dialect"):
        for activity in plan(course_id).activities:
            if activity.kind not in found:
                attrs = {name: setting_string(value) for name, value in activity.settings.items()}
                found[activity.kind] = ET.tostring(ET.Element(activity.kind, attrs), encoding="unicode")
    return found


def block_weight(tag: str, olx: str) -> dict:
    """Render one block's student view for a first-time learner and weigh what it sends."""
    from workbench.runtime import WorkbenchRuntime

    runtime = WorkbenchRuntime("bench-learner")
    runtime.id_generator.set_scenario(f"weight-{tag}")
    block = runtime.get_block(runtime.parse_xml_string(olx))
    fragment = runtime.render(block, "student_view")
    html = fragment.body_html()
    inline = {"js": [], "css": []}
    urls = set(re.findall(rf"/resource/{re.escape(tag)}/(public/[^\"'\s)]+)", html))
    for resource in fragment.resources:
        kind = "js" if "javascript" in resource.mimetype else "css"
        if resource.kind == "text":
            inline[kind].append(resource.data)
        elif resource.kind == "url":
            match = re.search(rf"/resource/{re.escape(tag)}/(public/.+)$", urlsplit(resource.data).path)
            if match:
                urls.add(match.group(1))
            else:
                PLATFORM_FILES.add(urlsplit(resource.data).path)
    files = {}
    for uri in sorted(urls):
        with block.open_local_resource(uri) as handle:
            files[uri] = handle.read()
    page = html + "".join(inline["js"]) + "".join(inline["css"])
    return {
        "html": len(html.encode()), "js": sum(len(s.encode()) for s in inline["js"]),
        "css": sum(len(s.encode()) for s in inline["css"]), "files": sum(len(b) for b in files.values()),
        "gzip": gz(page) + sum(gz(b) for b in files.values()), "stub": "being built" in html,
    }


def drill_page_weight() -> dict:
    """The drill page after a real launch from the demo LMS, with its same-site CSS and JS."""
    import requests
    from django.test import Client

    from lti_tool import services
    from tests.lti_tool import harness

    sent: list = []

    def session():
        s = requests.Session()
        s.mount(harness.BASE, harness.InProcessAdapter(sent))
        return s

    services.http_session = session
    harness.make_programme(harness.BASE)
    client = Client()
    launched = harness.launch(client, "lan")
    assert launched.response.status_code == 200, launched.response.status_code
    page = launched.page
    links = re.findall(r'<(?:script[^>]+src|link[^>]+href)="([^"]+)"', page)
    assets = {}
    for url in links:
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "testserver":
            continue
        if re.search(r"\.(woff2?|ttf|otf|mp3|ogg|m4a|png|svg|ico)$", parts.path):
            continue
        answer = client.get(parts.path, secure=True)
        if answer.status_code == 200:
            assets[parts.path] = b"".join(answer) if answer.streaming else answer.content
    return {"html": len(page.encode()), "assets": sum(len(b) for b in assets.values()),
            "gzip": gz(page) + sum(gz(b) for b in assets.values()), "count": len(assets)}


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def main() -> int:
    with tempfile.TemporaryDirectory() as var_dir:
        setup_django(var_dir)
        print("Block first-load weight (workbench student_view; gzip level 6; KB = 1024 bytes)\n")
        print(f"{'block':<16}{'html':>8}{'js':>8}{'css':>8}{'files':>8}{'gzip KB':>9}{'budget':>8}"
              f"{'vs budget':>10}{'vs poll':>9}{'vs dnd':>8}  note")
        for tag, olx in sample_olx().items():
            try:
                w = block_weight(tag, olx)
            except Exception as exc:  # a block another helper is still building
                print(f"{tag:<16}{'could not render: ' + type(exc).__name__ + ': ' + str(exc)[:60]}")
                continue
            size = w["gzip"] / 1024
            print(f"{tag:<16}{kb(w['html']):>8}{kb(w['js']):>8}{kb(w['css']):>8}{kb(w['files']):>8}"
                  f"{size:>9.1f}{BUDGET_KB:>8.0f}{size / BUDGET_KB:>10.2f}"
                  f"{size / REFERENCE_KB['xblock-poll']:>9.2f}{size / REFERENCE_KB['drag-and-drop-v2']:>8.2f}"
                  f"  {'stub (still being built)' if w['stub'] else ('OK' if size <= BUDGET_KB else 'OVER')}")
        if PLATFORM_FILES:
            print(f"{'':<16}not counted (the runtime's, shared by every block): "
                  + ", ".join(sorted(p.rsplit("/", 1)[-1] for p in PLATFORM_FILES)))
        for name, size in REFERENCE_KB.items():
            print(f"{name:<16}{'':>32}{size:>9.1f}{BUDGET_KB:>8.0f}{size / BUDGET_KB:>10.2f}"
                  f"{'':>17}  reference, not measured here")
        print("\nLTI tool drill page, first load "
              "(HTML + same-site CSS/JS, gzip level 6; fonts and audio aside)\n")
        try:
            page = drill_page_weight()
        except Exception as exc:
            print(f"could not launch: {type(exc).__name__}: {exc}")
        else:
            size = page["gzip"] / 1024
            print(f"html {kb(page['html'])} KB + {page['count']} assets {kb(page['assets'])} KB raw "
                  f"→ {size:.1f} KB gzip; target {PAGE_BUDGET_KB:.0f} KB ({size / PAGE_BUDGET_KB:.2f} of it, "
                  f"{'OK' if size <= PAGE_BUDGET_KB else 'OVER'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
