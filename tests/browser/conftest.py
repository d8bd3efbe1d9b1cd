"""Fixtures for Ithaca's browser journeys.

Run through `scripts/test` (it builds, starts `ithaca serve --demo` and sets ITHACA_BASE_URL),
or by hand against a running server:
    ITHACA_BASE_URL=http://127.0.0.1:8080 python3 -m pytest -q tests/browser

Browser: Debian's /usr/bin/chromium with /usr/bin/chromedriver (override with ITHACA_CHROMIUM /
ITHACA_CHROMEDRIVER). Selenium Manager is never used: nothing downloads a browser at run time.
"""

from __future__ import annotations

import os

os.environ.setdefault("SE_OFFLINE", "true")  # before selenium is imported

import pytest  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

import helpers  # noqa: E402

CHROMIUM = os.environ.get("ITHACA_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("ITHACA_CHROMEDRIVER", "/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("ITHACA_BASE_URL", "").rstrip("/")
    if not url:
        pytest.fail("ITHACA_BASE_URL is not set: run scripts/test, or start `ithaca serve --demo` "
                    "and set ITHACA_BASE_URL=http://127.0.0.1:PORT", pytrace=False)
    return url


def _new_driver() -> webdriver.Chrome:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.path.exists(path):
            pytest.fail(f"{path} missing: apt-get install chromium chromium-driver", pytrace=False)
    opts = Options()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=en-US", "--disable-gpu",
                "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--password-store=basic"):
        opts.add_argument(arg)
    opts.add_experimental_option("prefs", {"intl.accept_languages": "en-US,en",
                                           "credentials_enable_service": False,
                                           "profile.password_manager_enabled": False})
    log_path = str(helpers.OUT / "chromedriver.log")
    helpers.OUT.mkdir(parents=True, exist_ok=True)
    service = Service(executable_path=CHROMEDRIVER, log_output=log_path)
    drv = webdriver.Chrome(service=service, options=opts)
    drv.set_page_load_timeout(30)
    drv.set_script_timeout(90)
    return drv


@pytest.fixture
def driver(request):
    """A fresh headless Chromium per test; quits afterwards. On failure saves a screenshot."""
    drv = _new_driver()
    drv.ithaca_axe_problems = []  # filled by axe_check, turned into a failure at the end
    yield drv
    try:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            helpers.shot(drv, f"FAILED-{request.node.name}")
    except Exception:  # noqa: BLE001 - never hide the real failure
        pass
    finally:
        drv.quit()


@pytest.fixture
def shot():
    """shot(driver, name): save test-output/screenshots/<name>.png."""
    return helpers.shot


@pytest.fixture
def axe_check():
    """axe_check(driver, page_name): run axe-core, fail the test on serious/critical issues."""
    return helpers.axe_check


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    if rep.when != "call":
        return
    drv = item.funcargs.get("driver") if hasattr(item, "funcargs") else None
    problems = getattr(drv, "ithaca_axe_problems", None) if drv is not None else None
    if rep.passed and problems:
        rep.outcome = "failed"
        rep.longrepr = "Accessibility (axe-core) failures:\n\n" + "\n\n".join(problems)
    item.rep_call = rep


def pytest_sessionfinish(session, exitstatus):
    # Collecting no test is an error for this suite, never a success.
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.USAGE_ERROR
