"""A member of the demo's running challenge checks in for today, sees their own streak, and cheers someone else."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from helpers import DEMO_PASSWORD, axe_check, fill, go, h1_text, page_text, press, shot, sign_in, wait_for_path

SHOWCASE_MENTEE = "tesfaye.alemu@northwind.example"


def test_check_in_and_cheer(driver, base_url):
    sign_in(driver, base_url, SHOWCASE_MENTEE, DEMO_PASSWORD)
    wait_for_path(driver, lambda p: p == "/", "/ after signing in")
    go(driver, base_url, "/challenges")
    axe_check(driver, "challenges")
    driver.find_element(By.LINK_TEXT, "100 days of open source").click()
    wait_for_path(driver, lambda p: p.startswith("/challenges/"), "the challenge's page")
    assert "100 days of open source" in h1_text(driver)
    text = page_text(driver)
    assert "Your progress" in text and "Only you see this." in text
    if "You checked in today" not in text:
        # an empty-looking note is fine; a payload is shown as text, never run
        fill(driver, "note", "Reviewed a PR <img src=x onerror=window.__xss=1>")
        press(driver, "Check in")
        text = page_text(driver)
        assert "Checked in for today" in text, text[:400]
        assert driver.execute_script("return window.__xss === undefined"), "stored script must never run"
    assert "You checked in today" in page_text(driver)
    cheers = driver.find_elements(By.XPATH, "//button[starts-with(normalize-space(), 'Cheer')]")
    if cheers:
        press(driver, " ".join(cheers[0].get_attribute("textContent").split()))
        assert "Encouragement sent" in page_text(driver)
    shot(driver, "challenges-01-checked-in")
    axe_check(driver, "challenge")
