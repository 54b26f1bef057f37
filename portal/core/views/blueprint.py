"""The core blueprint: the pages that belong to no one feature."""

from flask import Blueprint

bp = Blueprint("core", __name__)
