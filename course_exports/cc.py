"""A course plan as an IMS Common Cartridge (``.imscc``) of LTI 1.3 resource links, for Moodle and Canvas.

Every activity becomes a ``cartridge_basiclti_link`` to the tool's launch URL with the activity's
settings as custom parameters (``lti_tool.claims`` reads them); the organisation follows the plan's
weeks. What each LMS imports, read from their importers:

* Moodle's restore recognises Common Cartridge 1.0 and 1.1 only: it looks for the 1.1 manifest
  namespace in the manifest's first 500 bytes (moodle/moodle backup/converter/imscc11/lib.php). Its
  LTI import keeps the title, description, launch URL and icon, and drops custom parameters
  (backup/cc/entity11.lti.class.php; sheets/course_modules_mod_lti.xml). So the default is 1.1, and
  each link's launch URL carries its settings in its query (``/lti/launch/?activity=mock_test&form=N5``),
  which Moodle keeps and the tool reads from the signed ``target_link_uri`` (``claims.url_settings``).
* Canvas imports 1.0 to 1.3, every resource type starting ``imsbasiclti``, and keeps ``blti:custom``
  and the ``canvas.instructure.com`` extension (``outcome`` makes the link a graded assignment)
  (instructure/canvas-lms lib/cc/importer/standard/converter.rb, blti_converter.rb).

``--cc-version 1.3`` writes the 1.3 manifest and ``imsbasiclti_xmlv1p3`` resources instead.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import urlencode

from curriculum.course_plan import Activity, CoursePlan

from .olx import Built, write_atomic

XSI = "http://www.w3.org/2001/XMLSchema-instance"
BLTI = "http://www.imsglobal.org/xsd/imsbasiclti_v1p0"
LTICM = "http://www.imsglobal.org/xsd/imslticm_v1p0"
LTICP = "http://www.imsglobal.org/xsd/imslticp_v1p0"
CANVAS = "canvas.instructure.com"
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Flavour:
    version: str
    manifest_ns: str
    lom_ns: str
    manifest_xsd: str
    resource_type: str
    link_ns: str
    link_xsd: str


FLAVOURS = {
    "1.1": Flavour("1.1.0", "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1",
                   "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/manifest",
                   "http://www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_imscp_v1p2_v1p0.xsd",
                   "imsbasiclti_xmlv1p0", "http://www.imsglobal.org/xsd/imslticc_v1p0",
                   "http://www.imsglobal.org/xsd/lti/ltiv1p0/imslticc_v1p0.xsd"),
    "1.3": Flavour("1.3.0", "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1",
                   "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest",
                   "http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd",
                   "imsbasiclti_xmlv1p3", "http://www.imsglobal.org/xsd/imslticc_v1p3",
                   "http://www.imsglobal.org/xsd/lti/ltiv1p3/imslticc_v1p3.xsd"),
}
VERSIONS = tuple(FLAVOURS)


def launch_url(base_url: str) -> str:
    return base_url.rstrip("/") + "/lti/launch/"


def login_url(base_url: str) -> str:
    return base_url.rstrip("/") + "/lti/login/"


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def link_xml(course: CoursePlan, activity: Activity, base_url: str, flavour: Flavour) -> bytes:
    """One ``cartridge_basiclti_link``: title, description, custom parameters, launch URL, vendor."""
    # Namespaces are written as plain attributes so the prefixes stay the ones every importer expects.
    root = ET.Element("cartridge_basiclti_link", {
        "xmlns": flavour.link_ns, "xmlns:blti": BLTI, "xmlns:lticm": LTICM, "xmlns:lticp": LTICP,
        "xmlns:xsi": XSI,
        "xsi:schemaLocation": f"{flavour.link_ns} {flavour.link_xsd} "
                              f"{BLTI} http://www.imsglobal.org/xsd/lti/ltiv1p0/imsbasiclti_v1p0.xsd "
                              f"{LTICM} http://www.imsglobal.org/xsd/lti/ltiv1p0/imslticm_v1p0.xsd "
                              f"{LTICP} http://www.imsglobal.org/xsd/lti/ltiv1p0/imslticp_v1p0.xsd",
    })
    custom = activity.lti_custom()
    _sub(root, "blti:title", activity.title)
    # Moodle's import drops blti:custom but keeps the launch URL, whose query carries the same settings.
    parameters = "; ".join(f"{k}={v}" for k, v in custom.items())
    _sub(root, "blti:description", f"{course.title}: {activity.title} ({parameters})")
    custom_el = _sub(root, "blti:custom")
    for name, value in custom.items():
        _sub(custom_el, "lticm:property", value, name=name)
    canvas = _sub(root, "blti:extensions", platform=CANVAS)
    _sub(canvas, "lticm:property", "public", name="privacy_level")
    points = course.points(activity)
    if points is not None:
        _sub(canvas, "lticm:property", f"{points:g}", name="outcome")
    url = launch_url(base_url) + ("?" + urlencode(custom) if custom else "")
    _sub(root, "blti:launch_url", url)
    if url.startswith("https://"):
        _sub(root, "blti:secure_launch_url", url)
    vendor = _sub(root, "blti:vendor")
    _sub(vendor, "lticp:code", "kagoshima-nihongo")
    _sub(vendor, "lticp:name", "Kagoshima Nihongo")
    _sub(vendor, "lticp:description",
         "JLPT and JFT-Basic practice and Kagoshima dialect for workers in Kagoshima")
    _sub(vendor, "lticp:url", base_url.rstrip("/") + "/")
    return _xml(root)


def files(course: CoursePlan, base_url: str, version: str = "1.1") -> dict[str, bytes]:
    """Every file of the cartridge, path → bytes: ``imsmanifest.xml`` first, then one XML per link."""
    flavour = FLAVOURS[version]
    manifest = ET.Element("manifest", {
        "identifier": f"kagoshima-nihongo-{course.id}-{course.run}",
        "xmlns": flavour.manifest_ns, "xmlns:lomimscc": flavour.lom_ns, "xmlns:xsi": XSI,
        "xsi:schemaLocation": f"{flavour.manifest_ns} {flavour.manifest_xsd}",
    })
    metadata = _sub(manifest, "metadata")
    _sub(metadata, "schema", "IMS Common Cartridge")
    _sub(metadata, "schemaversion", flavour.version)
    general = _sub(_sub(metadata, "lomimscc:lom"), "lomimscc:general")
    _sub(_sub(general, "lomimscc:title"), "lomimscc:string", course.title, language="en")
    _sub(_sub(general, "lomimscc:description"), "lomimscc:string", course.description, language="en")
    organization = _sub(_sub(manifest, "organizations"), "organization", identifier="org_1",
                        structure="rooted-hierarchy")
    root_item = _sub(organization, "item", identifier="root")
    resources = _sub(manifest, "resources")
    out: dict[str, bytes] = {}
    for chapter in course.chapters:
        module = _sub(root_item, "item", identifier=f"i_{chapter.url_name}")
        _sub(module, "title", chapter.title)
        for subsection in chapter.subsections:
            for unit in subsection.units:
                for activity in unit.activities:
                    ref = f"r_{activity.url_name}"
                    item = _sub(module, "item", identifier=f"i_{activity.url_name}", identifierref=ref)
                    _sub(item, "title", activity.title)
                    href = f"lti_resource_links/{ref}.xml"
                    resource = _sub(resources, "resource", identifier=ref, type=flavour.resource_type)
                    _sub(resource, "file", href=href)
                    out[href] = link_xml(course, activity, base_url, flavour)
    return {"imsmanifest.xml": _xml(manifest), **dict(sorted(out.items()))}


def pack(tree: dict[str, bytes]) -> bytes:
    """A zip with fixed times, the manifest first: two builds are byte-identical."""
    raw = BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in tree.items():
            info = zipfile.ZipInfo(path, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return raw.getvalue()


def build(course: CoursePlan, out_dir: Path, base_url: str, version: str = "1.1") -> Built:
    """Write ``<out_dir>/<course id>.imscc`` (replacing it whole, never half-written)."""
    data = pack(files(course, base_url, version))
    path = Path(out_dir) / f"{course.id}.imscc"
    write_atomic(path, data)
    modules = len(course.chapters)
    return Built(path, modules, len(course.units), len(course.activities), course.counts())
