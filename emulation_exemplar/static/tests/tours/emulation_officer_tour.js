/** @odoo-module **/
/* The emulation officer's day, walked as the demo officer `vanphong` (no HR right): the People
 * list, one step away, a person's profile, recording the award they miss, their eligibility
 * changing, the campaign, proposing candidates, a nomination, and the papers. */

import { registry } from "@web/core/registry";
import { noErrorDialog } from "@emulation_exemplar/../tests/tours/tour_helpers";

const PERSON = "Phạm Thị Thử Việc";
const MERIT = "Bằng khen của Chủ tịch UBND tỉnh";

function toggleFilter(label) {
    return [
        {
            content: "open the search options",
            trigger: ".o_control_panel_actions .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: `toggle the filter ${label}`,
            trigger: `.o_filter_menu .dropdown-item:contains("${label}")`,
            run: "click",
        },
        {
            content: "close the search options",
            trigger: ".o_control_panel_actions .o_searchview_dropdown_toggler",
            run: "click",
        },
    ];
}

/** Print every paper the Print menu offers (``count`` of them), one after the other. */
function printEveryPaper(count) {
    const steps = [];
    for (let index = 0; index < count; index++) {
        steps.push(
            {
                content: "open the action menu",
                trigger: ".o_cp_action_menus button:has(.fa-cog)",
                run: "click",
            },
            {
                content: "open the Print menu",
                trigger: ".o-dropdown--menu button:has(.fa-print)",
                run: "click",
            },
            {
                content: `print paper ${index + 1}`,
                trigger: `.o-dropdown--menu:not(:has(.fa-print)) .o_menu_item:eq(${index})`,
                run: "click",
            },
            {
                content: "let the report request start",
                trigger: "body:not(:has(.o-dropdown--menu))",
                run: () => new Promise((resolve) => setTimeout(resolve, 1000)),
            },
            {
                content: "the paper is made (the interface is unblocked)",
                trigger: "body:not(.o_ui_blocked)",
            },
            noErrorDialog(`paper ${index + 1} printed without error`)
        );
    }
    return steps;
}

/** Print the paper named ``label`` from the Print menu (among several). */
function printPaperNamed(label) {
    return [
        {
            content: "open the action menu",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "open the Print menu",
            trigger: ".o-dropdown--menu button:has(.fa-print)",
            run: "click",
        },
        {
            content: `print ${label}`,
            trigger: `.o-dropdown--menu:not(:has(.fa-print)) .o_menu_item:contains("${label}")`,
            run: "click",
        },
    ];
}

/** Wait for the paper being made, and check that no error came. */
function paperMade(label) {
    return [
        {
            content: "let the report request start",
            trigger: "body:not(:has(.o-dropdown--menu))",
            run: () => new Promise((resolve) => setTimeout(resolve, 1000)),
        },
        {
            content: "the paper is made (the interface is unblocked)",
            trigger: "body:not(.o_ui_blocked)",
        },
        noErrorDialog(`${label} printed without error`),
    ];
}

/** Print the only paper of a form's Print entry (the action menu shows it directly). */
function printTheOnlyPaper(label) {
    return [
        {
            content: "open the action menu",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: `print ${label}`,
            trigger: `.o-dropdown--menu .o_menu_item:has(.fa-print):contains("${label}")`,
            run: "click",
        },
        {
            content: "let the report request start",
            trigger: "body:not(:has(.o-dropdown--menu))",
            run: () => new Promise((resolve) => setTimeout(resolve, 1000)),
        },
        {
            content: "the paper is made (the interface is unblocked)",
            trigger: "body:not(.o_ui_blocked)",
        },
        noErrorDialog(`${label} printed without error`),
    ];
}

