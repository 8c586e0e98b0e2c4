#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "bangfu/notice/source.hpp"

using namespace bangfu;

namespace {

model::Scheme scheme(int appendices = 2) {
  model::Scheme s;
  s.file = "scheme.json";
  s.notice.issuers = {"中共丽水市委办公室", "丽水市人民政府办公室"};
  s.notice.docNumber = "丽委办发〔2019〕23号";
  s.notice.title = "关于做好新一轮扶贫结对帮扶工作的通知";
  s.notice.date = "2019年5月30日";
  s.notice.recipients = "各县（市、区）党委和人民政府";
  const char* titles[] = {"市级领导结对帮扶方案", "市级结对帮扶团组安排方案"};
  for (int i = 0; i < appendices; ++i)
    s.notice.appendices.push_back({"a" + std::to_string(i), "附件" + std::to_string(i + 1), titles[i]});
  return s;
}

doc::NoticeText parse(const std::string& text, diag::Diagnostics& d, const model::Scheme& s = scheme()) {
  return notice::buildNotice(s, notice::sourceFromText(text, "notice.md"), d);
}

const diag::Diagnostic* find(const diag::Diagnostics& d, const std::string& code) {
  for (const auto& x : d.items())
    if (x.code == code) return &x;
  return nullptr;
}

template <class T>
std::vector<const T*> blocksOf(const doc::NoticeText& t) {
  std::vector<const T*> out;
  for (const auto& b : t.blocks)
    if (const auto* p = std::get_if<T>(&b)) out.push_back(p);
  return out;
}

}  // namespace

TEST(NoticeSourceTest, HeadingLevelsFromTheText) {
  diag::Diagnostics d;
  const auto t = parse(
      "一、范围对象\n（一）工作目标。按照要求，协助当地。\n1.完善结对关系。\n（1）细则\n二、帮扶方式\n", d);
  EXPECT_FALSE(d.hasErrors());
  const auto paras = blocksOf<doc::Paragraph>(t);
  ASSERT_EQ(paras.size(), 5u);
  EXPECT_EQ(paras[0]->role, doc::ParagraphRole::Heading1);  // alone on its line: 黑体 style
  // A run-in （一） heading: only its first sentence in 楷体 (GB/T 9704-2012 7.3.3).
  EXPECT_EQ(paras[1]->role, doc::ParagraphRole::Body);
  ASSERT_EQ(paras[1]->runs.size(), 2u);
  EXPECT_EQ(paras[1]->runs[0].text, "（一）工作目标。");
  EXPECT_EQ(paras[1]->runs[0].face, doc::Face::Kai);
  EXPECT_EQ(paras[1]->runs[1].face, doc::Face::Inherit);
  EXPECT_EQ(paras[2]->runs[0].face, doc::Face::Inherit);  // 1. and （1） stay 仿宋
  EXPECT_EQ(paras[3]->runs[0].face, doc::Face::Inherit);
}

TEST(NoticeSourceTest, HeadingOutOfSequenceIsLocated) {
  diag::Diagnostics d;
  parse("一、范围对象\n正文。\n  三、目标任务\n", d);
  const auto* e = find(d, "notice.heading-sequence");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->severity, diag::Severity::Error);
  EXPECT_EQ(e->where.str(), "notice.md:3:3");  // after the two leading spaces
  EXPECT_NE(e->message.find("二、"), std::string::npos);
}

TEST(NoticeSourceTest, ListsMayRestartAfterAPlainParagraph) {
  diag::Diagnostics d;
  parse("一、任务\n帮扶困难村：\n1. 甲。\n2. 乙。\n帮扶困难群体：\n1. 丙。\n3. 丁。\n", d);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].code, "notice.heading-sequence");
  EXPECT_EQ(d.items()[0].where.row, 7);
}

TEST(NoticeSourceTest, YearsAndAmountsAreNoHeadings) {
  diag::Diagnostics d;
  parse("一、目标\n2018年以来，3.5万元。\n2019.5.30前报送。\n", d);
  EXPECT_TRUE(d.empty()) << d.items().front().code;
}

