"""Biographies and careers from résumé and notice records (cnnews_ner/biographies.py), on records of our own.

Every name is invented or a 某某 placeholder; no sentence is taken from a real notice. The first tests read
the normalized text with the record functions alone (no model); the last ones run the whole pipeline once
for the module and check the tables: fields, career rows, the offset contract, person_id joins and formats.
"""
import csv
import json
import sqlite3

import pytest

from cnnews_ner import extract
from cnnews_ner.biographies import division_of, fields, find_records, parse_date, record_careers, record_fields
from cnnews_ner.normalize import normalize
from cnnews_ner.tables import COLUMNS, TABLES


def norm(text: str) -> str:
    return normalize(text).text


def one_record(text: str) -> dict:
    """Gender and fields of the single record of ``text``."""
    n = norm(text)
    records = find_records(n)
    assert len(records) == 1, records
    r = records[0]
    return {"name": n[r.name_start:r.name_end], "gender": r.gender, **record_fields(n[r.name_end:r.end])}


# ---- dates and places ---------------------------------------------------------------------------------

@pytest.mark.parametrize("written, iso", [
    ("1976年5月", "1976-05"), ("1968.05", "1968-05"), ("1963年", "1963"), ("2001年3月3日", "2001-03-03"),
    ("2001/3", "2001-03"), ("一九七六年五月", "1976-05"), ("二〇〇一年十二月", "2001-12"), ("1999年13月", "1999"),
    ("", ""),
])
def test_dates_are_iso_partial_dates_never_invented(written, iso):
    assert parse_date(written) == iso


@pytest.mark.parametrize("place, division", [
    ("江苏盐城", "江苏省盐城市"), ("山东临沂沂南", "山东省临沂市沂南县"), ("盐城", "江苏省盐城市"),
    ("上海浦东", "上海市浦东新区"), ("吉林延边", "吉林省延边朝鲜族自治州"), ("四川凉山", "四川省凉山彝族自治州"),
    ("宁夏吴忠", "宁夏回族自治区吴忠市"), ("东台", "江苏省盐城市东台市"), ("某地", ""),
])
def test_birthplace_is_a_division_of_the_gazetteer(place, division):
    assert division_of(place) == division


def test_data_file_loads_with_every_field():
    f = fields()
    assert "汉族" in f.ethnicities and len(set(f.ethnicities.values())) == 56
    assert f.education[0][1] == "博士" and ("高级经济师" in f.professional_titles)
    assert "公示期" in f.record_ends and "董事会秘书" in f.career_posts


# ---- record fields: 30 records of our own ------------------------------------------------------------

