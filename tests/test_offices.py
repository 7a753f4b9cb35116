"""Office patterns through the whole pipeline (model + rules + organizations), on sentences of our own.

Each test names the pattern (data/office_patterns.tsv) or mechanism it pins. The model is the shipped one,
loaded once for the module.
"""
import json
from pathlib import Path

import pytest

from cnnews_ner import extract
from cnnews_ner.normalize import normalize
from cnnews_ner.titles import PARTY_BODIES, office_patterns

DATA = Path(__file__).parent / "data"

SENTENCES = {
    # apposition: ORG NAME POST and NAME POST
    "org_name_post": "南宁市水利局韦振东局长带队检查了堤防加固工程。",
    "name_post_list": "会议传达了郑国栋市长、孟正副市长关于安全生产的批示。",
    "foreign_leader": "会见结束后，卡洛斯总统出席了签字仪式。",
    # list: a later post with no organization of its own is in the same organization
    "list_shared_org": "区人社局局长司马文涛、副局长诸葛晓兰介绍了就业情况。",
    "list_after_comma": "市政协副主席姚丽君、庞东升，秘书长卫国强出席。",
    # former status over the whole chain
    "former_chain": "据市纪委监委消息，市水务局原党组书记、局长韩金海涉嫌严重违纪违法。",
    "former_time": "时任县委书记程立伟主持了会议。",
    # acting
    "acting": "代市长邵明远作政府工作报告。",
    # committee departments under a party committee
    "committee_department": "县委常委、组织部部长范春燕出席并讲话。",
    # anaphoric company
    "anaphoric_company": "浙江远航精密机械股份有限公司新厂今天投产。公司党委书记、董事长沈志刚致辞。",
    "unresolved_company": "公司董事长兼总经理赵建国说。",
    # company names with parentheses; 和 does not carry a post to the next person
    "company_parentheses": "广东华茂纺织（集团）有限公司总经理邝家明和助理黎小燕参观了展会。",
    # verb patterns: résumé and notice records
    "notice_record": "冯某某，男，汉族，1975年4月生，山东临沂人，现任县财政局党组书记、局长，拟任县委常委。",
    "executive_resume": "钟某某先生：1968年出生，中国国籍，曾任华东电气集团有限公司财务部经理，现任本公司董事、副总经理。",
    "appointment": "会议决定，任命葛晓峰为市生态环境局局长。",
    "removal": "会议决定，免去葛晓东的市生态环境局局长职务。",
    # a place is never read from inside a person's name (建华, 和平 are districts)
    "place_not_from_name": "市委书记孔建华出席会议。",
    # a development zone named with its city earlier in the article
    "zone_canonical": "本报讯 嘉兴经开区新项目签约。经开区党工委书记严立群出席。",
    # organizations named without a post holder come from the model too, lead-in words left out
    "model_orgs": "据了解，人民银行和证监会近日联合发布通知，上海市公安局也参与了调查。",
    # an executive résumé over several sentences: the record's subject holds the posts of later sentences
    "resume_sentences": "周晓梅女士：1971年出生，中国国籍，无境外永久居留权，本科学历，注册会计师。2009年至今任本公司财务总监。",
    "resume_colon_gender": "郑立军：男，1973年出生，中国国籍，博士。2016年3月起担任公司独立董事。",
    # appointment and removal lists: entries after a header line, several in one clause, names joined by 、
    "notice_lists": "关于任免人员的决定\n一、任命：\n侯建新为市财政局局长；\n贺秀梅为市教育局局长。\n二、免去：\n彭志远的市财政局局长职务。",
    "appointment_list": "会议决定：任命龚立华为市交通运输局局长，谭敏为市水利局副局长；免去邹卫东的市交通运输局局长职务。",
    "joined_names": "决定任命廖晓东、孔红梅为市政府副秘书长。",
    # words that are also county names (振兴, 公安) never place the article
    "common_word_places": "全市乡村振兴工作会议召开。市公安局局长郝振南出席。",
    # county-level jurisdiction: 县委 and 县长 in an article about one county
    "county": "东平县召开经济工作会议。县委书记冯立群讲话，县长韩东明主持。东平县各乡镇负责人参加。",
    # foreign names after a post need the model (伊万诺夫, not 伊万诺); a gloss in parentheses after the body
    "foreign_short_form": "会见结束后，俄总统伊万诺夫离开。",
    "gloss": "巴勒斯坦委员会（议会）主席阿布·拉希德致函。",
    # a post next to a person is a TITLE mention even when no office is claimed
    "title_mentions": "他向记者转述了张海涛副局长的意见。",
    # a government's own office after a post of the government; party bodies' posts and offices are party
    "government_office": "会上,市政府副秘书长、办公室主任柏新宇通报了情况。",
    # a leader's second mention with no organization repeats the office; 助理 before a fused ministry
    "second_mention": "巴西总统罗德里格斯今天抵达。罗德里格斯总统随后会见了记者。",
    "assistant_fused": "加拿大助理财政部长韦伯斯特今天抵达。",
    # each anaphoric office resolves to the last company named before it
    "two_companies": ("江苏恒远重工股份有限公司召开年会。公司董事长闻立新致辞。安徽华腾电子有限公司也派员参加。"
                      "该公司总经理甘雨晨发言。"),
    "same_sentence_company": "湖南星城机电有限公司也派员参加,该公司总经理鲍嘉树介绍了新产品。",
    "party_office_and_village": "县委常委、办公室主任闵浩然和柳湾村党支部书记柴东升一起察看了灾情。",
    # an organization described, not named (data/descriptive_org_words.tsv): no organization, or the one before
    "described_indefinite": "一家民营上市公司董事长鲁文博说，多家银行负责人也到场。某公司经理卜雪晴随后发言。",
    "described_definite": "江西瑞丰光电股份有限公司发布年报。这家A股上市公司的总经理尤志鹏表示，利润稳步增长。",
    "described_unresolved": "记者了解到，这家科创板上市公司的副总经理车丽娟已经离职。",
    "described_in_a_record": "邝国庆，男，1969年生，现任某公司董事长。曾任某国有银行支行行长。",
    "described_enterprise": "华岳重工集团在济南发布新产品。这家龙头企业总裁彭振宇说，该央企订单增长很快。",
    "described_definite_any": "云岭汽车股份有限公司发布年报。这家新能源车企董事长芮东升说，某商会副会长也到场。",
    "name_left_out": "浙江某某科技有限公司总经理钱国栋被逮捕。",
    "named_like_a_description": "深圳云帆科技公司副总裁庄亦凡出席了大会。",
    "described_after_a_place": "温州市一家鞋业公司的创始人包晓东表示，订单已排到年底。",
    # one capital letter for a company the text does not name: as written, no organizations row
    "placeholder_companies": "A公司总经理甄国梁与B公司副总经理滕雅芝签署了合作协议。",
    # negotiators and representatives; 中方 (the Chinese side) is no short form of 中方县 here
    # an honorific between the name and 为 in an appointment; 任 before a field word and a post is the verb
    "appointment_honorific": "董事会同意聘任容立德先生为公司副总经理，聘任莫小雯女士为公司财务总监。",
    "serving_verb": "2009年至2014年在江南华信会计师事务所任审计经理，后在某银行任风控经理。",
    # a deputy to a people's congress: 代表 is a post only right after the congress
    "congress_deputy": "全国人大代表、云帆电器董事长严海燕提交了建议。全国人大代表团审议了报告，代表们发言踊跃。",
    # a broadcaster's name holds 电, which is no dateline's mark there
    "broadcaster_bylines": "人民广播电台记者卢晓峰报道。江城广播电视台记者龚海宁报道。",
    "negotiators": "中国政府首席谈判代表季文昌与美国贸易谈判代表霍尔顿会谈。中方首席代表闻少华、中方组长龚立群出席。",
}


