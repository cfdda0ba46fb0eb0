/** @odoo-module **/
/* The form of a paper of the annual cycle (registration, proposal): Delete is offered only
 * while the paper is a draft, the only state in which the server deletes it. */

import { registry } from "@web/core/registry";
import { formView } from "@web/views/form/form_view";
import { FormController } from "@web/views/form/form_controller";

export class EmulationPaperFormController extends FormController {
    getStaticActionMenuItems() {
        const items = super.getStaticActionMenuItems();
        const isAvailable = items.delete.isAvailable;
        items.delete.isAvailable = () => isAvailable() && this.model.root.data.state === "draft";
        return items;
    }
}

registry.category("views").add("emulation_paper_form", {
    ...formView,
    Controller: EmulationPaperFormController,
});