RECORDS = [
    ("王某某，男，汉族，1976年5月生，江苏盐城人，在职研究生学历，1998年8月参加工作，1997年6月加入中国共产党，"
     "现任某县委常委、组织部部长，拟任某市发展和改革委员会主任。",
     dict(name="王某某", gender="男", ethnicity="汉族", birth="1976-05", birthplace_division="江苏省盐城市",
          education="研究生", education_mode="在职", party="中共", party_joined="1997-06", work_start="1998-08")),
    ("李某，女，回族，1980年3月出生，宁夏吴忠人，大学学历，中共党员，2002年7月参加工作，现任市财政局副局长。",
     dict(name="李某", gender="女", ethnicity="回族", birth="1980-03", birthplace_division="宁夏回族自治区吴忠市",
          education="大学", party="中共", party_joined="", work_start="2002-07")),
    ("盛某某，男，1968年生，山东临沂沂南人，全日制大学、在职硕士研究生学历，九三学社社员，现任某区人民政府副区长。",
     dict(name="盛某某", gender="男", birth="1968", birthplace_division="山东省临沂市沂南县", education="硕士",
          education_mode="在职", party="九三学社")),
    ("赵某某先生：1963年出生，中国国籍，无境外永久居留权，硕士学历，高级经济师。曾任某集团有限公司财务部经理。",
     dict(name="赵某某", gender="男", birth="1963", nationality="中国", residence_abroad="无", education="硕士",
          professional_titles="高级经济师")),
    ("钱某女士，1975年10月出生，中国国籍，拥有美国永久居留权，博士研究生学历，注册会计师、高级会计师。",
     dict(name="钱某", gender="女", birth="1975-10", nationality="中国", residence_abroad="美国", education="博士",
          professional_titles="注册会计师;高级会计师")),
    ("陳某某，男，漢族，１９７２年１１月生，廣東梅州人，研究生學歷，工學博士學位，１９９５年７月參加工作，"
     "１９９４年６月加入中國共產黨，現任某市科學技術局局長。",
     dict(name="陈某某", gender="男", ethnicity="汉族", birth="1972-11", birthplace_division="广东省梅州市",
          education="研究生", degree="博士", party="中共", party_joined="1994-06", work_start="1995-07")),
    ("周某（女，1985年2月生，彝族，四川凉山人，大专学历，无党派人士）",
     dict(name="周某", gender="女", ethnicity="彝族", birth="1985-02", birthplace_division="四川省凉山彝族自治州",
          education="大专", party="无党派")),
    ("吴某某，男，1970.03生，浙江温州人，中专学历，民盟盟员，高级工程师，现任某县水利局副局长。",
     dict(birth="1970-03", birthplace_division="浙江省温州市", education="中专", party="民盟",
          professional_titles="高级工程师")),
    ("郑某，男，土家族，1979年9月生，湖北恩施人，研究生学历，管理学硕士学位，2003年7月参加工作，2001年5月入党，"
     "现任某镇党委书记。",
     dict(ethnicity="土家族", birthplace_division="湖北省恩施土家族苗族自治州", degree="硕士", party="中共",
          party_joined="2001-05", work_start="2003-07")),
    ("冯某某，女，满族，1982年12月生，辽宁抚顺人，大学学历，法学学士学位，中共预备党员，现任某县司法局科员。",
     dict(gender="女", ethnicity="满族", birth="1982-12", birthplace_division="辽宁省抚顺市", degree="学士",
          party="中共")),
    ("欧阳某某，男，1966年8月生，福建泉州人，大学本科学历，群众，经济师，现任某农村商业银行副行长。",
     dict(name="欧阳某某", birth="1966-08", education="大学", party="群众", professional_titles="经济师")),
    ("司马某，男，汉族，1974年4月出生，陕西西安人，在职大学学历，1996年7月参加工作，现任某区财政局局长。",
     dict(name="司马某", education="大学", education_mode="在职", birthplace_division="陕西省西安市")),
    ("孙某先生，1971年出生，中国国籍，无永久境外居留权，本科学历，会计师。",
     dict(gender="男", birth="1971", residence_abroad="无", education="大学", professional_titles="会计师")),
    ("林某某先生：１９６９年出生，中國國籍，無境外永久居留權，碩士學歷，高級工程師。現任本公司董事長。",
     dict(name="林某某", birth="1969", nationality="中国", residence_abroad="无", education="硕士",
          professional_titles="高级工程师")),
    ("何某，女，壮族，一九八一年七月生，广西南宁人，大学学历，1999年6月加入中国共产党，现任某乡乡长。",
     dict(ethnicity="壮族", birth="1981-07", birthplace_division="广西壮族自治区南宁市", party_joined="1999-06")),
    ("高某某，男，1965年1月生，籍贯：河北保定，大学学历，教授，现任某学院院长。",
     dict(birth="1965-01", birthplace="河北保定", birthplace_division="河北省保定市", professional_titles="教授")),
    ("马某某，男，回族，出生年月：1973.06，甘肃临夏人，研究生学历，现任某州民族宗教事务委员会副主任。",
     dict(ethnicity="回族", birth="1973-06", birthplace_division="甘肃省临夏回族自治州")),
    ("韩某，女，朝鲜族，1984年3月生，吉林延边人，硕士研究生学历，民进会员，副教授。",
     dict(ethnicity="朝鲜族", birthplace_division="吉林省延边朝鲜族自治州", education="硕士", party="民进",
          professional_titles="副教授")),
    ("许某某，男，1977年11月生，安徽合肥人，博士研究生学历，致公党党员，研究员，现任某研究所所长。",
     dict(birth="1977-11", education="博士", party="致公党", professional_titles="研究员")),
    ("邓某女士：1978年出生，中国国籍，无境外永久居留权，大专学历，高级经营师。",
     dict(gender="女", birth="1978", education="大专", professional_titles="高级经营师")),
    ("曹某某，男，藏族，1971年5月生，西藏拉萨人，大学学历，1990年7月参加工作，现任某县人民政府县长。",
     dict(ethnicity="藏族", birthplace_division="西藏自治区拉萨市", work_start="1990-07")),
    ("彭某，男，1986年8月生，湖南湘西人，在职研究生学历，农工党党员，主治医师。",
     dict(birthplace_division="湖南省湘西土家族苗族自治州", education="研究生", education_mode="在职",
          party="农工党", professional_titles="主治医师")),
    ("蒋某某，女，汉族，1983年生，重庆万州人，大学学历，民建会员，现任某区工商业联合会副主席。",
     dict(gender="女", birth="1983", birthplace_division="重庆市万州区", party="民建")),
    ("谢某，男，维吾尔族，1976年10月生，中共党员，大学学历，现任某县委副书记。",
     dict(ethnicity="维吾尔族", birth="1976-10", party="中共")),
    ("唐某某先生，1960年出生，中国国籍，拥有香港永久居留权，EMBA，高级经济师。",
     dict(residence_abroad="香港", education="硕士", professional_titles="高级经济师")),
    ("袁某，女，蒙古族，1979年12月生，内蒙古赤峰人，大学学历，台盟盟员。",
     dict(ethnicity="蒙古族", birthplace_division="内蒙古自治区赤峰市", party="台盟")),
    ("董某某，男，1969年2月生，天津滨海人，大学学历，民革党员，高级律师。",
     dict(birthplace_division="天津市滨海新区", party="民革", professional_titles="高级律师")),
    ("程某，男，1981.11生，江西赣州人，全日制大学学历，2004.07参加工作，2003.12入党，现任某镇镇长。",
     dict(birth="1981-11", education="大学", education_mode="全日制", work_start="2004-07", party="中共",
          party_joined="2003-12")),
    ("薛某某，女，白族，1988年4月生，云南大理人，高中学历，群众。",
     dict(ethnicity="白族", birthplace_division="云南省大理白族自治州", education="高中", party="群众")),
    ("庞某某，男，1970年2月出生于江苏盐城一个农民家庭，中国籍，研究生毕业。",
     dict(birth="1970-02", birthplace="江苏盐城", birthplace_division="江苏省盐城市", nationality="中国",
          education="研究生")),
    ("严某先生，1969年生，中国国籍，无境外居留权，高级工程师，某大学硕士。",
     dict(birth="1969", residence_abroad="无", education="硕士", professional_titles="高级工程师")),
    ("孟某，女，1977年4月生，研究生学历，法学硕士，中共党员。",
     dict(education="研究生", degree="硕士", party="中共")),
    ("阎某某，男，1974年6月生，政治面貌：中共党员，入党时间：1997.06，参加工作时间：1996.07。",
     dict(party="中共", party_joined="1997-06", work_start="1996-07")),
    ("鲍某某，汉族，男，1978年3月生，安徽安庆人，大学学历。",
     dict(name="鲍某某", gender="男", ethnicity="汉族", birth="1978-03", birthplace_division="安徽省安庆市")),
    ("葛某某，男，1972年9月生，中國國籍，無境外永久居留權，本科學歷，正高級工程師。",
     dict(nationality="中国", residence_abroad="无", education="大学", professional_titles="正高级工程师")),
]