TEST(NoticeSourceTest, AttachmentNoteMustMatchTheAppendices) {
  diag::Diagnostics d;
  const auto t = parse("正文。\n附件：1.市级领导结对帮扶方案\n2.市级帮扶团组方案\n", d);
  const auto* e = find(d, "notice.attachment-mismatch");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->where.str(), "notice.md:2:1");
  EXPECT_EQ(e->suggestion, "市级结对帮扶团组安排方案");
  // The note printed is the scheme's, wherever the source put it.
  const auto notes = blocksOf<doc::AttachmentNote>(t);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]->titles, (std::vector<std::string>{"市级领导结对帮扶方案", "市级结对帮扶团组安排方案"}));
}

TEST(NoticeSourceTest, AttachmentNoteGeneratedWhenAbsent) {
  diag::Diagnostics d;
  const auto t = parse("正文。\n", d);
  EXPECT_TRUE(d.empty());
  ASSERT_EQ(t.blocks.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<doc::AttachmentNote>(t.blocks[1]));
  EXPECT_TRUE(std::holds_alternative<doc::SignatureBlock>(t.blocks[2]));
}

TEST(NoticeSourceTest, AttachmentNoteWithoutAppendicesIsAnError) {
  diag::Diagnostics d;
  parse("正文。\n附件:某表\n", d, scheme(0));
  EXPECT_TRUE(d.has("notice.attachment-mismatch"));
}

TEST(NoticeSourceTest, IssuedDocumentFollowsTheSignature) {
  diag::Diagnostics d;
  const auto t = parse(
      "现印发给你们，请认真贯彻落实。\n# 关于丽水市助力东西部扶贫协作地区\n# "
      "脱贫攻坚的实施意见\n一、总体要求\n",
      d);
  EXPECT_FALSE(d.hasErrors());
  ASSERT_EQ(t.blocks.size(), 5u);
  EXPECT_TRUE(std::holds_alternative<doc::SignatureBlock>(t.blocks[1]));
  ASSERT_TRUE(std::holds_alternative<doc::IssuedTitle>(t.blocks[2]));
  EXPECT_EQ(std::get<doc::IssuedTitle>(t.blocks[2]).title,
            "关于丽水市助力东西部扶贫协作地区\n脱贫攻坚的实施意见");
  EXPECT_TRUE(std::holds_alternative<doc::AttachmentNote>(t.blocks[4]));  // at the end of the issued document
}

TEST(NoticeSourceTest, SettingsAndTheirMistakes) {
  diag::Diagnostics d;
  const auto t = parse(
      "---\n发文机关标志：中共浙江省委办公厅文件\n印章：有\n附注：此件公开发布\n抄送：省委各部委。\n"
      "印发机关：中共浙江省委办公厅\n印发日期：2014年01月27日\n印发人：某\n---\n正文。\n",
      d);
  EXPECT_EQ(t.head.issuerLines, std::vector<std::string>{"中共浙江省委办公厅文件"});
  EXPECT_FALSE(t.head.withWenjian);
  EXPECT_EQ(t.imprint.copyTo, "省委各部委");  // the 。 is the writer's (7.4.2)
  const auto sig = blocksOf<doc::SignatureBlock>(t);
  ASSERT_EQ(sig.size(), 1u);
  EXPECT_TRUE(sig[0]->sealed);
  const auto ann = blocksOf<doc::Annotation>(t);
  ASSERT_EQ(ann.size(), 1u);
  EXPECT_EQ(ann[0]->text, "（此件公开发布）");
  const auto* date = find(d, "notice.date-form");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->where.row, 7);
  EXPECT_EQ(date->suggestion, "2014年1月27日");
  const auto* unknown = find(d, "notice.unknown-setting");
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->where.row, 8);
  EXPECT_EQ(unknown->suggestion, "签发人");  // the nearest key by edit distance
}

TEST(NoticeSourceTest, UnclosedSettingsBlock) {
  diag::Diagnostics d;
  parse("---\n印章：无\n", d);
  EXPECT_TRUE(d.has("notice.setting-end"));
}

