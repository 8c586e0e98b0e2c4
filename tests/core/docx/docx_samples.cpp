#include "docx_samples.hpp"

namespace bangfu::testkit {
namespace {

using doc::Align;
using doc::Cell;
using doc::Face;
using doc::Paragraph;
using doc::ParagraphRole;
using doc::Row;
using doc::RowKind;

const char* const kSentences[] = {
    "结对帮扶工作要坚持精准方略，聚焦重点帮扶村和低收入农户，落实帮扶责任，确保各项措施落地见效。",
    "各帮扶团组要深入村户调查研究，摸清底数，因村因户制定帮扶计划，做到一村一策、一户一法。",
    "市级领导每年到联系县（市、区）调研指导不少于2次，帮助解决帮扶工作中的困难和问题。",
    "驻村指导员要吃住在村，与群众同劳动，帮助村级组织理清发展思路，壮大村级集体经济。",
};

std::string longText(int sentences, int offset) {
  std::string s;
  for (int i = 0; i < sentences; ++i) s += kSentences[(i + offset) % 4];
  return s;
}

doc::Table table(int rows) {
  doc::Table t;
  t.name = "团组安排";
  t.columns = {{"county", 3.2, Align::Center, false},
               {"leader", 3, Align::Center, false},
               {"members", 5.2, Align::Left, false},
               {"groups", 1.6, Align::Center, true},
               {"instructors", 1.6, Align::Center, true}};
  Row head;
  head.kind = RowKind::Header;
  for (const char* h : {"县（市、区）", "组长单位", "团组单位", "工作组数", "指导员数"})
    head.cells.push_back(Cell::text(h));
  t.rows.push_back(head);
  const char* counties[] = {"莲都区", "青田县", "缙云县", "遂昌县", "松阳县",
                            "云和县", "庆元县", "景宁县", "龙泉市"};
  int groups = 0, instructors = 0;
  for (int i = 0; i < rows; ++i) {
    Row r;
    if (i % 3 == 0) {
      Cell county = Cell::text(counties[(i / 3) % 9]);
      county.rowSpan = std::min(3, rows - i);
      r.cells.push_back(county);
    }
    r.cells.push_back(Cell::text(i % 2 ? "市农业农村局" : "市委办公室"));
    r.cells.push_back(Cell::runs({{"市发展改革委、", Face::Inherit, false},
                                  {"市财政局", Face::Hei, false},
                                  {"、市人力社保局、“百企结百村”企业（2个）", Face::Inherit, false}}));
    r.cells.push_back(Cell::num(2 + i % 3));
    r.cells.push_back(Cell::num(1 + i % 2));
    groups += 2 + i % 3;
    instructors += 1 + i % 2;
    t.rows.push_back(r);
  }
  Row total;
  total.kind = RowKind::Total;
  Cell label = Cell::runs({{"合计", Face::Hei, false}}, Align::Center);
  label.colSpan = 3;
  total.cells.push_back(label);
  Cell g = Cell::num(groups);
  g.columnTotal = true;
  Cell n = Cell::num(instructors);
  n.columnTotal = true;
  total.cells.push_back(g);
  total.cells.push_back(n);
  t.rows.push_back(total);
  return t;
}

}  // namespace

doc::Notice bodySampleNotice() {
  doc::Notice n;
  n.docNumber = "丽委办发〔2019〕36号";
  n.date = "2019年5月30日";
  n.title = "关于印发结对帮扶方案的通知";
  n.issuer = "中共丽水市委办公室";
  doc::Appendix a;
  a.id = "body";
  a.label = "附件1";
  a.title = "结对帮扶工作实施方案";
  a.blocks.emplace_back(Paragraph::text(longText(6, 0)));
  a.blocks.emplace_back(Paragraph::text("一、总体要求", ParagraphRole::Heading1));
  a.blocks.emplace_back(Paragraph::text(longText(9, 1)));
  a.blocks.emplace_back(Paragraph::text("（一）工作目标", ParagraphRole::Heading2));
  a.blocks.emplace_back(Paragraph::text(longText(12, 2)));
  a.blocks.emplace_back(Paragraph::text("1.明确责任分工。" + longText(8, 3)));
  a.blocks.emplace_back(Paragraph::text(longText(14, 1)));
  doc::NameList names;
  names.entries = {{"组长", {"白凤祥"}},
                   {"副组长", {"王峰", "李明华"}},
                   {"成员", {"张伟", "刘德华", "陈静", "赵一鸣", "孙丽", "周建国", "吴敏"}}};
  a.blocks.emplace_back(Paragraph::text("领导小组组成人员如下：", ParagraphRole::Plain));
  a.blocks.emplace_back(names);
  doc::Notes notes;
  notes.items = {"原则上按照各县（市、区）省级扶贫重点帮扶村数安排帮扶团组数。",
                 "市委常委单位跟随市委常委联系的县（市、区）。",
                 "以黑体字标注的单位为市派指导员派出单位，括号中的单位为多个单位组成一个帮扶团组，括号中的数"
                 "字为单位派出帮扶团组数。"};
  a.blocks.emplace_back(notes);
  n.appendices.push_back(a);
  return n;
}

doc::Notice tableSampleNotice(int rows) {
  doc::Notice n;
  n.docNumber = "丽委办发〔2019〕36号";
  n.date = "2019年5月30日";
  n.title = "关于印发结对帮扶方案的通知";
  doc::Appendix a;
  a.id = "teams";
  a.label = "附件2";
  a.title = "市级结对帮扶团组\n安排方案";
  a.blocks.emplace_back(table(rows));
  doc::Notes notes;
  notes.items = {"以黑体字标注的单位为市派指导员派出单位。", "括号中的数字为单位派出帮扶团组数。"};
  a.blocks.emplace_back(notes);
  n.appendices.push_back(a);
  return n;
}

doc::Notice mixedSampleNotice() {
  doc::Notice n = bodySampleNotice();
  doc::Appendix land;
  land.id = "land";
  land.label = "附件2";
  land.title = "结对帮扶安排表";
  land.orientation = doc::Orientation::Landscape;
  land.blocks.emplace_back(table(12));
  n.appendices.push_back(land);
  doc::Appendix port = tableSampleNotice(6).appendices.front();
  port.label = "附件3";
  n.appendices.push_back(port);
  return n;
}

}  // namespace bangfu::testkit
