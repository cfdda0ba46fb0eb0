/** @odoo-module **/
/* The unit head's December, walked as the demo unit head `truongphong` (head of the Consular
 * section): he registers his whole unit in one click (his unit is filled in), removes who does
 * not register, submits; then *Create the proposal* on the registration opens the unit's proposal
 * of its title (Advanced worker) and year, *Only registered* on by itself, filled by *Propose
 * eligible*, submitted. Each step that the user does is a click or a
 * typed entry (`run`); the others only wait for what the screen shows. The README counts them. */

import { registry } from "@web/core/registry";
import { noErrorDialog, statusIs } from "@emulation_exemplar/../tests/tours/tour_helpers";

const UNIT = "Lãnh sự";
const WORKER = "Lao động tiên tiến";
const KEPT = ["Dương Thị Kim Oanh", "Mai Xuân Trường"];
// the demo's section, and the member of staff the test adds to it (one step away)
const REMOVED = [
    "Cao Thị Ngọc Ánh",
    "Lý Thị Thanh Tâm",
    "Ngô Thanh Sơn",
    "Trịnh Văn Phúc",
    "Phạm Thị Thử Việc",
];

registry.category("web_tour.tours").add("emulation_unit_head_cycle_tour", {
    url: "/odoo/action-emulation_exemplar.action_emulation_registration",
    steps: () => [
        // 1. the registration: one click registers the whole unit
        {
            content: "click 1: a new registration",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "his unit is filled in",
            trigger: `.o_field_widget[name="department_id"] input:value(${UNIT})`,
        },
        {
            content: "typed 1: the year being judged",
            trigger: '.o_field_widget[name="year"] input',
            run: "edit 2025 && press Tab",
        },
        {
            content: "click 2: register every member of the unit",
            trigger: 'button[name="action_register_all"]',
            run: "click",
        },
        ...KEPT.concat(REMOVED).map((name) => ({
            content: `${name} is registered`,
            trigger: `.o_field_widget[name="line_ids"] .o_data_row:contains("${name}")`,
        })),
        ...REMOVED.map((name, index) => ({
            content: `click ${3 + index}: remove ${name}, who does not register`,
            trigger: `.o_field_widget[name="line_ids"] .o_data_row:contains("${name}") .o_list_record_remove`,
            run: "click",
        })),
        {
            content: "click 8: submit the registration",
            trigger: `.o_form_view:not(:has(.o_data_row:contains("${REMOVED[REMOVED.length - 1]}"))) button[name="action_submit"]`,
            run: "click",
        },
        statusIs("submitted"),
        noErrorDialog("the registration is submitted"),
        // 2. the proposal, from the registration, filled by Propose eligible
        {
            content: "click 9: Create the proposal, from the submitted registration",
            trigger: 'button[name="action_new_proposal"]',
            run: "click",
        },
        {
            content: "the unit, the title and the year are those of the registration",
            trigger: `.o_form_view .o_field_widget[name="department_id"] input:value(${UNIT})`,
        },
        {
            content: "the title is filled in",
            trigger: `.o_field_widget[name="award_type_id"] input:value(${WORKER})`,
        },
        {
            content: "the year is filled in",
            trigger: '.o_field_widget[name="year"] input:value(2025)',
        },
        {
            content: "Only registered is on: the unit registered for this year",
            trigger: '.o_field_widget[name="registered_only"] input:checked',
        },
        {
            content: "click 10: Propose eligible",
            trigger: 'button[name="action_propose_eligible"]',
            run: "click",
        },
        ...KEPT.map((name) => ({
            content: `${name}, registered and eligible, is proposed`,
            trigger: `.o_field_widget[name="line_ids"] .o_data_row:contains("${name}")`,
        })),
        {
            content: "click 11: submit the proposal (only the registered are on it)",
            trigger: `.o_form_view:not(:has(.o_data_row:contains("${REMOVED[REMOVED.length - 1]}"))) button[name="action_submit"]`,
            run: "click",
        },
        statusIs("submitted"),
        noErrorDialog("the proposal is submitted"),
        // a check, not a step of the cycle: a submitted proposal offers no Delete
        {
            content: "(check) open the action menu",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "(check) Duplicate is offered, Delete is not: only a draft is deleted",
            trigger: ".o-dropdown--menu:has(.o_menu_item .fa-clone):not(:has(.fa-trash-o))",
        },
    ],
});
