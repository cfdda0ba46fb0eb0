"""Pure-Python rule core of the addon: no Odoo import, standard library only.

``eligibility`` decides who qualifies as an advanced exemplar from per-recipient counts that the
Odoo layer gathers. It is loaded by file path in the plain pytest suite (``tests/``), so keep it
free of package-relative imports.
"""
