"""Shared helpers for Ithaca's browser journeys (Selenium 4 + Debian chromium).

Imported by conftest.py and the test modules (`from helpers import ...`).
"""

from __future__ import annotations

import base64
import json
import os
import pathlib
import re
import secrets
import urllib.parse
from html.parser import HTMLParser

from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

REPO = pathlib.Path(__file__).resolve().parents[2]
OUT = pathlib.Path(os.environ.get("ITHACA_OUT", REPO / "test-output"))
SCREENSHOTS = OUT / "screenshots"
AXE_OUT = OUT / "axe"

DEMO_PASSWORD = "mentoring-demo-2026"
ADMIN_EMAIL = "admin@ithaca.example"
DEMO_ORGANIZATIONS = ("Northwind Labs", "Helios Health", "Open Harbor")

WAIT = float(os.environ.get("ITHACA_WAIT_SECONDS", "15"))
AXE_FAIL_IMPACTS = ("serious", "critical")


# --------------------------------------------------------------------------- small things
def unique_email(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(5)}@example.com"


def passphrase() -> str:
    """A long, uncommon password that any sane policy accepts."""
    return f"quiet harbour lanterns {secrets.token_hex(6)}"


def path_of(driver: WebDriver) -> str:
    return urllib.parse.urlparse(driver.current_url).path


def wait(driver: WebDriver, timeout: float = WAIT) -> WebDriverWait:
    return WebDriverWait(driver, timeout)


def el(driver: WebDriver, element_id: str, timeout: float = WAIT):
    """The element with this id, once it is in the DOM."""
    try:
        return wait(driver, timeout).until(EC.presence_of_element_located((By.ID, element_id)))
    except TimeoutException:
        raise AssertionError(f"no element with id={element_id!r} on {driver.current_url}") from None


def go(driver: WebDriver, base_url: str, path: str) -> None:
    driver.get(base_url.rstrip("/") + path)
    assert_no_server_error(driver)


def page_text(driver: WebDriver) -> str:
    return driver.find_element(By.TAG_NAME, "body").text


def assert_no_server_error(driver: WebDriver) -> None:
    src = driver.page_source
    assert "Internal Server Error" not in src, f"server error page at {driver.current_url}"
    assert not re.search(r"<title>[^<]*\b500\b", src), f"HTTP 500 page at {driver.current_url}"


def fill(driver: WebDriver, element_id: str, value: str) -> None:
    e = el(driver, element_id)
    if e.tag_name.lower() == "select":  # the contract leaves some controls' kind open
        choose(driver, element_id, value)
        return
    e.clear()
    if value:
        e.send_keys(value)


def set_value_js(driver: WebDriver, element_id: str, value: str) -> None:
    """Set an input's value directly (date inputs: typing depends on the browser's locale)."""
    e = el(driver, element_id)
    driver.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        e, value)


def choose(driver: WebDriver, element_id: str, value_or_text: str) -> None:
    """Pick an <option> by value, else by visible text, else by text containing it."""
    sel = Select(el(driver, element_id))
    for how in (sel.select_by_value, sel.select_by_visible_text):
        try:
            how(value_or_text)
            return
        except Exception:  # noqa: BLE001 - try the next way
            pass
    for opt in sel.options:
        if value_or_text.lower() in opt.text.lower():
            opt.click()
            return
    raise AssertionError(
        f"select #{element_id} has no option {value_or_text!r}; "
        f"options: {[o.get_attribute('value') for o in sel.options][:20]}")


def selected_text(driver: WebDriver, element_id: str) -> str:
    return Select(el(driver, element_id)).first_selected_option.text.strip()


def set_checkbox(driver: WebDriver, element_id: str, checked: bool) -> None:
    e = el(driver, element_id)
    if e.is_selected() != checked:
        # A visually-hidden checkbox styled via its label may not be clickable itself.
        try:
            e.click()
        except Exception:  # noqa: BLE001
            driver.execute_script("arguments[0].click();", e)
    assert e.is_selected() == checked, f"could not set #{element_id} to {checked}"


