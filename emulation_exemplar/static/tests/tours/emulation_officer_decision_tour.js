/** @odoo-module **/
/* The officer's December, walked as the demo officer `vanphong` after the unit head's tour: the
 * Consular section's submitted proposal goes to the council, the open session puts it on the
 * ballot, takes the yes votes and closes, *Create decision* makes the decision filled with the
 * lines that passed, and the officer numbers and issues it. Each `run` is a click or a typed
 * entry; the README counts them. */

import { registry } from "@web/core/registry";
import { noErrorDialog, statusIs } from "@emulation_exemplar/../tests/tours/tour_helpers";

const UNIT = "Lãnh sự";
const WORKER = "Lao động tiên tiến";
const SESSION = "06/BB-HĐTĐKT";
const PEOPLE = ["Dương Thị Kim Oanh", "Mai Xuân Trường"];
const DECISION = "132/QĐ-SNgV";

registry.category("web_tour.tours").add("emulation_officer_decision_tour", {
    url: "/odoo/action-emulation_exemplar.action_emulation_proposal",
    steps: () => [
        {
            content: "click 1: open the Consular section's submitted proposal",
            trigger: `.o_list_view .o_data_row:contains("${WORKER}"):contains("${UNIT}") td.o_data_cell:first`,
            run: "click",
        },
        statusIs("submitted"),
        {
            content: "click 2: send it to the council",
            trigger: 'button[name="action_to_council"]',
            run: "click",
        },
        statusIs("council"),
        {
            content: "click 3: the Annual cycle menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="emulation_exemplar.menu_emulation_cycle"]',
            run: "click",
        },
        {
            content: "click 4: Council sessions",
            trigger: '.dropdown-item[data-menu-xmlid="emulation_exemplar.menu_emulation_council_session"]',
            run: "click",
        },
        {
            content: "click 5: the session still voting",
            trigger: `.o_list_view .o_data_row:contains("${SESSION}") td.o_data_cell:first`,
            run: "click",
        },
        {
            content: "click 6: put the proposals on the ballot",
            trigger: 'button[name="action_add_proposals"]',
            run: "click",
        },
        ...PEOPLE.flatMap((name, index) => [
            {
                content: `click ${7 + index}: ${name}'s yes votes`,
                trigger: `.o_field_widget[name="line_ids"] .o_data_row:contains("${name}") td[name="vote_yes"]`,
                run: "click",
            },
            {
                content: `typed ${1 + index}: 10 yes votes of the 11 members`,
                trigger: `.o_field_widget[name="line_ids"] .o_selected_row:contains("${name}") .o_field_widget[name="vote_yes"] input`,
                run: "edit 10",
            },
        ]),
        {
            content: "click 9: close the session (the ballot is saved first)",
            trigger: 'button[name="action_close"]',
            run: "click",
        },
        statusIs("done"),
        noErrorDialog("the session is closed"),
        {
            content: "click 10: Create decision",
            trigger: 'button[name="action_create_decisions"]',
            run: "click",
        },
        ...PEOPLE.map((name) => ({
            content: `${name}'s passed line is in the decision, in view`,
            trigger: `.o_form_view div[name="proposal_lines"] .o_data_row:contains("${name}")`,
        })),
        {
            content: "typed 3: the decision's number",
            trigger: '.o_field_widget[name="number"] input',
            run: `edit ${DECISION}`,
        },
        {
            content: "click 11: issue the decision",
            trigger: 'button[name="action_issue"]',
            run: "click",
        },
        statusIs("recorded"),
        noErrorDialog("the decision is issued"),
        {
            content: "the hint says it is issued",
            trigger: ".o_form_view .alert-success",
        },
    ],
});
