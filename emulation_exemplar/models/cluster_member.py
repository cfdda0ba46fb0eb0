from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .write_policy_mixin import NEW, SERVER, policy

# what the officers fill in until the cluster's meeting has ranked its members (policy states:
# the cluster's status)
PREPARED = policy(officer=(NEW, "draft"))


class EmulationClusterMember(models.Model):
    """A member of an emulation cluster or block in its year, and its place in the ranking the
    cluster's meeting decided: a unit of this database, or an agency outside it (named only).
    The ranking of a unit counts for its eligibility (the kind ``cluster_lead``) once the
    cluster is ranked."""

    _name = "emulation.cluster.member"
    _inherit = ["emulation.write.policy.mixin", "emulation.exemplar.source"]
    _description = "Member of an emulation cluster or block"
    _order = "cluster_id, rank, id"
    _check_company_auto = True
    _write_policy = {
        "cluster_id": policy(officer=(NEW,)),
        "department_id": PREPARED,
        "agency": PREPARED,
        "rank": PREPARED,
        "points": PREPARED,
        "leading": PREPARED,
        "year": SERVER,
        "state": SERVER,
        "company_id": SERVER,
    }

    cluster_id = fields.Many2one(
        "emulation.cluster",
        string="Cluster or block",
        required=True,
        index=True,
        ondelete="cascade",
    )
    year = fields.Integer(related="cluster_id.year", store=True, index=True)
    state = fields.Selection(related="cluster_id.state", store=True)
    company_id = fields.Many2one(related="cluster_id.company_id", store=True, index=True)
    department_id = fields.Many2one(
        "hr.department",
        string="Unit",
        index="btree_not_null",
        ondelete="restrict",
        check_company=True,
        help="A unit of this database; leave empty for an agency outside it and name it.",
    )
    agency = fields.Char(help="An agency outside this database (another department, a district…).")
    member_name = fields.Char(compute="_compute_member_name", string="Member")
    rank = fields.Integer(help="Its place in the ranking the cluster's meeting decided (1: first).")
    points = fields.Float(digits=(6, 2), help="The points the meeting gave it, where it scores.")
    leading = fields.Boolean(
        compute="_compute_leading",
        store=True,
        readonly=False,
        help="Chosen by the meeting as leading the cluster or block (proposed for the provincial "
        "emulation flag). Set with the first rank; the meeting may choose otherwise.",
    )

    _sql_constraints = [
        (
            "cluster_unit_uniq",
            "unique(cluster_id, department_id)",
            "A unit is a member of a cluster or block once.",
        ),
        ("rank_positive", "CHECK(rank >= 0)", "A rank is a place: 1 for the first."),
    ]

    @api.depends("department_id", "agency")
    def _compute_member_name(self):
        for member in self:
            member.member_name = member.department_id.display_name or member.agency or ""

    @api.depends("rank")
    def _compute_leading(self):
        for member in self:
            member.leading = member.rank == 1

    def _compute_display_name(self):
        for member in self:
            member.display_name = "%s – %s" % (
                member.cluster_id.display_name or "",
                member.department_id.display_name or member.agency or "",
            )

    @api.constrains("department_id", "agency")
    def _check_member(self):
        for member in self:
            if bool(member.department_id) == bool((member.agency or "").strip()):
                raise ValidationError(
                    _(
                        "Each member of %(cluster)s is either a unit of this database or an "
                        "agency named outside it, not both and not neither.",
                        cluster=member.cluster_id.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_unranked(self):
        ranked = self.filtered(lambda m: m.cluster_id.state == "ranked")
        if ranked:
            raise ValidationError(
                _(
                    "%(cluster)s is ranked: reopen it before removing a member.",
                    cluster=ranked[0].cluster_id.display_name,
                )
            )

    def _exemplar_owners(self):
        return (self.department_id,)
