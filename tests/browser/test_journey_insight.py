"""Program insight: the site admin opens the site and program dashboards (charts that explain themselves, light and
dark), downloads a table as CSV and reads the audit log; the showcase mentee walks the pay-it-forward web to their
branch; a newcomer downloads their data and deletes their account."""

from __future__ import annotations

import csv
import io
import zipfile

import requests
from selenium.webdriver.common.by import By

from helpers import (ADMIN_EMAIL, DEMO_PASSWORD, axe_check, el, go, h1_text, page_text, passphrase, press, set_checkbox, shot,
                     sign_in, sign_out, sign_up, unique_email, wait_for_path)

SHOWCASE_MENTEE = "tesfaye.alemu@northwind.example"


def cookie_header(driver) -> dict:
    return {"Cookie": "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())}


def fetch(driver, href: str) -> requests.Response:
    """A download made with the browser's session (Selenium cannot read downloaded files); `href` as the link has it."""
    url = href if href.startswith("http") else "/".join(driver.current_url.split("/", 3)[:3]) + href
    return requests.get(url, headers=cookie_header(driver), timeout=30, allow_redirects=False)


def dark_mode(driver, on: bool) -> None:
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark" if on else "light"}]})


def test_dashboards_audit_lineage_and_own_data(driver, base_url):
    # -- The site admin finds the site dashboard from the programs page ------------------------------------------
    sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
    wait_for_path(driver, lambda p: p == "/", "/ after signing in")
    go(driver, base_url, "/programs")
    driver.find_element(By.LINK_TEXT, "site dashboard").click()
    wait_for_path(driver, lambda p: p == "/dashboard", "the site dashboard")
    assert h1_text(driver) == "Program health: All of Ithaca"
    text = page_text(driver)
    for panel in ("Participants", "Matching", "Mentorships and meetings", "Feedback on meetings", "Outcomes", "Circles and community"):
        assert panel in text, panel
    charts = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) == 3, "three monthly trends"
    for chart in charts:
        labelled = chart.get_attribute("aria-labelledby").split()
        assert len(labelled) == 2 and all(driver.find_elements(By.ID, i) for i in labelled), labelled
    assert "fewer than 5" in text, "small figures are suppressed, and say so"
    shot(driver, "insight-01-site-dashboard")
    axe_check(driver, "site-dashboard")
    dark_mode(driver, True)
    shot(driver, "insight-02-site-dashboard-dark")
    axe_check(driver, "site-dashboard-dark")
    dark_mode(driver, False)

    # -- A table downloads as CSV, with suppressed cells empty and marked ----------------------------------------
    href = driver.find_element(By.PARTIAL_LINK_TEXT, "“Participants” as CSV").get_attribute("href")
    response = fetch(driver, href)
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv"), response.status_code
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows[0]["figure"] == "participants" and int(rows[0]["value"]) > 200, rows[0]
    assert all((row["value"] == "") == (row["suppressed"] == "true") for row in rows), rows

    # -- A month filter that names no month is explained, not a crash ---------------------------------------------
    go(driver, base_url, "/dashboard?from=spring")
    assert "YYYY-MM" in page_text(driver)

    # -- The demo program's dashboard, from its page --------------------------------------------------------------
    go(driver, base_url, "/programs")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Cross-company mentoring").click()
    driver.find_element(By.LINK_TEXT, "Program health").click()
    wait_for_path(driver, lambda p: p.endswith("/dashboard"), "the program's dashboard")
    assert "Cross-company mentoring" in h1_text(driver)
    shot(driver, "insight-03-program-dashboard")
    axe_check(driver, "program-dashboard")

    # -- The audit log lists what admins did, filterable ---------------------------------------------------------
    go(driver, base_url, "/programs")
    driver.find_element(By.LINK_TEXT, "audit log").click()
    wait_for_path(driver, lambda p: p == "/admin/audit", "the audit log")
    assert h1_text(driver) == "Audit log"
    shot(driver, "insight-04-audit-log")
    axe_check(driver, "audit-log")
    sign_out(driver)

    # -- The showcase mentee walks the lineage to their own branch -------------------------------------------------
    sign_in(driver, base_url, SHOWCASE_MENTEE, DEMO_PASSWORD)
    wait_for_path(driver, lambda p: p == "/", "/ after signing in")
    go(driver, base_url, "/people")
    driver.find_element(By.LINK_TEXT, "the pay-it-forward web").click()
    wait_for_path(driver, lambda p: p == "/lineage", "the lineage")
    assert driver.find_elements(By.CSS_SELECTOR, "svg.lineage a"), "people in the drawing are links"
    assert driver.find_elements(By.CSS_SELECTOR, "ul.lineage-outline li"), "the chains as a list"
    assert "Furthest reach" in page_text(driver)
    shot(driver, "insight-05-lineage")
    axe_check(driver, "lineage")
    driver.find_element(By.CSS_SELECTOR, "table.data-table tbody tr a[href*='/lineage?person=']").click()
    wait_for_path(driver, lambda p: p == "/lineage", "a branch")
    assert "branch of the lineage" in h1_text(driver)
    sign_out(driver)

    # -- A newcomer downloads their data, then deletes their account ------------------------------------------------
    email, password = unique_email("leaver"), passphrase()
    sign_up(driver, base_url, "Lee Leaver", email, password)
    wait_for_path(driver, lambda p: p != "/signup", "after signing up")
    go(driver, base_url, "/settings")
    export = fetch(driver, driver.find_element(By.LINK_TEXT, "Download my data").get_attribute("href"))
    assert export.status_code == 200 and export.headers["Content-Type"] == "application/zip", export.status_code
    names = zipfile.ZipFile(io.BytesIO(export.content)).namelist()
    assert any(n.endswith("/profile.json") for n in names) and any(n.endswith("/calendar.ics") for n in names), names
    driver.find_element(By.PARTIAL_LINK_TEXT, "Delete my account").click()
    wait_for_path(driver, lambda p: p == "/settings/delete", "the confirmation page")
    axe_check(driver, "delete-account")
    el(driver, "password").send_keys("not my password")
    set_checkbox(driver, "confirm", True)
    press(driver, "Delete my account")
    assert "That is not your password" in page_text(driver)
    assert el(driver, "password").get_attribute("aria-invalid") == "true"
    shot(driver, "insight-06-delete-wrong-password")
    el(driver, "password").send_keys(password)
    set_checkbox(driver, "confirm", True)
    press(driver, "Delete my account")
    wait_for_path(driver, lambda p: p == "/", "home after deleting")
    assert "Your account is deleted" in page_text(driver)
    sign_in(driver, base_url, email, password)
    assert "Email or password is incorrect" in page_text(driver), "the deleted account cannot sign in"
