"""Rule-layer unit tests, each with a sentence of our own that motivated the rule."""
import pytest

from cnnews_ner import lexicons
from cnnews_ner.names import is_plausible_name, split_name_run
from cnnews_ner.orgs import canonical_org, expand_abbreviations, find_orgs, infer_city
from cnnews_ner.titles import extract_offices

LEX = lexicons.load()


def offices(sentence):
    """Posts held now (status current or acting)."""
    return [(o.person, o.org, o.title) for o in extract_offices(sentence, LEX).offices
            if o.status in ("current", "acting")]


def with_status(sentence):
    return [(o.person, o.org, o.title, o.status) for o in extract_offices(sentence, LEX).offices]


def offices_given_name(sentence, name):
    """The offices read when the model found ``name`` (its first occurrence) as a person."""
    a = sentence.index(name)
    return extract_offices(sentence, LEX, [(a, a + len(name))]).offices


def persons(sentence):
    return [sentence[a:b] for a, b in extract_offices(sentence, LEX).persons]


@pytest.mark.parametrize("sentence, expected", [
    # a second post with no organization of its own inherits the previous one
    ("市教育局党组书记、局长马晓东在会上指出,要办好人民满意的教育。",
     [("马晓东", "市教育局", "党组书记"), ("马晓东", "市教育局", "局长")]),
    # a new organization starts a new office
    ("市委宣传部副部长、市文化和旅游局局长陈红梅表示,将推动文旅融合。",
     [("陈红梅", "市委宣传部", "副部长"), ("陈红梅", "市文化和旅游局", "局长")]),
    # party committee posts on a county committee
    ("临朐县委书记吴建华主持会议。", [("吴建华", "临朐县委", "书记")]),
    # deputy secretary then an executive deputy mayor: the mayor post never inherits 市委
    ("市委副书记、常务副市长周立新出席。", [("周立新", "市委", "副书记"), ("周立新", "", "常务副市长")]),
    # people's congress and CPPCC posts
    ("市人大常委会主任黄德明、市政协主席林雅琴出席会议。",
     [("黄德明", "市人大常委会", "主任"), ("林雅琴", "市政协", "主席")]),
    ("市政协副主席、秘书长何志强作报告。", [("何志强", "市政协", "副主席"), ("何志强", "市政协", "秘书长")]),
    # company posts, a company name that holds 有 (有限公司)
    ("江苏恒瑞医药股份有限公司董事长孙飘扬介绍。", [("孙飘扬", "江苏恒瑞医药股份有限公司", "董事长")]),
    ("浙江吉利控股集团董事、执行总裁李东辉说,公司将加大研发投入。",
     [("李东辉", "浙江吉利控股集团", "董事"), ("李东辉", "浙江吉利控股集团", "执行总裁")]),
    # national-level chain
    ("中共中央政治局委员、国务院副总理刘国中出席会议。",
     [("刘国中", "中共中央", "政治局委员"), ("刘国中", "国务院", "副总理")]),
    # a qualifier is kept out of the title
    ("省委组织部常务副部长郑志刚强调。", [("郑志刚", "省委组织部", "常务副部长")]),
    # the name ends where a word that follows names starts (2-character name)
    ("市住建局局长韩冰表示,今年将新开工保障房5000套。", [("韩冰", "市住建局", "局长")]),
    # a given name holding a character that is also a word (为)
    ("市科技局局长井为民说。", [("井为民", "市科技局", "局长")]),
    # court, procuratorate, university and hospital posts
    ("市中级人民法院院长罗海涛、市人民检察院检察长许文静列席会议。",
     [("罗海涛", "市中级人民法院", "院长"), ("许文静", "市人民检察院", "检察长")]),
    ("山东大学党委书记李学军在开学典礼上讲话。", [("李学军", "山东大学", "党委书记")]),
    ("市人民医院院长梁志伟介绍。", [("梁志伟", "市人民医院", "院长")]),
    # a street office's party working committee
    ("历下区泉城路街道党工委书记唐宁说。", [("唐宁", "历下区泉城路街道", "党工委书记")]),
    # a compound surname
    ("市统计局局长欧阳明辉通报了数据。", [("欧阳明辉", "市统计局", "局长")]),
    # a bank
    ("中国农业银行广州分行行长冯建国出席签约仪式。", [("冯建国", "中国农业银行广州分行", "行长")]),
    # comma-joined chain, qualifier before the first post
    # People's Daily style: lead-in words before the organization
    ("江主席受到哈佛大学校长陆登庭的欢迎。", [("陆登庭", "哈佛大学", "校长")]),
    ("对外贸易经济合作部部长吴仪出席。", [("吴仪", "对外贸易经济合作部", "部长")]),
    ("会见了外经贸部副部长孙振宇。", [("孙振宇", "外经贸部", "副部长")]),
    ("江主席是应美国总统克林顿的邀请访问的。", [("克林顿", "美国", "总统")]),
    ("以色列国总理内塔尼亚胡致电祝贺。", [("内塔尼亚胡", "以色列国", "总理")]),
    ("中共中央政治局委员、国务委员李铁映出席。", [("李铁映", "中共中央", "政治局委员"), ("李铁映", "", "国务委员")]),
    ("本报北京11月6日讯新华社记者刘思扬报道。", [("刘思扬", "新华社", "记者")]),
    # a head of state: the country is the organization
    ("美国总统拜登会见了来访客人。", [("拜登", "美国", "总统")]),
    ("国家主席习近平发表讲话。", [("习近平", "", "国家主席")]),
    ("山东省省长周乃翔调研。", [("周乃翔", "山东省", "省长")]),
    ("广西壮族自治区主席蓝天立出席。", [("蓝天立", "广西壮族自治区", "主席")]),
    # a former post is no office of the person's
    ("原市委书记钱国良已调任他职。", []),
    ("市委组织部分管日常工作的副部长,市人社局党组书记、局长丁海燕表示。",
     [("丁海燕", "市委组织部", "副部长"), ("丁海燕", "市人社局", "党组书记"), ("丁海燕", "市人社局", "局长")]),
])
def test_office_chains(sentence, expected):
    assert offices(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "全市上下要认真学习局长讲话精神。",  # a post with no organization and no name
    "中央书记处召开会议。",  # 书记处 is an organ, not a post
    "会议由市委常委会研究决定。",  # 常委会 is a body
    "他希望记者朋友们多多关注。",  # 记者 with no name
    "董事会审议通过了年度报告。",
    "要把市长热线办成民生热线。",
    "他向王局长汇报了工作。",  # a surname before a post is no organization
    "记者从市委组织部获悉。",
    "李明曾任市委书记。",  # the name before the post: no office claimed
])
def test_no_office(sentence):
    assert offices(sentence) == []


