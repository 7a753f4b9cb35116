"""Cross-document identity: one person_id per real person."""
from cnnews_ner.identity import build_index, organization_rows, resolve_people


def doc(doc_id, city):
    return {"doc_id": doc_id, "status": "ok", "city": city, "newspaper": ""}


def person(doc_id, name, surface=None):
    return {"doc_id": doc_id, "type": "PERSON", "text": name, "surface": surface or name}


def office(doc_id, name, title, org_canonical):
    return {"doc_id": doc_id, "person": name, "title": title, "org": org_canonical, "org_canonical": org_canonical}


def people_of(documents, mentions, offices):
    rows, ids = resolve_people(build_index(documents, mentions, offices))
    return rows, ids


def test_same_name_same_city_is_one_person_with_all_spellings():
    rows, ids = people_of([doc("a", "德州市"), doc("b", "德州市")],
                          [person("a", "孙丰勇", "孫豐勇"), person("b", "孙丰勇")], [])
    assert len(rows) == 1 and rows[0]["docs"] == "a;b" and rows[0]["variants"] == "孙丰勇;孫豐勇"
    assert ids[("a", "孙丰勇")] == ids[("b", "孙丰勇")]


def test_same_name_two_cities_nothing_shared_is_two_people():
    rows, ids = people_of([doc("a", "烟台市"), doc("b", "广州市")], [person("a", "赵中国"), person("b", "赵中国")], [])
    assert [r["city"] for r in rows] == ["广州市", "烟台市"]
    assert ids[("a", "赵中国")] != ids[("b", "赵中国")]


def test_a_shared_organization_joins_two_cities():
    rows, _ = people_of([doc("a", "济南市"), doc("b", "北京市")],
                        [person("a", "周立波"), person("b", "周立波")],
                        [office("a", "周立波", "董事长", "浪潮集团有限公司"), office("b", "周立波", "董事长", "浪潮集团有限公司")])
    assert len(rows) == 1 and rows[0]["offices"] == "董事长@浪潮集团有限公司"


def test_ids_do_not_change_when_documents_are_added():
    _, before = people_of([doc("a", "德州市")], [person("a", "井为民")], [])
    _, after = people_of([doc("0", "潍坊市"), doc("a", "德州市")], [person("0", "王华"), person("a", "井为民")], [])
    assert before[("a", "井为民")] == after[("a", "井为民")]


def test_abbreviated_and_full_organization_names_are_one_row():
    index = build_index([doc("a", "德州市")], [
        {"doc_id": "a", "type": "ORG", "text": "市人社局"},
        {"doc_id": "a", "type": "ORG", "text": "市人力资源和社会保障局"}], [])
    rows = organization_rows(index)
    assert len(rows) == 1 and rows[0]["kind"] == "government"
    assert set(rows[0]["aliases"].split(";")) | {rows[0]["name"]} >= {"市人社局", "德州市人力资源和社会保障局"}


def test_a_national_post_makes_one_person_across_cities():
    documents = [doc("a", "德州市"), doc("b", "广州市"), doc("c", "烟台市")]
    mentions = [person(d, "钟国华") for d in "abc"]
    offices = [office("a", "钟国华", "副总理", "国务院"), office("b", "钟国华", "副总理", "国务院")]
    rows, ids = people_of(documents, mentions, offices)
    assert len(rows) == 1 and rows[0]["docs"] == "a;b;c"  # c names him with no post: he joins
    assert len({ids[(d, "钟国华")] for d in "abc"}) == 1


def test_a_provincial_post_joins_the_province_only():
    documents = [doc("a", "济南市"), doc("b", "青岛市"), doc("c", "广州市")]
    mentions = [person(d, "秦海燕") for d in "abc"]
    offices = [office("a", "秦海燕", "副省长", "山东省"), office("b", "秦海燕", "副省长", "山东省")]
    rows, ids = people_of(documents, mentions, offices)
    assert ids[("a", "秦海燕")] == ids[("b", "秦海燕")] != ids[("c", "秦海燕")]  # 广州 is not in 山东


def test_local_namesakes_with_posts_in_two_cities_stay_two():
    documents = [doc("a", "德州市"), doc("b", "广州市")]
    offices = [office("a", "刘建军", "局长", "德州市科技局"), office("b", "刘建军", "局长", "广州市科技局")]
    rows, _ = people_of(documents, [person("a", "刘建军"), person("b", "刘建军")], offices)
    assert len(rows) == 2