@pytest.mark.parametrize("text, expected", RECORDS, ids=[str(i) for i in range(len(RECORDS))])
def test_record_fields(text, expected):
    got = one_record(text)
    assert {k: got[k] for k in expected} == expected


def test_a_variant_form_of_an_ethnic_group_gives_its_name():
    assert one_record("溫某，女，畬族，1986年1月生。")["ethnicity"] == "畲族"


def test_the_development_set_is_ours_and_well_formed():
    import pathlib

    devset = json.loads((pathlib.Path(__file__).parent.parent / "benchmarks" / "devsets" / "biographies_dev.json")
                        .read_text(encoding="utf-8"))
    records = [(d["text"], r) for d in devset["documents"] for r in d["records"]]
    assert len(records) == devset["records"] >= 40
    assert all("某" in r["name"] and norm(text).count(r["name"]) >= 1 for text, r in records)


def test_a_field_the_record_does_not_give_stays_empty():
    got = one_record("方某，男，现任某县财政局局长。")
    assert got["gender"] == "男" and got["birth"] == got["ethnicity"] == got["education"] == got["party"] == ""


# ---- record detection ---------------------------------------------------------------------------------

NOTICE = ("某市委组织部关于干部任前公示的公告\n"
          "一、王某某，男，汉族，1976年5月生，江苏盐城人，在职研究生学历，现任某县委常委、组织部部长，"
          "拟任某市发展和改革委员会主任。\n"
          "二、盛某某，男，1968年生，山东临沂人，大学学历，中共党员，现任某区人民政府副区长，拟任某区委副书记。\n"
          "三、李某，女，回族，1980年3月出生，大学学历，现任市财政局副局长，拟任市审计局局长。\n"
          "公示期为5个工作日。如对公示对象有异议，请向市委组织部反映。联系电话：0000-0000000。")