def button(driver: WebDriver, text: str):
    xp = (f"//button[normalize-space()={_xq(text)}] | "
          f"//input[(@type='submit' or @type='button') and normalize-space(@value)={_xq(text)}]")
    try:
        return wait(driver).until(EC.element_to_be_clickable((By.XPATH, xp)))
    except TimeoutException:
        raise AssertionError(f"no clickable button {text!r} on {driver.current_url}") from None


def _is_stale(element) -> bool:
    """Whether `element` has left the page. Chromium answers a node of a page that was just replaced either with
    "stale element" or with "node does not belong to the document": both mean the page changed."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


def click_and_wait_for_new_page(driver: WebDriver, element, timeout: float = 20) -> None:
    """Click something that submits or navigates, and wait until the new page is loaded."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    try:
        wait(driver, timeout).until(lambda d: _is_stale(old))
        wait(driver, timeout).until(
            lambda d: d.execute_script("return document.readyState") == "complete")
    except TimeoutException:
        raise AssertionError(f"no new page after clicking on {driver.current_url}") from None
    assert_no_server_error(driver)


def press(driver: WebDriver, button_text: str) -> None:
    # Chromium sometimes reports "node does not belong to the document" for a click that did submit (the
    # navigation raced the reply). Then wait for the page to settle and press again only if the button is
    # still there, so a click is never lost and never sent twice.
    before = driver.find_element(By.TAG_NAME, "html")
    try:
        click_and_wait_for_new_page(driver, button(driver, button_text))
    except WebDriverException as error:
        if "does not belong to the document" not in str(error) and not isinstance(error, StaleElementReferenceException):
            raise
        wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
        xp = f"//button[normalize-space()={_xq(button_text)}]"
        # Press again only while still on the page the click was meant for: a new page that happens to have
        # a button of the same name (e.g. "Save note" after saving a note) must not get a second, empty submit.
        if not _is_stale(before) and driver.find_elements(By.XPATH, xp):
            click_and_wait_for_new_page(driver, button(driver, button_text))
        assert_no_server_error(driver)


def wait_for_path(driver: WebDriver, predicate, what: str, timeout: float = WAIT) -> str:
    try:
        wait(driver, timeout).until(lambda d: predicate(path_of(d)))
    except TimeoutException:
        raise AssertionError(
            f"expected to be at {what}, but at {driver.current_url}; page says: "
            f"{page_text(driver)[:400]!r}") from None
    return path_of(driver)


def link_with_text(driver: WebDriver, text: str, within: str = ""):
    xp = f"{within}//a[normalize-space()={_xq(text)}]"
    found = driver.find_elements(By.XPATH, xp)
    return found[0] if found else None


def _xq(s: str) -> str:
    """Quote a string for XPath 1.0."""
    if "'" not in s:
        return f"'{s}'"
    if '"' not in s:
        return f'"{s}"'
    return "concat(" + ", \"'\", ".join(f"'{p}'" for p in s.split("'")) + ")"


# --------------------------------------------------------------------------- journeys' steps
def sign_up(driver: WebDriver, base_url: str, name: str, email: str, password: str) -> None:
    go(driver, base_url, "/signup")
    fill(driver, "name", name)
    fill(driver, "email", email)
    fill(driver, "password", password)
    press(driver, "Create account")


def sign_in(driver: WebDriver, base_url: str, email: str, password: str) -> None:
    go(driver, base_url, "/signin")
    fill(driver, "email", email)
    fill(driver, "password", password)
    press(driver, "Sign in")


def sign_out(driver: WebDriver) -> None:
    press(driver, "Sign out")


def person_cards(driver: WebDriver):
    return driver.find_elements(By.CSS_SELECTOR, "article.person-card")


def card_link(card):
    return card.find_element(By.CSS_SELECTOR, "h2 a")


def card_reasons(card) -> str:
    return " ".join(r.text for r in card.find_elements(By.CSS_SELECTOR, ".reasons"))


def h1_text(driver: WebDriver) -> str:
    found = driver.find_elements(By.TAG_NAME, "h1")
    assert found, f"no <h1> on {driver.current_url}"
    return " ".join(found[0].text.split())


