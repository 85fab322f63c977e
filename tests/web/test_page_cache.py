"""Question and start pages come from a cache of rendered pages when the same page was made before.
What must hold: nobody ever sees another young person's answers or form token, and a page is never
shown in the wrong language, version or state."""

from __future__ import annotations

from pathlib import Path

from litestar.testing import TestClient

from tests.conftest import csrf, get_page, start
from voice.common.settings import Settings
from voice.web.app import create_app

SECRET_WORDS = "my private worry about my stepdad"


def visitor(settings: Settings) -> TestClient:
    return TestClient(create_app(settings))


def fill_page_two(client: TestClient, text: str) -> str:
    url = start(client, "ypag-priorities")
    page = get_page(client, url)
    client.post(url, data={"_csrf_token": csrf(page), "age_band": "14-15"}, follow_redirects=False)
    two = "/s/ypag-priorities/p/2"
    page = get_page(client, two)
    client.post(two, data={"_csrf_token": csrf(page), "most_important": text}, follow_redirects=False)
    return two


def test_no_one_sees_another_young_persons_answers_or_form_token(settings: Settings) -> None:
    app = create_app(settings)  # one worker, one cache, two young people (the service runs once)
    with TestClient(app) as amy:
        ben = TestClient(app)
        two = fill_page_two(amy, SECRET_WORDS)
        start(ben, "ypag-priorities")
        ben.post(
            "/s/ypag-priorities/p/1",
            data={"_csrf_token": csrf(get_page(ben, "/s/ypag-priorities/p/1")), "age_band": "14-15"},
            follow_redirects=False,
        )
        for _ in range(2):  # the second time from the cache
            amys = amy.get(two).text
            bens = ben.get(two).text
            assert SECRET_WORDS in amys  # her answer shown back to her when she goes back
            assert SECRET_WORDS not in bens
            amy_token, ben_token = csrf(get_page(amy, two)), csrf(get_page(ben, two))
            assert amy_token != ben_token
            # each token is the one that works for that visitor, and only for them
            assert ben.post(two, data={"_csrf_token": amy_token}, follow_redirects=False).status_code == 403
            assert ben.post(two, data={"_csrf_token": ben_token}, follow_redirects=False).status_code == 303


def test_the_same_page_in_another_language_or_easy_read_is_not_taken_from_the_cache(settings: Settings) -> None:
    with visitor(settings) as client:
        url = start(client, "ypag-priorities")
        english = client.get(url).text
        urdu = client.get(url + "?lang=ur").text
        assert 'lang="ur"' in urdu and 'dir="rtl"' in urdu and 'lang="en"' in english
        assert client.get(url).text.count('dir="rtl"') == english.count('dir="rtl"')
        client.get("/easy-read/on?next=/")
        easy = client.get(url).text
        assert easy != english and "easy-read/off" in easy


def test_a_new_version_of_the_survey_is_not_served_from_the_cache(settings: Settings, surveys_dir: Path) -> None:
    from tests.conftest import until

    with visitor(settings) as client:
        assert "Start now" in client.get("/s/ypag-priorities").text
        path = surveys_dir / "ypag-priorities.yaml"
        path.write_text(path.read_text().replace("estimated_minutes: 5", "estimated_minutes: 5\nstatus: closed"))
        assert until(lambda: "This survey is closed" in client.get("/s/ypag-priorities").text)