def test_a_notice_gives_one_record_per_person_and_stops_at_its_closing_lines():
    n = norm(NOTICE)
    records = find_records(n)
    assert [n[r.name_start:r.name_end] for r in records] == ["王某某", "盛某某", "李某"]
    assert [r.gender for r in records] == ["男", "男", "女"]
    assert n[records[-1].start:records[-1].end].endswith("拟任市审计局局长。")
    assert all(n[r.start:r.end].count("\n") == 0 for r in records)


def test_a_closing_word_inside_a_sentence_closes_nothing():
    n = norm("赵某，男，1970年生，大学以上学历，现任某局局长。以上同志公示期为五天。")
    (r,) = find_records(n)
    assert n[r.start:r.end] == "赵某,男,1970年生,大学以上学历,现任某局局长。"


def test_records_in_one_paragraph_and_with_full_width_or_ascii_punctuation():
    one_line = "赵某，男，1970年生，现任甲。钱某某,女,1975年生,现任乙。孫某某（男，1968年生）"
    n = norm(one_line)
    assert [n[r.name_start:r.name_end] for r in find_records(n)] == ["赵某", "钱某某", "孙某某"]


def test_a_name_with_tongzhi_and_a_form_with_labels_open_records():
    n = norm("王某某同志，男，汉族，1976年5月生。\n姓名：李某某 性别：女 出生年月：1980.03 学历：大学")
    records = find_records(n)
    assert [(n[r.name_start:r.name_end], r.gender) for r in records] == [("王某某", "男"), ("李某某", "女")]
    assert record_fields(n[records[1].name_end:records[1].end])["birth"] == "1980-03"


def test_table_rows_separated_by_spaces_are_records():
    n = norm("姓名 性别 民族 出生年月 学历\n王某某 男 汉族 1976.05 研究生\n李某 女 回族 1980.03 大学\n")
    records = find_records(n)
    assert [(n[r.name_start:r.name_end], r.gender) for r in records] == [("王某某", "男"), ("李某", "女")]
    got = [record_fields(n[r.name_end:r.end], table_row=r.table_row) for r in records]
    assert [(f["ethnicity"], f["education"], f["birth"]) for f in got] == [("汉族", "研究生", "1976-05"),
                                                                         ("回族", "大学", "1980-03")]
    row = norm("王某某 男 汉族 1976.05 江苏盐城 2001.07 中共党员")
    (r,) = find_records(row)
    got = record_fields(row[r.name_end:r.end], table_row=r.table_row)
    assert (got["birth"], got["birthplace_division"], got["party"]) == ("1976-05", "江苏省盐城市", "中共")