def test_byline_run_together_names():
    assert offices("本报记者王志刚李晓东邓丽")[:3] == [
        ("王志刚", "本报", "记者"), ("李晓东", "本报", "记者"), ("邓丽", "本报", "记者")]


def test_byline_space_separated_names():
    assert [p for p, _, _ in offices("□本报记者 刘洋 陈思远")] == ["刘洋", "陈思远"]


def test_correspondents_split_in_the_most_likely_way():
    assert [p for p, _, _ in offices("本报通讯员方丽娟王美华高玉明")] == ["方丽娟", "王美华", "高玉明"]


def test_credits_after_colons():
    assert offices("责任编辑:周敏 一审:周敏 二审:黄涛 三审:韩镇") == [
        ("周敏", "", "责任编辑"), ("周敏", "", "一审"), ("黄涛", "", "二审"), ("韩镇", "", "三审")]


def test_media_byline_takes_the_newspaper():
    assert offices("(烟台日报全媒体记者孙振华)") == [("孙振华", "烟台日报", "全媒体记者")]


def test_leader_list_names_everyone():
    assert persons("市领导张建国、李海燕、王伟出席。") == ["张建国", "李海燕", "王伟"]


@pytest.mark.parametrize("sentence, expected", [
    ("会议选举产生了新一届领导班子,王建军当选为市政协主席。", [("王建军", "市政协", "主席")]),
    ("经研究决定,李晓红被任命为县委副书记。", [("李晓红", "县委", "副书记")]),
    ("刘德华接任市长。", [("刘德华", "", "市长")]),
    ("张明曾任市委书记。", []),  # a former post
    ("经省委研究,决定王海峰同志任市委书记。", [("王海峰", "市委", "书记")]),
    ("郭晓燕(市人社局局长)在会上发言。", [("郭晓燕", "市人社局", "局长")]),
    ("陈刚拟任市财政局局长。", []),  # a proposed post
    ("赵磊担任项目负责人以来,成绩显著。", []),  # no organization
])
def test_appointments(sentence, expected):
    assert offices(sentence) == expected


def test_name_before_a_national_post_holds_it():
    sentence = "要认真学习习近平总书记重要讲话精神,李强总理作报告。"
    assert persons(sentence) == ["习近平", "李强"]
    assert offices(sentence) == [("习近平", "", "总书记"), ("李强", "", "总理")]


def test_party_body_moves_into_the_post():
    assert offices("中南大学党委副书记李建华出席。") == [("李建华", "中南大学", "党委副书记")]


def test_bare_village_level_before_a_party_post_is_the_organization():
    # a quote attribution in a county feature story; 该村 / 大王庄村 were already read as organizations
    assert offices("“我们一定要把工作做好。”村党支部书记张建国说。") == [("张建国", "村", "党支部书记")]
    assert offices("镇党委副书记刘海燕介绍。") == [("刘海燕", "镇", "党委副书记")]
    assert offices("大王庄村党支部书记张建国介绍。") == [("张建国", "大王庄村", "党支部书记")]


def test_a_post_once_held_is_no_office_and_its_adverb_no_name():
    # 曾长期 is 曾 "once" + 长期 "for long", not a person named 曾长期
    assert offices("他曾长期担任县委书记，后来调任省里工作。") == []
    assert persons("他曾长期担任县委书记，后来调任省里工作。") == []
    assert offices("张海峰曾担任县委书记。") == []
    assert offices("张海峰担任县委书记。") == [("张海峰", "县委", "书记")]


def test_appointed_by_a_decision_holds_the_post_dismissed_does_not():
    assert offices("会议决定，任命王建军为市发展和改革委员会主任。") == [("王建军", "市发展和改革委员会", "主任")]
    assert offices("会议决定，免去李国庆的市交通运输局局长职务。") == []
    assert offices("刘志强因个人原因辞去市长职务。") == []
    assert offices("会议提名王建军为市长候选人。") == []


def test_assistant_posts_and_posts_of_the_dead_or_departed():
    assert offices("市长助理刘海波参加活动。") == [("刘海波", "", "市长助理")]
    assert offices("已故县委书记焦裕禄是干部的榜样。") == []
    assert offices("省委书记秘书王晓东被查。") == []


def test_national_leaders_named_alone_are_found_but_not_inside_longer_names():
    from cnnews_ner.names import known_people_spans

    text = "习近平在贺信中指出，希望广大科技工作者勇攀高峰。"  # the model, trained on 1998 text, misses it
    assert [text[a:b] for a, b in known_people_spans(text, LEX)] == ["习近平"]
    assert known_people_spans("李希林出席会议。", LEX) == []  # another person whose name starts the same


def test_a_name_opening_a_sentence_then_speaking_is_a_person():
    assert persons("井为民在会上指出，要抓好落实。") == ["井为民"]
    assert persons("衣学东在调研时强调，要守住安全底线。") == ["衣学东"]
    assert persons("文件指出，要抓好落实。") == []
    assert persons("黄河在这里拐了一个弯。") == []
    assert persons("江主席在演讲中介绍了中国的发展。") == []


def test_central_enterprises_by_their_short_names():
    assert offices("中国石化董事长马永生表示，公司将加快转型。") == [("马永生", "中国石化", "董事长")]


def test_spokespeople_and_international_organizations():
    assert offices("外交部发言人毛宁在例行记者会上表示，中方坚决反对。") == [("毛宁", "外交部", "发言人")]
    assert offices("联合国秘书长古特雷斯发表声明。") == [("古特雷斯", "联合国", "秘书长")]
    # a country after a post is not a transliterated name (南斯拉 from 南斯拉夫)
    assert "南斯拉" not in persons("中华人民共和国主席南斯拉夫联盟共和国总统米洛舍维奇")