# --------------------------------------------------------------------------- screenshots
def shot(driver: WebDriver, name: str) -> pathlib.Path:
    """Save a screenshot of the whole page to test-output/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")
    path = SCREENSHOTS / f"{safe}.png"
    try:  # Chromium: capture beyond the viewport through the DevTools protocol
        m = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = m.get("cssContentSize") or m["contentSize"]
        clip = {"x": 0, "y": 0, "width": max(1, int(size["width"])),
                "height": max(1, min(int(size["height"]), 10000)), "scale": 1}
        png = driver.execute_cdp_cmd("Page.captureScreenshot",
                                     {"format": "png", "captureBeyondViewport": True, "clip": clip})
        path.write_bytes(base64.b64decode(png["data"]))
    except Exception:  # noqa: BLE001 - fall back to the visible part
        driver.save_screenshot(str(path))
    return path


# --------------------------------------------------------------------------- accessibility
def axe_script_path() -> tuple[pathlib.Path | None, str]:
    """The axe-core script shipped inside axe_selenium_python, or (None, reason)."""
    try:
        import axe_selenium_python  # noqa: PLC0415
    except ImportError as e:
        return None, f"axe_selenium_python not importable ({e})"
    pkg = pathlib.Path(axe_selenium_python.__file__).parent
    candidates = [pkg / "node_modules" / "axe-core" / "axe.min.js", *pkg.rglob("axe.min.js")]
    for c in candidates:
        if c.is_file() and c.stat().st_size > 10_000:
            return c, ""
    return None, f"axe_selenium_python at {pkg} ships no axe.min.js"


_AXE_RUN = """
var done = arguments[arguments.length - 1];
if (typeof axe === 'undefined') { done({error: 'axe not defined after injection'}); return; }
axe.run(document).then(function (r) {
  done({violations: r.violations, incomplete: (r.incomplete || []).length,
        passes: (r.passes || []).length, url: r.url, timestamp: r.timestamp,
        testEngine: r.testEngine || null});
}).catch(function (e) { done({error: String(e)}); });
"""


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = []
        for node in v.get("nodes", [])[:3]:
            t = node.get("target", [])
            targets.append(" ".join(map(str, t)) if isinstance(t, list) else str(t))
        lines.append(f"  - {v.get('id')} [{v.get('impact')}]: {v.get('help')}\n"
                     f"      targets: {', '.join(targets) or '?'}"
                     f"{' (+%d more)' % (len(v.get('nodes', [])) - 3) if len(v.get('nodes', [])) > 3 else ''}\n"
                     f"      {v.get('helpUrl', '')}")
    return "\n".join(lines)


def axe_check(driver: WebDriver, page_name: str) -> list[dict] | None:
    """Run axe-core on the current page; write test-output/axe/<page>.json.

    Violations of impact serious/critical are recorded on the driver and fail the test when
    it ends (so one journey reports every page's problems at once). Returns those violations,
    or None when axe-core is not available (then the axe step alone is skipped, with a reason).
    """
    script, reason = axe_script_path()
    if script is None:
        print(f"\n[axe] SKIPPED for {page_name}: {reason}")
        return None
    driver.set_script_timeout(90)
    driver.execute_script(script.read_text(encoding="utf-8"))
    results = driver.execute_async_script(_AXE_RUN)
    assert isinstance(results, dict) and "violations" in results, (
        f"axe-core did not run on {driver.current_url}: {results!r:.300}")
    AXE_OUT.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", page_name).strip("-")
    (AXE_OUT / f"{safe}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    bad = [v for v in results["violations"] if v.get("impact") in AXE_FAIL_IMPACTS]
    if bad:
        msg = (f"axe: {len(bad)} serious/critical violation(s) on '{page_name}' "
               f"({driver.current_url}):\n{format_violations(bad)}")
        print("\n" + msg)
        problems = getattr(driver, "ithaca_axe_problems", None)
        if problems is None:
            raise AssertionError(msg)
        problems.append(msg)
    return bad


# --------------------------------------------------------------------------- browserless forms
class _FormParser(HTMLParser):
    """Collects <form>s with their controls, enough to submit one with `requests`."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._option = None
        self._textarea = None
        self._button = None
        self._button_attrs: dict = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": (a.get("method") or "get").lower(),
                          "controls": [], "buttons": []}
            self.forms.append(self._form)
            return
        f = self._form
        if f is None:
            return
        if tag == "input":
            t = (a.get("type") or "text").lower()
            if t in ("submit", "button", "image"):
                f["buttons"].append({"text": (a.get("value") or "").strip(),
                                     "name": a.get("name"), "value": a.get("value", "")})
                return
            f["controls"].append({"tag": "input", "type": t, "name": a.get("name"), "id": a.get("id"),
                                  "value": a.get("value", "on" if t in ("checkbox", "radio") else ""),
                                  "checked": "checked" in a})
        elif tag == "textarea":
            self._textarea = {"tag": "textarea", "type": "textarea", "name": a.get("name"),
                              "id": a.get("id"), "value": "", "checked": True}
            f["controls"].append(self._textarea)
        elif tag == "select":
            self._select = {"tag": "select", "type": "select", "name": a.get("name"), "id": a.get("id"),
                            "value": None, "first": None, "checked": True}
            f["controls"].append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
        elif tag == "button":
            self._button = ""
            self._button_attrs = a

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data
        if self._option is not None:
            self._option["text"] += data
        if self._button is not None:
            self._button += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "option" and self._option is not None and self._select is not None:
            o = self._option
            val = o["value"] if o["value"] is not None else o["text"].strip()
            if self._select["first"] is None:
                self._select["first"] = val
            if o["selected"]:
                self._select["value"] = val
            self._option = None
        elif tag == "select" and self._select is not None:
            if self._select["value"] is None:
                self._select["value"] = self._select["first"] or ""
            self._select = None
        elif tag == "button" and self._button is not None and self._form is not None:
            a = self._button_attrs
            self._form["buttons"].append({"text": " ".join(self._button.split()),
                                          "name": a.get("name"), "value": a.get("value", "")})
            self._button = None


