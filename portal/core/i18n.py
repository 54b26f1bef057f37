"""Languages: which we offer, how we pick one, and which way each is written."""

from dataclasses import dataclass

from flask import Flask, Response, current_app, g, request


@dataclass(frozen=True)
class Language:
    """A language the portal speaks."""

    code: str
    native_name: str
    english_name: str
    direction: str = "ltr"


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "English"),
        Language("pl", "Polski", "Polish"),
        Language("ro", "Română", "Romanian"),
        Language("ur", "اردو", "Urdu", "rtl"),
        Language("ar", "العربية", "Arabic", "rtl"),
        Language("bn", "বাংলা", "Bengali"),
    )
}

LANGUAGE_COOKIE = "lang"
ONE_YEAR = 60 * 60 * 24 * 365


def text_direction(locale: str) -> str:
    """'rtl' for Urdu and Arabic, 'ltr' otherwise."""
    language = LANGUAGES.get(str(locale).split("_")[0])
    return language.direction if language else "ltr"


def select_locale() -> str:
    """?lang= first, then the language cookie, then Accept-Language, else English."""
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        g.language_chosen = asked
        return asked
    remembered = request.cookies.get(LANGUAGE_COOKIE, "")
    if remembered in LANGUAGES:
        return remembered
    return request.accept_languages.best_match(list(LANGUAGES)) or "en"


def remember_language(response: Response) -> Response:
    """after_request: keep a language chosen with ?lang= in an essential cookie."""
    chosen = g.get("language_chosen")
    if chosen and request.cookies.get(LANGUAGE_COOKIE) != chosen:
        response.set_cookie(
            LANGUAGE_COOKIE,
            chosen,
            max_age=ONE_YEAR,
            secure=current_app.config["SESSION_COOKIE_SECURE"],
            httponly=True,
            samesite="Lax",
        )
    return response


def init_languages(app: Flask) -> None:
    """Register the language cookie handler."""
    app.after_request(remember_language)
