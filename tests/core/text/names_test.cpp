#include "bangfu/text/names.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <unicode/coll.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

using bangfu::diag::Diagnostics;
using bangfu::text::sortByPinyin;
using bangfu::text::sortByStroke;
using bangfu::text::StrokeConvention;
using Names = std::vector<std::string>;

namespace {

/// Sorts a reversed and a shuffled copy so that no test passes by keeping the input order.
void expectStrokeOrder(const Names& expected, StrokeConvention convention = StrokeConvention::Surname) {
  Names reversed(expected.rbegin(), expected.rend());
  EXPECT_EQ(sortByStroke(reversed, convention), expected);
  Names shuffled = expected;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
  EXPECT_EQ(sortByStroke(shuffled, convention), expected);
}

void expectPinyinOrder(const Names& expected) {
  Names reversed(expected.rbegin(), expected.rend());
  EXPECT_EQ(sortByPinyin(reversed), expected);
}

}  // namespace

TEST(StrokeOrderTest, StrokeCountFirst) {
  // 丁 2, 于 3, 王 4, 田 5, 吕 6, 李 7, 周 8, 赵 9, 高 10, 黄 11, 曾 12.
  expectStrokeOrder({"丁一", "于洋", "王二", "田三", "吕四", "李五", "周六", "赵七", "高八", "黄九", "曾十"});
}

TEST(StrokeOrderTest, PrcCountsNotTaiwanCounts) {
  // 艹 counts 3 and 阝 2 in the PRC standard: 艾 5 before 吕 6, 郑 8 before 赵 9, 陈 7 before 周 8.
  expectStrokeOrder({"艾一", "吕一", "陈一", "周一", "郑一", "赵一"});
}

TEST(StrokeOrderTest, FirstStrokeThenLaterStrokes) {
  // Four strokes: 王 横横竖横, 巨 横折横折, 毛 撇横横折, 尹 折横横撇, 巴 折竖横折
  // (the published CC list has them in this order).
  expectStrokeOrder({"王林", "巨林", "毛林", "尹林", "巴林"});
  // Two strokes: 二 横横 before 丁 横竖(钩), both before 卜 竖点, then 人 撇捺 and 刁 折.
  expectStrokeOrder({"二", "丁", "卜", "人", "刁"});
}

TEST(StrokeOrderTest, HookAndRisingStrokeClasses) {
  // 竖钩 counts as 竖: 丁 (横 竖钩) before 七 (横 竖弯钩 = 折).
  expectStrokeOrder({"丁", "七"});
  // 提 counts as 横: 冲 冰 次 (点 提 …) before 汗 (点 点 提 …).
  expectStrokeOrder({"冲", "冰", "次", "汗"});
  // 习 折 点 提 before 马 折 折 提 (习近平 before 马兴瑞 in the CC list).
  expectStrokeOrder({"习", "马"});
}

TEST(StrokeOrderTest, CodePointBreaksIdenticalStrokes) {
  // 人 入 八: two strokes 撇 捺 each; code point order U+4EBA < U+5165 < U+516B.
  expectStrokeOrder({"人", "入", "八"});
}

TEST(StrokeOrderTest, NextCharacterDecides) {
  expectStrokeOrder({"李干杰", "李小新", "李书磊", "李玉超", "李乐成"});
}

TEST(StrokeOrderTest, SurnameConventionEmptySlotIsLowest) {
  expectStrokeOrder({"田富", "田大利"}, StrokeConvention::Surname);
  expectStrokeOrder({"王宁", "王毅", "王小洪", "王广华"}, StrokeConvention::Surname);
}

TEST(StrokeOrderTest, FullNameConventionComparesCharacterByCharacter) {
  expectStrokeOrder({"田大利", "田富"}, StrokeConvention::FullName);
  expectStrokeOrder({"王小洪", "王广华", "王宁", "王毅"}, StrokeConvention::FullName);
  // A shorter name that is a prefix comes first.
  expectStrokeOrder({"王宁", "王宁宁"}, StrokeConvention::FullName);
}

TEST(StrokeOrderTest, CompoundSurnamesCompareAsFirstCharacter) {
  // 于 横横竖钩, 万 横撇折, 上 竖横横: 上官 sorts as 上 among the 3-stroke surnames.
  expectStrokeOrder({"于洋", "万里", "上官云"});
  // 司马 as 司 (5 strokes), 欧阳 as 欧 (8), 诸葛 as 诸 (10).
  expectStrokeOrder({"司马光", "刘备", "欧阳修", "诸葛亮", "黄忠"});
  // Under 姓氏笔画 欧阳修 has a one-character given name (empty slot), so it precedes
  // 欧大明; under 姓名笔画 阳 (6) is compared with 大 (3).
  expectStrokeOrder({"欧宁", "欧阳修", "欧大明"}, StrokeConvention::Surname);
  expectStrokeOrder({"欧大明", "欧宁", "欧阳修"}, StrokeConvention::FullName);
}