def test_a_model_name_that_ran_into_the_next_word_is_trimmed():
    from cnnews_ner.names import trimmed_ner_name_end

    text = "最高人民法院院长张军作工作报告。"
    start = text.index("张军")
    assert trimmed_ner_name_end(text, start, start + 3, LEX) == start + 2
    assert trimmed_ner_name_end("张军作出批示。", 0, 3, LEX) == 3  # 作出 is no word that follows names
    assert trimmed_ner_name_end("俱乐部总经理陈洋称将引进新援。", 6, 9, LEX) == 8  # 称: a one-character verb of saying
    assert trimmed_ner_name_end("井为民说。", 0, 3, LEX) == 3


def test_names_after_a_deputy_post_share_it():
    assert offices("市委常委、副市长王彤，副市长郑建忠、汤筱疏出席会议。") == [
        ("王彤", "市委", "常委"), ("王彤", "", "副市长"), ("郑建忠", "", "副市长"), ("汤筱疏", "", "副市长")]
    # a name after a post that only one person holds is someone else's
    assert offices("市委书记张建华、王海涛出席。") == [("张建华", "市委", "书记")]
    assert offices("副市长郑建忠、市长助理刘海波出席。") == [("郑建忠", "", "副市长"), ("刘海波", "", "市长助理")]
    assert ("全国工", "", "副部长") not in offices("统战部副部长郑万通、全国工商联副主席蒋民宽出席。")


def test_honours_and_roles_are_no_offices():
    assert offices("全国优秀县委书记张海军的事迹感人至深。") == []
    assert persons("全国优秀县委书记张海军的事迹感人至深。") == ["张海军"]
    assert offices("他扮演的县委书记李向阳深受观众喜爱。") == []
    assert offices("县委书记李向阳深受群众喜爱。") == [("李向阳", "县委", "书记")]


def test_names_listed_before_leaders():
    assert persons("王建国、李红梅、赵强等市领导出席活动。") == ["王建国", "李红梅", "赵强"]


def test_comrade_pattern():
    assert persons("要紧密团结在以习近平同志为核心的党中央周围。") == ["习近平"]
    assert persons("我们要向小平同志学习。") == []  # 向 is the preposition here; the model finds 小平
    assert persons("在国务委员罗干等同志陪同下") == ["罗干"]  # not 罗干等


def test_names_rejected_when_they_are_words_or_places():
    assert not is_plausible_name("锚定", LEX)
    assert not is_plausible_name("关负责", LEX)
    assert not is_plausible_name("高密", LEX)  # a county
    assert is_plausible_name("赵中国", LEX)
    assert is_plausible_name("阿卜杜拉·艾尼", LEX)  # a transliterated name with a middle dot


def test_run_split_prefers_common_surnames():
    assert split_name_run("王志强张志宁邓静", LEX) == ["王志强", "张志宁", "邓静"]


def test_orgs_in_running_text():
    found = [o.text for o in find_orgs("市委、市政府高度重视,省委组织部和党中央的部署要落实,德州市委作出安排。", LEX)]
    assert found == ["市委", "市政府", "省委组织部", "党中央", "德州市委"]


def test_companies_named_after_a_place_in_running_text():
    found = [o.text for o in find_orgs("加快山东种业集团营养型农业产业化项目建设,潍坊亚星化学股份有限公司投产。", LEX)]
    assert found == ["山东种业集团", "潍坊亚星化学股份有限公司"]


def test_no_org_junk_in_running_text():
    assert find_orgs("新时代要提升核心竞争力,倍加珍惜。", LEX) == []


def test_city_from_the_newspaper_name():
    assert infer_city("本报讯(烟台日报记者孙振华)市委召开会议。", LEX) == ("烟台市", "烟台日报")


def test_city_from_the_places_named_most():
    assert infer_city("寿光市、青州市和高密市的项目都很亮眼,潍坊发展势头好。", LEX)[0] == "潍坊市"


def test_canonical_names():
    assert canonical_org("市科技局", "潍坊市") == "潍坊市科技局"
    assert canonical_org("市委", "聊城市") == "聊城市委"
    assert canonical_org("平原县委", "德州市") == "平原县委"
    assert canonical_org("本报", "德州市", "德州日报") == "德州日报"


def test_abbreviation_expansion_merges_spellings():
    assert expand_abbreviations("潍坊市人社局", LEX) == expand_abbreviations("潍坊市人力资源和社会保障局", LEX)


def test_ner_people_are_filtered_on_evidence_only():
    from cnnews_ner.names import is_acceptable_ner_name

    assert is_acceptable_ner_name("布林肯", LEX)  # a foreign name: no Chinese surname
    assert is_acceptable_ner_name("佐藤", LEX)  # a Japanese name
    assert is_acceptable_ner_name("江", LEX)  # 江主席: a bare surname
    assert not is_acceptable_ner_name("宜瑞安", LEX, before="平原的")  # a company the model took for a person
    assert not is_acceptable_ner_name("·锚", LEX)
    assert not is_acceptable_ner_name("罗赛罗德", LEX, before="宁津的")  # a company owned by a place
    # 作为一名老党员、老支书，王大爷始终冲在前面: a form of address, not a name
    assert not is_acceptable_ner_name("王", LEX, before="，", after="大爷")
    assert not is_acceptable_ner_name("李", LEX, before="的", after="某某")
    assert not is_acceptable_ner_name("王", LEX, before="老", after="说")
    # 市民王女士告诉记者, 李先生说: a surname with a form of address is no name (today's web news); a surname
    # with a post (江主席, People's Daily style) stays
    assert not is_acceptable_ner_name("王", LEX, before="市民", after="女士")
    assert not is_acceptable_ner_name("王女士", LEX, before="市民", after="告诉")
    assert not is_acceptable_ner_name("邓", LEX, before="", after="先生")
    assert is_acceptable_ner_name("江", LEX, before="", after="主席")