@pytest.fixture(scope="module")
def result():
    return extract(texts=list(SENTENCES.values()), device="cpu", workers=1)


def rows(result, key, statuses=("current", "acting")):
    doc_id = f"text-{list(SENTENCES).index(key)}"
    return [(r["person"], r["org"], r["title"]) for r in result["offices"]
            if r["doc_id"] == doc_id and r["status"] in statuses]


def row_dicts(result, key):
    doc_id = f"text-{list(SENTENCES).index(key)}"
    return [r for r in result["offices"] if r["doc_id"] == doc_id]


def test_apposition(result):
    assert rows(result, "org_name_post") == [("韦振东", "南宁市水利局", "局长")]
    assert rows(result, "name_post_list") == [("郑国栋", "", "市长"), ("孟正", "", "副市长")]
    assert rows(result, "foreign_leader") == [("卡洛斯", "", "总统")]
    assert {r["rule"] for r in row_dicts(result, "org_name_post")} == {"apposition"}


def test_county_organizations_and_posts_are_qualified_with_the_county(result):
    held = [(r["person"], r["title"], r["org_canonical"]) for r in row_dicts(result, "county")]
    assert held == [("冯立群", "书记", "东平县委"), ("韩东明", "县长", "东平县")]


def test_foreign_names_after_short_forms_and_glosses(result):
    assert rows(result, "foreign_short_form") == [("伊万诺夫", "俄", "总统")]
    assert rows(result, "gloss") == [("阿布·拉希德", "巴勒斯坦委员会", "主席")]


