"""Keyboard users get a skip link and a working tab order; every response carries the
security headers, and the session cookie is HttpOnly and SameSite=Lax."""

from __future__ import annotations

import urllib.parse

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from helpers import (ADMIN_EMAIL, DEMO_PASSWORD, axe_check, browser_like_session, el, go, shot,
                     submit_form, wait, wait_for_path)


def test_skip_link_is_first_and_works(driver, base_url):
    go(driver, base_url, "/")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    active = driver.switch_to.active_element
    tag = active.tag_name.lower()
    href = driver.execute_script("return arguments[0].getAttribute('href')", active)
    label = (active.get_attribute("textContent") or "").strip()
    assert tag == "a" and href and href.startswith("#"), (
        f"first Tab should land on a skip link to the main content, got <{tag} href={href!r}>{label!r}")
    assert "skip" in label.lower() or "main" in label.lower(), f"skip link text is {label!r}"
    target = href[1:]
    assert target and driver.find_elements(By.ID, target), f"skip link points to #{target}, which does not exist"
    assert active.is_displayed(), "the skip link should become visible when focused"
    shot(driver, "keyboard-01-skip-link-focused")

    active.send_keys(Keys.ENTER)
    wait(driver).until(lambda d: urllib.parse.urlparse(d.current_url).fragment == target,
                       "Enter on the skip link did not move to the main content")


def test_sign_in_with_keyboard_only(driver, base_url):
    go(driver, base_url, "/signin")
    email = el(driver, "email")
    email.click()
    email.send_keys(ADMIN_EMAIL)
    email.send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    assert active.get_attribute("id") == "password", (
        f"Tab from the email field went to <{active.tag_name} id={active.get_attribute('id')!r}>, not the password")
    active.send_keys(DEMO_PASSWORD)
    active.send_keys(Keys.ENTER)
    wait_for_path(driver, lambda p: p == "/", "/ after signing in with Enter")
    wait(driver).until(lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Sign out']"),
                       "no 'Sign out' button after signing in")
    shot(driver, "keyboard-02-signed-in")
    axe_check(driver, "home-signed-in")


# ------------------------------------------------------------------------------ headers
def _csp(resp) -> dict[str, list[str]]:
    raw = resp.headers.get("Content-Security-Policy", "")
    assert raw, f"no Content-Security-Policy on {resp.request.method} {resp.url} ({resp.status_code})"
    out: dict[str, list[str]] = {}
    for part in raw.split(";"):
        words = part.split()
        if words:
            out.setdefault(words[0].lower(), words[1:])
    return out


def _check_security_headers(resp) -> None:
    where = f"{resp.request.method} {urllib.parse.urlparse(resp.url).path} ({resp.status_code})"
    csp = _csp(resp)
    for directive in ("object-src", "base-uri", "frame-ancestors"):
        assert csp.get(directive) == ["'none'"], f"CSP {directive} is {csp.get(directive)} on {where}, want 'none'"
    scripts = csp.get("script-src", csp.get("default-src"))
    assert scripts is not None, f"CSP has neither script-src nor default-src on {where}"
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(scripts), f"CSP script-src too loose on {where}: {scripts}"
    assert resp.headers.get("X-Content-Type-Options", "").lower() == "nosniff", f"no X-Content-Type-Options: nosniff on {where}"


def _set_cookies(resp) -> list[str]:
    return list(resp.raw.headers.getlist("Set-Cookie")) if resp.raw is not None else []


def _check_cookie_flags(cookie: str) -> None:
    name = cookie.split("=", 1)[0].strip()
    attrs = {a.strip().split("=", 1)[0].lower(): (a.strip().split("=", 1) + [""])[1].strip().lower()
             for a in cookie.split(";")[1:] if a.strip()}
    assert "httponly" in attrs, f"cookie {name} is not HttpOnly: {cookie}"
    assert attrs.get("samesite") == "lax", f"cookie {name} is not SameSite=Lax: {cookie}"


def _is_csrf_cookie(cookie: str) -> bool:
    name = cookie.split("=", 1)[0].lower()
    return "csrf" in name or "xsrf" in name


def test_security_headers_and_session_cookie(base_url):
    s = browser_like_session(base_url)

    for path in ("/", "/signin", "/signup", "/people", "/no-such-page-" + "x" * 8):
        r = s.get(base_url + path, timeout=15, allow_redirects=False)
        assert r.status_code < 500, f"GET {path} answered {r.status_code}"
        _check_security_headers(r)
        for c in _set_cookies(r):
            if not _is_csrf_cookie(c):
                _check_cookie_flags(c)

    page = s.get(base_url + "/signin", timeout=15)
    r = submit_form(s, page.url, page.text, "Sign in",
                    {"email": ADMIN_EMAIL, "password": DEMO_PASSWORD}, timeout=15)
    assert r.status_code in (302, 303), f"sign-in answered {r.status_code}, expected a redirect"
    assert urllib.parse.urlparse(urllib.parse.urljoin(page.url, r.headers.get("Location", ""))).path == "/"
    _check_security_headers(r)
    session_cookies = [c for c in _set_cookies(r) if not _is_csrf_cookie(c)]
    assert session_cookies, "sign-in set no session cookie (a new session id is expected at sign-in)"
    for c in session_cookies:
        _check_cookie_flags(c)

    for path in ("/", "/profile/edit", "/settings", "/people"):
        r = s.get(base_url + path, timeout=15, allow_redirects=False)
        assert r.status_code == 200, f"GET {path} after sign-in answered {r.status_code}"
        _check_security_headers(r)
    assert "Sign out" in s.get(base_url + "/", timeout=15).text, "not signed in after the sign-in redirect"