def test_byline_drops_a_trailing_credit_word():
    assert offices("本报记者王志强摄") == [("王志强", "本报", "记者")]
    assert [p for p, _, _ in offices("□本报记者 刘洋 陈思远报道")] == ["刘洋", "陈思远"]


def test_a_bare_company_noun_is_an_anaphor_for_the_pipeline_to_resolve():
    # the rules read 公司 as written; the pipeline resolves it to a company named earlier, or drops the row
    assert offices("公司董事长兼总经理赵建国说。") == [("赵建国", "公司", "董事长"), ("赵建国", "公司", "总经理")]
    assert persons("公司董事长兼总经理赵建国说。") == ["赵建国"]


def test_name_ends_before_a_verb():
    assert offices("市发改委主任鹿尧带队调研。") == [("鹿尧", "市发改委", "主任")]


def normalized_offices(sentence):
    from cnnews_ner.normalize import normalize

    return offices(normalize(sentence).text)


@pytest.mark.parametrize("sentence, expected", [
    # national organs and democratic parties
    ("中央宣传部部长孙建平出席会议。", [("孙建平", "中央宣传部", "部长")]),
    ("民进中央副主席邵明华讲话。", [("邵明华", "民进中央", "副主席")]),
    ("全国人大农业与农村委员会主任委员丁永昌说。", [("丁永昌", "全国人大农业与农村委员会", "主任委员")]),
    # fused forms: the ministry and the post share 部
    ("国防部长秦振华会见了来访的客人。", [("秦振华", "国防部", "部长")]),
    ("印度财政部长辛格表示。", [("辛格", "印度财政部", "部长")]),
    # foreign states: short forms before heads of state, envoys, dash-joined associations
    ("新西兰驻华大使贝克出席招待会。", [("贝克", "新西兰", "驻华大使")]),
    ("中国驻法国大使吴江涛会见了侨领。", [("吴江涛", "中国", "驻法国大使")]),
    ("瑞典—中国友好协会主席林德出席。", [("林德", "瑞典—中国友好协会", "主席")]),
    # Traditional-script bodies of Taiwan and Hong Kong (normalized first, as the pipeline does)
    ("立法院院長蘇俊賢表示。", [("苏俊贤", "立法院", "院长")]),
    ("律政司司長黃志明表示。", [("黄志明", "律政司", "司长")]),
    ("台中市議會議員陳美玲質詢。", [("陈美玲", "台中市议会", "议员")]),
    # bank short forms and companies with Latin letters in the text around them
    ("建行行长刘春生说。", [("刘春生", "建行", "行长")]),
    # courts and police down to the brigade level
    ("县公安局刑警大队教导员刘志军说。", [("刘志军", "县公安局刑警大队", "教导员")]),
])
def test_coverage_of_organs_and_posts(sentence, expected):
    assert normalized_offices(sentence) == expected


def test_qualifying_clause_and_organization_through_de():
    assert offices("国务院分管农业的副总理李国强说。") == [("李国强", "国务院", "副总理")]
    assert offices("苏格兰队的主教练布莱恩说。") == [("布莱恩", "苏格兰队", "主教练")]
    assert offices("巴勒斯坦委员会(议会)主席张建国致函。") == [("张建国", "巴勒斯坦委员会", "主席")]


def test_a_former_marker_before_or_inside_the_organization():
    assert offices("此案牵涉原滨海县委书记杨立新。") == []
    assert offices("湖南省原民政厅副厅长朱建国出席。") == []
    sentence = "印度前国防部长、社会党主席亚达夫说。"
    assert with_status(sentence) == [("亚达夫", "印度国防部", "部长", "former"), ("亚达夫", "社会党", "主席", "current")]


def test_proposed_and_historical_posts():
    assert with_status("菲律宾当选总统埃斯特拉表示。") == [("埃斯特拉", "菲律宾", "总统", "proposed")]
    assert with_status("周恩来总理生前多次到这里视察。")[0][3] == "former"


def test_removal_or_death_later_in_the_sentence_makes_the_posts_former():
    sentence = "市水利局副局长郑海涛私自挪用公款，受到党内警告处分并被免除行政职务。"
    assert with_status(sentence) == [("郑海涛", "市水利局", "副局长", "former")]
    assert with_status("县人民医院院长苏丽华因病逝世，享年58岁。") == [("苏丽华", "县人民医院", "院长", "former")]
    # two office holders: the marker is not read (whose removal it is, is not clear)
    assert len([o for o in with_status("局长甲乙和副局长郑海涛出席了老局长的追悼会。") if o[3] == "former"]) == 0


def test_words_after_a_post_are_no_names():
    assert persons("他陪同总统国防问题顾问视察。") == []  # 国防 is a common word
    assert offices("会见报社编辑记者和职工代表。") == []
    assert offices("英国为奥地利接任轮值主席国做了准备。") == []


def test_fused_posts_and_former_markers_after_lead_ins():
    assert offices("韩国外交通商部长官朴东秀说。") == [("朴东秀", "韩国外交通商部", "长官")]
    assert with_status("总统对前军队总参谋长李明华采取了措施。")[-1] == ("李明华", "军队", "总参谋长", "former")
    assert offices("全国人大环境与资源保护委员会主任委员王建平指出。") == [
        ("王建平", "全国人大环境与资源保护委员会", "主任委员")]


@pytest.mark.parametrize("sentence, expected", [
    # 长官 after a unit: the unit ends the organization (防卫厅长官, not 厅长 + a name 官…)
    ("日本防卫厅长官张田中说。", [("张田中", "日本防卫厅", "长官")]),
    # ministers titled by their field, the country before them
    ("英国外交大臣库克说。", [("库克", "英国", "外交大臣")]),
    # a word between the organization and the post
    ("亚足联现任秘书长李维斯说。", [("李维斯", "亚足联", "秘书长")]),
    # a relative clause: the chain after the verb, then 的 and its holder
    ("现任县财政局局长的王建军出席。", [("王建军", "县财政局", "局长")]),
    ("王建军兼任了总经理。", [("王建军", "", "总经理")]),
    # a common word after a post written after its holder does not hide the apposition
    ("吴海市长高兴地告诉记者。", [("吴海", "", "市长")]),
])
def test_more_ways_of_writing_an_office(sentence, expected):
    assert offices(sentence) == expected


