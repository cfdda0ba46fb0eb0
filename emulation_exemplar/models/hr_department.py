from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class HrDepartment(models.Model):
    _name = "hr.department"
    _inherit = ["hr.department", "emulation.exemplar.mixin", "emulation.exemplar.result.mixin"]
    _exemplar_result_field = "department_id"
    # the short name matches too: imports of past years name "Văn phòng – Thanh tra", not its
    # full path "Ban Giám đốc / Văn phòng – Thanh tra"
    _rec_names_search = ["complete_name", "name"]

    emulation_award_ids = fields.One2many(
        "emulation.award", "department_id", string="Awards and titles"
    )
    emulation_classification_ids = fields.One2many(
        "emulation.classification",
        "department_id",
        string="Annual classifications",
        groups="emulation_exemplar.group_emulation_manager",
    )
    # who heads this unit or a unit above it: the path the record rules follow ("the units a
    # manager heads and those below"), kept by the ORM, so that no rule embeds a list of ids
    emulation_head_user_ids = fields.Many2many(
        "res.users",
        "emulation_department_head_user_rel",
        "department_id",
        "user_id",
        string="Headed by",
        compute="_compute_emulation_head_user_ids",
        store=True,
        recursive=True,
        help="The users of the managers of this unit and of the units above it.",
    )
    emulation_award_count = fields.Integer(
        string="Award count", compute="_compute_emulation_history_counts"
    )
    emulation_classification_count = fields.Integer(
        string="Classification count",
        compute="_compute_emulation_history_counts",
        groups="emulation_exemplar.group_emulation_manager",
    )

    def _emulation_paper_signature(self, company):
        """How a paper in this unit's name is headed and signed (Decree 30/2020): a unit within
        the agency (one with a unit above it) names the agency above itself in the header, and
        its head at the time of printing signs by their position; the agency itself (a unit at
        the top) keeps the company's header and signer (False values). The head is read from
        their public profile, as any user reads a colleague's name and position."""
        self.ensure_one()
        if not self.parent_id:
            return {"issuer": False, "signer_title_lines": False, "signer_name": False}
        issuer = {
            "parent_body": company._emulation_report_header()["body_name"],
            "body_name": (self.name or "").upper(),
        }
        head = self.env["hr.employee.public"].browse(self.manager_id.id)
        if not head:
            return {"issuer": issuer, "signer_title_lines": False, "signer_name": ""}
        title = head.job_title or head.job_id.name or self.env._("Head of unit")
        return {"issuer": issuer, "signer_title_lines": [title.upper()], "signer_name": head.name}

    def _emulation_women_members(self):
        """{unit id: (women, members)}: the active members of each of these units (the people
        of the unit and of the units below it) and the women among them, in one grouped query
        whatever the number of units (Decree 152/2025/NĐ-CP, art. 4(6): a collective of at
        least 70 % women comes first on a tie). A count, read as the superuser: it names nobody."""
        units = self.sudo().with_context(active_test=False).filtered("parent_path")
        if not units:
            return {}
        groups = (
            self.env["hr.employee"]
            .sudo()
            ._read_group(
                [("active", "=", True), ("department_id", "child_of", units.ids)],
                ["department_id", "gender"],
                ["__count"],
            )
        )
        paths = {
            department.id: department.parent_path
            for department in units.browse({d.id for d, _g, _c in groups}).with_context(
                active_test=False
            )
        }
        result = {}
        for unit in units:
            women = members = 0
            for department, gender, count in groups:
                if paths.get(department.id, "").startswith(unit.parent_path):
                    members += count
                    if gender == "female":
                        women += count
            result[unit.id] = (women, members)
        return result

    @api.depends("manager_id.user_id", "parent_id.emulation_head_user_ids")
    def _compute_emulation_head_user_ids(self):
        for department in self:
            department.emulation_head_user_ids = (
                department.manager_id.user_id | department.parent_id.emulation_head_user_ids
            )

    def _exemplar_kinds(self):
        return dict.fromkeys(self.ids, "collective")

    # stays: new units queue themselves; who heads what is stored at once
    @api.model_create_multi
    def create(self, vals_list, *args, **kwargs):
        departments = super().create(vals_list, *args, **kwargs)
        self.env["emulation.eligibility"]._queue(departments)
        departments._emulation_heads_now()
        return departments

    # stays: a unit moved, archived or of another company is evaluated again
    def write(self, vals, *args, **kwargs):
        # a unit moved under another: the units above it, before and after, count their
        # members again; a unit archived or moved to another company is evaluated again
        Eligibility = self.env["emulation.eligibility"]
        if "parent_id" in vals:
            Eligibility._queue(self._emulation_units_above())
        result = super().write(vals, *args, **kwargs)
        if "parent_id" in vals:
            Eligibility._queue(self._emulation_units_above())
        if {"active", "company_id"} & set(vals):
            Eligibility._queue(self)
        if {"parent_id", "manager_id"} & set(vals):
            self._emulation_heads_now()
        return result

    @api.model
    def _emulation_heads_now(self):
        """Store who heads which unit at once: the record rules search the relation table
        directly (a search does not recompute many2many fields first)."""
        self.env["hr.department"].flush_model(["emulation_head_user_ids"])

    def _emulation_units_above(self):
        """The one home of "the units above": these units and every unit above them (archived
        ones too), from the ORM's ``parent_path`` (usually in the record cache already: no
        query). People use it through their departments (``hr.employee``), and the engine reads
        the other direction, a unit's members, with :meth:`_emulation_members`."""
        units = self.sudo().with_context(active_test=False)
        paths = units.mapped("parent_path")
        ids = {int(part) for path in paths for part in (path or "").split("/") if part}
        return units.browse(sorted(ids))

    def _emulation_members(self):
        """The query (:class:`odoo.tools.Query`, to embed in the engine's statement) of the
        active people whose department is one of these units or below them: the people for whom
        these units are among "the units above" (:meth:`_emulation_units_above`)."""
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        return Employee._search([("active", "=", True), ("department_id", "child_of", self.ids)])

    def _compute_emulation_history_counts(self):
        counts = {}
        for model in ("emulation.award", "emulation.classification"):
            # read as the user: the record rules leave out what they may not see
            counts[model] = {
                department.id: count
                for department, count in self.env[model]._read_group(
                    [("department_id", "in", self.ids)], ["department_id"], ["__count"]
                )
            }
        for department in self:
            department.emulation_award_count = counts["emulation.award"].get(department.id, 0)
            department.emulation_classification_count = counts["emulation.classification"].get(
                department.id, 0
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_emulation_history(self):
        for model in ("emulation.award", "emulation.classification"):
            records = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search(
                    ["|", ("department_id", "in", self.ids), ("unit_id", "in", self.ids)],
                    limit=1,
                )
            )
            if records:
                unit = (records.department_id | records.unit_id) & self
                raise UserError(
                    _(
                        "The unit %(name)s has emulation history (awards or classifications of "
                        "the unit or of its staff) and cannot be deleted, so that the history is "
                        "kept. Archive the unit instead.",
                        name=unit[:1].name,
                    )
                )

    def _emulation_action(self, xmlid):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = [("department_id", "=", self.id)]
        action["context"] = {
            "default_recipient_type": "collective",
            "default_department_id": self.id,
        }
        return action

    def action_view_emulation_awards(self):
        return self._emulation_action("emulation_exemplar.action_emulation_award")

    def action_view_emulation_classifications(self):
        return self._emulation_action("emulation_exemplar.action_emulation_classification")

    def _emulation_record_action(self, model, name):
        """A new history record of this unit, in a dialog: the officer's button on the unit's
        emulation tab (an officer needs no right to edit units)."""
        self.ensure_one()
        if not self.env.user.has_group("emulation_exemplar.group_emulation_officer"):
            raise AccessError(self.env._("Only emulation officers can do this."))
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_recipient_type": "collective",
                "default_department_id": self.id,
                "default_company_id": self.company_id.id or self.env.company.id,
            },
        }

    def action_record_emulation_award(self):
        return self._emulation_record_action("emulation.award", self.env._("Record an award"))

    def action_record_emulation_classification(self):
        return self._emulation_record_action(
            "emulation.classification", self.env._("Record a classification")
        )
