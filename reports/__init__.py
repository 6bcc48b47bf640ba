"""Reports: render the per-unit 问题通报 and the summary 通报 of one audit run.

``build`` reads the DB and prepares plain dicts; ``render`` lays them out with Jinja
templates. Reports never judge and never fetch.
"""

from reports.render import render_reports

__all__ = ["render_reports"]