def test_posts_told_of_another_time_or_not_yet_taken():
    assert with_status("时任县委书记的周建平到村里考察。") == [("周建平", "县委", "书记", "former")]
    assert offices("会议由新的主席来决定。") == []
    assert with_status("据悉，郑立华将出任市长一职。")[0][3] == "proposed"


def test_how_far_a_former_marker_reaches():
    # 原 / 前 belong to one organization; 当时的 / 时任 frame the whole chain
    assert with_status("在当时的市委书记、市政协主席周建国的安排下，活动顺利举行。") == [
        ("周建国", "市委", "书记", "former"), ("周建国", "市政协", "主席", "former")]
    assert with_status("本次活动总指挥、前省队副总教练韩立新说。")[-1] == ("韩立新", "省队", "副总教练", "former")
    assert with_status("据证实，前国防参谋长阿布巴卡尔已就任。")[0][3] == "former"
    assert with_status("我的前任王振东市长去年来访。") == [("王振东", "", "市长", "former")]


def test_posts_someone_is_proposed_for():
    assert with_status("反对李建国出任市长。") == [("李建国", "", "市长", "proposed")]


def test_a_death_of_someone_else_does_not_end_the_holders_post():
    sentence = "陈建国市长代表市政府对李明华逝世表示沉痛哀悼。"
    model = [(0, 3), (sentence.index("李明华"), sentence.index("李明华") + 3)]  # the model's PERSON spans
    rows = [(o.person, o.title, o.status) for o in extract_offices(sentence, LEX, model).offices]
    assert rows == [("陈建国", "市长", "current")]


def test_a_shared_deputy_list_ends_with_and():
    assert offices("市政协副主席王立新、赵海涛和孙丽华出席。") == [
        ("王立新", "市政协", "副主席"), ("赵海涛", "市政协", "副主席"), ("孙丽华", "市政协", "副主席")]


def test_organizations_joined_by_a_comma_share_the_post():
    assert offices("中共中央台湾工作办公室、国务院台湾事务办公室主任林志远出席。") == [
        ("林志远", "中共中央台湾工作办公室", "主任"), ("林志远", "国务院台湾事务办公室", "主任")]
    # a clause with a lead-in before the first organization is not a coordination
    assert offices("出席会议的有市委宣传部、市财政局局长王强。") == [("王强", "市财政局", "局长")]


def test_factories_and_latin_posts():
    assert with_status("王建设曾任淄博机床厂厂长。") == [("王建设", "淄博机床厂", "厂长", "former")]
    assert offices("云帆集团董事长兼CEO赵立军出席。") == [("赵立军", "云帆集团", "董事长"), ("赵立军", "云帆集团", "CEO")]


def test_an_anaphor_resolves_to_a_name_that_ends_like_it():
    from cnnews_ner.orgs import resolve_anaphor

    earlier = ["山东恒远新材料股份有限公司", "山东恒远新材料股份有限公司第五届董事会"]
    assert resolve_anaphor("本公司", earlier) == "山东恒远新材料股份有限公司"


@pytest.mark.parametrize("sentence, expected", [
    # a clause-opening year long ago dates the whole narrative after it (data/historical_frames.tsv)
    ("1952年3月,市长郭振华主持了首次会议。", [("郭振华", "", "市长", "former")]),
    ("七十年代末,县委书记钱立业提出了修建水库的设想。", [("钱立业", "县委", "书记", "former")]),
    ("那时,厂长许文斌每天都在车间里。", [("许文斌", "", "厂长", "former")]),
])
def test_a_frame_of_long_ago_makes_the_posts_after_it_former(sentence, expected):
    assert with_status(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "1996年6月,市长郭振华访问了友好城市。",  # a year of our era: the post may still be held
    "从1984年开始,厂长许文斌就在推进技术改造。",  # a span that runs on to now
    "许文斌,男,1962年出生,现任市水务局局长。",  # a résumé line's birth year is no frame
    "市长郭振华说,1952年,这里还是一片荒地。",  # the frame comes after the office
])
def test_years_that_do_not_date_a_post(sentence):
    assert all(status == "current" for *_, status in with_status(sentence))
    assert with_status(sentence)


def test_a_holder_designated_in_the_clause_is_proposed():
    # 由 several words before the person, in the same clause: the post is not yet taken up
    def statuses(sentence):
        a = sentence.index("万振邦")
        return [o.status for o in extract_offices(sentence, LEX, [(a, a + 3)]).offices]
    assert statuses("董事会作出决定,由现年五十岁、曾在海外任职的万振邦出任该集团总裁。") == ["proposed"]
    assert statuses("由于业绩突出,万振邦出任该集团总裁。") == ["current"]  # 由于 is no designation


def test_a_former_marker_after_the_place_is_no_part_of_the_organization():
    found = extract_offices("浙江省原交通厅党组书记、厅长乐建平接受审查。", LEX, [(15, 18)]).offices
    assert [(o.org, o.title, o.status, o.qualifier) for o in found] == [
        ("浙江省交通厅", "党组书记", "former", "原"), ("浙江省交通厅", "厅长", "former", "")]
    assert ["交通厅", "交通厅"] == ["浙江省原交通厅党组书记、厅长乐建平"[o.org_start:o.org_end] for o in found]


def test_a_quoted_organization_a_nationality_and_a_verb_chain_before_a_comma():
    def rows(sentence, name):
        a = sentence.index(name)
        return [(o.person, o.org, o.title, o.qualifier) for o in
                extract_offices(sentence, LEX, [(a, a + len(name))]).offices]
    # “X”董事长: the organization in quotes
    assert rows("左起为“远帆航运”董事长季鸿远。", "季鸿远") == [("季鸿远", "远帆航运", "董事长", "")]
    # 巴西籍: the holder's nationality is a qualifier, not part of the organization
    assert rows("泰山队阿根廷籍主教练费尔南多赛后说。", "费尔南多") == [("费尔南多", "泰山队", "主教练", "阿根廷籍")]
    # 甲连任X主席,乙…: the chain the verb gives to 甲 does not run on over the comma to 乙
    sentence = "会上,甘立明连任省围棋协会主席,省体育局副局长殷晓峰当选副主席。"
    a, b = sentence.index("甘立明"), sentence.index("殷晓峰")
    found = extract_offices(sentence, LEX, [(a, a + 3), (b, b + 3)]).offices
    assert [(o.person, o.org, o.title) for o in found if o.title == "主席"] == [("甘立明", "省围棋协会", "主席")]