TEST(NoticeSourceTest, QuotedDocNumberAndDateForms) {
  diag::Diagnostics d;
  parse("根据《通知》（浙委办发[2018]第032号）精神，于2019年05月30日前报送。\n", d);
  const auto* n = find(d, "notice.doc-number-form");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->where.str(), "notice.md:1:12");
  EXPECT_EQ(n->suggestion, "〔2018〕32号");
  const auto* dt = find(d, "notice.date-form");
  ASSERT_NE(dt, nullptr);
  EXPECT_EQ(dt->suggestion, "2019年5月30日");
  diag::Diagnostics ok;
  parse("（浙委办发〔2018〕32号）于2019年5月30日前报送。\n", ok);
  EXPECT_TRUE(ok.empty());
}

TEST(NoticeSourceTest, MissingRecipientsAndIssuers) {
  auto s = scheme();
  s.notice.recipients.clear();
  s.notice.issuers.clear();
  diag::Diagnostics d;
  parse("正文。\n", d, s);
  EXPECT_TRUE(d.has("notice.no-recipients"));
  EXPECT_TRUE(d.has("notice.no-issuer"));
  EXPECT_EQ(find(d, "notice.no-recipients")->where.str(), "scheme.json [notice.recipients]");
}

TEST(NoticeSourceTest, CharactersOutsideTheBodyFace) {
  diag::Diagnostics d;
  parse("杜光旻同志——负责。\n", d);  // 旻 is not in GB 2312; —— is (A1AA)
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_EQ(d.items()[0].code, "notice.glyph");
  EXPECT_EQ(d.items()[0].where.str(), "notice.md:1:3");
}

TEST(NoticeSourceTest, NoDateMeansNoSignature) {
  auto s = scheme();
  s.notice.date.clear();
  diag::Diagnostics d;
  const auto t = parse("正文。\n", d, s);
  EXPECT_TRUE(d.has("notice.no-date"));
  EXPECT_TRUE(blocksOf<doc::SignatureBlock>(t).empty());
}

TEST(NoticeSourceTest, FilesBesideTheScheme) {
  const auto dir = std::filesystem::temp_directory_path() / "bangfu-notice-source-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto s = scheme();
  s.file = (dir / "scheme.json").string();
  { std::ofstream(s.file) << R"({"notice": {"body": ["正文一。", 7, "二、错号"]}})"; }
  diag::Diagnostics d;
  auto src = notice::findSource(s, d);
  ASSERT_TRUE(src.has_value());
  EXPECT_EQ(src->lines.size(), 2u);
  EXPECT_EQ(find(d, "notice.body-type")->where.field, "notice.body[1]");
  notice::buildNotice(s, *src, d);
  EXPECT_EQ(find(d, "notice.heading-sequence")->where.field, "notice.body[2]");
  // notice.md beside the scheme wins; bytes that are not UTF-8 are told, not misread.
  { std::ofstream(dir / "notice.md", std::ios::binary) << "正文\n\xD5\xFD\xCE\xC4\n"; }
  diag::Diagnostics d2;
  EXPECT_FALSE(notice::findSource(s, d2).has_value());
  ASSERT_TRUE(d2.has("notice.encoding"));
  EXPECT_EQ(d2.items()[0].where.row, 2);
  std::filesystem::remove_all(dir);
}

TEST(NoticeSourceTest, DongliSeedAttachmentLineDisagrees) {
  // examples/dongli-2017/README.md "The notice text" 5: the seed's own 附件说明.
  auto s = scheme(0);
  s.notice.appendices = {{"villages", "附件1", "东丽区结对帮扶困难村安排表"},
                         {"committee", "附件2", "东丽区结对帮扶困难村工作领导小组及办公室组成人员名单"}};
  diag::Diagnostics d;
  parse("正文。\n附件：东丽区结对帮扶困难村工作领导小组及办公室组成\n", d, s);
  const auto* e = find(d, "notice.attachment-mismatch");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->where.row, 2);
  EXPECT_EQ(e->suggestion,
            "附件：1.东丽区结对帮扶困难村安排表；2.东丽区结对帮扶困难村工作领导小组及办公室组成人员名单");
}

TEST(NoticeSourceTest, ControlCharactersAreErrors) {
  diag::Diagnostics d;
  parse("正文\x01内容。\n", d);
  const auto* e = find(d, "notice.control-char");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->where.str(), "notice.md:1:3");
  EXPECT_TRUE(d.hasErrors());
}

