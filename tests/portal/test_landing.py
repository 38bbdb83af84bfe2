def test_landing_page_greets_in_six_languages_and_links_the_demo(client, db):
    page = client.get("/").content.decode()
    for lang in ("en", "vi", "id", "tl", "my"):
        assert f'lang="{lang}"' in page
    assert "鹿児島" in page and 'href="/demo-lms/"' in page
    assert "CC BY-SA 4.0" in page