def test_a_later_date_ends_the_reach_of_a_frame_and_history_is_former_in_every_pattern():
    sentence = "1975年,蒋文远担任县长;1996年,蒋文远担任市长。"
    spans = [(sentence.index("蒋文远"), sentence.index("蒋文远") + 3), (sentence.rindex("蒋文远"), sentence.rindex("蒋文远") + 3)]
    found = extract_offices(sentence, LEX, spans).offices
    assert [(o.title, o.status) for o in found] == [("县长", "former"), ("市长", "current")]
    # historical people's posts are former whatever pattern reads them (data/historical_people.tsv)
    assert [s for *_, s in with_status("周恩来担任总理。")] == ["former"]


def test_a_fused_organization_is_no_run_of_words_nor_a_name():
    sentence = "这些成绩在很大程度上要归功于厂长韩立柱的坚持。"
    a = sentence.index("韩立柱")
    assert [(o.org, o.title) for o in extract_offices(sentence, LEX, [(a, a + 3)]).offices] == [("", "厂长")]
    sentence = "会上宣读了冯建中部长的贺信。"
    a = sentence.index("冯建中")
    assert all(o.org != "冯建中部" for o in extract_offices(sentence, LEX, [(a, a + 3)]).offices)


def test_short_forms_of_ministers_and_a_word_inside_a_longer_word():
    def rows(sentence, name):
        a = sentence.index(name)
        return [(o.person, o.org, o.title, o.status) for o in extract_offices(sentence, LEX, [(a, a + len(name))]).offices]
    assert rows("会谈前,德国财长施密特先行抵达。", "施密特") == [("施密特", "德国", "财长", "current")]
    assert rows("韩国外相金永植表示欢迎。", "金永植") == [("金永植", "韩国", "外相", "current")]
    # 牺牲 marks a death, 牺牲品 (a victim) does not
    assert rows("总统卡多索说,不能让孩子成为毒品的牺牲品。", "卡多索") == [("卡多索", "", "总统", "current")]


def test_a_short_form_that_is_also_a_famous_name_is_no_place():
    from cnnews_ner.orgs import infer_city
    assert infer_city("秘书长安南访问中东。", LEX)[0] == ""


def test_posts_several_people_hold_pass_along_a_list_of_names():
    sentence = "出席的有省政协顾问葛天明、沈秋实、廖正元等。"
    spans = [(sentence.index(n), sentence.index(n) + 3) for n in ("葛天明", "沈秋实", "廖正元")]
    found = extract_offices(sentence, LEX, spans).offices
    assert [(o.person, o.org, o.title) for o in found] == [
        ("葛天明", "省政协", "顾问"), ("沈秋实", "省政协", "顾问"), ("廖正元", "省政协", "顾问")]
    # a post one person holds does not pass to the next name
    sentence = "市委书记葛天明、沈秋实出席。"
    spans = [(4, 7), (8, 11)]
    assert [o.person for o in extract_offices(sentence, LEX, spans).offices] == ["葛天明"]


def test_a_relative_clause_holder_and_a_second_organization_after_he():
    sentence = "业内都知道现任市文广局副局长和“星河影业公司”总经理的邬海峰。"
    found = offices_given_name(sentence, "邬海峰")
    assert [(o.person, o.org, o.title) for o in found] == [
        ("邬海峰", "市文广局", "副局长"), ("邬海峰", "星河影业公司", "总经理")]


def test_more_organization_endings_and_lead_ins():
    def rows(sentence, name):
        a = sentence.index(name)
        return [(o.org, o.title) for o in extract_offices(sentence, LEX, [(a, a + len(name))]).offices]
    assert rows("当地湿地公园党总支书记莫乘风赶到现场。", "莫乘风") == [("湿地公园", "党总支书记")]
    assert rows("中华书局古籍编辑室主任贝文澜介绍。", "贝文澜") == [("中华书局古籍编辑室", "主任")]
    assert rows("巡逻中队中队长邵振东说。", "邵振东") == [("巡逻中队", "中队长")]


def test_board_posts_seniority_and_a_resignation_not_yet_made():
    def rows(sentence, name):
        a = sentence.index(name)
        return [(o.org, o.title, o.qualifier, o.status) for o in
                extract_offices(sentence, LEX, [(a, a + len(name))]).offices]
    # 董事会主席 is one post, so the next post of the chain is the company's, not the board's
    assert rows("远景能源公司董事会主席兼首席执行官路文洲出席。", "路文洲") == [
        ("远景能源公司", "董事会主席", "", "current"), ("远景能源公司", "首席执行官", "兼", "current")]
    assert rows("据悉,郁文轩现任星辰科技公司高级副总裁。", "郁文轩") == [("星辰科技公司", "副总裁", "高级", "current")]
    # 将辞职 / 拒绝辞职: still in office; 辞职 alone ends it
    assert [s for *_, s in rows("外长巴雷托表示将辞职。", "巴雷托")] == ["current"]
    assert [s for *_, s in rows("外长巴雷托已经辞职。", "巴雷托")] == ["former"]


def test_a_model_name_trimmed_before_a_verb_holds_the_post():
    # the model reads 郑军作 (作 starts 作报告); trimmed to 郑军, it is still the model's name
    sentence = "省高级人民法院院长郑军作工作报告。"
    a = sentence.index("郑军")
    found = extract_offices(sentence, LEX, [(a, a + 3)]).offices
    assert [(o.person, o.org, o.title) for o in found] == [("郑军", "省高级人民法院", "院长")]


def test_a_qualifier_between_words_and_a_post_fuses_nothing():
    # 老局长: 老 qualifies the post; 这位老局 is no organization fused with 局长
    sentence = "这位老局长卢振邦仍关心单位。"
    a = sentence.index("卢振邦")
    assert [(o.org, o.title, o.qualifier) for o in extract_offices(sentence, LEX, [(a, a + 3)]).offices] == [
        ("", "局长", "老")]


