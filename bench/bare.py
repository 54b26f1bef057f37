"""A bare Flask app serving a page of similar size: the yardstick for the portal."""

from flask import Flask

bare = Flask(__name__)
PAGE = "<!DOCTYPE html><html lang='en'><title>Bare</title><h1>Bare</h1>" + "<p>text</p>" * 400


@bare.route("/")
def page() -> str:
    """The same-sized page, no database, no templates."""
    return PAGE


app = bare
