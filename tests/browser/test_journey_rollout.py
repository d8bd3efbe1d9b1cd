"""An organisation switches Ithaca on: a program admin imports three new people and invites them; one reads the
invitation email at the real SMTP server, sets a password, and asks a mentor; the mentor's email arrives; the mentor
asks for more information, the mentee replies, the mentor accepts; after a booking both get the meeting's .ics by
email. Then someone signs in through the OpenID provider's own login form."""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import urllib.request

from selenium.webdriver.common.by import By

import mailbox
from helpers import (ADMIN_EMAIL, DEMO_PASSWORD, _xq, axe_check, card_link, choose, click_and_wait_for_new_page, el, fill, go,
                     h1_text, page_text, passphrase, person_cards, press, shot, sign_in, sign_out, wait_for_path)

MENTOR_NAME = "Mariam Moreau"  # a demo mentor with free places and published availability, in Europe/Berlin
MENTOR_EMAIL = "mariam.moreau@helioshealth.example"


def within_request(driver, person: str, element: str):
    """An element inside the request card that names `person` (the mentor's list holds several)."""
    xp = f"//li[contains(@class,'stack-list__item')][.//a[normalize-space()={_xq(person)}]]{element}"
    found = driver.find_elements(By.XPATH, xp)
    assert found, f"no {element} in the request of {person} on {driver.current_url}"
    return found[0]


def test_invite_join_ask_answer_book(driver, base_url):
    tag = secrets.token_hex(3)
    lina = {"name": f"Lina Roll{tag}", "email": f"lina.{tag}@newco.example"}
    csv = ("email,name,organisation,role,skills,goals,time zone,capacity\n"
           f"{lina['email']},{lina['name']},Newco,mentee,Leadership,Lead my first team,Europe/Berlin,\n"
           f"tomas.{tag}@newco.example,Tomas Roll{tag},Newco,mentee,Rust,Ship a service,Europe/Madrid,\n"
           f"ruth.{tag}@newco.example,Ruth Roll{tag},Newco,mentor,Leadership;Rust,,Europe/Paris,2\n")

    # -- A visitor is told what signing in unlocks; no button leads to a page they cannot open ----------------
    go(driver, base_url, "/")
    assert "Signing in opens the directory" in page_text(driver)
    assert not driver.find_elements(By.XPATH, "//main//a[@href='/people']"), "no directory button for visitors"

    # -- The admin imports three new people into a new program and invites everyone not yet signed in ----------
    sign_in(driver, base_url, ADMIN_EMAIL, DEMO_PASSWORD)
    wait_for_path(driver, lambda p: p == "/", "/ after signing in")
    go(driver, base_url, "/programs")
    fill(driver, "name", f"Roll-out {tag}")
    fill(driver, "endDate", "2031-06-30")
    press(driver, "Create the program")
    program_path = wait_for_path(driver, lambda p: p.startswith("/programs/") and p.count("/") == 2, "the program's page")
    go(driver, base_url, program_path + "/admin")
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as file:
        file.write(csv)
    driver.find_element(By.ID, "file").send_keys(file.name)
    press(driver, "Import")
    text = page_text(driver)
    assert "Participants (3)" in text and "Not invited" in text, text[:800]
    press(driver, "Invite everyone not yet signed in (3)")
    text = page_text(driver)
    assert "Invitations sent" in text and "Invited" in text, text[:800]
    shot(driver, "rollout-01-invited")
    axe_check(driver, "program-admin-invitations")
    sign_out(driver)

    # -- Lina's invitation arrives at the mail server; its link lets her choose a password -------------------
    invitation = mailbox.wait_for(lina["email"], lambda m: "invited" in m["subject"], "invitation")
    assert invitation["subject"] == f"You're invited to Roll-out {tag}"
    link = next(p for p in mailbox.links(invitation) if p.startswith("/invitations/"))
    go(driver, base_url, link)
    assert lina["email"] in driver.page_source and "Choose a password" in page_text(driver)
    assert "Continue with Test SSO" in page_text(driver)
    axe_check(driver, "invitation")
    fill(driver, "password", "short")
    press(driver, "Join Ithaca")
    assert el(driver, "password").get_attribute("aria-invalid") == "true"
    password = passphrase()
    fill(driver, "password", password)
    press(driver, "Join Ithaca")
    wait_for_path(driver, lambda p: p == program_path, "the program's page after joining")
    assert "Welcome to Ithaca" in page_text(driver)
    shot(driver, "rollout-02-joined")

    # -- She asks a mentor; the "boss or mentor?" guidance sits beside the request form ----------------------
    go(driver, base_url, "/people?q=" + MENTOR_NAME.replace(" ", "+"))
    card = next(c for c in person_cards(driver) if MENTOR_NAME in c.text)
    click_and_wait_for_new_page(driver, card_link(card))
    assert "Boss or mentor?" in page_text(driver)
    fill(driver, "goal", "Lead my first team")
    choose(driver, "focus", "leadership")
    fill(driver, "message", "I start leading three engineers next month.")
    press(driver, "Ask for mentoring")
    wait_for_path(driver, lambda p: p == "/mentoring", "/mentoring after asking")
    sign_out(driver)

    # -- The mentor is told by email, with a link to the request, and asks for more information --------------
    asked = mailbox.wait_for(MENTOR_EMAIL, lambda m: lina["name"] in m["subject"], "request email")
    assert "/mentoring" in mailbox.links(asked) and "Lead my first team" in mailbox.text(asked)
    assert asked["List-Unsubscribe"] and "/email/unsubscribe" in asked["List-Unsubscribe"]
    sign_in(driver, base_url, MENTOR_EMAIL, DEMO_PASSWORD)
    go(driver, base_url, "/mentoring")
    question = within_request(driver, lina["name"], "//textarea[starts-with(@id,'question-')]")
    question.send_keys("What does the team work on?")
    click_and_wait_for_new_page(driver, within_request(driver, lina["name"], "//button[normalize-space()='Ask them']"))
    assert "Your question is on its way" in page_text(driver)
    sign_out(driver)

    # -- Lina reads the question (by email too) and replies; the request returns to the mentor --------------
    mailbox.wait_for(lina["email"], lambda m: "know more" in m["subject"], "question email")
    sign_in(driver, base_url, lina["email"], password)
    go(driver, base_url, "/mentoring")
    assert "What does the team work on?" in page_text(driver)
    reply = driver.find_element(By.XPATH, "//textarea[starts-with(@id,'reply-')]")
    reply.send_keys("A payments API, in Rust.")
    press(driver, "Send reply")
    assert "Reply sent" in page_text(driver)
    shot(driver, "rollout-03-replied")
    sign_out(driver)

    # -- The mentor reads the reply and accepts; both acknowledge the agreement ------------------------------
    sign_in(driver, base_url, MENTOR_EMAIL, DEMO_PASSWORD)
    go(driver, base_url, "/mentoring")
    assert "A payments API, in Rust." in page_text(driver)
    click_and_wait_for_new_page(driver, within_request(driver, lina["name"], "//button[normalize-space()='Accept']"))
    mentorship_path = wait_for_path(driver, lambda p: p.startswith("/mentorships/"), "the mentorship page")
    press(driver, "I acknowledge this agreement")
    sign_out(driver)
    mailbox.wait_for(lina["email"], lambda m: "accepted your request" in mailbox.text(m), "acceptance email")
    sign_in(driver, base_url, lina["email"], password)
    go(driver, base_url, mentorship_path)
    press(driver, "I acknowledge this agreement")

    # -- Lina books the first free slot; both get the meeting by email with a calendar invitation ------------
    first_slot = driver.find_elements(By.CSS_SELECTOR, "input[type=radio][name=start]")
    assert first_slot, f"no free slots on {driver.current_url}: {page_text(driver)[:600]}"
    first_slot[0].click()
    fill(driver, "agenda", "How to run my first one-to-ones.")
    press(driver, "Book this meeting")
    assert "Meeting booked" in page_text(driver)
    shot(driver, "rollout-04-booked")
    for address in (lina["email"], MENTOR_EMAIL):
        booked = mailbox.wait_for(address, lambda m: "METHOD:REQUEST" in mailbox.calendar(m), "meeting invitation")
        ics = mailbox.calendar(booked)
        assert "BEGIN:VEVENT" in ics and "UID:" in ics and "SEQUENCE:0" in ics, ics
    # the inbox shows the mentoring events too
    go(driver, base_url, "/notifications")
    text = page_text(driver)
    assert "would like to know more" in text and "accepted your request" in text, text[:800]
    axe_check(driver, "inbox")

    # -- Settings: what she receives, per kind and channel --------------------------------------------------
    go(driver, base_url, "/settings/notifications")
    axe_check(driver, "notification-settings")
    choose(driver, "kind-meeting_reminder", "daily_digest")
    press(driver, "Save notification settings")
    assert "Notification settings saved" in page_text(driver)
    assert el(driver, "kind-meeting_reminder").get_attribute("value") == "daily_digest"
    go(driver, base_url, "/guide/boss-or-mentor")
    assert "Bring to your manager" in page_text(driver)
    axe_check(driver, "guide")
    shot(driver, "rollout-05-guide")


