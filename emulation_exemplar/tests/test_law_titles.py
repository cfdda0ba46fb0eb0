"""The titles and forms of issue 24: the national emulation soldier (Law 06/2022/QH15 art. 21),
the provincial emulation flag for the collective leading its emulation cluster or block (art.
26), and the sets shipped inactive until their articles are checked (Giấy khen, the Prime
Minister's certificate of merit, the Labour Order third class). Emulation clusters and blocks:
the ranking their meeting decides, who may change it, and how it reaches eligibility."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common import DemoCase, EmulationCase

Y = 2025  # an evaluation year of the shipped sets (2025–2030), never after the current year

INACTIVE_SETS = (
    "criteria_law_certificate_individual",
    "criteria_law_certificate_collective",
    "criteria_law_prime_minister_merit_individual",
    "criteria_law_prime_minister_merit_collective",
    "criteria_law_labour_order_3_individual",
    "criteria_law_labour_order_3_collective",
)


class TitlesCase(EmulationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.flag_set = ref("emulation_exemplar.criteria_law_provincial_flag")
        cls.national_set = ref("emulation_exemplar.criteria_law_national_soldier")
        cls.t_provincial_soldier = ref("emulation_exemplar.award_type_provincial_soldier")
        Department = cls.env["hr.department"]
        cls.unit_first = Department.create({"name": "Cluster test – first"})
        cls.unit_second = Department.create({"name": "Cluster test – second"})
        cls.manager_first = cls.user_manager
        cls.unit_first.manager_id = cls.env["hr.employee"].create(
            {"name": "Head of the first", "user_id": cls.manager_first.id}
        )

    def cluster(self, ranks, year=Y, rank_it=True, **vals):
        """A cluster of ``year`` whose members are ``ranks``: [(unit or agency name, rank)]."""
        members = []
        for member, rank in ranks:
            line = {"rank": rank}
            if isinstance(member, str):
                line["agency"] = member
            else:
                line["department_id"] = member.id
            members.append((0, 0, line))
        cluster = (
            self.env["emulation.cluster"]
            .with_user(self.user_officer)
            .create(
                dict(
                    {"name": "Khối tổng hợp %s" % year, "year": year, "member_ids": members},
                    **vals,
                )
            )
        )
        if rank_it:
            cluster.action_rank()
        return cluster.with_env(self.env)

    def row(self, criteria_set, recipient, year=Y):
        self.env.flush_all()
        field = "employee_id" if recipient._name == "hr.employee" else "department_id"
        rows = self.env["emulation.eligibility"].search(
            [
                ("criteria_set_id", "=", criteria_set.id),
                ("year", "=", year),
                (field, "=", recipient.id),
            ]
        )
        self.assertEqual(len(rows), 1, "one result row for %s in %s" % (recipient.name, year))
        return rows


@tagged("at_install")
class TestProvincialFlag(TitlesCase):
    """Cờ thi đua của UBND tỉnh: the collective its cluster's meeting chose as leading."""

    def test_first_of_its_cluster_qualifies_second_does_not(self):
        self.cluster([(self.unit_first, 1), (self.unit_second, 2), ("Sở Tư pháp Hà Tĩnh", 3)])
        first = self.row(self.flag_set, self.unit_first)
        self.assertTrue(first.eligible, first.explanation)
        self.assertIn("Met: leads its emulation cluster or block in 2025", first.explanation)
        second = self.row(self.flag_set, self.unit_second)
        self.assertFalse(second.eligible)
        self.assertEqual(second.missing, 1)
        self.assertIn(
            "does not lead its emulation cluster or block in 2025 (ranked 2)", second.explanation
        )

    def test_only_a_ranked_cluster_counts_and_reopening_withdraws_it(self):
        cluster = self.cluster([(self.unit_first, 1), (self.unit_second, 2)], rank_it=False)
        row = self.row(self.flag_set, self.unit_first)
        self.assertFalse(row.eligible, "a ranking not yet recorded as decided does not count")
        self.assertIn("not ranked by an emulation cluster or block in 2025", row.explanation)
        cluster.with_user(self.user_officer).action_rank()
        self.assertTrue(self.row(self.flag_set, self.unit_first).eligible)
        cluster.with_user(self.user_officer).action_reopen()
        self.assertFalse(self.row(self.flag_set, self.unit_first).eligible)

    def test_the_meeting_chooses_who_leads(self):
        """Leading follows the first rank, but the meeting's choice is what counts."""
        cluster = self.cluster([(self.unit_first, 1), (self.unit_second, 2)], rank_it=False)
        first, second = cluster.member_ids.sorted("rank")
        self.assertTrue(first.leading, "the first rank leads by default")
        self.assertFalse(second.leading)
        first.with_user(self.user_officer).leading = False
        second.with_user(self.user_officer).leading = True
        cluster.with_user(self.user_officer).action_rank()
        self.assertFalse(self.row(self.flag_set, self.unit_first).eligible)
        self.assertTrue(self.row(self.flag_set, self.unit_second).eligible)

    def test_last_years_lead_does_not_count_this_year(self):
        self.cluster([(self.unit_first, 1), (self.unit_second, 2)], year=Y - 1)
        self.assertFalse(self.row(self.flag_set, self.unit_first).eligible)

    def test_a_ranking_needs_a_leader_and_distinct_ranks(self):
        cluster = self.cluster([(self.unit_first, 2), (self.unit_second, 3)], rank_it=False)
        with self.assertRefused(UserError, "has no leading member"):
            cluster.with_user(self.user_officer).action_rank()
        cluster.member_ids[0].with_user(self.user_officer).write({"rank": 3, "leading": True})
        with self.assertRefused(UserError, "have the same rank"):
            cluster.with_user(self.user_officer).action_rank()

    def test_a_member_is_a_unit_or_an_agency(self):
        with self.assertRefused(Exception, "either a unit of this database or an agency"):
            self.cluster([("", 1)], rank_it=False)