def test_listed_posts_share_the_organization(result):
    assert rows(result, "list_shared_org") == [("司马文涛", "区人社局", "局长"), ("诸葛晓兰", "区人社局", "副局长")]
    assert ("卫国强", "市政协", "秘书长") in rows(result, "list_after_comma")


def test_a_former_marker_opens_the_whole_chain(result):
    assert rows(result, "former_chain") == []
    assert rows(result, "former_chain", ("former",)) == [("韩金海", "市水务局", "党组书记"), ("韩金海", "市水务局", "局长")]
    assert rows(result, "former_time") == []
    assert rows(result, "former_time", ("former",)) == [("程立伟", "县委", "书记")]


def test_acting_posts(result):
    assert rows(result, "acting", ("acting",)) == [("邵明远", "", "市长")]


def test_department_of_a_party_committee(result):
    assert ("范春燕", "县委组织部", "部长") in rows(result, "committee_department")
    row = next(r for r in row_dicts(result, "committee_department") if r["title"] == "部长")
    text = SENTENCES["committee_department"]
    assert text[row["org_start"]:row["org_end"]] == "组织部"  # the part as written


def test_anaphoric_company(result):
    held = [(r["person"], r["title"], r["org_canonical"]) for r in row_dicts(result, "anaphoric_company")]
    assert held == [("沈志刚", "党委书记", "浙江远航精密机械股份有限公司"), ("沈志刚", "董事长", "浙江远航精密机械股份有限公司")]
    # nothing earlier says which company: the row keeps the noun as written
    assert rows(result, "unresolved_company") == [("赵建国", "公司", "董事长"), ("赵建国", "公司", "总经理")]