function openMenu(app, item) {
    return [
        {
            content: `open the menu ${app}`,
            trigger: `.o_main_navbar button:contains("${app}")`,
            run: "click",
        },
        {
            trigger: `.dropdown-item:contains("${item}")`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("emulation_officer_tour", {
    url: "/odoo/action-emulation_exemplar.action_emulation_exemplar_employees",
    steps: () => [
        {
            content: "the People list opens on the eligible exemplars",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "look for the person",
            trigger: ".o_searchview_input",
            run: `edit ${PERSON} && press Enter`,
        },
        ...toggleFilter("Còn thiếu một tiêu chí"),
        ...toggleFilter("Đủ tiêu chuẩn điển hình"),
        {
            content: "the person is one step away and the list says what is missing",
            trigger: `.o_data_row:contains("${PERSON}") td[name="missing_text"]:contains("${MERIT}")`,
        },
        {
            content: "open the person's result",
            trigger: `.o_data_row td[name="employee_id"]:contains("${PERSON}")`,
            run: "click",
        },
        {
            content: "the result says what is missing",
            trigger: `.o_field_widget[name="missing_text"]:contains("${MERIT}")`,
        },
        {
            content: "open the person's profile",
            trigger: 'button[name="action_open_recipient"]',
            run: "click",
        },
        {
            content: "the profile opens on the emulation tab, not yet eligible",
            trigger: '.o_notebook .nav-link.active:contains("Thi đua – Khen thưởng")',
        },
        {
            trigger: '.o_field_widget[name="exemplar_eligible"] input:not(:checked)',
        },
        {
            content: "record the award the person misses",
            trigger: 'button[name="action_record_emulation_award"]',
            run: "click",
        },
        {
            content: "choose the award type",
            trigger: '.modal .o_field_widget[name="award_type_id"] input',
            run: `edit ${MERIT}`,
        },
        {
            trigger: `.ui-menu-item a:contains("${MERIT}")`,
            run: "click",
        },
        {
            content: "the person is already chosen",
            trigger: `.modal .o_field_widget[name="employee_id"] input:value("${PERSON}")`,
        },
        {
            content: "the decision number",
            trigger: '.modal .o_field_widget[name="decision_number"] input',
            run: "edit 99/QĐ-UBND",
        },
        {
            content: "the decision date (an award recorded by hand needs both)",
            trigger: '.modal .o_field_widget[name="decision_date"] input',
            run: "edit 15/01/2026",
        },
        {
            content: "save the award",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "the dialog closes",
            trigger: "body:not(:has(.modal))",
        },
        noErrorDialog("the award was recorded without error"),
        {
            content: "the person is now eligible",
            trigger: '.o_field_widget[name="exemplar_eligible"] input:checked',
        },
        {
            trigger: `.o_field_widget[name="emulation_award_ids"] .o_data_row:contains("${MERIT}")`,
        },
        ...printTheOnlyPaper("Hồ sơ thi đua, khen thưởng"),
        // import past years' awards from the shipped template, as an officer does
        {
            content: "open the History menu",
            trigger: '.o_main_navbar button:contains("Quá trình thi đua")',
            run: "click",
        },
        {
            trigger: '.dropdown-item:contains("Khen thưởng, danh hiệu")',
            run: "click",
        },
        {
            // the awards list itself, not the profile's list of awards still on the screen
            content: "the awards list is open",
            trigger: '.o_list_view .o_last_breadcrumb_item:contains("Khen thưởng, danh hiệu")',
        },
        {
            content: "open the action menu of the list",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Import records",
            trigger: ".o-dropdown--menu .dropdown-item:has(.fa-download)",
            run: "click",
        },
        {
            content: "upload the awards template",
            trigger: ".o_control_panel .o_import_file",
            async run() {
                const response = await fetch("/emulation_exemplar/static/xls/emulation_award.xlsx");
                const file = new File([await response.blob()], "emulation_award.xlsx", {
                    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                });
                const input = document.querySelector(".o_control_panel input.o_input_file");
                const transfer = new DataTransfer();
                transfer.items.add(file);
                input.files = transfer.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "the preview maps the columns",
            trigger: ".o_import_data_content .o_import_field_preview, .o_import_data_content table",
        },
        {
            content: "import",
            trigger: ".o_control_panel_main_buttons button.btn-primary:not(.o_import_file)",
            run: "click",
        },
        {
            content: "back on the list, look for the imported decision",
            trigger: ".o_list_view .o_searchview_input",
            run: "edit 210/QĐ-UBND",
        },
        {
            trigger: '.o_searchview_autocomplete .o_menu_item:contains("Số quyết định")',
            run: "click",
        },
        {
            content: "the imported award is there",
            trigger: '.o_list_view .o_data_row:contains("210/QĐ-UBND")',
        },
        noErrorDialog("the import went without error"),
        // one decision for five people, from a selection in the People list
        {
            content: "open the Exemplars menu",
            trigger: '.o_main_navbar button:contains("Điển hình tiên tiến")',
            run: "click",
        },
        {
            trigger: '.dropdown-item:contains("Cá nhân")',
            run: "click",
        },
        {
            content: "show everyone, not only the eligible",
            trigger: '.o_searchview_facet:contains("Đủ tiêu chuẩn điển hình") .o_facet_remove',
            run: "click",
        },
        ...[0, 1, 2, 3, 4].map((index) => ({
            content: `select person ${index + 1}`,
            trigger: `.o_data_row:eq(${index}) .o_list_record_selector input`,
            run: "click",
        })),
        {
            content: "open the action menu of the selection",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "record a decision for them",
            trigger: '.o-dropdown--menu .o_menu_item:contains("Ghi nhận quyết định")',
            run: "click",
        },
        {
            content: "the five people are in the decision",
            trigger: '.o_field_widget[name="employee_ids"] .o_data_row:eq(4)',
        },
        {
            content: "the decision's number",
            trigger: '.o_field_widget[name="number"] input',
            run: "edit 120/QĐ-SNgV",
        },
        {
            content: "its date",
            trigger: '.o_field_widget[name="date"] input',
            run: "edit 15/01/2026",
        },
        {
            content: "its award type",
            trigger: '.o_field_widget[name="award_type_id"] input',
            run: "edit Giấy khen",
        },
        {
            trigger: '.ui-menu-item a:contains("Giấy khen")',
            run: "click",
        },
        {
            content: "the year the achievements count for",
            trigger: '.o_field_widget[name="year"] input',
            run: "edit 2025",
        },
        {
            content: "record the awards",
            trigger: 'button[name="action_record_awards"]',
            run: "click",
        },
        {
            content: "the decision is recorded, with five awards",
            trigger: '.o_statusbar_status .o_arrow_button_current:contains("Đã ghi nhận")',
        },
        noErrorDialog("the decision was recorded without error"),
        // the campaign: propose candidates, open a nomination, print its papers
        {
            content: "open the Campaigns menu",
            trigger: '.o_main_navbar button:contains("Kế hoạch"), .o_main_navbar a:contains("Kế hoạch")',
            run: "click",
        },
        {
            trigger: '.dropdown-item:contains("Kế hoạch")',
            run: "click",
        },
        {
            content: "open the running campaign",
            trigger: '.o_data_row:contains("198/KH-SNgV") td.o_data_cell:first',
            run: "click",
        },
        {
            content: "propose candidates",
            trigger: 'button[name="action_propose_candidates_wizard"]',
            run: "click",
        },
        {
            trigger: '.modal button[name="action_propose"]',
            run: "click",
        },
        {
            content: "the nominations open, with the new candidate",
            trigger: `.o_kanban_record:contains("${PERSON}"), .o_data_row:contains("${PERSON}")`,
            run: "click",
        },
        {
            content: "the nomination's form",
            trigger: `.o_form_view .o_field_widget[name="stage"]`,
        },
        noErrorDialog("the nomination opened without error"),
        {
            content: "back to the campaign",
            trigger: '.o_breadcrumb .breadcrumb-item a:contains("198/KH-SNgV")',
            run: "click",
        },
        {
            content: "the campaign's form is back (its name is the last breadcrumb)",
            trigger: '.o_breadcrumb .o_last_breadcrumb_item:contains("198/KH-SNgV")',
        },
        ...printEveryPaper(4),
        // a unit's record, and the eligible lists of the criteria sets
        ...openMenu("Điển hình tiên tiến", "Đơn vị"),
        {
            content: "open a unit",
            trigger: '.o_data_row:contains("Văn phòng – Thanh tra") td.o_data_cell:first',
            run: "click",
        },
        {
            content: "the unit's result, named after the unit",
            trigger: '.o_breadcrumb .o_last_breadcrumb_item:contains("Văn phòng – Thanh tra")',
        },
        {
            content: "open the unit",
            trigger: 'button[name="action_open_recipient"]',
            run: "click",
        },
        {
            trigger: '.o_form_view .o_field_widget[name="name"] input:value("Văn phòng – Thanh tra")',
        },
        ...printTheOnlyPaper("Hồ sơ thi đua, khen thưởng"),
        ...openMenu("Cấu hình", "Bộ tiêu chí"),
        {
            content: "open a criteria set (its name: the first cell is the row's handle)",
            trigger: '.o_data_row td.o_data_cell[name="name"]:first',
            run: "click",
        },
        {
            trigger: '.o_form_view .o_field_widget[name="name"]:contains("Kế hoạch 198")',
        },
        ...printPaperNamed("Danh sách điển hình tiên tiến và nhân tố còn thiếu một tiêu chí"),
        ...paperMade("the list with those one step away"),
        // the list for a year the officer picks: by default the year being judged (the demo's 2025)
        ...printPaperNamed("Danh sách đủ tiêu chuẩn theo năm"),
        {
            content: "the year proposed is the year being judged",
            trigger: '.modal .o_field_widget[name="year"] input:value("2025")',
        },
        {
            content: "print the list of that year",
            trigger: '.modal button[name="action_print"]',
            run: "click",
        },
        ...paperMade("the list of a year"),
    ],
});
