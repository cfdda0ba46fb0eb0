"""Screenshots of issue 25's lists at 1280 and 1440 px (vanphong, Vietnamese demo)."""

import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BASE = "http://127.0.0.1:8079"
OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/lshots"
ONLY = sys.argv[2:]
A = "/odoo/action-emulation_exemplar."
PAGES = [
    ("registrations", [("url", A + "action_emulation_registration")]),
    ("council_sessions", [("url", A + "action_emulation_council_session")]),
    (
        "council_ballot",
        [
            ("url", A + "action_emulation_council_session"),
            (
                "click",
                "//tr[contains(@class,'o_data_row')][1]/td[contains(@class,'o_data_cell')][2]",
            ),
            ("click", "//a[@name='ballot']"),
        ],
    ),
    (
        "proposal_lines",
        [
            ("url", A + "action_emulation_proposal"),
            (
                "click",
                "//tr[contains(@class,'o_data_row')][1]/td[contains(@class,'o_data_cell')][2]",
            ),
            ("click", "//a[@name='lines']"),
        ],
    ),
    ("disciplines", [("url", A + "action_emulation_discipline")]),
    ("people", [("url", A + "action_emulation_exemplar_employees"), ("unfilter", "")]),
    ("awards", [("url", A + "action_emulation_award")]),
    ("classifications", [("url", A + "action_emulation_classification")]),
]
o = Options()
o.add_argument("--headless=new")
o.add_argument("--no-sandbox")
o.add_argument("--hide-scrollbars")
o.binary_location = "/usr/bin/chromium"
d = webdriver.Chrome(options=o, service=Service("/usr/bin/chromedriver"))
d.set_window_size(1440, 900)
d.get(BASE + "/web/login")
time.sleep(2)
d.find_element(By.ID, "login").send_keys("vanphong")
d.find_element(By.ID, "password").send_keys("vanphong")
d.find_element(By.CSS_SELECTOR, "form.oe_login_form button[type=submit]").click()
time.sleep(9)
d.set_window_size(1440, 900)
d.save_screenshot(OUT + "/landing.png")
print("landing", d.current_url)
for width in (1440, 1280):
    d.set_window_size(width, 1000)
    for name, steps in PAGES:
        if ONLY and name not in ONLY:
            continue
        try:
            for kind, arg in steps:
                if kind == "url":
                    d.get(BASE + arg)
                    time.sleep(5)
                elif kind == "click":
                    d.find_element(By.XPATH, arg).click()
                    time.sleep(3)
                elif kind == "unfilter":
                    for _ in range(4):
                        removes = d.find_elements(
                            By.CSS_SELECTOR, ".o_searchview_facet .o_facet_remove"
                        )
                        if not removes:
                            break
                        removes[0].click()
                        time.sleep(2)
            path = "%s/%s_%s.png" % (OUT, name, width)
            d.save_screenshot(path)
            print(path)
        except Exception as error:  # noqa: BLE001
            print("FAILED", name, width, error)
d.quit()