def test_an_organization_described_not_named_is_no_organization(result):
    described = [row_dicts(result, key) for key in ("described_indefinite", "described_definite", "described_unresolved")]
    assert [(r["person"], r["org"], r["org_canonical"], r["title"]) for rows_ in described for r in rows_] == [
        ("鲁文博", "", "", "董事长"), ("卜雪晴", "", "", "经理"),
        ("尤志鹏", "这家A股上市公司", "江西瑞丰光电股份有限公司", "总经理"),  # as written; canonical: the company before
        ("车丽娟", "这家科创板上市公司", "这家科创板上市公司", "副总经理")]  # nothing before: kept as written
    ids = {f"text-{list(SENTENCES).index(k)}" for k in ("described_indefinite", "described_definite", "described_unresolved")}
    assert sorted(m["text"] for m in result["mentions"] if m["doc_id"] in ids and m["type"] == "ORG") == ["江西瑞丰光电股份有限公司"]
    assert [o["name"] for o in result["organizations"] if ids & set(o["docs"].split(";"))] == ["江西瑞丰光电股份有限公司"]
    assert rows(result, "described_after_a_place") == [("包晓东", "", "创始人")]
    assert rows(result, "described_in_a_record") == [("邝国庆", "", "董事长")]  # the post stays, with no organization
    doc_id = f"text-{list(SENTENCES).index('described_in_a_record')}"
    assert not [m for m in result["mentions"] if m["doc_id"] == doc_id and m["type"] == "ORG"]  # no 银行支行
    # a described enterprise refers back to the last enterprise named, whatever its ending
    assert [(r["person"], r["org"], r["org_canonical"]) for r in row_dicts(result, "described_enterprise")] == [
        ("彭振宇", "这家龙头企业", "华岳重工集团")]
    assert [(r["person"], r["org"], r["org_canonical"]) for r in row_dicts(result, "described_definite_any")] == [
        ("芮东升", "这家新能源车企", "云岭汽车股份有限公司")]
    # 某某 stands for a name left out: the organization as written
    assert rows(result, "name_left_out") == [("钱国栋", "浙江某某科技有限公司", "总经理")]
    # a name that ends like a description is still a name
    assert rows(result, "named_like_a_description") == [("庄亦凡", "深圳云帆科技公司", "副总裁")]


def test_a_capital_letter_standing_for_a_company(result):
    assert rows(result, "placeholder_companies") == [("甄国梁", "A公司", "总经理"), ("滕雅芝", "B公司", "副总经理")]
    doc_id = f"text-{list(SENTENCES).index('placeholder_companies')}"
    assert not [o for o in result["organizations"] if doc_id in o["docs"].split(";")]


def test_an_honorific_after_the_appointed_name(result):
    assert rows(result, "appointment_honorific") == [("容立德", "公司", "副总经理"), ("莫小雯", "公司", "财务总监")]


def test_ren_before_a_field_word_and_a_post_is_the_verb_not_a_surname(result):
    doc_id = f"text-{list(SENTENCES).index('serving_verb')}"
    assert not [m for m in result["mentions"] if m["doc_id"] == doc_id and m["type"] == "PERSON"]
    assert not row_dicts(result, "serving_verb")


def test_a_deputy_to_a_peoples_congress(result):
    assert rows(result, "congress_deputy") == [("严海燕", "全国人大", "代表"), ("严海燕", "云帆电器", "董事长")]


def test_a_broadcasters_byline_keeps_its_whole_name(result):
    assert rows(result, "broadcaster_bylines") == [("卢晓峰", "人民广播电台", "记者"), ("龚海宁", "江城广播电视台", "记者")]


def test_negotiators_and_representatives(result):
    assert rows(result, "negotiators") == [("季文昌", "中国政府", "首席谈判代表"), ("霍尔顿", "美国", "贸易谈判代表"),
                                          ("闻少华", "", "首席代表"), ("龚立群", "", "组长")]
    assert {r["city"] for r in row_dicts(result, "negotiators")} == {""}  # not 怀化市 (中方县)


def test_company_name_with_parentheses(result):
    assert rows(result, "company_parentheses") == [("邝家明", "广东华茂纺织(集团)有限公司", "总经理")]


def test_notice_and_resume_records(result):
    assert rows(result, "notice_record") == [("冯某某", "县财政局", "党组书记"), ("冯某某", "县财政局", "局长")]
    assert rows(result, "notice_record", ("proposed",)) == [("冯某某", "县委", "常委")]
    assert rows(result, "executive_resume") == [("钟某某", "本公司", "董事"), ("钟某某", "本公司", "副总经理")]
    assert ("钟某某", "华东电气集团有限公司财务部", "经理") in rows(result, "executive_resume", ("former",))
    assert {r["rule"] for r in row_dicts(result, "notice_record")} == {"verb"}


