"""The monthly report as one HTML page, read back with the standard library's HTML parser."""

from datetime import date
from html.parser import HTMLParser

from portal.cli import main
from programme.models import DailyActivity
from reports.html import write_html
from reports.monthly import Month, build
from tests.reports.test_monthly import ACTIVITY, COMPANIES, GENERATED, LEARNERS


class Page(HTMLParser):
    """Tags with their attributes, the text, and which <svg> each element sits in."""

    def __init__(self):
        super().__init__()
        self.tags, self.text, self.svg = [], [], -1
        self.in_svg = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.svg += 1
            self.in_svg = True
        self.tags.append((tag, attrs, self.svg if self.in_svg else None))

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg = False

    def handle_data(self, data):
        self.text.append(data)

    def count(self, tag, css_class, svg):
        return sum(1 for t, a, s in self.tags if t == tag and a.get("class") == css_class and s == svg)


def read(path):
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def test_the_page_has_three_charts_with_one_mark_per_week_and_company(tmp_path):
    frames = build(Month(2026, 10), COMPANIES, LEARNERS, ACTIVITY, GENERATED)
    page = read(write_html(frames, tmp_path / "october.html"))
    assert page.tags[0][0] == "html" and page.tags[0][1]["lang"] == "en"
    assert [t for t, _, _ in page.tags].count("svg") == 3
    weeks = len(frames["Usage"])
    assert weeks == 3
    assert page.count("circle", "point", 0) == weeks
    assert page.count("rect", "bar", 1) == weeks
    assert page.count("g", "company", 2) == len(COMPANIES)
    assert not any(t in ("script", "link", "img") for t, _, _ in page.tags)
    links = [v for _, a, _ in page.tags for k, v in a.items() if k in ("src", "href")]
    assert not any(v.startswith(("http", "//")) for v in links)


def test_every_sheet_is_a_table_and_the_notes_say_estimates_and_login_ids(tmp_path):
    frames = build(Month(2026, 10), COMPANIES, LEARNERS, ACTIVITY, GENERATED)
    page = read(write_html(frames, tmp_path / "october.html"))
    text = " ".join(page.text)
    assert [a.get("id") for t, a, _ in page.tags if t == "h2" and a.get("id")] == [
        "summary", "companies", "learners", "usage", "levels", "rules", "surveys", "operations"]
    assert "estimates" in text and "login ID only" in text
    assert "k26-0003" in text and "2026-11-10" in text
    assert any(t == "meta" and a.get("name") == "viewport" for t, a, _ in page.tags)


def test_an_empty_month_still_draws_three_charts(tmp_path):
    frames = build(Month(2026, 12), COMPANIES, LEARNERS, ACTIVITY, GENERATED)
    page = read(write_html(frames, tmp_path / "december.html"))
    assert [t for t, _, _ in page.tags].count("svg") == 3
    assert page.count("circle", "point", 0) == 0


def test_the_cli_writes_both_files_and_no_names(tmp_path, learner_factory):
    learner = learner_factory(display_name="Nguyen Thi Lan")
    DailyActivity.objects.create(learner=learner, day=date(2026, 10, 5), logins=1, items_answered=3,
                                 items_correct=2)
    xlsx, html = tmp_path / "october.xlsx", tmp_path / "october.html"
    assert main(["report", "monthly", "--month", "2026-10", "--out", str(xlsx), "--html", str(html),
                 "--lang", "en"]) == 0
    assert xlsx.exists()
    text = html.read_text(encoding="utf-8")
    assert learner.login_id in text
    assert "Nguyen" not in text and "Viet Nam" not in text and "特定技能" not in text
