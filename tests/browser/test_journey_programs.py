"""A program manager imports participants from a CSV, runs a matching round, pins a pair and publishes; the mentee
then sees the proposed mentorship with the reasons it was matched."""

from __future__ import annotations

import secrets
import tempfile

from selenium.webdriver.common.by import By

from helpers import (ADMIN_EMAIL, DEMO_PASSWORD, axe_check, el, fill, go, h1_text, page_text, press, shot, sign_in,
                     sign_out, wait_for_path)

# Demo people (Open Harbor mentees, Helios Health mentors: no reporting line between them), a newcomer, and bad rows.
PEOPLE = {
    "Amélie Moreau": "amelie.moreau@openharbor.example",
    "Neda Moradi": "neda.moradi@openharbor.example",
    "Dawit Haile": "dawit.haile@openharbor.example",
}
CSV = """email,name,organisation,team,title,manager email,role,skills,goals,time zone,capacity
amelie.moreau@openharbor.example,Amélie Moreau,Open Harbor,,,,mentee,System design;Leadership,Lead the platform team,Europe/Paris,
neda.moradi@openharbor.example,Neda Moradi,Open Harbor,,,,mentee,Rust;Leadership,Grow into a staff engineer,Europe/Berlin,
dawit.haile@openharbor.example,Dawit Haile,Open Harbor,,,,mentee,Public speaking,Speak at a conference,Africa/Addis_Ababa,
kojo.boateng@helioshealth.example,Kojo Boateng,Helios Health,,,,mentor,Leadership;System design;People management,,Africa/Accra,2
shirin.jafari@helioshealth.example,Shirin Jafari,Helios Health,,,,mentor,Swift;Public speaking,,Asia/Tehran,1
not-an-email,Broken Row,,,,,mentee,,,,
pat.{tag}@newcomer.example,Pat Newcomer,Elsewhere,,,,astronaut,,,,
"""


def test_import_match_pin_publish(driver, base_url):
    tag = secrets.token_hex(3)
    name = f"Cross-company mentoring {tag}"

    # -- The site admin creates a program (a wrong date first: the form says what to fix) --------------------
    sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
    wait_for_path(driver, lambda p: p == "/", "/ after signing in")
    go(driver, base_url, "/programs")
    axe_check(driver, "programs")
    fill(driver, "name", name)
    fill(driver, "description", "Open Harbor mentees, Helios Health mentors.")
    fill(driver, "endDate", "2020-01-01")
    press(driver, "Create the program")
    assert "The program must end after it starts." in page_text(driver)
    assert el(driver, "endDate").get_attribute("aria-invalid") == "true"
    fill(driver, "endDate", "2031-06-30")
    press(driver, "Create the program")
    program_path = wait_for_path(driver, lambda p: p.startswith("/programs/") and p.count("/") == 2, "the program's page")
    assert name in h1_text(driver)
    press_link(driver, "Participants and matching")
    wait_for_path(driver, lambda p: p.endswith("/admin"), "the program admin page")

    # -- Preview the CSV: bad rows are listed with what to fix, nothing saved --------------------------------
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as file:
        file.write(CSV.replace("{tag}", tag))
    driver.find_element(By.ID, "file").send_keys(file.name)
    press(driver, "Preview (dry run)")
    text = page_text(driver)
    assert "Preview: nothing saved yet" in text and "7 rows: 5 ready" in text, text[:600]
    assert "“not-an-email” is not an email address." in text
    assert "The role “astronaut” is not mentor, mentee or peer." in text
    assert "Participants (0)" in text
    shot(driver, "programs-01-preview")
    axe_check(driver, "program-admin-preview")

    # -- Import: good rows applied, bad rows skipped ---------------------------------------------------------
    driver.find_element(By.ID, "file").send_keys(file.name)
    press(driver, "Import")
    text = page_text(driver)
    assert "Imported" in text and "Participants (5)" in text, text[:600]

    # -- Run a round, pin its first pair, publish -------------------------------------------------------------
    press(driver, "Run a matching round")
    wait_for_path(driver, lambda p: p.startswith("/rounds/"), "the round's page")
    text = page_text(driver)
    assert "Round computed" in text and "proven optimal" in text, text[:600]
    shot(driver, "programs-02-round")
    assert "working hours overlap" in text, text
    axe_check(driver, "round")
    pin = driver.find_elements(By.XPATH, "//button[starts-with(normalize-space(), 'Pin ')]")[0]
    pinned_label = pin.text or pin.get_attribute("textContent")
    mentee_name = next(n for n in PEOPLE if n in pinned_label.replace("Pin ", "", 1).strip().split(" with ")[0])
    first_round = driver.current_url
    press(driver, " ".join(pinned_label.split()))
    wait_for_path(driver, lambda p: p.startswith("/rounds/") and base_url + p != first_round, "the re-run round")
    text = page_text(driver)
    assert "Pinned pairs" in text and "Pinned" in text
    shot(driver, "programs-03-round-pinned")
    press(driver, "Publish: propose these mentorships")
    assert "Round published" in page_text(driver)
    sign_out(driver)

    # -- The mentee sees the proposal with its reasons -------------------------------------------------------
    sign_in(driver, base_url, PEOPLE[mentee_name], DEMO_PASSWORD)
    wait_for_path(driver, lambda p: p == "/", "/ after signing in")
    go(driver, base_url, program_path)
    assert "Your enrolment: Mentee" in page_text(driver)
    go(driver, base_url, "/mentoring")
    link = driver.find_elements(By.XPATH, "//a[contains(@href, '/mentorships/')]")
    found = False
    for href in [a.get_attribute("href") for a in link]:
        driver.get(href)
        if name in page_text(driver):
            found = True
            break
    assert found, "the mentee should have a mentorship proposed by the program"
    text = page_text(driver)
    assert "Proposed by the matching round of" in text and "Why you were matched" in text
    shot(driver, "programs-04-mentee-proposal")
    axe_check(driver, "mentorship-from-round")


def press_link(driver, text: str) -> None:
    from helpers import click_and_wait_for_new_page, link_with_text
    link = link_with_text(driver, text)
    assert link is not None, f"no link {text!r} on {driver.current_url}"
    click_and_wait_for_new_page(driver, link)