TEST(StrokeOrderTest, AnnotationsAndSpacesAreNotPartOfTheKey) {
  expectStrokeOrder({"王宁", "王凯（河南）", "王凯（解放军）", "王勇"});
  expectStrokeOrder({"李伟", "李小新（女）", "李书磊"});
  // A padded name sorts as its raw form (spec §2: pad after sorting).
  EXPECT_EQ(sortByStroke({"王小明", "王\u3000芳"}), (Names{"王\u3000芳", "王小明"}));
  // 间隔号 is skipped: 艾尔肯·吐尼亚孜 sorts as 艾 (5 strokes), after 巴 (4).
  expectStrokeOrder({"巴特尔", "艾尔肯·吐尼亚孜", "石泰峰"});
}

TEST(StrokeOrderTest, UnknownCharactersSortLateAndAreReportedOnce) {
  // 冏 (7 strokes) has no stroke-order data: after the known 7-stroke 李 and 吴,
  // before 8-stroke 周. 〇 has no stroke count at all: after everything.
  Diagnostics diags;
  const Names sorted =
      sortByStroke({"〇一", "周伟", "冏明", "李强", "冏亮", "吴芳"}, StrokeConvention::Surname, &diags);
  EXPECT_EQ(sorted, (Names{"李强", "吴芳", "冏明", "冏亮", "周伟", "〇一"}));
  ASSERT_EQ(diags.items().size(), 2U);
  EXPECT_TRUE(diags.has("text.stroke-unknown"));
  EXPECT_EQ(diags.warningCount(), 2U);
  std::string all;
  for (const auto& d : diags.items()) all += d.messageEn + "\n";
  EXPECT_NE(all.find("U+518F"), std::string::npos) << all;
  EXPECT_NE(all.find("U+3007"), std::string::npos) << all;
  // Known characters raise nothing.
  Diagnostics clean;
  sortByStroke({"王宁", "李强"}, StrokeConvention::Surname, &clean);
  EXPECT_TRUE(clean.empty());
}

TEST(StrokeOrderTest, DiffersFromIcuStrokeCollation) {
  // ICU zh@collation=stroke counts strokes the Taiwan way (艾 6, 郑 9, 黄 12) and breaks
  // ties by radical (丁 before 二); the PRC rule gives the second order.
  const Names set = {"艾", "郑", "陈", "黄", "丁", "卜", "二", "冯", "吕", "赵"};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> icuStroke(
      icu::Collator::createInstance(icu::Locale("zh@collation=stroke"), status));
  ASSERT_TRUE(U_SUCCESS(status));
  Names icuOrder = set;
  std::sort(icuOrder.begin(), icuOrder.end(), [&](const std::string& a, const std::string& b) {
    UErrorCode s = U_ZERO_ERROR;
    return icuStroke->compare(icu::UnicodeString::fromUTF8(a), icu::UnicodeString::fromUTF8(b), s) ==
           UCOL_LESS;
  });
  EXPECT_EQ(icuOrder, (Names{"丁", "二", "卜", "冯", "吕", "艾", "陈", "赵", "郑", "黄"}));
  EXPECT_EQ(sortByStroke(set), (Names{"二", "丁", "卜", "艾", "冯", "吕", "陈", "郑", "赵", "黄"}));
}

TEST(StrokeOrderTest, ReproducesPublishedLists) {
  std::ifstream in(std::string(BANGFU_SOURCE_DIR) + "/tests/core/text/data/stroke-lists.json");
  ASSERT_TRUE(in) << "stroke-lists.json missing";
  std::stringstream text;
  text << in.rdbuf();
  Poco::JSON::Parser parser;
  const auto root = parser.parse(text.str()).extract<Poco::JSON::Object::Ptr>();
  const auto lists = root->getArray("lists");
  ASSERT_EQ(lists->size(), 4U);
  std::size_t total = 0;
  for (std::size_t i = 0; i < lists->size(); ++i) {
    const auto list = lists->getObject(static_cast<unsigned>(i));
    const auto names = list->getArray("names");
    Names published;
    for (std::size_t j = 0; j < names->size(); ++j)
      published.push_back(names->getElement<std::string>(static_cast<unsigned>(j)));
    total += published.size();
    const auto convention = list->getValue<std::string>("rule") == "surname_stroke"
                                ? StrokeConvention::Surname
                                : StrokeConvention::FullName;
    Names shuffled = published;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(static_cast<unsigned>(i + 1)));
    Diagnostics diags;
    EXPECT_EQ(sortByStroke(shuffled, convention, &diags), published) << list->getValue<std::string>("id");
    EXPECT_TRUE(diags.empty()) << list->getValue<std::string>("id") << ": "
                               << diags.items().front().messageEn;
  }
  EXPECT_EQ(total, 381U);
}