@pytest.mark.parametrize("sentence, name, expected", [
    # a date between the person and the verb; an appointment dated long ago is history
    ("扎西1959年当选为自治区筹委会副主任。", "扎西", [("副主任", "former")]),
    ("1962年任厂长的侯振东回忆说。", "侯振东", [("厂长", "former")]),
    ("侯振东于1998年3月当选为市政协主席。", "侯振东", [("主席", "current")]),
])
def test_a_dated_appointment_in_the_posts_clause(sentence, name, expected):
    a = sentence.index(name)
    assert [(o.title, o.status) for o in extract_offices(sentence, LEX, [(a, a + len(name))]).offices] == expected


def test_a_post_of_a_state_does_not_inherit_a_listed_organization():
    # 议长 and 国务卿 carry their jurisdiction: after 黎总统甲、 the next post is no post of 黎
    sentence = "他与黎总统卡里姆、议长纳比赫举行了会谈。"
    spans = [(sentence.index("卡里姆"), sentence.index("卡里姆") + 3), (sentence.index("纳比赫"), sentence.index("纳比赫") + 3)]
    found = extract_offices(sentence, LEX, spans).offices
    assert [(o.person, o.org, o.title) for o in found] == [("卡里姆", "黎", "总统"), ("纳比赫", "", "议长")]


def test_a_verb_opening_a_clause_has_the_name_ending_the_clause_before():
    sentence = "省农科院院长邬振华教授,去年当选为国际水稻研究协会副主席。"
    found = offices_given_name(sentence, "邬振华")
    assert ("邬振华", "国际水稻研究协会", "副主席") in [(o.person, o.org, o.title) for o in found]


def test_the_role_a_person_acts_in():
    # 作为 CHAIN 的 NAME and NAME 作为 CHAIN: the person holds the post
    sentence = "这是作为省武警总队总队长的聂长河首次视察边境。"
    found = offices_given_name(sentence, "聂长河")
    assert [(o.person, o.title, o.rule) for o in found] == [("聂长河", "总队长", "verb")]


@pytest.mark.parametrize("sentence, name", [
    ("被免职的局长芦振海已移交司法机关。", "芦振海"),
    ("这位昔日的县委书记章启明,如今在家务农。", "章启明"),
])
def test_a_modifier_that_says_the_post_is_no_longer_held(sentence, name):
    a = sentence.index(name)
    assert [o.status for o in extract_offices(sentence, LEX, [(a, a + len(name))]).offices] == ["former"]


def test_a_post_about_to_be_left_is_still_held():
    sentence = "即将离任的总干事费尔南多出席了会议。"
    a = sentence.index("费尔南多")
    assert [o.status for o in extract_offices(sentence, LEX, [(a, a + 4)]).offices] == ["current"]


def test_listed_brands_are_organizations_before_a_post():
    # data/known_orgs.tsv: brands with no organization ending, Latin letters allowed; 轮值 is a qualifier
    def rows(sentence, name):
        a = sentence.index(name)
        return [(o.org, o.title, o.qualifier) for o in extract_offices(sentence, LEX, [(a, a + len(name))]).offices]
    assert rows("比亚迪董事长符建国接受采访。", "符建国") == [("比亚迪", "董事长", "")]
    assert rows("B站副总裁聂文涛表示。", "聂文涛") == [("B站", "副总裁", "")]
    assert rows("华为轮值董事长邬晓峰发表演讲。", "邬晓峰") == [("华为", "董事长", "轮值")]


def test_a_passive_appointment_and_a_present_role():
    sentence = "卡斯帕罗夫已被总统伊万诺夫任命为新政府副总理。"
    spans = [(0, 5), (sentence.index("伊万诺夫"), sentence.index("伊万诺夫") + 4)]
    found = extract_offices(sentence, LEX, spans).offices
    assert ("卡斯帕罗夫", "新政府", "副总理") in [(o.person, o.org, o.title) for o in found]
    assert "伊万诺夫" not in [o.person for o in found if o.title == "副总理"]
    sentence = "现为省文联主席的宁远航曾是一名舞蹈演员。"
    a = sentence.index("宁远航")
    assert [(o.person, o.title) for o in extract_offices(sentence, LEX, [(a, a + 3)]).offices] == [("宁远航", "主席")]


def test_a_trigger_word_inside_an_organization_name_cuts_nothing():
    assert [(o.org, o.title) for o in extract_offices("东方广告代理公司总经理贺明远出席。", LEX, [(11, 14)]).offices] == [
        ("东方广告代理公司", "总经理")]


def test_a_place_name_starting_with_qian_or_yuan_is_no_former_marker():
    found = extract_offices("滨州市前进路街道办事处主任邵立新出席。", LEX, [(13, 16)]).offices
    assert [(o.org, o.status) for o in found] == [("滨州市前进路街道办事处", "current")]


def test_a_government_bureau_after_a_committee_post_is_not_the_committees():
    found = extract_offices("市委常委、公安局局长韦振华出席。", LEX, [(10, 13)]).offices
    assert [(o.org, o.title) for o in found] == [("市委", "常委"), ("公安局", "局长")]


def test_a_head_coach_called_zhushuai():
    found = extract_offices("泰山队主帅蒿俊杰赛后表示满意。", LEX, [(5, 8)]).offices
    assert [(o.org, o.title) for o in found] == [("泰山队", "主帅")]


def test_a_shared_post_after_a_head_count_and_names_with_glosses():
    # 委员会的两名委员甲(别名)、乙(别名): the head count is no part of the organization, the glosses end no list
    sentence = "名单包括:人民阵线中央委员会的两名委员哈桑·马吉德(阿布·萨利姆)、尤素福·卡里姆(阿布·塔里克),"
    a, b = sentence.index("哈桑"), sentence.index("尤素福")
    found = extract_offices(sentence, LEX, [(a, a + 6), (b, b + 7)]).offices
    assert [(o.person, o.org, o.title) for o in found] == [
        ("哈桑·马吉德", "人民阵线中央委员会", "委员"), ("尤素福·卡里姆", "人民阵线中央委员会", "委员")]


