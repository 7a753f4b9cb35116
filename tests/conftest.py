import pytest


def pytest_addoption(parser):
    parser.addoption("--update-fixtures", action="store_true", default=False,
                     help="Rewrite the expected outputs under fixtures/ from the current code and model.")


@pytest.fixture
def update_fixtures(request):
    return request.config.getoption("--update-fixtures")