TEST(StrokeOrderTest, ManyNamesSortDeterministically) {
  Names names;
  const Names surnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "欧阳", "司马"};
  const Names given = {"伟", "芳", "小明", "建国", "丽", "强", "大利", "富"};
  for (const auto& s : surnames)
    for (const auto& g : given) names.push_back(s + g);
  Names a = names;
  std::shuffle(a.begin(), a.end(), std::mt19937(1));
  Names b = names;
  std::shuffle(b.begin(), b.end(), std::mt19937(2));
  EXPECT_EQ(sortByStroke(a), sortByStroke(b));
  EXPECT_EQ(sortByStroke(a, StrokeConvention::FullName), sortByStroke(b, StrokeConvention::FullName));
}

TEST(StrokeOrderTest, KeysBeyondTheTableDecideBeforeLaterCharacters) {
  // The sort's packed prefix saturates on units above the table's ranks (Latin, 〇,
  // characters without a count). A saturated first unit must still decide before the
  // given names: A李 before B王 although 王 (4 strokes) sorts before 李 (7).
  // Equal saturated surnames leave the given names to decide: 〇王 before 〇李.
  expectStrokeOrder({"王五", "李明", "冏王", "冏李", "〇王", "〇李", "A李", "B王"});
}

TEST(StrokeOrderTest, OrderIsThePermutationWithRepeatsInInputOrder) {
  const Names names = {"周伟", "王宁", "李强", "王宁", "吴芳", "李强", "王宁"};
  const std::vector<std::size_t> order = bangfu::text::strokeOrder(names);
  EXPECT_EQ(order, (std::vector<std::size_t>{1, 3, 6, 2, 5, 4, 0}));
  Names byOrder;
  for (const std::size_t i : order) byOrder.push_back(names[i]);
  EXPECT_EQ(byOrder, sortByStroke(names));
  const std::vector<std::size_t> pinyin = bangfu::text::pinyinOrder(names);
  Names byPinyin;
  for (const std::size_t i : pinyin) byPinyin.push_back(names[i]);
  EXPECT_EQ(byPinyin, sortByPinyin(names));
  EXPECT_EQ(pinyin, (std::vector<std::size_t>{2, 5, 1, 3, 6, 4, 0}));
}

TEST(PinyinOrderTest, PlainPinyin) { expectPinyinOrder({"白云", "陈红", "李明", "王伟", "张伟"}); }

TEST(PinyinOrderTest, SurnameReadings) {
  // Each list puts a surname where its surname reading belongs; ICU's plain reading
  // (in brackets) would put it elsewhere.
  expectPinyinOrder({"陈红", "曾明", "张伟"});              // 曾 Zēng (céng)
  expectPinyinOrder({"戴军", "沙力", "单伟", "沈明"});      // 单 Shàn (dān)
  expectPinyinOrder({"江涛", "解放", "徐明", "许强"});      // 解 Xiè (jiě)
  expectPinyinOrder({"曹操", "秦明", "邱华", "仇英"});      // 仇 Qiú (chóu)
  expectPinyinOrder({"区伟", "潘石", "钱明"});              // 区 Ōu (qū)
  expectPinyinOrder({"陈明", "查良", "张伟"});              // 查 Zhā (chá)
  expectPinyinOrder({"潘石", "彭丽", "朴槿", "蒲松"});      // 朴 Piáo (pǔ)
  expectPinyinOrder({"高明", "盖伟", "郭明"});              // 盖 Gě (gài)
  expectPinyinOrder({"钱伟", "覃明", "宋江", "唐杰"});      // 覃 Qín (tán)
  expectPinyinOrder({"王伟", "于敏", "尉迟恭", "张三"});    // 尉迟 Yùchí (wèi)
  expectPinyinOrder({"李明", "杨帆", "乐嘉", "张三"});      // 乐 Yuè (lè)
  expectPinyinOrder({"丁一", "翟明", "张伟"});              // 翟 Zhái (dí)
  expectPinyinOrder({"马力", "缪明", "莫言"});              // 缪 Miào
  expectPinyinOrder({"召明", "沈阳", "赵云"});              // 召 Shào (zhào)
  expectPinyinOrder({"白云", "秘明", "毛泽"});              // 秘 Bì (mì)
  expectPinyinOrder({"陈明", "种师道", "崔健"});            // 种 Chóng (zhǒng)
  expectPinyinOrder({"万俟卨", "莫言", "王伟"});            // 万俟 Mòqí (wàn)
  expectPinyinOrder({"常明", "张伟", "长孙无忌", "赵云"});  // 长孙 Zhǎngsūn
}

TEST(PinyinOrderTest, ReadingOnlyChangesTheSurname) {
  // 单 inside a given name keeps ICU's reading dān: 李单 before 李飞 (fēi).
  expectPinyinOrder({"李单", "李飞"});
  // Annotations do not take part.
  expectPinyinOrder({"陈红（女）", "李明"});
}