def test_a_name_with_a_middle_dot_opens_a_record_whole():
    n = norm("阿依古丽·某某，女，维吾尔族，1980年5月生，新疆喀什人，大学学历。")
    (r,) = find_records(n)
    assert n[r.name_start:r.name_end] == "阿依古丽·某某"
    assert record_fields(n[r.name_end:r.end])["birthplace_division"] == "新疆维吾尔自治区喀什地区"


def test_the_models_name_opens_a_record_without_a_clause_start():
    n = norm("拟任用王建国，男，1970年生。")
    assert find_records(n) == []  # a plausible name alone needs a clause start
    (r,) = find_records(n, ner_people={3: 6})
    assert n[r.name_start:r.name_end] == "王建国"


def test_an_honorific_without_biographical_words_opens_no_record():
    assert find_records(norm("主持人王某某先生，感谢各位来宾的光临。")) == []
    assert len(find_records(norm("王某某先生：1963年出生，中国国籍。"))) == 1


def test_a_record_runs_on_over_its_career_lines_and_ends_at_other_text():
    text = ("孙某某，男，1970年1月生，研究生学历。\n"
            "1995.07—2001.03 某县农业局科员\n"
            "2001.03—2006.05 某镇党委副书记、镇长\n"
            "本报记者 甲乙 摄")
    n = norm(text)
    (r,) = find_records(n)
    assert n[r.start:r.end].endswith("某镇党委副书记、镇长")


# ---- careers ------------------------------------------------------------------------------------------

def careers_of(text: str) -> list[tuple]:
    n = norm(text)
    out = []
    for r in find_records(n):
        out.extend((c.start_date, c.end_date, c.title, c.org, c.status, c.rule) for c in record_careers(n, r))
    return out


@pytest.mark.parametrize("line, expected", [
    ("1995.07—2001.03 某县农业局科员", ("1995-07", "2001-03", "科员", "某县农业局", "former", "dated")),
    ("1995.07-2001.03 某县农业局科员", ("1995-07", "2001-03", "科员", "某县农业局", "former", "dated")),
    ("1995.07～2001.03　某县农业局科员", ("1995-07", "2001-03", "科员", "某县农业局", "former", "dated")),
    ("1995年7月到2001年3月，任某县农业局科员", ("1995-07", "2001-03", "科员", "某县农业局", "former", "dated")),
    ("2016.05—至今 某县人民政府副县长", ("2016-05", "", "副县长", "某县人民政府", "current", "dated")),
    ("2016.05— 某县人民政府副县长", ("2016-05", "", "副县长", "某县人民政府", "current", "dated")),
    ("2016年5月起任某县人民政府副县长", ("2016-05", "", "副县长", "某县人民政府", "current", "dated")),
])
def test_dated_career_lines(line, expected):
    assert careers_of("孟某某，男，1970年生。\n" + line) == [expected]


def test_dated_executive_clauses():
    got = careers_of("蒋某某先生：1970年出生，中国国籍。2015年1月至今任本公司董事长；"
                     "2008年3月至2014年12月任某投资有限公司总经理；自2010年起兼任某协会副会长。")
    assert got == [("2015-01", "", "董事长", "本公司", "current", "dated"),
                   ("2008-03", "2014-12", "总经理", "某投资有限公司", "former", "dated"),
                   ("2010", "", "副会长", "某协会", "current", "dated")]


def test_a_dated_clause_with_a_chain_gives_every_post_of_it():
    got = careers_of("孟某某，男，1970年生，2001年3月至2006年5月，任某镇党委副书记、镇长。")
    # 镇长 has no organization written: the town of the post before it is its jurisdiction
    assert got == [("2001-03", "2006-05", "党委副书记", "某镇", "former", "dated"),
                   ("2001-03", "2006-05", "镇长", "某镇", "former", "dated")]
    got = careers_of("孟某某，男，1970年生，历任某县委副书记、县长。")
    assert [(c[2], c[3]) for c in got] == [("副书记", "某县委"), ("县长", "某县")]


