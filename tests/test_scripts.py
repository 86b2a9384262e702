"""Kazakh Latin and Uzbek Cyrillic reach the multilingual model in the script it reads best."""

from __future__ import annotations

import json

import numpy as np
import pytest

from newsmon.core.embedders import embedding_text
from newsmon.core.language import query_language
from newsmon.core.scripts import for_the_model, kazakh_latin_to_cyrillic, uzbek_cyrillic_to_latin
from tests.conftest import REPO


@pytest.mark.parametrize("latin, cyrillic", [
    ("Aqtöbe oblysyndağy su tasqyny: köşırılgender sany 2 650-ge jettı",
     "Ақтөбе облысындағы су тасқыны: көшірілгендер саны 2 650-ге жетті"),
    ("Qazaqstan Prezidentı Qasym-Jomart Toqaev", "Қазақстан Президенті Қасым-Жомарт Тоқаев"),
    ("Ortalyq Aziia men Ūlttyq bank", "Орталық Азия мен Ұлттық банк"),
    ("AQŞ", "АҚШ"),
])
def test_kazakh_latin_is_spelt_in_cyrillic(latin, cyrillic):
    assert kazakh_latin_to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize("cyrillic, latin", [
    ("Ўзбекистон Марказий банки асосий ставкани ўзгаришсиз қолдирди",
     "Oʻzbekiston Markaziy banki asosiy stavkani oʻzgarishsiz qoldirdi"),
    ("Ер ости сувлари, шаҳар ҳокимлиги", "Yer osti suvlari, shahar hokimligi"),
])
def test_uzbek_cyrillic_is_spelt_in_latin(cyrillic, latin):
    assert uzbek_cyrillic_to_latin(cyrillic) == latin


def test_only_the_script_the_model_reads_worse_is_converted():
    assert for_the_model("Qazaqstan Prezidentı", "kk") == "Қазақстан Президенті"
    assert for_the_model("Қазақстан Президенті", "kk") == "Қазақстан Президенті"
    assert for_the_model("Ўзбекистон Президенти", "uz") == "Oʻzbekiston Prezidenti"
    assert for_the_model("Oʻzbekiston Prezidenti", "uz") == "Oʻzbekiston Prezidenti"
    assert for_the_model("Qazaqstan", "en") == "Qazaqstan"  # other languages untouched
    assert for_the_model("Саммит в Ташкенте", None) == "Саммит в Ташкенте"


@pytest.mark.parametrize("query, language, model_text", [
    ("Toqaevtyñ sapary", "kk", "Тоқаевтың сапары"),       # short Kazakh Latin: spelt in Cyrillic
    ("Qazaqstan", "kk", "Қазақстан"),
    ("Ūlttyq bank", "kk", "Ұлттық банк"),
    ("Ұлттық банк", "kk", "Ұлттық банк"),                  # Kazakh Cyrillic: as written
    ("Ўзбекистон", "uz", "Oʻzbekiston"),                   # short Uzbek Cyrillic: spelt in Latin
    ("Oʻzbekiston gazi", "uz", "Oʻzbekiston gazi"),
    ("summit Astana", None, "summit Astana"),              # English and Russian: untouched
    ("Adam Smith", None, "Adam Smith"),
    ("саммит в Астане", None, "саммит в Астане"),
    ("Україна", None, "Україна"),                          # і without a Kazakh letter is not Kazakh
    ("Мақсади ҷаласа", None, "Мақсади ҷаласа"),            # Tajik
])
def test_a_short_search_query_reaches_the_model_in_its_languages_script(query, language, model_text):
    assert query_language(query) == language
    assert for_the_model(query, query_language(query)) == model_text