def test_sign_in_with_the_openid_provider(driver, base_url):
    issuer = os.environ.get("ITHACA_OIDC_ISSUER", "")
    assert issuer, "ITHACA_OIDC_ISSUER is not set: run the journeys through scripts/test"
    tag = secrets.token_hex(3)

    def define(sub: str, claims: dict) -> None:
        request = urllib.request.Request(f"{issuer}/users/{sub}", data=json.dumps(claims).encode(), method="PUT",
                                         headers={"Content-Type": "application/json"})
        assert urllib.request.urlopen(request, timeout=10).status == 204

    def sign_on(sub: str) -> None:
        go(driver, base_url, "/signin")
        click_and_wait_for_new_page(driver, driver.find_element(By.LINK_TEXT, "Sign in with Test SSO"))
        assert driver.current_url.startswith(issuer), driver.current_url
        driver.find_element(By.NAME, "sub").send_keys(sub)
        click_and_wait_for_new_page(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Authorize']"))

    # someone whose email the provider has not verified is refused, with the reason
    define(f"sly-{tag}", {"email": f"sly.{tag}@sso.example", "email_verified": False})
    sign_on(f"sly-{tag}")
    assert "Single sign-on didn't work" in h1_text(driver) and "not verified" in page_text(driver)
    shot(driver, "sso-01-refused")
    axe_check(driver, "sso-refused")
    # a newcomer from the allowed domain gets an account and is signed in
    define(f"nia-{tag}", {"email": f"nia.{tag}@sso.example", "email_verified": True, "name": f"Nia SSO{tag}"})
    sign_on(f"nia-{tag}")
    wait_for_path(driver, lambda p: p == "/", "home after single sign-on")
    assert "You're signed in" in page_text(driver)
    go(driver, base_url, "/settings")
    assert f"nia.{tag}@sso.example" in page_text(driver)
    shot(driver, "sso-02-signed-in")