@tagged("at_install")
class TestClusterAccess(TitlesCase):
    """Officers record and rank; a unit manager reads the clusters of their units and changes
    nothing; a ranked cluster is sealed."""

    def test_unit_manager_reads_but_cannot_edit_the_ranking(self):
        cluster = self.cluster([(self.unit_first, 2), (self.unit_second, 1)])
        as_manager = cluster.with_user(self.manager_first)
        self.assertEqual(sorted(as_manager.member_ids.mapped("rank")), [1, 2])
        mine = as_manager.member_ids.filtered(lambda m: m.department_id == self.unit_first)
        with self.assertRefused(AccessError, "not allowed"):
            mine.write({"rank": 1, "leading": True})
        with self.assertRefused(AccessError, "not allowed"):
            as_manager.write({"name": "Renamed"})
        with self.assertRefused(AccessError, "not allowed"):
            as_manager.unlink()
        with self.assertRefused(UserError, "Only the emulation officers"):
            as_manager.action_reopen()
        # through RPC as well: a manager cannot create a cluster that ranks their unit first
        with self.assertRefused(AccessError, "not allowed"):
            self.env["emulation.cluster"].with_user(self.manager_first).create(
                {
                    "name": "Mine",
                    "year": Y,
                    "member_ids": [(0, 0, {"department_id": self.unit_first.id, "rank": 1})],
                }
            )
        self.assertFalse(self.row(self.flag_set, self.unit_first).eligible)

    def test_a_manager_does_not_see_other_clusters(self):
        other = self.cluster([(self.unit_second, 1), ("UBND huyện Can Lộc", 2)])
        visible = self.env["emulation.cluster"].with_user(self.manager_first).search([])
        self.assertNotIn(other, visible)
        self.assertFalse(
            self.env["emulation.cluster.member"]
            .with_user(self.manager_first)
            .search([("cluster_id", "=", other.id)])
        )
        self.assertFalse(
            self.env["emulation.cluster"].with_user(self.user_plain).has_access("read")
        )

    def test_a_ranked_cluster_is_sealed_until_reopened(self):
        cluster = self.cluster([(self.unit_first, 1), (self.unit_second, 2)])
        line = cluster.member_ids.filtered(lambda m: m.department_id == self.unit_second)
        with self.assertRefused(UserError, "cannot change while it is Ranked"):
            line.with_user(self.user_officer).write({"rank": 1, "leading": True})
        with self.assertRefused(UserError, "reopen it before removing a member"):
            line.with_user(self.user_officer).unlink()
        with self.assertRefused(UserError, "written only through the buttons"):
            cluster.with_user(self.user_officer).write({"state": "draft"})
        cluster.with_user(self.user_officer).action_reopen()
        line.with_user(self.user_officer).write({"rank": 1, "leading": True})
        self.assertTrue(line.leading)

    def test_the_state_is_the_buttons_own(self):
        """No caller ranks a cluster by sending its state: neither a value nor a default."""
        Cluster = self.env["emulation.cluster"].with_user(self.user_officer)
        with self.assertRefused(UserError, "written only through the buttons"):
            Cluster.create({"name": "Cụm A", "year": Y, "state": "ranked"})
        sneaky = Cluster.with_context(default_state="ranked").create(
            {
                "name": "Cụm B",
                "year": Y,
                "member_ids": [(0, 0, {"department_id": self.unit_first.id, "rank": 1})],
            }
        )
        self.assertEqual(sneaky.state, "draft")
        self.assertFalse(self.row(self.flag_set, self.unit_first).eligible)

    def test_next_year_copies_the_members_not_the_ranking(self):
        cluster = self.cluster([(self.unit_first, 1), ("Sở Tư pháp Hà Tĩnh", 2)], year=Y - 1)
        following = cluster.with_user(self.user_officer).copy()
        self.assertEqual(following.year, Y)
        self.assertEqual(following.state, "draft")
        self.assertEqual(following.member_ids.mapped("rank"), [0, 0])
        self.assertFalse(any(following.member_ids.mapped("leading")))
        self.assertEqual(
            sorted(following.member_ids.mapped("member_name")),
            sorted([self.unit_first.display_name, "Sở Tư pháp Hà Tĩnh"]),
        )


