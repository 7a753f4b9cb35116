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