def test_appointment_and_removal_lists(result):
    assert rows(result, "notice_lists") == [("侯建新", "市财政局", "局长"), ("贺秀梅", "市教育局", "局长")]
    assert rows(result, "notice_lists", ("former",)) == [("彭志远", "市财政局", "局长")]
    assert rows(result, "appointment_list") == [("龚立华", "市交通运输局", "局长"), ("谭敏", "市水利局", "副局长")]
    assert rows(result, "appointment_list", ("former",)) == [("邹卫东", "市交通运输局", "局长")]
    assert rows(result, "joined_names") == [("廖晓东", "市政府", "副秘书长"), ("孔红梅", "市政府", "副秘书长")]


def test_resume_records_across_sentences(result):
    assert rows(result, "resume_sentences") == [("周晓梅", "本公司", "财务总监")]
    assert rows(result, "resume_colon_gender") == [("郑立军", "公司", "独立董事")]


def test_appointment_and_removal(result):
    assert rows(result, "appointment") == [("葛晓峰", "市生态环境局", "局长")]
    assert rows(result, "removal") == []
    assert rows(result, "removal", ("former",)) == [("葛晓东", "市生态环境局", "局长")]


def test_place_never_read_from_a_name(result):
    doc = next(d for d in result["documents"] if d["doc_id"] == "text-%d" % list(SENTENCES).index("place_not_from_name"))
    assert doc["city"] == ""


def test_common_words_that_are_county_names_place_nothing(result):
    assert [r["org_canonical"] for r in row_dicts(result, "common_word_places")] == ["市公安局"]


def test_zone_qualified_by_the_city_written_earlier(result):
    held = [(r["person"], r["title"], r["org_canonical"]) for r in row_dicts(result, "zone_canonical")]
    assert held == [("严立群", "党工委书记", "嘉兴经开区")]


def test_organizations_without_a_post_holder(result):
    doc_id = "text-%d" % list(SENTENCES).index("model_orgs")
    orgs = {m["text"] for m in result["mentions"] if m["doc_id"] == doc_id and m["type"] == "ORG"}
    assert {"人民银行", "证监会", "上海市公安局"} <= orgs
    assert not any(o.startswith(("和", "据")) for o in orgs)


def test_title_mentions_in_a_person_context(result):
    doc_id = "text-%d" % list(SENTENCES).index("title_mentions")
    titles = [m["text"] for m in result["mentions"] if m["doc_id"] == doc_id and m["type"] == "TITLE"]
    assert titles == ["副局长"]


def test_offset_contract_on_every_row(result):
    """original[start:end] is the surface of every mention; offices point at their person and organization."""
    texts = dict(zip((f"text-{i}" for i in range(len(SENTENCES))), SENTENCES.values()))
    for m in result["mentions"]:
        assert texts[m["doc_id"]][m["start"]:m["end"]] == m["surface"]
    for o in result["offices"]:
        text = texts[o["doc_id"]]
        assert normalize(text[o["start"]:o["end"]]).text == o["person"]
        if o["org_start"] >= 0:
            assert o["org"].endswith(normalize(text[o["org_start"]:o["org_end"]]).text)


def test_every_pattern_line_is_valid_and_every_rule_is_documented(result):
    names = {p.name for p in office_patterns()}
    assert {r["rule"] for r in result["offices"]} <= names
    assert {"chain", "apposition", "list", "verb", "appoint", "remove", "byline"} <= names


