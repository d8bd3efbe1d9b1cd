#!/usr/bin/env python3
"""How a browser journey completes oidc-provider-mock's login form (Selenium + Debian chromium).

    python3 mock_login_selenium_example.py ISSUER        # e.g. the URL oidc_provider.py printed

It defines a user through the mock's API, opens an authorization URL (in a real journey:
the server's "Sign in with ..." button leads there), types the subject into the "sub"
field, presses "Authorize", and prints the redirect the browser lands on.
"""

import json
import sys
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By


def sign_in_at_mock(driver: webdriver.Chrome, sub: str) -> None:
    """On the mock's login page: type the subject and press Authorize."""
    field = driver.find_element(By.NAME, "sub")  # <input type="text" name="sub" placeholder="sub">
    field.clear()
    field.send_keys(sub)
    driver.find_element(By.XPATH, "//button[normalize-space()='Authorize']").click()
    # Deny instead:              driver.find_element(By.CSS_SELECTOR, "button[name='action'][value='deny']").click()
    # A predefined user instead: driver.find_element(By.CSS_SELECTOR, f"button[name='sub'][value='{sub}']").click()


def main() -> None:
    issuer = sys.argv[1].rstrip("/")
    sub = "selenium-user"
    claims = {"email": "selenium@example.org", "email_verified": True, "name": "Selenium User"}
    request = urllib.request.Request(
        f"{issuer}/users/{sub}", data=json.dumps(claims).encode(), method="PUT",
        headers={"Content-Type": "application/json"},
    )
    urllib.request.urlopen(request).close()

    query = urllib.parse.urlencode({
        "response_type": "code", "client_id": "ithaca-test", "scope": "openid email profile",
        "redirect_uri": "http://127.0.0.1:9/auth/oidc/callback", "state": "st", "nonce": "no",
        "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "code_challenge_method": "S256",
    })
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.set_page_load_timeout(30)
        driver.get(f"{issuer}/oauth2/authorize?{query}")
        sign_in_at_mock(driver, sub)
        # Nothing listens on port 9 here, so the browser shows an error page, but the URL is the callback.
        landed = urllib.parse.urlparse(driver.current_url)
        print(landed.path, urllib.parse.parse_qs(landed.query))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
