from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .history_mixin import check_years
from .write_policy_mixin import ANY, NEW, OFFICER, SERVER, policy

CLUSTER_KINDS = [
    ("cluster", "Emulation cluster"),
    ("block", "Emulation block"),
]
CLUSTER_STATES = [
    ("draft", "Draft"),
    ("ranked", "Ranked"),
]
# what the officers fill in until the cluster's meeting has ranked its members
PREPARED = policy(officer=(NEW, "draft"))


class EmulationCluster(models.Model):
    """An emulation cluster or block (cụm, khối thi đua) of one year: the agencies that emulate
    together (the units of this database and agencies outside it) and the ranking that the
    cluster's year-end meeting decides. The collectives it ranks as leading are those the
    provincial emulation flag goes to (Law 06/2022/QH15, art. 26; the criteria set reads the
    ranking through the condition kind ``cluster_lead``). Only a ranked cluster counts; ranking
    it seals its members' ranks until an officer reopens it."""

    _name = "emulation.cluster"
    _inherit = ["emulation.write.policy.mixin", "mail.thread"]
    _description = "Emulation cluster or block"
    _order = "year desc, kind, name, id"
    _check_company_auto = True
    _write_policy = {
        "name": PREPARED,
        "kind": PREPARED,
        "year": PREPARED,
        "organiser": PREPARED,
        "meeting_date": PREPARED,
        "note": policy(officer=(NEW, ANY)),
        "member_ids": policy(officer=(NEW, ANY)),
        "company_id": policy(officer=(NEW,)),
        "state": SERVER,
    }

    name = fields.Char(
        required=True, tracking=True, help="E.g. Khối các cơ quan tổng hợp – nội chính."
    )
    kind = fields.Selection(
        CLUSTER_KINDS,
        required=True,
        default="cluster",
        tracking=True,
        help="A cluster (cụm) gathers agencies of the same level or area; a block (khối) "
        "agencies of the same kind of work. Both emulate and rank their members in the same way.",
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        index=True,
        aggregator=False,
        tracking=True,
        help="The year of emulation the cluster ranks. Duplicate the cluster for the next year.",
    )
    organiser = fields.Char(
        string="Organised by",
        help="Who organises the cluster or block, e.g. the provincial Emulation and "
        "Commendation Council.",
    )
    meeting_date = fields.Date(
        string="Ranking meeting",
        tracking=True,
        help="The date of the cluster's meeting that decided the ranking.",
    )
    note = fields.Text()
    member_ids = fields.One2many(
        "emulation.cluster.member", "cluster_id", string="Members and ranking", copy=True
    )
    member_count = fields.Integer(compute="_compute_member_count", string="Members")
    leading_names = fields.Char(compute="_compute_member_count", string="Leading")
    state = fields.Selection(
        CLUSTER_STATES,
        string="Status",
        required=True,
        default="draft",
        readonly=True,
        index=True,
        tracking=True,
        copy=False,
        help="Ranked: the cluster's meeting decided the ranking; only a ranked cluster counts "
        "for the emulation flag.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        (
            "name_year_company_uniq",
            "unique(name, year, company_id)",
            "A cluster or block is recorded once a year: open it and change its members there.",
        ),
    ]

    @api.depends("member_ids.leading", "member_ids.department_id", "member_ids.agency")
    def _compute_member_count(self):
        for cluster in self:
            cluster.member_count = len(cluster.member_ids)
            cluster.leading_names = ", ".join(
                member.member_name for member in cluster.member_ids if member.leading
            )

    @api.depends("name", "year")
    def _compute_display_name(self):
        for cluster in self:
            cluster.display_name = "%s %s" % (cluster.name or "", cluster.year or "")

    @api.constrains("year")
    def _check_year(self):
        check_years(self)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(cluster.state != "draft" for cluster in self):
            raise UserError(_("A ranked cluster cannot be deleted: reopen it first."))

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for cluster, vals in zip(self, vals_list, strict=True):
            if not (default or {}).get("year"):
                vals["year"] = cluster.year + 1
            # the next year's ranking is the next meeting's: keep the members only
            vals["member_ids"] = [
                (0, 0, {"department_id": m.department_id.id, "agency": m.agency})
                for m in cluster.member_ids
            ]
        return vals_list

    # ------------------------------------------------------------------ buttons
    def _check_officer(self):
        if not (self.env.su or self.env.user.has_group(OFFICER)):
            raise UserError(_("Only the emulation officers rank a cluster or block."))

    def action_rank(self):
        """The meeting decided: the ranking counts (and is sealed until reopened)."""
        self._check_officer()
        for cluster in self:
            if cluster.state != "draft":
                raise UserError(_("%(cluster)s is already ranked.", cluster=cluster.display_name))
            if not cluster.member_ids.filtered("leading"):
                raise UserError(
                    _(
                        "%(cluster)s has no leading member: mark the collective(s) the meeting "
                        "chose as leading before recording the ranking.",
                        cluster=cluster.display_name,
                    )
                )
            ranks = [m.rank for m in cluster.member_ids if m.rank]
            if len(ranks) != len(set(ranks)):
                raise UserError(
                    _(
                        "Two members of %(cluster)s have the same rank: give each its own place.",
                        cluster=cluster.display_name,
                    )
                )
        self._button_write({"state": "ranked"})
        self.member_ids._exemplar_mark_owners()
        return True

    def action_reopen(self):
        """Correct a ranking: it stops counting until ranked again."""
        self._check_officer()
        self.filtered(lambda c: c.state == "ranked")._button_write({"state": "draft"})
        self.member_ids._exemplar_mark_owners()
        return True