CASES = [json.loads(line) for line in (DATA / "public_cases.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def case_result():
    return extract(texts=[c["text"] for c in CASES], device="cpu", workers=1)


@pytest.mark.parametrize("i", range(len(CASES)), ids=[c["id"] for c in CASES])
def test_public_bug_reports(case_result, i):
    """The cases of public bug reports (tests/data/public_cases.jsonl, from ../shared/cases), as check.py reads them."""
    case, doc_id = CASES[i], f"text-{i}"
    held = [r for r in case_result["offices"] if r["doc_id"] == doc_id and r["status"] in ("current", "acting")]
    triples = {(r["person"], r["title"], r["org"].replace("(", "（").replace(")", "）")) for r in held}
    canonical = {(r["person"], r["title"], r["org_canonical"]) for r in held}
    names = {r["name"] for r in case_result["people"] if doc_id in r["docs"].split(";")}
    assert set(case["expected_people"]) <= names
    assert not set(case.get("forbidden_people", [])) & names
    for person, title, org in case["expected_offices"]:
        assert (person, title, org) in triples
    for entry in case.get("expected_canonical", []):
        assert tuple(entry) in canonical
    for pattern in case.get("forbidden_offices", []):
        assert not any(all(p == "*" or p == t for p, t in zip(pattern, triple)) for triple in triples)
    for person, title, org in case.get("former_offices", []):
        assert (person, title, org) not in triples


def test_one_kind_vocabulary_for_offices_and_organizations(result):
    from cnnews_ner.lexicons import kinds

    assert {r["kind"] for r in result["offices"]} <= set(kinds())
    assert {r["kind"] for r in result["organizations"]} <= set(kinds())
    by_org = {r["name"]: r["kind"] for r in result["organizations"]}
    for r in result["offices"]:
        if r["title"].startswith(PARTY_BODIES) or r["title"].endswith("支书"):
            assert r["kind"] == "party"  # 村党支部书记, 市科技局党组书记: a post in the unit's party body
        elif r["org_canonical"] in by_org and by_org[r["org_canonical"]] != "other":
            assert r["kind"] == by_org[r["org_canonical"]]  # an office's kind is its organization's


def test_departments_of_a_government_and_the_kind_of_party_bodies(result):
    assert ("柏新宇", "市政府办公室", "主任") in rows(result, "government_office")
    kinds = {(r["person"], r["title"]): (r["org"], r["kind"]) for r in row_dicts(result, "party_office_and_village")}
    assert kinds[("闵浩然", "主任")] == ("县委办公室", "party")
    assert kinds[("柴东升", "党支部书记")] == ("柳湾村", "party")
    assert ("柏新宇", "副秘书长") in {(r["person"], r["title"]) for r in row_dicts(result, "government_office")}


def test_a_second_mention_and_an_assistant_of_a_fused_ministry(result):
    assert rows(result, "second_mention") == [("罗德里格斯", "巴西", "总统")]
    row = next(r for r in row_dicts(result, "assistant_fused"))
    assert (row["person"], row["org"], row["title"]) == ("韦伯斯特", "加拿大财政部", "助理部长")
    text = SENTENCES["assistant_fused"]
    assert text[row["org_start"]:row["org_end"]] == "财政部"  # the part as written


def test_anaphoric_offices_take_the_last_company_named_before_them(result):
    held = [(r["person"], r["org_canonical"]) for r in row_dicts(result, "two_companies")]
    assert held == [("闻立新", "江苏恒远重工股份有限公司"), ("甘雨晨", "安徽华腾电子有限公司")]
    # a company named earlier in the office's own sentence
    assert [r["org_canonical"] for r in row_dicts(result, "same_sentence_company")] == ["湖南星城机电有限公司"]


def test_the_organizations_table_leaves_out_datelines_meetings_and_bare_departments():
    from cnnews_ner.identity import build_index, is_organization_name, organization_key, organization_rows

    assert not is_organization_name("江淮日报讯")  # a dateline fragment
    assert not is_organization_name("全县秋粮收购工作会议") and not is_organization_name("项目签约仪式")
    assert is_organization_name("参谋长联席会议")  # a standing body, not a meeting
    assert is_organization_name("苏联部长会议") and is_organization_name("中国人民政治协商会议")
    assert not is_organization_name("办公室") and not is_organization_name("宣传部")  # whose, is unknown
    assert is_organization_name("县委宣传部") and is_organization_name("人大")
    assert organization_key("中共临沂市委组织部") == organization_key("临沂市委组织部")
    assert organization_key("中共中央") == "中共中央"
    docs = [{"doc_id": "a", "status": "ok"}, {"doc_id": "b", "status": "ok"}]
    mentions = [{"doc_id": "a", "type": "ORG", "text": "中共临沂市委组织部"},
                {"doc_id": "b", "type": "ORG", "text": "临沂市委组织部"},
                {"doc_id": "b", "type": "ORG", "text": "办公室"}]
    rows = organization_rows(build_index(docs, mentions, []))
    assert [({r["name"], r["aliases"]}, r["doc_count"]) for r in rows] == [({"临沂市委组织部", "中共临沂市委组织部"}, 2)]


def test_people_sharing_an_organization_written_with_and_without_zhonggong_are_one():
    from cnnews_ner.identity import build_index, resolve_people

    docs = [{"doc_id": "a", "status": "ok", "city": "临沂市"}, {"doc_id": "b", "status": "ok", "city": "济南市"}]
    offices = [{"doc_id": "a", "person": "阎振东", "title": "部长", "org": "中共临沂市委组织部",
                "org_canonical": "中共临沂市委组织部"},
               {"doc_id": "b", "person": "阎振东", "title": "部长", "org": "临沂市委组织部",
                "org_canonical": "临沂市委组织部"}]
    people, _ = resolve_people(build_index(docs, [], offices))
    assert len([p for p in people if p["name"] == "阎振东"]) == 1


def test_unresolved_anaphors_are_no_rows_and_a_short_team_name_is_an_alias_of_the_long_one():
    from cnnews_ner.identity import build_index, is_organization_name, organization_rows

    assert not is_organization_name("本公司") and not is_organization_name("该集团")
    docs = [{"doc_id": "a", "status": "ok"}]
    mentions = [{"doc_id": "a", "type": "ORG", "text": "天津泰达队"}, {"doc_id": "a", "type": "ORG", "text": "泰达队"},
                {"doc_id": "a", "type": "ORG", "text": "本公司"}]
    offices = [{"doc_id": "a", "person": "欧阳建", "title": "主教练", "org": "泰达队", "org_canonical": "天津泰达队"}]
    rows = organization_rows(build_index(docs, mentions, offices))
    assert [(r["name"], r["aliases"]) for r in rows] == [("天津泰达队", "泰达队")]


def test_a_club_named_after_a_city_does_not_place_the_article():
    text = "上海队领队岳明亮说，市人大常委会主任包振华观看了比赛。"
    rows = extract(texts=[text], device="cpu", workers=1)["offices"]
    assert [r["org_canonical"] for r in rows if r["title"] == "主任"] == ["市人大常委会"]


def test_a_body_long_gone_makes_its_posts_former():
    # a regime or body long gone, before the post in its clause (data/historical_bodies.tsv); today's states
    # and a body gone named only later in the sentence keep the post current
    texts = ["据史料记载，纳粹空军副司令官汉斯·韦伯曾到过这里。", "苏联外交部长安德烈·索科洛夫当年访问了该国。",
             "俄罗斯外交部长安德烈·索科洛夫访问了该国。", "市委书记钱立业参观了揭露侵华日军罪行的展览。"]
    offices = extract(texts=texts, device="cpu", workers=1).tables["offices"]
    assert sorted((o["doc_id"], o["person"], o["title"], o["status"]) for o in offices) == [
        ("text-0", "汉斯·韦伯", "副司令官", "former"), ("text-1", "安德烈·索科洛夫", "部长", "former"),
        ("text-2", "安德烈·索科洛夫", "部长", "current"), ("text-3", "钱立业", "书记", "current")]