@tagged("at_install")
class TestNationalSoldier(TitlesCase):
    """Chiến sĩ thi đua toàn quốc: two provincial emulation soldier titles and a national
    initiative applied effectively (Law art. 21)."""

    def initiative(self, employee, year, level="national", applied=True):
        return self.env["emulation.initiative"].create(
            {
                "name": "Initiative of %s, %s" % (employee.name, year),
                "employee_ids": [(6, 0, employee.ids)],
                "year": year,
                "level": level,
                "applied_effectively": applied,
            }
        )

    def test_two_provincial_titles_and_a_national_initiative(self):
        for year in (Y - 3, Y):
            self.award(self.emp_a, self.t_provincial_soldier, year)
        self.initiative(self.emp_a, Y - 1)
        row = self.row(self.national_set, self.emp_a)
        self.assertTrue(row.eligible, row.explanation)

    def test_one_provincial_title_is_not_enough(self):
        self.award(self.emp_b, self.t_provincial_soldier, Y)
        self.initiative(self.emp_b, Y)
        row = self.row(self.national_set, self.emp_b)
        self.assertFalse(row.eligible)
        self.assertEqual(row.missing, 1, row.explanation)

    def test_a_provincial_initiative_is_not_national(self):
        for year in (Y - 3, Y):
            self.award(self.emp_a, self.t_provincial_soldier, year)
        self.initiative(self.emp_a, Y, level="provincial")
        row = self.row(self.national_set, self.emp_a)
        self.assertFalse(row.eligible)
        self.assertEqual(row.missing, 1, row.explanation)


