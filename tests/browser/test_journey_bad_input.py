"""Bad input is answered with clear, accessible errors, never a crash or a leak."""

from __future__ import annotations

import re
import secrets
import urllib.parse

from selenium.webdriver.common.by import By

from helpers import (ADMIN_EMAIL, assert_no_server_error, axe_check, browser_like_session, el,
                     fill, go, passphrase, path_of, press, set_checkbox, set_value_js, shot, sign_up,
                     submit_form, unique_email, wait_for_path)

FUTURE_DATE = "2099-06-01"


def _no_client_validation(driver):
    # The journey tests the server's validation: switch off the browser's own (required, max...).
    driver.execute_script("for (const f of document.forms) { f.noValidate = true; }")


def _field_error(driver, field_id):
    found = driver.find_elements(By.ID, f"{field_id}-error")
    assert found, f"no #{field_id}-error element on {driver.current_url}"
    e = found[0]
    assert "field-error" in (e.get_attribute("class") or "").split(), f"#{field_id}-error lacks class field-error"
    assert e.text.strip(), f"#{field_id}-error is empty"
    return e.text.strip()


def _main_text(driver):
    mains = driver.find_elements(By.TAG_NAME, "main")
    return (mains[0] if mains else driver.find_element(By.TAG_NAME, "body")).text


def test_profile_form_rejects_bad_input_and_keeps_values(driver, base_url):
    tag = secrets.token_hex(3)
    sign_up(driver, base_url, f"Bad Input {tag}", unique_email("bad-input"), passphrase())
    wait_for_path(driver, lambda p: p == "/profile/edit", "/profile/edit after sign-up")

    headline = f"Typed headline that must survive ({tag})"
    goals = f"Goals typed before the error ({tag})"
    fill(driver, "name", "")
    fill(driver, "headline", headline)
    fill(driver, "goals", goals)
    set_checkbox(driver, "openToMentoring", True)
    fill(driver, "mentorCapacity", "99")
    set_value_js(driver, "tenureStart", FUTURE_DATE)
    _no_client_validation(driver)
    press(driver, "Save profile")

    assert not path_of(driver).startswith("/people/"), "bad input was saved (redirected to a profile)"
    assert_no_server_error(driver)
    summary = driver.find_elements(By.CSS_SELECTOR, ".error-summary")
    assert summary and summary[0].is_displayed(), "no visible .error-summary after bad input"
    errors = {f: _field_error(driver, f) for f in ("name", "mentorCapacity", "tenureStart")}
    assert el(driver, "headline").get_attribute("value") == headline, "typed headline was lost"
    assert el(driver, "goals").get_attribute("value").strip() == goals, "typed goals were lost"
    assert el(driver, "mentorCapacity").get_attribute("value") == "99", "typed capacity was lost"
    assert el(driver, "openToMentoring").is_selected(), "ticked openToMentoring was lost"
    shot(driver, "bad-input-01-profile-errors")
    axe_check(driver, "profile-edit-errors")
    print("field errors:", errors)


def test_profile_errors_answer_422(base_url):
    """The same bad submission without a browser: the status must be 422, not 200 or 500."""
    s = browser_like_session(base_url)
    r = s.get(base_url + "/signup", timeout=15)
    assert r.status_code == 200
    r = submit_form(s, r.url, r.text, "Create account",
                    {"name": "Status Check", "email": unique_email("status"), "password": passphrase()},
                    allow_redirects=True, timeout=15)
    assert urllib.parse.urlparse(r.url).path == "/profile/edit", f"sign-up ended at {r.url} ({r.status_code})"
    r = submit_form(s, r.url, r.text, "Save profile",
                    {"name": "", "openToMentoring": True, "mentorCapacity": "99",
                     "tenureStart": FUTURE_DATE}, timeout=15)
    assert r.status_code == 422, f"bad profile input answered {r.status_code}, expected 422"
    assert "error-summary" in r.text


def test_signup_rejects_common_password(driver, base_url):
    email = unique_email("weak")
    go(driver, base_url, "/signup")
    fill(driver, "name", "Weak Password")
    fill(driver, "email", email)
    fill(driver, "password", "password123")
    _no_client_validation(driver)
    press(driver, "Create account")

    assert path_of(driver) != "/profile/edit", "a common password was accepted"
    message = _field_error(driver, "password")
    assert el(driver, "email").get_attribute("value") == email, "typed email was lost"
    assert el(driver, "password").get_attribute("value") == "", "the rejected password was echoed back into the page"
    assert "password123" not in driver.page_source, "the rejected password appears in the page"
    shot(driver, "bad-input-02-weak-password")
    axe_check(driver, "signup-errors")
    print("password error:", message)


def test_signin_failure_does_not_reveal_accounts(driver, base_url):
    go(driver, base_url, "/signin")
    blank = _main_text(driver)
    axe_check(driver, "signin")

    texts = {}
    for label, email in (("existing", ADMIN_EMAIL), ("unknown", unique_email("nobody"))):
        go(driver, base_url, "/signin")
        fill(driver, "email", email)
        fill(driver, "password", "definitely-not-the-password-" + secrets.token_hex(4))
        press(driver, "Sign in")
        assert path_of(driver) != "/", f"signed in with a wrong password ({label} email)"
        assert_no_server_error(driver)
        texts[label] = _main_text(driver).replace(email, "<email>")
        shot(driver, f"bad-input-03-signin-{label}")

    assert texts["existing"] != blank, "no message shown after a failed sign-in"
    assert texts["existing"] == texts["unknown"], (
        "failed sign-in pages differ between an existing and an unknown email:\n"
        f"existing: {texts['existing']!r}\nunknown:  {texts['unknown']!r}")
    leak = re.compile(r"no (such )?(account|user)|not found|not registered|unknown (e-?mail|user|account)"
                      r"|does not exist|doesn't exist|wrong password|incorrect password", re.I)
    assert not leak.search(texts["existing"]), f"sign-in error hints whether the email exists: {texts['existing']!r}"
    axe_check(driver, "signin-error")
