/** @odoo-module **/
/* Steps the module's tours share. */

/** A step that waits until no error dialog is open. */
export function noErrorDialog(content) {
    return {
        content: content || "no error dialog",
        trigger: "body:not(:has(.o_error_dialog))",
    };
}

/** A step that waits until the form's status bar shows ``value`` as the current status. */
export function statusIs(value) {
    return {
        content: `the status is ${value}`,
        trigger: `.o_statusbar_status button.o_arrow_button_current[data-value="${value}"]`,
    };
}