def test_advisers_of_a_head_of_government_and_the_reach_of_a_former_marker():
    assert with_status("原市委书记、市长韩振东出席。") == [
        ("韩振东", "市委", "书记", "former"), ("韩振东", "", "市长", "former")]  # 原 opens the whole chain
    sentence = "泰国前总理、总理顾问颂猜·翁沙说。"
    a = sentence.index("颂猜")
    found = extract_offices(sentence, LEX, [(a, a + 5)]).offices
    assert [(o.title, o.status) for o in found] == [("总理", "former"), ("总理顾问", "current")]


def test_the_capacity_a_person_acts_in():
    sentence = "这是卡尔森首次以副总理身份访华。"
    found = offices_given_name(sentence, "卡尔森")
    assert [(o.person, o.title, o.rule) for o in found] == [("卡尔森", "副总理", "capacity")]


def test_a_post_word_inside_a_body_and_a_post_that_names_a_body():
    # 廉政委员会 holds 政委, which is no post there; 总统 running into 廉政委员会 is part of its name
    sentence = "巴西总统反腐委员会主席费雷拉说。"
    found = offices_given_name(sentence, "费雷拉")
    assert [(o.org, o.title) for o in found] == [("巴西总统反腐委员会", "主席")]
    sentence = "会议由联大主席奥贡德主持。"
    a = sentence.index("奥贡德")
    assert [(o.org, o.title) for o in extract_offices(sentence, LEX, [(a, a + 3)]).offices] == [("联大", "主席")]
    from cnnews_ner.lattice import find_posts
    assert [p.post.title for p in find_posts("省廉政委员会主任", LEX)] == ["主任"]


@pytest.mark.parametrize("sentence, org", [
    ("昨天，KDX新能源集团董事长卜文涛到场致辞。", "KDX新能源集团"),
    ("ＶＩＶＡ公司副总裁岑海鸥介绍了新品。", "VIVA公司"),  # full-width letters are normalized first
])
def test_a_latin_name_starting_an_organization_is_part_of_it(sentence, org):
    from cnnews_ner.normalize import normalize
    assert [o[1] for o in offices(normalize(sentence).text)] == [org]


def test_a_company_level_post_after_a_department_post_goes_back_to_the_company():
    sentence = "孟庆林曾任江西润丰化工股份有限公司审计部经理、副总经理。"
    assert with_status(sentence) == [
        ("孟庆林", "江西润丰化工股份有限公司审计部", "经理", "former"),
        ("孟庆林", "江西润丰化工股份有限公司", "副总经理", "former")]
    from cnnews_ner.orgs import org_kind
    assert org_kind("江西润丰化工股份有限公司审计部", LEX) == "enterprise"  # a company's department: its kind
    assert org_kind("江西润丰化工股份有限公司党委组织部", LEX) == "party"


def test_deputies_sitting_in_as_non_voting_attendees_share_the_post():
    assert offices("副县长马建军、刘春华列席了常委会议。") == [
        ("马建军", "", "副县长"), ("刘春华", "", "副县长")]


@pytest.mark.parametrize("sentence", [
    "常委会决定，提名吴德胜为县人民政府副县长人选。",
    "大会推荐吴德胜为县人民政府县长候选人。",
])
def test_a_candidate_for_a_post_holds_it_as_proposed(sentence):
    rows = with_status(sentence)
    assert len(rows) == 1 and rows[0][0] == "吴德胜" and rows[0][1] == "县人民政府" and rows[0][3] == "proposed"


def test_a_latin_gloss_in_parentheses_is_read_through_with_offsets_on_the_text_as_written():
    sentence = "县长(xiàn zhǎng)钱立东主持会议，海信集团(Hisense)总裁沈建国致辞。"
    rows = extract_offices(sentence, LEX).offices
    assert [(o.person, o.org, o.title) for o in rows] == [("钱立东", "", "县长"), ("沈建国", "海信集团", "总裁")]
    for o in rows:
        assert sentence[o.person_start:o.person_end] == o.person
        assert sentence[o.title_start:o.title_end] == o.title
        assert o.org_start < 0 or sentence[o.org_start:o.org_end] == o.org


def test_a_qualifier_held_in_the_title_is_the_qualifier_too():
    rows = extract_offices("区委组织部常务副部长范立强和常务副区长蒋国栋参加了调研。", LEX).offices
    assert [(o.title, o.qualifier) for o in rows] == [("常务副部长", "常务"), ("常务副区长", "常务")]


def test_a_team_named_after_a_city_does_not_place_the_article():
    city, _ = infer_city("赛后，武汉队主教练谈到了防守。市体育局局长表示祝贺。", LEX)
    assert city == ""
    assert infer_city("武汉市体育局局长表示祝贺。", LEX)[0] == "武汉市"


def test_a_listed_club_named_after_its_city_does_not_place_the_article():
    # a club of data/known_orgs.tsv plays away as often as at home: its city is not the article's
    assert infer_city("北京国安客场两球落后，上海海港主帅赛后表示满意。", LEX)[0] == ""
    assert infer_city("北京国安队员昨天走进北京市一所中学。", LEX)[0] == "北京市"  # the city written as a place
    # with a team ending jieba glues to the name (国安队): still the club
    assert infer_city("潍坊市委书记刘志强会见了北京国安队球员。", LEX)[0] == "潍坊市"


def test_a_county_short_form_inside_a_company_or_another_place_does_not_place_the_article():
    # 北辰 is 北辰区 (天津), but 北辰集团 is a company's trade name; 江城市 is no 江城区 (阳江)
    assert infer_city("北辰集团董事长邹振华出席签约仪式。", LEX)[0] == ""
    assert infer_city("江城市人民政府副市长孔晓燕出席。", LEX)[0] == ""
    assert infer_city("北辰区区长邹振华说，北辰的产业升级很快。", LEX)[0] == "天津市"
    assert infer_city("寿光蔬菜产业集团董事长邹振华表示，寿光市的大棚越来越多。", LEX)[0] == "潍坊市"
