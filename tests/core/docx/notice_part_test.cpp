// Exact XML of the notice's parts (issue 17): 版头, 附件说明, 署名 and 成文日期, 版记.
// Each expected string was read against GB/T 9704-2012 ch. 7 (docs/notice.md) and
// its layout measured by tests/render/test_notice_render.py.
#include "docx/notice_part.hpp"

#include <gtest/gtest.h>

using namespace bangfu;

namespace {

std::string expected(const char* name);

}  // namespace

TEST(NoticePartTest, HeadSingleIssuerExactXml) {
  doc::NoticeHead h;
  h.issuerLines = {"中共浙江省委办公厅"};
  h.docNumber = "浙委办发〔2014〕8号";
  EXPECT_EQ(docx::headXml(h), expected("head-single"));
}

TEST(NoticePartTest, HeadJointIssuersWithSignersExactXml) {
  doc::NoticeHead h;
  h.issuerLines = {"中共丽水市委办公室", "丽水市人民政府办公室"};
  h.docNumber = "丽委办〔2019〕23号";
  h.signers = {"张三", "李四", "王五"};
  EXPECT_EQ(docx::headXml(h), expected("head-joint-signers"));
}

// 7.2.1–7.2.3: 份号, 密级和保密期限 and 紧急程度 顶格 on the first three lines; the spacer
// above the mark shorter by those lines (2005 − 3 × 579), so the mark stays at 35 mm.
TEST(NoticePartTest, HeadMarksExactXml) {
  doc::NoticeHead h;
  h.copyNumber = "000012";
  h.secrecy = "机密★1年";
  h.urgency = "特急";
  h.issuerLines = {"中共浙江省委办公厅"};
  h.docNumber = "浙委办发〔2014〕8号";
  EXPECT_EQ(docx::headXml(h), expected("head-marks"));
}

TEST(NoticePartTest, AttachmentNoteExactXml) {
  EXPECT_EQ(docx::attachmentXml(doc::AttachmentNote{{"省级结对帮扶团组安排方案"}}, false),
            expected("attachment-one"));
  EXPECT_EQ(
      docx::attachmentXml(doc::AttachmentNote{{"市级领导结对帮扶方案", "市级结对帮扶团组安排方案"}}, true),
      expected("attachment-two"));
}

TEST(NoticePartTest, SignatureExactXml) {
  doc::SignatureBlock s;
  s.issuers = {"中共丽水市委办公室", "丽水市人民政府办公室"};
  s.date = "2018年8月16日";
  EXPECT_EQ(docx::signatureXml(s), expected("signature-unsealed"));
  s.sealed = true;
  s.issuers = {"宿州市巩固拓展脱贫攻坚成果专项小组办公室"};
  s.date = "2022年7月18日";
  EXPECT_EQ(docx::signatureXml(s), expected("signature-sealed"));
}

TEST(NoticePartTest, ImprintExactXml) {
  doc::Imprint i;
  i.copyTo = "省委各部委，省人大常委会办公厅，省政府办公厅，省政协办公厅，省纪委办公厅，省军区";
  i.printer = "中共浙江省委办公厅";
  i.printDate = "2014年1月27日";
  EXPECT_EQ(docx::imprintLineCount(i), 3);
  EXPECT_EQ(docx::imprintXml(i), expected("imprint"));
}

