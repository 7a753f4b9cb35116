"""People in today's news: evidence filters on the model's names and the name rules, on sentences of our own."""
import pytest

SENTENCES = {
    "address_total": "吴总表示，公司今年将扩大产能。",
    "address_mr_ms": "记者联系到了郭先生和邱女士。",
    "post_surname": "江主席会见了客人。",  # People's Daily style: a surname with a post is kept
    "record_opening": "樊某某，男，1969年生，大学学历。",
    "game_title": "玩家在《王者荣耀》里组队。",
    "latin_name": "该公司CEO Daniel Moreau表示，公司将在亚洲扩张。",
    "anonymized": "被告人邵某某与原告柯某达成和解，法院主张某些条款无效。",
    "club": "曼彻斯特城战成2比2后，球迷涌上街头。",
}


@pytest.fixture(scope="module")
def people(mentions_by_key):
    return {key: [m["text"] for m in rows] for key, rows in mentions_by_key(SENTENCES, ("PERSON",)).items()}


def test_a_surname_with_a_form_of_address_is_no_person(people):
    assert people["address_total"] == []
    assert people["address_mr_ms"] == []


def test_a_surname_with_a_post_stays(people):
    assert people["post_surname"] == ["江"]


def test_the_name_opening_a_record_is_a_person(people):
    assert people["record_opening"] == ["樊某某"]


def test_a_single_character_inside_a_title_of_work_is_no_person(people):
    assert people["game_title"] == []


def test_latin_script_names_in_a_persons_context(people):
    assert people["latin_name"] == ["Daniel Moreau"]


def test_anonymized_names_but_not_words_holding_a_surname(people):
    assert sorted(people["anonymized"]) == ["柯某", "邵某某"]  # 主张某些: no 张某


def test_a_club_is_no_person(people):
    assert people["club"] == []
