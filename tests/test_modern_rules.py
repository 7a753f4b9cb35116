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