@pytest.mark.slow
def test_converted_kazakh_latin_finds_its_event_in_other_languages():
    """The e5 vector alone: a Kazakh Latin article's nearest article in another language is from its
    own event far more often in Cyrillic (dev splits: 44 of 48; as written 14 of 48)."""
    from newsmon.core.embedders import OnnxE5Embedder

    rows = [dict(json.loads(line), set=n) for n in (7, 8)
            for line in (REPO / "tests" / "data" / f"dedupe_blind{n}" / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    e5 = OnnxE5Embedder(precision="int8-mixed")
    vecs = e5.encode([embedding_text(r["title"], r["text"], language=r["language"]) for r in rows])
    raw = e5.encode([embedding_text(r["title"], r["text"]) for r in rows])
    kk = [i for i, r in enumerate(rows) if r["language"] == "kk" and r["script"] == "latn"]

    def hits(v: np.ndarray) -> int:
        n = 0
        for i in kk:
            others = [j for j, r in enumerate(rows) if r["set"] == rows[i]["set"] and r["language"] != "kk"]
            best = max(others, key=lambda j: float(v[j] @ v[i]))
            n += rows[best]["event"] == rows[i]["event"]
        return n

    converted, as_written = hits(vecs), hits(raw)
    assert len(kk) >= 10 and converted >= 0.8 * len(kk) and converted > as_written + 3, (converted, as_written, len(kk))


def test_kazakh_and_uzbek_vectors_compare_as_one_language_whatever_the_written_script():
    """Their vectors are made from one script, so two different Kazakh stories, one written in Latin,
    one in Cyrillic, get the same-language scale (cosine 0.90 is middling there), not the cross-language
    one (where 0.90 is a certain match)."""
    from datetime import datetime

    from newsmon.dedupe.decide import Params, text_similarity
    from tests.handmade_docs import handmade_doc, unit_vector

    t = datetime(2028, 5, 1, 8)
    v = unit_vector(1)
    w = unit_vector(2, near=v, cos=0.90)
    p = Params()
    for lang, latin, cyrillic in (("kk", "Astanada jaña kõpır aşyldy", "Астанада жаңа көпір ашылды"),
                                  ("uz", "Toshkentda yangi koʻprik ochildi", "Тошкентда янги кўприк очилди")):
        a = handmade_doc(1, t, latin, latin, v, language=lang)
        b = handmade_doc(2, t, cyrillic, cyrillic, w, language=lang)
        assert a.script != b.script
        assert abs(text_similarity(a, b, p) - (0.90 - p.same_floor) / (p.same_ceiling - p.same_floor)) < 1e-3
    ru = handmade_doc(3, t, "В Астане открыли новый мост", "В Астане открыли новый мост", w, language="ru")
    kk = handmade_doc(4, t, "Astanada jaña kõpır aşyldy", "Astanada jaña kõpır aşyldy", v, language="kk")
    assert text_similarity(kk, ru, p) > 0.999  # across languages 0.90 is the ceiling


def test_the_warehouse_step_embeds_kazakh_latin_in_cyrillic_and_uzbek_cyrillic_in_latin(tmp_path, default_cfg,
                                                                                      monkeypatch):
    """The stored language decides, in the daily step as in the evaluation; the stored text is untouched."""
    from newsmon import steps
    from newsmon.core import embedders as emb_mod
    from newsmon.dedupe.assign import Embedders
    from newsmon.warehouse.db import connect
    from tests.rawfiles import write_run
    from tests.test_embedding_speed import HashEmbedder

    seen: list[str] = []

    class Recording(HashEmbedder):
        def encode(self, texts):
            seen.extend(texts)
            return super().encode(texts)

    def make(_cfg):
        e = Embedders(HashEmbedder("test:mono"), Recording("test:multi"))
        e.mono.languages = ("en",)
        return e

    monkeypatch.setattr(emb_mod, "make_embedders", make)
    monkeypatch.setattr("newsmon.dedupe.store.make_embedders", make)
    cfg = default_cfg.model_copy(deep=True)
    cfg.storage.db, cfg.storage.raw_dir = tmp_path / "w.duckdb", tmp_path / "raw"
    body = " Sutkada 120 üi su astynda qaldy, 300 adam köşırıldı." * 8
    recs = [{"url": "https://a.example/kk/1", "source": "Qazaq Kündelik", "language": "kk",
             "title": "Aqtöbede su tasqyny", "text": "Aqtöbe oblysynda su tasqyny." + body,
             "published_at": "2026-11-22T08:00:00Z"},
            {"url": "https://b.example/uz/1", "source": "Пойтахт", "language": "uz",
             "title": "Ўзбекистонда сув тошқини", "text": "Сурхондарё вилоятида сув тошқини бўлди." * 8,
             "published_at": "2026-11-22T09:00:00Z"},
            {"url": "https://c.example/en/1", "source": "Steppe Wire", "language": "en",
             "title": "Floods in Aktobe", "text": "Floods hit the Aktobe region on Sunday." * 8,
             "published_at": "2026-11-22T10:00:00Z"}]
    write_run(cfg.storage.raw_dir, "2026-11-22", "r1", recs)
    steps.load(cfg, "2026-11-22")
    steps.dedupe(cfg, "2026-11-22")
    assert any(t.startswith("Ақтөбеде су тасқыны\nАқтөбе облысында") for t in seen), seen
    assert any(t.startswith("Oʻzbekistonda suv toshqini\nSurxondaryo") for t in seen), seen
    assert any(t.startswith("Floods in Aktobe\nFloods hit") for t in seen)
    assert not any("Aqtöbe" in t or "Ўзбекистон" in t for t in seen)
    con = connect(cfg.storage.db, read_only=True)
    try:
        titles = {r[0] for r in con.execute("SELECT title FROM articles").fetchall()}
    finally:
        con.close()
    assert titles == {"Aqtöbede su tasqyny", "Ўзбекистонда сув тошқини", "Floods in Aktobe"}
