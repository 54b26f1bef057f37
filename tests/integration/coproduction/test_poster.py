"""The survey poster: one A4 page, and each language's block only in that language."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pypdfium2
import pytest
import zxingcpp
from flask import Flask
from pypdf import PdfReader

from portal.coproduction.definition import Question, QuestionKind
from portal.coproduction.surveys import SurveyDetails, add_question, create_survey
from portal.coproduction.translations import save_translations
from portal.core.access import Role
from portal.extensions import db
from tests.pdfs import pdf_text

HOME = "/practitioners/have-your-say"

TITLES = {
    "en": "Your youth club, the buses home and what you would like us to change before next summer",
    "pl": "Twój klub młodzieżowy, autobusy do domu i to, co chcesz zmienić przed przyszłym latem",
    "ro": "Clubul tău de tineret, autobuzele spre casă și ce ai vrea să schimbăm "
    "până la vara viitoare",
    "ur": "آپ کا یوتھ کلب، گھر جانے والی بسیں اور وہ چیزیں "
    "جو آپ اگلی گرمیوں سے پہلے بدلنا چاہتے ہیں",
    "ar": "نادي الشباب الخاص بك، والحافلات إلى المنزل، وما تود أن نغيره قبل الصيف القادم",
    "bn": "তোমার যুব ক্লাব, বাড়ি ফেরার বাস এবং আগামী গ্রীষ্মের আগে তুমি যা বদলাতে চাও",
}
QUESTIONS = {
    "en": "Thinking about the last time you came to the youth club, how did you feel about "
    "the activities, the staff and the other young people who were there?",
    "pl": "Myśląc o ostatniej wizycie w klubie młodzieżowym, jak się czułeś z zajęciami, "
    "opiekunami i innymi młodymi ludźmi, którzy tam byli?",
    "ro": "Gândindu-te la ultima dată când ai venit la clubul de tineret, cum te-ai simțit "
    "în legătură cu activitățile, personalul și ceilalți tineri de acolo?",
    "ur": "پچھلی بار جب آپ یوتھ کلب آئے تھے، تو آپ کو سرگرمیوں، عملے اور وہاں موجود "
    "دوسرے نوجوانوں کے بارے میں کیسا محسوس ہوا؟",
    "ar": "عندما تفكر في آخر مرة أتيت فيها إلى نادي الشباب، كيف شعرت تجاه الأنشطة "
    "والموظفين والشباب الآخرين الذين كانوا هناك؟",
    "bn": "শেষবার যখন তুমি যুব ক্লাবে এসেছিলে, তখন কার্যকলাপ, কর্মী এবং সেখানে থাকা "
    "অন্য তরুণদের নিয়ে তোমার কেমন লেগেছিল?",
}
# The longest words a survey may have (120-character titles, 300-character questions).
LONGEST_TITLES = {lang: (text + " " + text)[:120] for lang, text in TITLES.items()}
LONGEST_QUESTIONS = {lang: (text + " " + text)[:300] for lang, text in QUESTIONS.items()}


def make_survey(
    app: Flask, titles: dict[str, str], questions: dict[str, str], languages: list[str]
) -> str:
    """A survey in these languages, translated where `titles` has the language."""
    with app.app_context():
        survey = create_survey(
            SurveyDetails(
                title=titles["en"],
                purpose="Help us plan the youth club.",
                slug="youth-club",
                audience="young-people",
                languages=languages,
                opens_on=date.today(),
                closes_on=date.today() + timedelta(days=30),
            ),
            None,
        )
        db.session.flush()
        add_question(survey, Question("feel", QuestionKind.FACES, {"en": questions["en"]}))
        db.session.flush()
        db.session.refresh(survey)
        for lang in languages:
            if lang in titles:
                save_translations(
                    survey,
                    lang,
                    {"title": titles[lang], "purpose": "-", "q-feel": questions[lang]},
                )
        db.session.commit()
        return survey.public_id


@pytest.fixture
def officer(app, make_account, sign_in):
    client = app.test_client()
    sign_in(client, make_account([Role.PARTICIPATION]))
    return client


def flat(text: str) -> str:
    """Text with every run of spaces and line breaks as one space."""
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("titles", "questions"), [(TITLES, QUESTIONS), (LONGEST_TITLES, LONGEST_QUESTIONS)]
)
def test_poster_in_six_languages_fits_one_a4_page(app, officer, titles, questions) -> None:
    public_id = make_survey(app, titles, questions, ["pl", "ro", "ur", "ar", "bn"])
    data = officer.get(f"{HOME}/{public_id}/poster.pdf").get_data()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842), "A4"
    text = flat(pdf_text(data))
    for lang in ("en", "pl", "ro"):
        assert flat(questions[lang]) in text, lang
    assert text.count(flat(titles["en"])) == 1
    assert flat(titles["pl"]) in text
    assert "Zeskanuj kod aparatem w telefonie i wyraź swoje zdanie." in text
    image = pypdfium2.PdfDocument(data)[0].render(scale=2).to_pil()
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    assert decoded == ["http://localhost/have-your-say/youth-club"], "the QR code still scans"


def test_untranslated_polish_block_does_not_repeat_the_english(app, officer) -> None:
    public_id = make_survey(app, {"en": TITLES["en"]}, QUESTIONS, ["pl"])
    data = officer.get(f"{HOME}/{public_id}/poster.pdf").get_data()
    text = flat(pdf_text(data))
    assert text.count(flat(TITLES["en"])) == 1, "the English title is shown once, as English"
    assert text.count(flat(QUESTIONS["en"])) == 1
    assert "Zeskanuj kod aparatem w telefonie i wyraź swoje zdanie." in text