namespace {

std::string expected(const char* name) {
  const std::string n(name);
  if (n == "head-single")
    return R"x(<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="2005" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p><w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="720" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体" w:hAnsi="方正小标宋简体" w:cs="方正小标宋简体"/><w:color w:val="FF0000"/><w:spacing w:val="0"/><w:sz w:val="72"/><w:szCs w:val="72"/></w:rPr><w:t xml:space="preserve">中共浙江省委办公厅文件</w:t></w:r></w:p><w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="8" w:color="FF0000"/></w:pBdr><w:snapToGrid w:val="0"/><w:spacing w:before="1158" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">浙委办发〔2014〕8号</w:t></w:r></w:p>)x";
  if (n == "head-joint-signers")
    return R"x(<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="2002" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p><w:tbl><w:tblPr><w:tblW w:w="8505" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="6615"/><w:gridCol w:w="1890"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="6615" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="157" w:line="630" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:jc w:val="distribute"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体" w:hAnsi="方正小标宋简体" w:cs="方正小标宋简体"/><w:color w:val="FF0000"/><w:spacing w:val="0"/><w:sz w:val="63"/><w:szCs w:val="63"/></w:rPr><w:t xml:space="preserve">中共丽水市委办公室</w:t></w:r></w:p><w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="630" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:jc w:val="distribute"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体" w:hAnsi="方正小标宋简体" w:cs="方正小标宋简体"/><w:color w:val="FF0000"/><w:spacing w:val="0"/><w:sz w:val="63"/><w:szCs w:val="63"/></w:rPr><w:t xml:space="preserve">丽水市人民政府办公室</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="1890" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="630" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:jc w:val="right"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体" w:hAnsi="方正小标宋简体" w:cs="方正小标宋简体"/><w:color w:val="FF0000"/><w:spacing w:val="0"/><w:sz w:val="63"/><w:szCs w:val="63"/></w:rPr><w:t xml:space="preserve">文件</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="320"/><w:tab w:val="left" w:pos="5690"/><w:tab w:val="left" w:pos="6950"/></w:tabs><w:snapToGrid w:val="0"/><w:spacing w:before="1158" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:tab/></w:r><w:r><w:tab/><w:t xml:space="preserve">签发人：</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FaceKai"/></w:rPr><w:t xml:space="preserve">张三　李四</w:t></w:r></w:p><w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="8" w:color="FF0000"/></w:pBdr><w:tabs><w:tab w:val="left" w:pos="320"/><w:tab w:val="left" w:pos="5690"/><w:tab w:val="left" w:pos="6950"/></w:tabs><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:tab/><w:t xml:space="preserve">丽委办〔2019〕23号</w:t></w:r><w:r><w:tab/><w:tab/></w:r><w:r><w:rPr><w:rStyle w:val="FaceKai"/></w:rPr><w:t xml:space="preserve">王五</w:t></w:r></w:p>)x";
  if (n == "head-marks")
    return R"x(<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:t xml:space="preserve">000012</w:t></w:r></w:p><w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FaceHei"/></w:rPr><w:t xml:space="preserve">机密★1年</w:t></w:r></w:p><w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:rStyle w:val="FaceHei"/></w:rPr><w:t xml:space="preserve">特急</w:t></w:r></w:p><w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="268" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p><w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="720" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体" w:hAnsi="方正小标宋简体" w:cs="方正小标宋简体"/><w:color w:val="FF0000"/><w:spacing w:val="0"/><w:sz w:val="72"/><w:szCs w:val="72"/></w:rPr><w:t xml:space="preserve">中共浙江省委办公厅文件</w:t></w:r></w:p><w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="8" w:space="8" w:color="FF0000"/></w:pBdr><w:snapToGrid w:val="0"/><w:spacing w:before="1158" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">浙委办发〔2014〕8号</w:t></w:r></w:p>)x";
  if (n == "attachment-one")
    return R"x(<w:p><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:p><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="1600"/></w:tabs><w:ind w:left="1600" w:hanging="960"/></w:pPr><w:r><w:t xml:space="preserve">附件：</w:t><w:tab/><w:t xml:space="preserve">省级结对帮扶团组安排方案</w:t></w:r></w:p>)x";
  if (n == "attachment-two")
    return R"x(<w:p><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:p><w:p><w:pPr><w:keepNext/><w:keepLines/><w:tabs><w:tab w:val="left" w:pos="1600"/><w:tab w:val="left" w:pos="1920"/></w:tabs><w:ind w:left="1920" w:hanging="1280"/></w:pPr><w:r><w:t xml:space="preserve">附件：</w:t><w:tab/><w:t xml:space="preserve">1.</w:t><w:tab/><w:t xml:space="preserve">市级领导结对帮扶方案</w:t></w:r></w:p><w:p><w:pPr><w:keepNext/><w:keepLines/><w:tabs><w:tab w:val="left" w:pos="1920"/></w:tabs><w:ind w:left="1920" w:hanging="320"/></w:pPr><w:r><w:t xml:space="preserve">2.</w:t><w:tab/><w:t xml:space="preserve">市级结对帮扶团组安排方案</w:t></w:r></w:p>)x";
  if (n == "signature-unsealed")
    return R"x(<w:p><w:pPr><w:keepNext/><w:keepLines/><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:p><w:p><w:pPr><w:keepNext/><w:keepLines/><w:ind w:left="5370" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:t xml:space="preserve">中共丽水市委办公室</w:t></w:r></w:p><w:p><w:pPr><w:keepNext/><w:keepLines/><w:ind w:left="5055" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:t xml:space="preserve">丽水市人民政府办公室</w:t></w:r></w:p><w:p><w:pPr><w:ind w:left="5695" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:t xml:space="preserve">2018年8月16日</w:t></w:r></w:p>)x";
  if (n == "signature-sealed")
    return R"x(<w:p><w:pPr><w:keepNext/><w:keepLines/><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:p><w:p><w:pPr><w:keepNext/><w:keepLines/><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:p><w:p><w:pPr><w:keepNext/><w:keepLines/><w:ind w:left="3400" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:t xml:space="preserve">宿州市巩固拓展脱贫攻坚成果专项小组办公室</w:t></w:r></w:p><w:p><w:pPr><w:ind w:left="5535" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:t xml:space="preserve">2022年7月18日</w:t></w:r></w:p>)x";
  if (n == "imprint")
    return R"x(<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="10839" w:lineRule="exact"/><w:ind w:left="0" w:firstLine="0"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p><w:tbl><w:tblPr><w:tblW w:w="8845" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:left w:val="nil"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:right w:val="nil"/><w:insideH w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="8845"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="8845" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:left="1120" w:right="280" w:hanging="840"/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">抄送：省委各部委，省人大常委会办公厅，省政府办公厅，省政协办公厅，省纪委办公厅，省军区。</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="8845" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="8565"/></w:tabs><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/><w:ind w:left="280" w:right="280" w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">中共浙江省委办公厅</w:t><w:tab/><w:t xml:space="preserve">2014年1月27日印发</w:t></w:r></w:p></w:tc></w:tr></w:tbl>)x";
  return "?";
}

}  // namespace