// GB/T 9704-2012 7.2.1–7.2.3: 份号, 密级和保密期限, 紧急程度 from the settings.
TEST(NoticeSourceTest, CopyNumberSecrecyAndUrgency) {
  diag::Diagnostics d;
  const auto t = parse("---\n份号：12\n密级：机密\n保密期限：1年\n紧急程度：特急\n---\n正文。\n", d);
  EXPECT_FALSE(d.hasErrors());
  EXPECT_EQ(t.head.copyNumber, "000012");  // six digits (7.2.1)
  EXPECT_EQ(t.head.secrecy, "机密★1年");   // 7.2.2
  EXPECT_EQ(t.head.urgency, "特急");       // 7.2.3
  diag::Diagnostics d2;
  const auto t2 = parse("---\n密级：秘密★6个月\n---\n正文。\n", d2);
  EXPECT_FALSE(d2.hasErrors());
  EXPECT_EQ(t2.head.secrecy, "秘密★6个月");
  EXPECT_TRUE(t2.head.copyNumber.empty());
  EXPECT_TRUE(t2.head.urgency.empty());
}

TEST(NoticeSourceTest, BrokenHeadMarksAreLocatedWithTheirFix) {
  diag::Diagnostics d;
  const auto t = parse("---\n份号：１２\n密级：机蜜\n保密期限：一年\n紧急程度：急件\n---\n正文。\n", d);
  const auto* copy = find(d, "notice.copy-number");
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->where.file, "notice.md");
  EXPECT_EQ(copy->where.row, 2);
  EXPECT_EQ(copy->suggestion, "份号：12");  // full-width digits → ASCII
  const auto* level = find(d, "notice.secrecy");
  ASSERT_NE(level, nullptr);
  EXPECT_EQ(level->where.row, 3);
  EXPECT_EQ(level->suggestion, "密级：机密");
  const auto* term = find(d, "notice.secrecy-term");
  ASSERT_NE(term, nullptr);
  EXPECT_EQ(term->where.row, 4);  // 7.2.2: Arabic digits in the term
  const auto* urgency = find(d, "notice.urgency");
  ASSERT_NE(urgency, nullptr);
  EXPECT_EQ(urgency->where.row, 5);
  // A broken mark is left off, not printed half-right.
  EXPECT_TRUE(t.head.copyNumber.empty());
  EXPECT_TRUE(t.head.secrecy.empty());
  EXPECT_TRUE(t.head.urgency.empty());

  diag::Diagnostics d2;
  parse("---\n份号：1234567\n保密期限：1年\n---\n正文。\n", d2);
  EXPECT_EQ(find(d2, "notice.copy-number")->suggestion, "份号：000001");  // more than six digits
  EXPECT_EQ(find(d2, "notice.secrecy-term")->where.row, 3);               // a term without a 密级
  diag::Diagnostics d3;
  parse("---\n份号：000000\n密级：机密★1年\n保密期限：2年\n---\n正文。\n", d3);
  EXPECT_TRUE(d3.has("notice.copy-number"));                 // no copy 0
  EXPECT_EQ(find(d3, "notice.secrecy-term")->where.row, 4);  // the term given twice
}

// The settings block is the same in notice.body (JSON) as in notice.md, located by JSON path.
TEST(NoticeSourceTest, HeadMarksFromTheJsonBody) {
  const auto dir = std::filesystem::temp_directory_path() / "bangfu-notice-headmarks-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto s = scheme();
  s.file = (dir / "scheme.json").string();
  {
    std::ofstream(s.file) << R"({"notice": {"body": ["---", "份号：3", "紧急程度：平急", "---", "正文。"]}})";
  }
  diag::Diagnostics d;
  auto src = notice::findSource(s, d);
  ASSERT_TRUE(src.has_value());
  const auto t = notice::buildNotice(s, *src, d);
  EXPECT_EQ(t.head.copyNumber, "000003");
  const auto* urgency = find(d, "notice.urgency");
  ASSERT_NE(urgency, nullptr);
  EXPECT_EQ(urgency->where.field, "notice.body[2]");
  std::filesystem::remove_all(dir);
}
