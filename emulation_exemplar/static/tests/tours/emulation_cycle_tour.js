/** @odoo-module **/
/* The annual cycle, walked as the demo officer `vanphong` on the demo's 2025 cycle: a unit's
 * submitted proposal goes to the council, the council's open session puts it on the ballot,
 * records the yes votes and closes, a decision takes the lines that passed and is issued, and
 * the award is there. Buttons and menus are found by their names and XML ids, not by their
 * labels, so that the tour does not depend on the translation of the new terms. */

import { registry } from "@web/core/registry";
import { noErrorDialog, statusIs } from "@emulation_exemplar/../tests/tours/tour_helpers";

const PROPOSAL = "25/TTr-BG";
const SESSION = "06/BB-HĐTĐKT";
const PERSON = "Chu Văn Nam";
const SOLDIER = "Chiến sĩ thi đua cơ sở";
const DECISION = "131/QĐ-SNgV";

function openMenu(section, item) {
    return [
        {
            content: `open the menu ${section}`,
            trigger: `.o_main_navbar button[data-menu-xmlid="emulation_exemplar.${section}"]`,
            run: "click",
        },
        {
            content: `open ${item}`,
            trigger: `.dropdown-item[data-menu-xmlid="emulation_exemplar.${item}"]`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("emulation_cycle_tour", {
    url: "/odoo/action-emulation_exemplar.action_emulation_proposal",
    steps: () => [
        // 1. a unit's submitted proposal goes to the council
        {
            content: "open the submitted proposal of the Border section",
            trigger: `.o_list_view .o_data_row:contains("${PROPOSAL}") td.o_data_cell:first`,
            run: "click",
        },
        statusIs("submitted"),
        {
            content: "send it to the council",
            trigger: 'button[name="action_to_council"]',
            run: "click",
        },
        statusIs("council"),
        noErrorDialog("sent to the council without error"),
        // 2. the council's open session: the ballot, the yes votes, closing
        ...openMenu("menu_emulation_cycle", "menu_emulation_council_session"),
        {
            content: "open the session still voting",
            trigger: `.o_list_view .o_data_row:contains("${SESSION}") td.o_data_cell:first`,
            run: "click",
        },
        statusIs("draft"),
        {
            content: "put the proposals sent to the council on the ballot",
            trigger: 'button[name="action_add_proposals"]',
            run: "click",
        },
        {
            content: "the person is on the ballot: record their yes votes",
            trigger: `.o_field_widget[name="line_ids"] .o_data_row:contains("${PERSON}") td[name="vote_yes"]`,
            run: "click",
        },
        {
            content: "10 yes votes of the 11 members",
            trigger: '.o_field_widget[name="line_ids"] .o_selected_row .o_field_widget[name="vote_yes"] input',
            run: "edit 10",
        },
        {
            content: "save the ballot",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "the line passed (10 of 11 reaches 80 %)",
            trigger: `.o_field_widget[name="line_ids"] .o_data_row.text-success:contains("${PERSON}")`,
        },
        {
            content: "close the session",
            trigger: 'button[name="action_close"]',
            run: "click",
        },
        statusIs("done"),
        noErrorDialog("the session closed without error"),
        // 3. the decision on the lines that passed
        ...openMenu("menu_emulation_history", "menu_emulation_decision"),
        {
            content: "a new decision",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "its number",
            trigger: '.o_field_widget[name="number"] input',
            run: `edit ${DECISION}`,
        },
        {
            content: "its date",
            trigger: '.o_field_widget[name="date"] input',
            run: "edit 30/12/2025",
        },
        {
            content: "its title",
            trigger: '.o_field_widget[name="award_type_id"] input',
            run: `edit ${SOLDIER}`,
        },
        {
            trigger: `.ui-menu-item a:contains("${SOLDIER}")`,
            run: "click",
        },
        {
            content: "the year the achievements count for",
            trigger: '.o_field_widget[name="year"] input',
            run: "edit 2025",
        },
        {
            content: "take the lines the council passed",
            trigger: 'button[name="action_add_passed_lines"]',
            run: "click",
        },
        {
            content: "the person's line is in the decision",
            trigger: `.o_field_widget[name="line_ids"] .o_data_row:contains("${PERSON}")`,
        },
        {
            content: "issue the decision",
            trigger: 'button[name="action_issue"]',
            run: "click",
        },
        statusIs("recorded"),
        noErrorDialog("the decision was issued without error"),
        // 4. the award is there
        {
            content: "open the decision's awards",
            trigger: '.o_notebook .nav-link[name="awards"]',
            run: "click",
        },
        {
            content: "the person's award, from this decision",
            trigger: `.o_field_widget[name="award_ids"] .o_data_row:contains("${PERSON}")`,
        },
    ],
});
