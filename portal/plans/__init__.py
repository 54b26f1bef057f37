"""The single plan: families see their one plan; lead practitioners write and publish it.

Logic modules here (body, changes, body_edit) have no Flask in them; views live in
``portal.plans.views``, whose ``bp`` the app registers.
"""
