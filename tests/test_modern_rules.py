"""Issue 16 part 1 on sentences of our own: listed organizations (data/known_orgs.tsv) with the evidence their
ambiguous entries need, and the person rules for today's news."""
from cnnews_ner.known_orgs import known_org_spans


def orgs(text: str) -> list[str]:
    return [text[o.start:o.end] for o in known_org_spans(text)]


def test_a_listed_platform_is_an_organization_where_it_stands_as_a_word():
    assert orgs("我在淘宝上买的耳机三天就坏了。") == ["淘宝"]
    assert orgs("他家住在北京东路附近。") == []  # 京东 inside 北京东路


def test_a_brand_named_like_a_person_needs_an_organization_word():
    assert orgs("老字号品牌张小泉推出了新款剪刀。") == ["张小泉"]
    assert orgs("张小泉昨天在家休息。") == []
    assert orgs("小米旗下的生态链企业越来越多。") == ["小米"]
    assert orgs("她早饭喝了一碗小米粥。") == []


def test_a_club_named_like_its_city_needs_a_sports_context():
    assert orgs("那不勒斯主场3比1击败对手。") == ["那不勒斯"]
    assert orgs("那不勒斯的比萨闻名世界。") == []


def test_an_ambiguous_entry_joined_to_a_listed_organization_is_one_too():
    assert orgs("安踏与李宁的竞争越来越激烈。") == ["安踏", "李宁"]


def test_team_and_company_endings_are_part_of_the_name():
    assert orgs("掘金队客场挑战篮网队。") == ["掘金队", "篮网队"]
    assert orgs("格力电器与美的集团都发布了年报。") == ["格力电器", "美的集团"]
    assert orgs("曼联队长赛后接受采访。") == ["曼联"]  # 队长 is a post, not the team's 队


def test_latin_acronyms_stand_alone():
    assert orgs("NBA总决赛第三场今天开打。") == ["NBA"]
    assert orgs("这款WHOLESALE平台") == []


# ---- person rules (pure functions, sentences of our own)
import pytest

from cnnews_ner import lexicons
from cnnews_ner.names import (extended_joined_name, inside_quoted_term, is_acceptable_ner_name, latin_names,
                              name_run_pieces, repaired_ner_name, user_id_spans)


@pytest.fixture(scope="module")
def lex():
    return lexicons.load()


def spans_of(text, spans):
    return [text[a:b] for a, b in spans]


def test_latin_names_need_no_lead_word_but_no_organization_word(lex):
    text = "改编自Olivia Grant的小说，主演Jonas Berg-Larsen在片场。"
    assert spans_of(text, latin_names(text, lex)) == ["Olivia Grant", "Jonas Berg-Larsen"]
    text = "股东Choi Min-jun先生与Zoë Laurent女士出席。"
    assert spans_of(text, latin_names(text, lex)) == ["Choi Min-jun", "Zoë Laurent"]
    text = "Silver Harbor Capital Limited与Maple Leaf Coffee签约，发布会展示了Apple Watch。"
    assert latin_names(text, lex) == []


def test_a_quoted_user_name_after_a_lead_word_is_a_person():
    text = "网友“橘子汽水99”发帖，用户Tom_Lee转发，游戏ID：Nightfox也来了。"
    assert spans_of(text, user_id_spans(text)) == ["橘子汽水99", "Tom_Lee", "Nightfox"]


def test_a_nickname_given_by_others_or_by_many_is_no_user_name():
    assert user_id_spans("网友称他为“暖心大叔”。") == []
    assert user_id_spans("许多网友“点赞”了这条视频。") == []


def test_a_joined_transliterated_name_is_taken_whole(lex):
    text = "“铁腰”费尔南多·罗哈斯赛后离场。"
    start = text.index("尔南多")
    a, b = extended_joined_name(text, start, text.index("赛后"), lex)
    assert text[a:b] == "费尔南多·罗哈斯"
    text = "马克-安托万·勒布朗先生出席。"
    a, b = extended_joined_name(text, text.index("安托万"), text.index("先生"), lex)
    assert text[a:b] == "马克-安托万·勒布朗"
    text = "第60分钟埃米利奥·桑切斯才扳平。"
    a, b = extended_joined_name(text, text.index("埃米"), text.index("扳平"), lex)
    assert text[a:b] == "埃米利奥·桑切斯"
    assert is_acceptable_ner_name("马克-安托万·勒布朗", lex)


