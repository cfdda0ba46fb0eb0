"""Pure-Python rule core of the addon: no Odoo import, standard library only.

``eligibility`` decides who qualifies as an advanced exemplar from per-recipient counts that the
Odoo layer gathers; it gathers the public names of ``criteria`` (criteria, counts, results),
``kinds`` (one class per condition kind), ``evaluation`` and ``explain``. The modules import each
other relatively and nothing else of the addon: the plain pytest suite (``tests/``) loads this
folder as a package of its own, without the addon's ``__init__`` (which imports Odoo).
"""