@tagged("at_install")
class TestLawTitlesData(TitlesCase):
    """What ships: articles cited, unverified citations marked, unread standards inactive."""

    def test_inactive_sets_are_inactive_with_a_note(self):
        for xmlid in INACTIVE_SETS:
            criteria_set = self.env.ref("emulation_exemplar." + xmlid)
            self.assertFalse(criteria_set.active, xmlid)
            self.assertIn("INACTIVE", criteria_set.description, xmlid)
            self.assertIn("UNVERIFIED", criteria_set.description, xmlid)
            self.assertIn("Law 06/2022/QH15, art.", criteria_set.description, xmlid)
            self.assertTrue(criteria_set.alternative_ids.condition_ids, xmlid)
        # inactive: nobody is evaluated under them
        self.award(self.emp_a, self.type_prov, Y)
        self.env.flush_all()
        self.assertFalse(
            self.env["emulation.eligibility"].search_count(
                [("criteria_set_id.award_type_id.code", "in", ("GK", "BK_TTG", "HCLD3"))]
            )
        )

    def test_active_sets_cite_their_article_and_mark_what_is_unverified(self):
        for criteria_set, article in ((self.national_set, "art. 21"), (self.flag_set, "art. 26")):
            self.assertTrue(criteria_set.active)
            self.assertIn("Law 06/2022/QH15, " + article, criteria_set.description)
            self.assertIn("Unverified:", criteria_set.description)
        self.assertEqual(
            self.flag_set.alternative_ids.condition_ids.mapped("kind"), ["cluster_lead"]
        )

    def test_award_types_name_their_authority(self):
        ref = self.env.ref
        for xmlid, authority in (
            ("award_type_national_soldier", "Prime Minister"),
            ("award_type_provincial_flag", "Chairman of the Provincial People's Committee"),
            ("award_type_certificate_of_commendation", "Director of the Department"),
            ("award_type_prime_minister_merit", "Prime Minister"),
            ("award_type_labour_order_3", "President of the State"),
        ):
            self.assertEqual(
                ref("emulation_exemplar." + xmlid).with_context(lang="en_US").authority, authority
            )

    def test_the_flag_set_is_for_collectives_only(self):
        with self.assertRefused(Exception, "belongs in a criteria set for collectives"):
            self.env["emulation.criteria.condition"].create(
                {
                    "alternative_id": self.national_set.alternative_ids[0].id,
                    "kind": "cluster_lead",
                    "min_count": 0,
                }
            )


@tagged("demo", "at_install")
class TestClusterDemo(DemoCase, TransactionCase):
    """The demo's emulation block: the Department leads it in 2025, so it qualifies for the
    provincial emulation flag; the 2026 block is prepared, not ranked."""

    def test_the_department_leads_its_block_and_qualifies_for_the_flag(self):
        ref = self.env.ref
        block = ref("emulation_exemplar.cluster_general_2025")
        self.assertEqual(block.state, "ranked")
        self.assertEqual(block.kind, "block")
        department = ref("emulation_exemplar.dep_board")
        leading = block.member_ids.filtered("leading")
        self.assertEqual(leading.department_id, department)
        self.assertTrue(block.member_ids.filtered("agency"), "agencies outside the database")
        self.env.flush_all()
        row = self.env["emulation.eligibility"].search(
            [
                ("criteria_set_id", "=", ref("emulation_exemplar.criteria_law_provincial_flag").id),
                ("year", "=", 2025),
                ("department_id", "=", department.id),
            ]
        )
        self.assertTrue(row.eligible, row.explanation)
        following = self.env["emulation.cluster"].search(
            [("name", "=", block.name), ("year", "=", 2026)]
        )
        self.assertEqual(following.state, "draft")
        self.assertEqual(len(following.member_ids), len(block.member_ids))