def test_a_name_quoted_as_a_term_or_ending_a_short_title_is_no_person():
    text = "观众叫他“小周瑜”，电影《少年岳飞》热映。"
    assert inside_quoted_term(text, text.index("周瑜"), text.index("周瑜") + 2)
    assert inside_quoted_term(text, text.index("岳飞"), text.index("岳飞") + 2)
    text = "他写了《岳飞传奇》一书，说“我和周明一起去的北京”。"
    assert not inside_quoted_term(text, text.index("岳飞"), text.index("岳飞") + 2)
    assert not inside_quoted_term(text, text.index("周明"), text.index("周明") + 2)


def test_a_surname_with_a_form_of_address_is_no_person_but_a_post_keeps_it(lex):
    assert not is_acceptable_ner_name("郑", lex, "“", "总说了，")
    assert not is_acceptable_ner_name("郑", lex, "“", "姐”来了")
    assert is_acceptable_ner_name("江", lex, "", "总书记指出")
    assert not is_acceptable_ner_name("郑秀", lex, "话剧中饰演", "的演员")


def test_runs_of_names_are_split_into_names(lex):
    assert name_run_pieces("王立新张海燕", lex) == ["王立新", "张海燕"]
    assert name_run_pieces("欧阳明辉", lex) is None  # one name with a compound surname


def test_the_left_edge_of_a_model_name_is_repaired(lex):
    text = "外卖小哥邹明辉说，上官子墨也来了。"
    a, b = repaired_ner_name(text, text.index("哥邹"), text.index("说"), lex)
    assert text[a:b] == "邹明辉"
    a, b = repaired_ner_name(text, text.index("子墨"), text.index("子墨") + 2, lex)
    assert text[a:b] == "上官子墨"


def test_a_one_character_first_piece_is_not_read_back_into_a_post(lex):
    text = "泰国总理川·立派会见了代表团。"
    a, b = extended_joined_name(text, text.index("川"), text.index("会见"), lex)
    assert text[a:b] == "川·立派"


# ---- organization mentions (model spans and Latin-script names)
from cnnews_ner.known_orgs import latin_org_spans
from cnnews_ner.pipeline import _accepted_model_org


def test_latin_script_organizations_by_their_last_word_or_a_chinese_ending():
    text = "Silver Harbor Capital与BlueFin公司签约，Maria Lopez出席。"
    assert [text[a:b] for a, b in latin_org_spans(text)] == ["Silver Harbor Capital", "BlueFin公司"]


def test_a_listed_media_name_before_a_reporter_is_an_organization():
    assert orgs("据财新网记者报道，该项目已停工。") == ["财新网"]
    assert orgs("据澎湃新闻记者报道。") == ["澎湃新闻"]


def accepted(text: str, name: str, lex) -> str | None:
    start = text.index(name)
    found = _accepted_model_org(text, start, start + len(name), [], lex)
    return text[found[0]:found[1]] if found else None


def test_a_body_named_without_its_organization_is_no_organization_mention(lex):
    assert accepted("公司第二届监事会第五次会议审议通过。", "公司第二届监事会", lex) is None
    assert accepted("经办公室研究决定。", "办公室", lex) is None


def test_an_internal_unit_after_a_company_is_not_part_of_its_name(lex):
    text = "他曾任华泰证券股份有限公司资产管理部总经理。"
    assert accepted(text, "华泰证券股份有限公司资产管理部", lex) == "华泰证券股份有限公司"


def test_a_partnership_form_is_part_of_the_name(lex):
    text = "审计机构为立信会计师事务所（特殊普通合伙）。"
    assert accepted(text, "立信会计师事务所", lex) == "立信会计师事务所（特殊普通合伙）"


def test_a_subsidiary_is_named_after_zigongsi(lex):
    text = "公司控股子公司杭州青禾电子有限公司完成注册。"
    assert accepted(text, "公司控股子公司杭州青禾电子有限公司", lex) == "杭州青禾电子有限公司"