def find_form(html: str, button_text: str) -> dict:
    p = _FormParser()
    p.feed(html)
    for f in p.forms:
        for b in f["buttons"]:
            if b["text"] == button_text:
                f["submitter"] = b
                return f
    raise AssertionError(f"no form with a {button_text!r} button; forms' buttons: "
                         f"{[[b['text'] for b in f['buttons']] for f in p.forms]}")


def browser_like_session(base_url: str):
    """A `requests` session that sends the headers a same-origin browser form post would."""
    import requests  # noqa: PLC0415

    s = requests.Session()
    s.headers.update({"User-Agent": "ithaca-browser-tests", "Origin": base_url.rstrip("/"),
                      "Referer": base_url.rstrip("/") + "/", "Accept": "text/html"})
    return s


def submit_form(session, page_url: str, html: str, button_text: str, by_id: dict, **kw):
    """Submit the form holding `button_text` like a browser would, overriding controls by id.

    by_id values: a string sets the value; True/False ticks/unticks a checkbox.
    Returns the `requests` response (redirects not followed unless allow_redirects=True).
    """
    form = find_form(html, button_text)
    ids = {c["id"] for c in form["controls"] if c["id"]}
    missing = set(by_id) - ids
    assert not missing, f"form {button_text!r} has no controls with ids {sorted(missing)}"
    data = []
    for c in form["controls"]:
        if not c["name"]:
            continue
        value, on = c["value"], c["checked"]
        if c["id"] in by_id:
            v = by_id[c["id"]]
            if isinstance(v, bool):
                on = v
            else:
                value, on = v, True
        if c["type"] in ("checkbox", "radio") and not on:
            continue
        data.append((c["name"], value if value is not None else ""))
    if form["submitter"].get("name"):
        data.append((form["submitter"]["name"], form["submitter"]["value"] or ""))
    action = urllib.parse.urljoin(page_url, form["action"] or page_url)
    kw.setdefault("allow_redirects", False)
    if form["method"] == "post":
        return session.post(action, data=data, **kw)
    return session.get(action, params=data, **kw)