def test_a_start_date_alone_is_former_when_a_later_line_follows():
    got = careers_of("孟某某，男，1970年生。\n2001年3月 某镇镇长\n2006年5月 某县人民政府副县长")
    assert [(c[0], c[4]) for c in got] == [("2001-03", "former"), ("2006-05", "current")]


def test_held_lists_then_current_posts():
    got = careers_of("柳某，男，1968年生，历任某镇镇长、某县财政局局长，某县发展和改革局局长；现任某市财政局局长，"
                     "拟任某市人民政府副市长。")
    assert got == [("", "", "镇长", "某镇", "former", "verb"), ("", "", "局长", "某县财政局", "former", "verb"),
                   ("", "", "局长", "某县发展和改革局", "former", "verb"),
                   ("", "", "局长", "某市财政局", "current", "verb"),
                   ("", "", "副市长", "某市人民政府", "proposed", "verb")]


def test_executive_posts_include_career_posts_posts_tsv_lacks():
    got = careers_of("范某某先生：1963年出生，中国国籍。曾任某集团有限公司财务部经理，现任本公司董事、副总经理、董事会秘书。")
    assert got == [("", "", "经理", "某集团有限公司财务部", "former", "verb"), ("", "", "董事", "本公司", "current", "verb"),
                   ("", "", "副总经理", "本公司", "current", "verb"),
                   ("", "", "董事会秘书", "本公司", "current", "verb")]


def test_a_forms_labelled_posts():
    got = careers_of("姓名：付某某　性别：男　出生年月：1975年3月\n现任职务：某县财政局局长　拟任职务：某县人民政府副县长")
    assert got == [("", "", "局长", "某县财政局", "current", "verb"), ("", "", "副县长", "某县人民政府", "proposed", "verb")]


def test_a_nominee_word_ends_the_proposed_chain():
    got = careers_of("许某某，男，1979年6月生，现任某县财政局局长，拟任某县人民政府副县长人选。")
    assert got[-1] == ("", "", "副县长", "某县人民政府", "proposed", "verb")


def test_dates_of_birth_and_work_are_no_career_lines():
    assert careers_of("石某，女，1980年3月生，2002年7月参加工作，2001年5月加入中国共产党。") == []


# ---- the whole pipeline -------------------------------------------------------------------------------

DOCS = {
    "notice": NOTICE,
    "executive": ("华东远航电气股份有限公司董事、监事和高级管理人员简历\n"
                  "赵某某先生：1963年出生，中国国籍，无境外永久居留权，硕士学历，高级经济师。"
                  "曾任某集团有限公司财务部经理，现任本公司董事、副总经理、董事会秘书。\n"
                  "钱某女士：1975年10月出生，中国国籍，博士研究生学历，注册会计师。现任本公司财务总监。"),
    "traditional": ("陳某某，男，漢族，１９７２年１１月生，廣東梅州人，研究生學歷，１９９５年７月參加工作，"
                    "現任某市科學技術局局長，擬任某市人民政府副市長。\n"
                    "黃某，女，１９８０年３月生，大學學歷，現任某縣財政局副局長。"),
    "dated": ("孙某某，男，1970年1月生，研究生学历。\n"
              "1995.07—2001.03 某县农业局科员\n"
              "2001年3月至2006年5月，任某镇党委副书记、镇长\n"
              "2006.05—至今 某县人民政府副县长"),
    "list": "会议决定：任命李某某为市财政局局长；免去张某某的市财政局局长职务。",
}


@pytest.fixture(scope="module")
def result():
    return extract(texts=list(DOCS.values()), device="cpu", workers=1)


def doc_id(key):
    return f"text-{list(DOCS).index(key)}"