def test_a_listed_transliterated_name_inside_a_longer_one_is_no_organization():
    assert orgs("她在美国伊利诺斯州工作。") == []
    assert orgs("在亚太经合组织会议上。") == ["亚太经合组织"]


# ---- through the whole pipeline (one extract call over sentences of our own)

DOCUMENTS = {
    "brand_after_person": "李宁出席了开幕式。随后，李宁旗下的新门店在杭州开业。",
    "joined_name": "“铁腰”费尔南多·罗哈斯赛后接受采访。",
    "user_id": "网友“橘子汽水99”发帖称，景区停车费太贵。",
    "latin_name": "改编自Olivia Grant的同名小说。",
    "nickname": "被称为“小旋风”的邹明辉打入一球。",
    "club": "阿森纳主场3比1战胜利物浦。",
    "party_before_post": "在昨天的记者会上，国民党秘书长韩某回应了提问。",
    "address_old": "老赵每天早上都去河边钓鱼。",
    "address_young": "小孙拨打了报警电话，收银员小吴态度热情。",
    "transliterated": "新闻发布会上，乌拉圭前锋苏亚雷斯称对结果满意。",
    "brand_clause": "曹铁匠在杭州新开了第十家门店。",
    "brand_ending": "韩德明面业旗下的新工厂昨天投产。",
}


@pytest.fixture(scope="module")
def mentions(mentions_by_key):
    found = mentions_by_key(DOCUMENTS, ("PERSON", "ORG"))
    return {key: [(m["type"], m["text"]) for m in rows] for key, rows in found.items()}


def test_a_listed_brand_is_not_repeated_as_a_person(mentions):
    assert ("ORG", "李宁") in mentions["brand_after_person"]
    assert mentions["brand_after_person"].count(("PERSON", "李宁")) <= 1


def test_people_of_todays_news_through_the_pipeline(mentions):
    assert ("PERSON", "费尔南多·罗哈斯") in mentions["joined_name"]
    assert ("PERSON", "橘子汽水99") in mentions["user_id"]
    assert ("PERSON", "Olivia Grant") in mentions["latin_name"]
    assert [m for m in mentions["nickname"] if m[0] == "PERSON"] == [("PERSON", "邹明辉")]
    assert sorted(mentions["club"]) == [("ORG", "利物浦"), ("ORG", "阿森纳")]


def test_names_in_credits_but_not_forms_of_address(lex):
    from cnnews_ner.names import credit_names

    text = "文/邹明辉 图/柯小雨 审核：郑老师 编辑：小周 监制：韩东"
    assert spans_of(text, credit_names(text, lex)) == ["邹明辉", "柯小雨", "韩东"]
    text = "通讯员丁一、卢静/文 单磊/摄"
    assert spans_of(text, credit_names(text, lex)) == ["卢静", "单磊"]


def test_a_model_place_after_an_occupation_is_a_person(lex):
    from cnnews_ner.names import is_person_not_place

    text = "歌手邹明辉将在北京开唱，据卢静介绍，门票已售罄。"
    assert is_person_not_place(text, 2, 5, lex)
    assert is_person_not_place(text, text.index("卢静"), text.index("卢静") + 2, lex)
    assert not is_person_not_place(text, text.index("北京"), text.index("北京") + 2, lex)


def test_latin_titles_of_games_and_works_are_no_names(lex):
    text = "他在Steam上买了Crystal Kingdom和Moon Odyssey两款游戏。"
    assert latin_names(text, lex) == []


def test_a_surname_that_starts_a_word_or_a_fond_address_is_no_person(lex):
    assert not is_acceptable_ner_name("王", lex, "在", "者荣耀")
    assert not is_acceptable_ner_name("李头", lex, "老", "和")


def test_a_record_opening_name_that_is_also_a_word(lex):
    from cnnews_ner.names import record_opening_name

    text = "严格先生，1970年出生，中国国籍，经济师。"
    a, b = record_opening_name(text, lex)
    assert text[a:b] == "严格"
    assert record_opening_name("严格先生，请您坐下。", lex) is None


def test_a_role_and_a_surname_are_no_name(lex):
    assert not is_acceptable_ner_name("车主刘", lex, "", "女士的车")


