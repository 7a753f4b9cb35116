import os
import shutil

import pytest

# the review page's tests run in headless Chromium (test_review.py, test_review_records.py)
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def pytest_addoption(parser):
    parser.addoption("--update-fixtures", action="store_true", default=False,
                     help="Rewrite the expected outputs under fixtures/ from the current code and model.")


@pytest.fixture
def update_fixtures(request):
    return request.config.getoption("--update-fixtures")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run does it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _mentions_by_key(texts: dict[str, str], types: tuple[str, ...]) -> dict[str, list[dict]]:
    """Runs the pipeline on ``texts`` (key -> one document each) and returns key -> its mention rows of
    ``types``, in table order."""
    from cnnews_ner import extract

    keys = list(texts)
    found: dict[str, list[dict]] = {key: [] for key in keys}
    for m in extract(texts=list(texts.values()), device="cpu", workers=1)["mentions"]:
        if m["type"] in types:
            found[keys[int(m["doc_id"].split("-")[1])]].append(m)
    return found


@pytest.fixture(scope="session")
def mentions_by_key():
    """The pipeline's mentions of each of several documents: ``mentions_by_key(texts, types)``."""
    return _mentions_by_key