def rows_of(result, table, key):
    return [r for r in result[table] if r["doc_id"] == doc_id(key)]


def test_pipeline_biographies(result):
    notice = rows_of(result, "biographies", "notice")
    assert [(r["name"], r["gender"], r["birth"]) for r in notice] == [
        ("王某某", "男", "1976-05"), ("盛某某", "男", "1968"), ("李某", "女", "1980-03")]
    trad = rows_of(result, "biographies", "traditional")
    assert [(r["name"], r["surface"], r["ethnicity"], r["birthplace_division"]) for r in trad] == [
        ("陈某某", "陳某某", "汉族", "广东省梅州市"), ("黄某", "黃某", "", "")]
    executive = rows_of(result, "biographies", "executive")
    assert [(r["name"], r["gender"], r["residence_abroad"]) for r in executive] == [("赵某某", "男", "无"), ("钱某", "女", "")]


def test_every_record_name_is_a_person(result):
    people = {(m["doc_id"], m["text"]) for m in result["mentions"] if m["type"] == "PERSON"}
    assert all((r["doc_id"], r["name"]) in people for r in result["biographies"])


def test_pipeline_careers(result):
    got = [(r["name"], r["start_date"], r["end_date"], r["title"], r["org"], r["status"])
           for r in rows_of(result, "careers", "dated")]
    assert got == [("孙某某", "1995-07", "2001-03", "科员", "某县农业局", "former"),
                   ("孙某某", "2001-03", "2006-05", "党委副书记", "某镇", "former"),
                   ("孙某某", "2001-03", "2006-05", "镇长", "某镇", "former"),
                   ("孙某某", "2006-05", "", "副县长", "某县人民政府", "current")]
    executive = [(r["name"], r["title"], r["org"], r["status"]) for r in rows_of(result, "careers", "executive")]
    # 本公司 is the company the document is about, named before the records
    assert ("赵某某", "董事", "华东远航电气股份有限公司", "current") in executive
    assert ("钱某", "财务总监", "华东远航电气股份有限公司", "current") in executive
    trad = [(r["name"], r["title"], r["status"]) for r in rows_of(result, "careers", "traditional")]
    assert trad == [("陈某某", "局长", "current"), ("陈某某", "副市长", "proposed"), ("黄某", "副局长", "current")]


def test_appointments_start_and_removals_end_posts(result):
    got = [(r["name"], r["title"], r["status"], r["rule"]) for r in rows_of(result, "careers", "list")]
    assert got == [("李某某", "局长", "current", "appoint"), ("张某某", "局长", "former", "remove")]


def test_record_posts_are_offices(result):
    offices = {(r["person"], r["title"], r["status"]) for r in rows_of(result, "offices", "executive")}
    assert {("赵某某", "董事会秘书", "current"), ("钱某", "财务总监", "current")} <= offices
    # a dated post, with a verb or as a bare dated line, is an office too (rule `dated` for the bare line)
    dated = {(r["person"], r["title"], r["status"], r["rule"]) for r in rows_of(result, "offices", "dated")}
    assert ("孙某某", "党委副书记", "former", "verb") in dated and ("孙某某", "科员", "former", "dated") in dated


def test_offsets_point_into_the_original_text(result):
    texts = {doc_id(k): v for k, v in DOCS.items()}
    for r in result["biographies"]:
        original = texts[r["doc_id"]]
        assert original[r["name_start"]:r["name_end"]] == r["surface"]
        assert original[r["start"]:r["end"]].startswith(r["surface"])
    for r in result["careers"]:
        assert r["surface"] and texts[r["doc_id"]][r["start"]:r["end"]] == r["surface"]


def test_person_id_joins_people(result):
    people = {p["person_id"]: p["name"] for p in result["people"]}
    for table in ("biographies", "careers"):
        assert result[table]
        assert all(people[r["person_id"]] == r["name"] for r in result[table]), table