def test_a_team_before_its_captain_keeps_no_dui(lex):
    text = "申江队长赛后表示满意。"
    assert accepted(text, "申江队", lex) == "申江"


def test_a_transliterated_entry_before_a_word_of_its_own_is_an_organization():
    assert orgs("蔚来与比亚迪宣布合作。") == ["蔚来", "比亚迪"]


def test_two_anonymized_people_of_one_surname(lex):
    from cnnews_ner.names import anonymized_names

    text = "原告孔某甲与被告孔某乙系父子。"
    assert spans_of(text, anonymized_names(text, lex)) == ["孔某甲", "孔某乙"]


def test_latin_places_and_buildings_are_no_names(lex):
    text = "记者在Pearl Harbor和Buckingham Palace附近遇到了Noah Fischer。"
    assert spans_of(text, latin_names(text, lex)) == ["Noah Fischer"]


# ---- trial faults (issue: people rules), sentences of our own
def test_an_organization_read_before_a_post_is_no_person(mentions, lex):
    from cnnews_ner.names import is_organization_name

    assert ("PERSON", "国民党") not in mentions["party_before_post"]
    assert ("PERSON", "韩某") in mentions["party_before_post"]
    assert is_organization_name("国民党", lex) and is_organization_name("民进党", lex)
    assert is_organization_name("阳光纸业集团", lex)
    assert not is_organization_name("王建党", lex)  # a given name that ends like a party


def test_a_surname_after_lao_or_xiao_is_a_form_of_address(mentions, lex):
    from cnnews_ner.names import addressed_surname

    assert [m for m in mentions["address_old"] if m[0] == "PERSON"] == []
    assert [m for m in mentions["address_young"] if m[0] == "PERSON"] == []
    assert addressed_surname("赵每天", "上午老", lex)
    assert not addressed_surname("郑明远", "他从小", lex)  # 从小 is a word; 郑明远 a name
    assert not addressed_surname("郑明远", "会见了", lex)


def test_a_transliterated_name_is_not_split_into_chinese_names(mentions, lex):
    from cnnews_ner.names import whole_transliterated_name

    assert [m for m in mentions["transliterated"] if m[0] == "PERSON"] == [("PERSON", "苏亚雷斯")]
    assert name_run_pieces("苏亚雷斯", lex) is None
    text = "主帅苏亚雷斯称"
    assert whole_transliterated_name(text, 2, 4, lex) == 6  # the model's 苏亚 runs to the end of the word
    assert whole_transliterated_name("李娜拉开了序幕", 0, 2, lex) == 2


def test_a_verb_phrase_glued_to_a_joined_name_is_cut(lex):
    text = "边锋伊万·莫拉莱斯梅开二度。"
    start = text.index("伊")
    assert spans_of(text, [extended_joined_name(text, start, text.index("。"), lex)]) == ["伊万·莫拉莱斯"]
    text = "公司收到股东Park Ji-hoon先生的告知函。"
    assert extended_joined_name(text, text.index("hoon"), text.index("hoon") + 4, lex)[1] == text.index("hoon") + 4


def test_a_brand_named_like_a_person_is_an_organization(mentions, lex):
    from cnnews_ner.names import brand_named_like_person

    assert mentions["brand_clause"] == [("ORG", "曹铁匠")]
    assert ("ORG", "韩德明面业") in mentions["brand_ending"]
    assert ("PERSON", "韩德明") not in mentions["brand_ending"]
    text = "王建国近日在成都开出第三家门店。"  # a given name that is no common noun: a person may open shops
    assert brand_named_like_person(text, 0, 3, lex) is None
    text = "曹铁匠昨天在家休息，门店由儿子打理。"  # the shop is in another clause
    assert brand_named_like_person(text, 0, 3, lex) is None
    text = "褚少泉剪刀老店今天重新开业。"  # a name, a product, a shop: the shop's brand
    assert brand_named_like_person(text, 0, 3, lex) == (0, 3)
    assert brand_named_like_person("蒋海涛烤鸭店换了新招牌。", 0, 3, lex) == (0, 3)
    assert brand_named_like_person("蒋海涛剪刀用得很顺手。", 0, 3, lex) is None  # a product alone: a person may use it
