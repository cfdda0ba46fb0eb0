/** @odoo-module **/
/* A member of staff (the demo user `nhanvien`, no emulation role): their own profile, their own
 * judgement, and no paper that would print with content they cannot read. */

import { registry } from "@web/core/registry";

const ME = "Trịnh Văn Phúc";
const COLLEAGUE = "Mai Xuân Trường";

registry.category("web_tour.tours").add("emulation_plain_user_tour", {
    url: "/odoo/action-emulation_exemplar.action_emulation_exemplar_employees",
    steps: () => [
        {
            content: "the People list shows only themselves",
            trigger: `.o_list_view .o_data_row:contains("${ME}")`,
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row:eq(1)))",
        },
        {
            content: "open their own result",
            trigger: `.o_data_row td[name="employee_id"]:contains("${ME}")`,
            run: "click",
        },
        {
            content: "the result explains itself",
            trigger: '.o_field_widget[name="explanation"]:not(:empty)',
        },
        {
            content: "open their own profile",
            trigger: 'button[name="action_open_recipient"]',
            run: "click",
        },
        {
            content: "on the emulation tab, their own judgement and classifications",
            trigger: '.o_notebook .nav-link.active:contains("Thi đua – Khen thưởng")',
        },
        {
            trigger: '.o_field_widget[name="exemplar_explanation"]:not(:empty)',
        },
        {
            trigger: '.o_field_widget[name="emulation_classification_ids"] .o_data_row',
        },
        {
            content: "no officer's button",
            trigger: 'body:not(:has(button[name="action_record_emulation_award"]))',
        },
        {
            content: "open the action menu",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "one paper: their own record, which they may read whole",
            trigger: '.o-dropdown--menu .o_menu_item:has(.fa-print):contains("Hồ sơ")',
            run: "click",
        },
        {
            trigger: "body:not(:has(.o-dropdown--menu))",
            run: () => new Promise((resolve) => setTimeout(resolve, 1000)),
        },
        {
            content: "printed without error",
            trigger: "body:not(.o_ui_blocked):not(:has(.o_error_dialog))",
        },
        // the campaign: its papers would show only part of the nominations to them
        {
            content: "open the Campaigns menu",
            trigger: '.o_main_navbar button:contains("Kế hoạch")',
            run: "click",
        },
        {
            trigger: '.dropdown-item:contains("Kế hoạch")',
            run: "click",
        },
        {
            trigger: '.o_data_row:contains("198/KH-SNgV") td.o_data_cell:first',
            run: "click",
        },
        {
            trigger: '.o_breadcrumb .o_last_breadcrumb_item:contains("198/KH-SNgV")',
        },
        {
            content: "no Print entry on the campaign for a member of staff",
            trigger: ".o_form_view",
            run() {
                const menu = document.querySelector(".o_cp_action_menus button:has(.fa-cog)");
                if (menu) {
                    menu.click();
                }
            },
        },
        {
            trigger: "body:not(:has(.o-dropdown--menu .fa-print))",
        },
        // a colleague's public profile: their commendation record is not offered to print
        {
            content: "the colleagues' directory",
            trigger: ".o_form_view",
            run() {
                window.location.href = "/odoo/action-hr.hr_employee_public_action";
            },
        },
        {
            content: `open the profile of ${COLLEAGUE}`,
            trigger: `.o_kanban_record:contains("${COLLEAGUE}")`,
            run: "click",
        },
        {
            trigger: `.o_form_view .o_field_widget[name="name"]:contains("${COLLEAGUE}")`,
        },
        {
            content: "open the action menu",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "no Print of the colleague's commendation record",
            trigger: '.o-dropdown--menu:not(:has(.o_menu_item:contains("Hồ sơ thi đua")))',
        },
    ],
});