def test_every_format_carries_the_tables(result, tmp_path):
    for fmt in ("csv", "jsonl", "json", "xlsx", "parquet", "sqlite"):
        result.write(tmp_path / fmt, fmt)
    n = {name: len(result[name]) for name in ("biographies", "careers")}
    with (tmp_path / "csv" / "careers.csv").open(encoding="utf-8", newline="") as f:
        assert len(list(csv.DictReader(f))) == n["careers"]
    assert sum(1 for _ in (tmp_path / "jsonl" / "biographies.jsonl").open(encoding="utf-8")) == n["biographies"]
    assert len(json.loads((tmp_path / "json" / "careers.json").read_text(encoding="utf-8"))) == n["careers"]
    from openpyxl import load_workbook
    import pyarrow.parquet as pq

    book = load_workbook(tmp_path / "xlsx" / "tables.xlsx", read_only=True)
    assert [c.value for c in next(book["biographies"].iter_rows(max_row=1))] == COLUMNS["biographies"]
    assert pq.read_table(tmp_path / "parquet" / "careers.parquet").num_rows == n["careers"]
    con = sqlite3.connect(tmp_path / "sqlite" / "cnnews.db")
    assert con.execute("SELECT count(*) FROM biographies JOIN people USING (person_id)").fetchone()[0] == n["biographies"]
    con.close()
    assert set(TABLES) >= {"biographies", "careers"}


def test_streamed_csv_fills_person_id(result, tmp_path):
    from cnnews_ner.io import read_texts
    from cnnews_ner.runner import stream_to_dir

    stream_to_dir(read_texts(list(DOCS.values())), tmp_path, "csv", device="cpu", workers=1)
    tables = {}
    for name in ("people", "biographies", "careers"):
        with (tmp_path / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            tables[name] = list(csv.DictReader(f))
    people = {p["person_id"]: p["name"] for p in tables["people"]}
    for name in ("biographies", "careers"):
        assert len(tables[name]) == len(result[name])
        assert all(people[r["person_id"]] == r["name"] for r in tables[name]), name


def test_a_placeholder_name_is_one_person_per_document():
    from cnnews_ner.identity import build_index, resolve_people

    documents = [{"doc_id": d, "status": "ok", "city": "德州市", "newspaper": ""} for d in ("a", "b")]
    mentions = [{"doc_id": d, "type": "PERSON", "text": name, "surface": name}
                for d in ("a", "b") for name in ("王某某", "王建国")]
    people, ids = resolve_people(build_index(documents, mentions, []))
    assert ids[("a", "王某某")] != ids[("b", "王某某")]  # anonymized: two people
    assert ids[("a", "王建国")] == ids[("b", "王建国")]  # a name in one city: one person
    assert sorted(p["name"] for p in people) == ["王建国", "王某某", "王某某"]


def test_the_cli_prints_a_biographies_table(tmp_path):
    import subprocess
    import sys

    from cnnews_ner.cli import TABLE_NAMES

    assert TABLE_NAMES == TABLES
    path = tmp_path / "notice.txt"
    path.write_text("王某某，男，汉族，1976年5月生，江苏盐城人，现任某县财政局局长。\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cnnews_ner.cli", "extract", str(path), "--table", "biographies",
                           "--format", "csv", "--workers", "1"], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()
    rows = list(csv.DictReader(done.stdout.decode("utf-8").splitlines()))
    assert [(r["name"], r["birth"], r["birthplace_division"]) for r in rows] == [("王某某", "1976-05", "江苏省盐城市")]


def test_streamed_sqlite_fills_person_id(result, tmp_path):
    from cnnews_ner.io import read_texts
    from cnnews_ner.sqlite_out import DB_NAME, stream_to_sqlite

    stream_to_sqlite(read_texts(list(DOCS.values())), tmp_path, device="cpu", workers=1)
    con = sqlite3.connect(tmp_path / DB_NAME)
    for name in ("biographies", "careers"):
        joined = con.execute(f"SELECT count(*) FROM {name} JOIN people USING (person_id) "
                             f"WHERE people.name = {name}.name").fetchone()[0]
        assert joined == len(result[name]), name
    con.close()
