"""The showcase mentee talks in their circle, is held to the meeting rules, ticks a learning-path step; then the
site admin works through the moderation queue and hides the reported answer with a reason."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from helpers import (ADMIN_EMAIL, DEMO_PASSWORD, axe_check, fill, go, h1_text, page_text, press, set_value_js, shot, sign_in, sign_out,
                     wait_for_path)

SHOWCASE_MENTEE = "tesfaye.alemu@northwind.example"


def test_circle_path_and_moderation(driver, base_url):
    sign_in(driver, base_url, SHOWCASE_MENTEE, DEMO_PASSWORD)
    wait_for_path(driver, lambda p: p == "/", "/ after signing in")

    # -- The circle: a members-only thread; a stored payload shows as text and never runs ---------------------
    go(driver, base_url, "/circles")
    axe_check(driver, "circles")
    assert "Public speaking for engineers" in page_text(driver)  # asked to join, waiting
    driver.find_element(By.LINK_TEXT, "New leads circle").click()
    wait_for_path(driver, lambda p: p.startswith("/circles/"), "the circle's page")
    assert "New leads circle" in h1_text(driver)
    text = page_text(driver)
    assert "Group meetings" in text and "Only the circle's members can read this." in text and "Working agreements" in text
    fill(driver, "message", "See you Thursday <img src=x onerror=window.__xss=1>")
    press(driver, "Send")
    text = page_text(driver)
    assert "Message sent to the circle." in text, text[:400]
    assert driver.execute_script("return window.__xss === undefined"), "stored script must never run"
    # a meeting needs notice: the form says what to fix and keeps what was typed
    fill(driver, "agenda", "Retro of our first month")
    set_value_js(driver, "start", "2021-01-04T17:00")
    set_value_js(driver, "end", "2021-01-04T18:00")
    fill(driver, "location", "https://meet.example.org/circle-1")
    press(driver, "Schedule")
    text = page_text(driver)
    assert "notice" in text and "There is a problem" in text, text[:600]
    assert driver.find_element(By.ID, "agenda").get_attribute("value") == "Retro of our first month"
    shot(driver, "circles-01-circle-page")
    axe_check(driver, "circle")

    # -- Starting a circle: every text field carries a payload that must only ever show as text ----------------
    payload = "<script>window.__xss=1</script><img src=x onerror=window.__xss=1>"
    go(driver, base_url, "/circles")
    fill(driver, "name", "Payload circle " + payload)
    fill(driver, "goal", "Goal " + payload)
    fill(driver, "plan", "Plan " + payload + " [link](javascript:window.__xss=1)")
    press(driver, "Start the circle")
    wait_for_path(driver, lambda p: p.startswith("/circles/"), "the new circle's page")
    assert "Payload circle <script>" in h1_text(driver)
    fill(driver, "note", "Note " + payload)
    press(driver, "Add the note")
    assert "Note added for the circle." in page_text(driver)
    for link in driver.find_elements(By.CSS_SELECTOR, ".prose a"):
        assert not (link.get_attribute("href") or "").lower().startswith("javascript:")
    assert driver.execute_script("return window.__xss === undefined"), "stored script must never run"

    # -- A learning path: tick the next step; progress is the person's own -------------------------------------
    go(driver, base_url, "/paths")
    axe_check(driver, "paths")
    driver.find_element(By.LINK_TEXT, "From engineer to first-time manager").click()
    wait_for_path(driver, lambda p: p.startswith("/paths/"), "the path's page")
    assert "2 of 4 steps done" in page_text(driver)
    press(driver, "Mark as done: Public speaking for engineers")
    assert "3 of 4 steps done" in page_text(driver)
    shot(driver, "paths-01-path-page")
    axe_check(driver, "path")
    sign_out(driver)

    # -- The site admin hides the reported answer with a reason; the decision is logged -------------------------
    sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
    go(driver, base_url, "/moderation")
    axe_check(driver, "moderation")
    text = page_text(driver)
    assert "Open reports" in text and "advert for a paid course" in text, text[:600]
    reason = driver.find_element(By.CSS_SELECTOR, "textarea[name=reason]")
    reason.send_keys("Advertising is not allowed in answers.")
    press(driver, "Hide the post")
    text = page_text(driver)
    assert "Hidden. The author sees your reason" in text and "No open reports" in text, text[:600]
    assert "hid an answer" in text
    shot(driver, "moderation-01-after-hiding")
