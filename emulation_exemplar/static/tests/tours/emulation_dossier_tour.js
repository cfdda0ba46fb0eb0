/** @odoo-module **/
/* Issue 26, one database: the dossier goes up to the province's body. Three tours, each walked
 * by the user of its side (tests/test_tours.py, test_dossier_goes_up):
 * - emulation_dossier_send_tour (`vanphong`, the agency's officer): Send up on the proposal the
 *   agency's council passed, then the dossier sent (walked twice: first, and after the return);
 * - emulation_dossier_return_tour (`sonoivu`, the province's officer): review, write the reason,
 *   return it to the agency;
 * - emulation_dossier_decide_tour (`sonoivu`): review, put it to the province's council, vote
 *   and close the session, record the Chairman's decision;
 * - emulation_dossier_read_tour (`vanphong`): the agency reads the decision on its dossier. */

import { registry } from "@web/core/registry";
import { noErrorDialog, statusIs } from "@emulation_exemplar/../tests/tours/tour_helpers";

const DECISION = "345/QĐ-UBND";
const SESSION = "01/BB-HĐTĐKT-T";

function openDossier() {
    return [
        {
            content: "the Annual cycle menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="emulation_exemplar.menu_emulation_cycle"]',
            run: "click",
        },
        {
            content: "Dossiers sent up",
            trigger: '.dropdown-item[data-menu-xmlid="emulation_exemplar.menu_emulation_dossier"]',
            run: "click",
        },
        {
            content: "open the dossier of the Office–Inspectorate",
            trigger: ".o_list_view .o_data_row td.o_data_cell:first",
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("emulation_dossier_send_tour", {
    steps: () => [
        statusIs("approved"),
        {
            content: "Send up: the dossier goes to the province's body",
            trigger: 'button[name="action_send_up"]',
            run: "click",
        },
        noErrorDialog("sent"),
        {
            content: "open the dossier sent up",
            trigger: 'button[name="action_open_dossier"]',
            run: "click",
        },
        statusIs("sent"),
        {
            content: "the papers are attached: the submission, the list, the minutes, the achievement reports",
            trigger: '.o_notebook .nav-link[name="papers"], .o_notebook a[name="papers"]',
            run: "click",
        },
        {
            content: "four papers",
            trigger: '.o_field_widget[name="attachment_ids"] .o_data_row:nth-child(4)',
        },
        {
            content: "the agency cannot review its own dossier",
            trigger: '.o_form_view:not(:has(button[name="action_review"]))',
        },
    ],
});

registry.category("web_tour.tours").add("emulation_dossier_return_tour", {
    steps: () => [
        ...openDossier(),
        statusIs("sent"),
        {
            content: "start the review",
            trigger: 'button[name="action_review"]',
            run: "click",
        },
        statusIs("review"),
        {
            content: "the reason for returning",
            trigger: '.o_field_widget[name="return_reason"] textarea',
            run: "edit Bổ sung báo cáo thành tích có xác nhận của Thủ trưởng.",
        },
        {
            content: "return it to the agency",
            trigger: 'button[name="action_return"]',
            run: "click",
        },
        statusIs("returned"),
        noErrorDialog("returned"),
    ],
});

registry.category("web_tour.tours").add("emulation_dossier_decide_tour", {
    steps: () => [
        ...openDossier(),
        statusIs("sent"),
        {
            content: "start the review",
            trigger: 'button[name="action_review"]',
            run: "click",
        },
        {
            content: "put it to the province's council",
            trigger: 'button[name="action_to_council"]',
            run: "click",
        },
        statusIs("council"),
        {
            content: "the Annual cycle menu",
            trigger: '.o_main_navbar button[data-menu-xmlid="emulation_exemplar.menu_emulation_cycle"]',
            run: "click",
        },
        {
            content: "Council sessions",
            trigger: '.dropdown-item[data-menu-xmlid="emulation_exemplar.menu_emulation_council_session"]',
            run: "click",
        },
        {
            content: "the province's session",
            trigger: `.o_list_view .o_data_row:contains("${SESSION}") td.o_data_cell:first`,
            run: "click",
        },
        {
            content: "put the proposals and dossiers on the ballot",
            trigger: 'button[name="action_add_proposals"]',
            run: "click",
        },
        {
            content: "the dossiers' ballot",
            trigger: '.o_notebook .nav-link[name="dossier_ballot"], .o_notebook a[name="dossier_ballot"]',
            run: "click",
        },
        {
            content: "the yes votes of the line",
            trigger: '.o_field_widget[name="dossier_line_ids"] .o_data_row td[name="vote_yes"]',
            run: "click",
        },
        {
            content: "9 yes votes of the 10 members: 90 %",
            trigger: '.o_field_widget[name="dossier_line_ids"] .o_selected_row .o_field_widget[name="vote_yes"] input',
            run: "edit 9",
        },
        {
            content: "close the session",
            trigger: 'button[name="action_close"]',
            run: "click",
        },
        statusIs("done"),
        noErrorDialog("the session is closed"),
        ...openDossier(),
        statusIs("approved"),
        {
            content: "the decision's number",
            trigger: '.o_field_widget[name="decision_number"] input',
            run: `edit ${DECISION}`,
        },
        {
            content: "the decision's date",
            trigger: '.o_field_widget[name="decision_date"] input',
            run: "edit 20/01/2026",
        },
        {
            content: "leave the date",
            trigger: '.o_field_widget[name="decision_signer"] input',
            run: "edit Chủ tịch UBND tỉnh",
        },
        {
            content: "record the decision",
            trigger: 'button[name="action_decide"]',
            run: "click",
        },
        statusIs("decided"),
        noErrorDialog("decided"),
    ],
});

registry.category("web_tour.tours").add("emulation_dossier_read_tour", {
    steps: () => [
        ...openDossier(),
        statusIs("decided"),
        {
            content: "the agency reads the province's decision",
            trigger: `.o_field_widget[name="decision_number"]:contains("${DECISION}")`,
        },
    ],
});
