// The help texts of every command in both languages (help.hpp), and the three
// ways they are printed: one command, the overview, the man page.
#include "help.hpp"

#include <Poco/Util/Option.h>

#include <algorithm>

#include "bangfu/version.hpp"

namespace bangfu::cli {

namespace {

struct OptionText {
  const char* name;  ///< the option's full name, as in the command's OptionSet
  const char* zh;
  const char* en;
  const char* defaultZh = nullptr;  ///< the value used when the option is not given
  const char* defaultEn = nullptr;
};

struct CommandText {
  const char* name;
  const char* summaryZh;  ///< one line, for the overview
  const char* summaryEn;
  const char* detailZh;  ///< what it does, a few sentences
  const char* detailEn;
  std::vector<OptionText> options;
  const char* example;
  const char* exampleZh;  ///< what the example does
  const char* exampleEn;
};

const std::vector<CommandText>& texts() {
  static const std::vector<CommandText> kTexts{
      {"render",
       "生成通知附件（DOCX、XLSX、PDF）",
       "render the appendices of a notice (DOCX, XLSX, PDF)",
       "读入方案（JSON 或输入工作簿），先检查，没有错误时用地区插件生成附件表格，按 GB/T 9704-2012 排版。"
       "有错误时不写任何文件。",
       "Reads a scheme (JSON or an input workbook), checks it, and when it has no errors renders the "
       "appendix tables with the region's plugin, typeset to GB/T 9704-2012. With errors nothing is written.",
       {{"plugin", "地区插件的编号或模块文件；不填时用方案中写的插件",
         "plugin id or module file; default: the one the scheme names", "方案中的插件",
         "the scheme's plugin"},
        {"out", "输出文件夹", "output folder", "out", "out"},
        {"format", "输出格式，逗号分隔：docx、xlsx、pdf、png（png 为每页预览图，需要 LibreOffice）",
         "formats, comma separated: docx, xlsx, pdf, png (png: a preview of every page; needs LibreOffice)",
         "docx,xlsx", "docx,xlsx"},
        {"split", "每个附件单独一个文件", "one file per appendix", "全部附件在一个文件中",
         "all appendices in one file"},
        {"reference-doc", "取其样式的参考 DOCX", "a reference DOCX whose styles are used", "内置样式",
         "built-in styles"},
        {"detached", "附件与正文分开装订时的格式（GB/T 9704 7.3.7）",
         "detached appendices (GB/T 9704 7.3.7)"},
        {"appendices-only", "只生成附件，不生成通知正文", "only the appendices, not the notice itself",
         "有正文时生成整份通知", "the whole notice when the scheme has its text"}},
       "bangfu render examples/lishui-2019/scheme.json --out out --format docx,pdf",
       "生成丽水示例的附件，写成 DOCX 和 PDF",
       "renders the Lishui example as DOCX and PDF"},
      {"check",
       "检查方案，列出每个问题及其位置",
       "check a scheme: every problem with its place",
       "读入方案（JSON 或输入工作簿），列出每个错误和警告，给出所在单元格（如 结对!E3）或 JSON 路径和改法。"
       "不写任何文件。有错误时退出码为 1。",
       "Reads a scheme (JSON or an input workbook) and lists every error and warning with its cell "
       "(such as 结对!E3) or JSON path and a fix. Writes nothing. Exits 1 when there are errors.",
       {{"plugin", "地区插件的编号或模块文件，加查该地区的规则；不填时用方案中写的插件",
         "plugin id or module file whose rules are checked too; default: the one the scheme names",
         "方案中的插件", "the scheme's plugin"},
        {"mark", "另存一份工作簿，有问题的单元格涂色并加批注（写明问题和改法）",
         "a copy of the workbook with the problem cells coloured and commented (the problem and the fix)",
         "不另存", "no copy"}},
       "bangfu check 输入.xlsx",
       "检查填好的输入工作簿",
       "checks a filled-in input workbook"},
      {"table",
       "把任意表格数据排成附件表格",
       "typeset any table data as an appendix table",
       "读入 CSV（UTF-8 或 GBK）、XLSX 或 JSON 表格，排成符合 GB/T 9704-2012 的附件表格，可加合计行和说明。",
       "Reads a CSV (UTF-8 or GBK), XLSX or JSON table and typesets it as a GB/T 9704-2012 appendix table, "
       "optionally with a 合计 row and notes.",
       {{"output", "输出文件，.docx、.xlsx 或 .pdf；可写多次",
         "output file, .docx, .xlsx or .pdf; may be repeated"},
        {"title", "表格标题", "table title", "数据的标题行或文件名", "the data's title row or file name"},
        {"label", "附件标签，如 附件3", "appendix label such as 附件3", "附件", "附件"},
        {"landscape", "横向页面", "landscape page", "纵向", "portrait"},
        {"total", "加合计行，对该列求和；可写多次", "add a 合计 row summing this column; may be repeated"},
        {"notes", "说明条目的文本文件，每行一条", "a text file of notes (说明), one a line"},
        {"sheet", "XLSX 输入中要读的工作表", "the worksheet of an XLSX input", "第一张工作表",
         "the first sheet"},
        {"date", "成文日期，如 2019年5月30日，用作文件日期",
         "成文日期 such as 2019年5月30日, used as the document date", "不写日期", "no date"},
        {"header-row", "表头所在的行号", "the row number of the header", "自动识别", "detected"},
        {"header-rows", "表头的行数，1 到 3", "rows of the header, 1 to 3", "自动识别", "detected"},
        {"include-hidden", "保留隐藏的行和列", "keep hidden rows and columns", "略去隐藏的行和列（并提示）",
         "hidden rows and columns are left out (with a warning)"}},
       "bangfu table 名单.xlsx -o 附件3.docx --title 结对帮扶村一览表 --label 附件3 --total 工作组数",
       "把名单排成附件3，并对“工作组数”一列求和",
       "typesets the list as 附件3 with a total of the 工作组数 column"},
      {"init",
       "生成供填写的输入工作簿",
       "write an input workbook to fill in",
       "写出空白输入工作簿（填法见“示例”表），或用 --from 从已有方案填好：每个单位、人员、区划得到一个编号"
       "（U001、P001、A001），其他表引用时写编号或不重复的名称均可。已存在的文件不会被覆盖，除非加 --force。",
       "Writes a blank input workbook (its example sheet shows how to fill it in), or one filled from a "
       "scheme "
       "with --from: every unit, person and area gets a code (\"编号\": U001, P001, A001), and a reference "
       "on "
       "another sheet may give the code or a unique name. An existing file is not replaced unless --force is "
       "given.",
       {{"output", "要写的工作簿（.xlsx），必填", "the workbook to write (.xlsx); required"},
        {"plugin", "地区插件：写入“通知”表并加上插件的专用表",
         "plugin: recorded in the \"通知\" sheet, adds its own sheets", "方案中的插件；都没有时不加",
         "the scheme's plugin; none otherwise"},
        {"from", "用此方案（.json 或 .xlsx）填表", "fill the sheets from this scheme (.json or .xlsx)",
         "空白", "blank"},
        {"force", "覆盖已存在的文件（--from 读的文件除外）",
         "replace an existing file (never the one --from reads)", "不覆盖", "never replace"}},
       "bangfu init -o 输入.xlsx --plugin lishui",
       "生成带丽水插件专用表的空白工作簿",
       "writes a blank workbook with the Lishui plugin's sheets"},
      {"names",
       "人名排序（按姓氏笔画或拼音）",
       "sort names (by stroke count or pinyin)",
       "names sort 读入人名（每行一个，不给 FILE 时读标准输入），按姓氏笔画或拼音排序后输出。",
       "names sort reads names (one a line; standard input without FILE) and prints them sorted by "
       "surname strokes or pinyin.",
       {{"by", "排序方式：stroke（笔画）或 pinyin（拼音）", "order: stroke or pinyin", "stroke", "stroke"},
        {"convention", "笔画排序规则：surname（按姓氏笔画）或 fullname（按姓名笔画）",
         "stroke convention: surname (姓氏笔画) or fullname (姓名笔画)", "surname", "surname"},
        {"pad", "两字姓名中间加全角空格（王　峰）", "pad two-character names with U+3000 (王　峰)", "不加",
         "no padding"},
        {"format", "输出格式：text、docx 或 xlsx", "output format: text, docx or xlsx", "text", "text"},
        {"per-line", "每行排几个名字", "names per line", "每行一个", "one a line"},
        {"output", "输出文件", "output file", "标准输出", "standard output"},
        {"out", "输出文件（docx、xlsx；text 时默认标准输出）",
         "output file (docx, xlsx; text: standard output by default)", "标准输出", "standard output"},
        {"title", "名单上方的标题", "a title above the name list", "无标题", "no title"}},
       "bangfu names sort --pad 名单.txt",
       "按姓氏笔画排序并对齐两字姓名",
       "sorts by surname strokes and pads two-character names"},
      {"plugins",
       "列出已安装的地区插件",
       "list the installed region plugins",
       "列出找到的每个插件：编号、地区、版本、文件和它生成的附件。",
       "Lists every plugin found: id, region, version, file, and the appendices it renders.",
       {},
       "bangfu plugins",
       "查看可用的插件",
       "shows the plugins available"},
      {"build",
       "批量生成一个项目的全部方案（增量、并行）",
       "build every scheme of a project (incremental, parallel)",
       "读入项目文件夹中的 bangfu-project.json，只重建输入有变化的输出，多个方案并行生成；结果记在清单中。",
       "Reads bangfu-project.json in the project folder, rebuilds only the outputs whose inputs changed, "
       "several "
       "schemes in parallel, and records the results in the manifest.",
       {{"out", "输出文件夹（可在项目文件夹外，但不能是项目文件夹或包含它的文件夹）",
         "output folder (may lie outside the project, but not be the project folder or one that holds it)",
         "项目文件中的 output", "the project file's output"},
        {"jobs", "同时生成的方案数", "schemes built at once", "CPU 核数", "the number of cores"},
        {"force", "全部重建", "rebuild every output", "只重建有变化的", "only what changed"},
        {"watch", "监视输入，保存后自动重建（Ctrl-C 结束）",
         "rebuild whenever an input is saved (Ctrl-C stops)"},
        {"watch-cycles", "重建 N 次后停止监视（测试用；也可用 BANGFU_WATCH_MAX_REBUILDS）",
         "stop watching after N rebuilds (tests; also BANGFU_WATCH_MAX_REBUILDS)", "不限", "no limit"},
        {"debounce", "连续保存后等待的毫秒数", "milliseconds a burst of saves must settle", "300", "300"},
        {"quiet", "不显示进度，只显示汇总", "no progress, only the summary"}},
       "bangfu build examples/batch-demo --jobs 2",
       "用两个进程生成示例项目",
       "builds the example project with two jobs"},
      {"diff",
       "比较两版方案，生成变更对照表",
       "compare two versions of a scheme: the change report",
       "比较旧版和新版方案（JSON 或工作簿），列出增加、删除、更名和调整，可写成变更对照表（DOCX 或 XLSX）。",
       "Compares an old and a new version of a scheme (JSON or workbook), lists what was added, removed, "
       "renamed and changed, and can write the 变更对照表 (DOCX or XLSX).",
       {{"output", "变更对照表文件，.docx 或 .xlsx；可写多次", "the report, .docx or .xlsx; may be repeated",
         "只在屏幕上列出", "listed on screen only"},
        {"old-label", "旧版在对照表中的名称", "the old version's name in the report",
         "旧版的成文日期或文件修改日期", "the old version's 成文日期 or file date"},
        {"new-label", "新版在对照表中的名称", "the new version's name in the report",
         "新版的成文日期或文件修改日期", "the new version's 成文日期 or file date"}},
       "bangfu diff 2025.xlsx 2026.xlsx -o 变更对照表.docx --old-label 2025年版 --new-label 2026年版",
       "比较两年的方案并写出变更对照表",
       "compares two years' schemes and writes the change report"},
      {"new-plugin",
       "生成新地区插件的框架（开发人员用）",
       "scaffold a new region plugin (for developers)",
       "在 DIR/ID 下写出一个能编译、能生成示例表格的插件框架。",
       "Writes a plugin skeleton under DIR/ID that builds and renders a sample table.",
       {{"region", "地区名称，如 衢州市", "region name such as 衢州市", "插件编号", "the plugin id"},
        {"dir", "上级文件夹", "parent folder", "plugins", "plugins"}},
       "bangfu new-plugin quzhou --region 衢州市",
       "生成衢州插件的框架",
       "scaffolds a plugin for Quzhou"},
      {"check-region",
       "检查地区文件，列出每个问题及其位置",
       "check region files: every problem with its place",
       "读入一个或多个地区文件（ID.region."
       "json，不需编译的地区插件），列出每个错误和警告及其位置。不写任何文件。",
       "Reads one or more region files (ID.region.json, a region plugin without compiling) and lists "
       "every error and warning with its place. Writes nothing.",
       {},
       "bangfu check-region quzhou.region.json",
       "检查衢州的地区文件",
       "checks the Quzhou region file"},
      {"new-region",
       "生成新地区文件及其示例方案",
       "write a new region file and an example scheme",
       "在 DIR 下写出带注释的地区文件 ID.region.json 和它能生成的示例方案 ID-example.json；已存在时不覆盖。",
       "Writes a commented region file ID.region.json and an example scheme ID-example.json it renders "
       "into DIR; existing files are never replaced.",
       {{"region", "地区名称，如 衢州市", "region name such as 衢州市", "地区编号", "the region id"},
        {"dir", "写入的文件夹", "folder to write into", ".", "."}},
       "bangfu new-region quzhou --region 衢州市",
       "生成衢州的地区文件",
       "writes a region file for Quzhou"},
      {"serve",
       "打开本机网页工作台（检查、预览、下载、项目生成、人名排序）",
       "open the workbench page on this machine (check, preview, download, project build, names)",
       "在 127.0.0.1 上启动网页工作台，打印带随机口令的地址；用浏览器打开即可检查工作簿、预览和下载附件、"
       "生成项目和排序人名。数据不离开本机。按 Ctrl-C 停止。",
       "Starts the workbench page on 127.0.0.1 and prints its address with a random token; in a browser it "
       "checks workbooks, previews and downloads appendices, builds a project and sorts names. No data "
       "leaves the machine. Ctrl-C stops it.",
       {{"port", "端口（只在 127.0.0.1 上）", "port on 127.0.0.1", "任一空闲端口", "a free one"},
        {"open", "启动后用浏览器打开（xdg-open）", "open the page in the browser (xdg-open)", "不打开",
         "do not open"}},
       "bangfu serve examples/batch-demo --open",
       "打开网页工作台，并带上示例项目",
       "opens the workbench with the example project"},
  };
  return kTexts;
}

const CommandText* textOf(const std::string& name) {
  for (const auto& t : texts())
    if (name == t.name) return &t;
  return nullptr;
}

const OptionText* optionTextOf(const CommandText* command, const std::string& name) {
  if (!command) return nullptr;
  for (const auto& o : command->options)
    if (name == o.name) return &o;
  return nullptr;
}

/// `-o, --output OUT` as the option is spelled on the command line.
std::string spelling(const Poco::Util::Option& o) {
  std::string s = o.shortName().empty() ? "    " : "-" + o.shortName() + ", ";
  s += "--" + o.fullName();
  if (o.takesArgument()) s += " " + o.argumentName();
  return s;
}

struct OptionLine {
  std::string spelling;
  std::string text;
  std::string fallback;  ///< the default, or empty
};

std::vector<OptionLine> optionLines(const CommandRef& command, bool english) {
  const CommandText* t = textOf(command.name);
  std::vector<OptionLine> lines;
  for (const auto& o : command.options) {
    const OptionText* ot = optionTextOf(t, o.fullName());
    OptionLine line{spelling(o), o.description(), {}};
    if (ot) {
      line.text = english ? ot->en : ot->zh;
      const char* d = english ? ot->defaultEn : ot->defaultZh;
      if (d) line.fallback = d;
    }
    lines.push_back(std::move(line));
  }
  lines.push_back({"-h, --help", english ? "show this help" : "显示本说明", {}});
  return lines;
}

std::string summaryOf(const CommandRef& command, bool english) {
  const CommandText* t = textOf(command.name);
  if (!t) return {};
  return english ? t->summaryEn : t->summaryZh;
}

/// Text for roff: backslashes doubled, '-' as \-, a leading '.' or '\'' escaped.
std::string roff(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\')
      out += "\\e";
    else if (c == '-')
      out += "\\-";
    else
      out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

}  // namespace

void printCommandHelp(std::ostream& out, const CommandRef& command, bool english) {
  const CommandText* t = textOf(command.name);
  out << (english ? "usage: bangfu " : "用法：bangfu ") << command.synopsis << "\n\n";
  if (t) out << (english ? t->detailEn : t->detailZh) << "\n\n";
  out << (english ? "options:\n" : "选项：\n");
  std::size_t width = 0;
  const auto lines = optionLines(command, english);
  for (const auto& l : lines) width = std::max(width, l.spelling.size());
  for (const auto& l : lines) {
    out << "  " << l.spelling << std::string(width - l.spelling.size() + 2, ' ') << l.text;
    if (!l.fallback.empty())
      out << (english ? " (default: " + l.fallback + ")" : "（默认：" + l.fallback + "）");
    out << '\n';
  }
  if (t) {
    out << (english ? "\nexample: " : "\n示例：") << (english ? t->exampleEn : t->exampleZh) << "\n  "
        << t->example << '\n';
  }
}

void printOverview(std::ostream& out, const std::vector<CommandRef>& commands, bool english) {
  out << "bangfu " << kVersion
      << (english ? ": the appendix tables of pairing-assistance notices (\"结对帮扶方案\"), typeset to GB/T "
                    "9704-2012\n\n"
                  : "：结对帮扶方案通知附件表格，按 GB/T 9704-2012 排版\n\n");
  out << (english ? "commands:\n" : "命令：\n");
  std::size_t width = 0;
  for (const auto& c : commands) width = std::max(width, c.name.size());
  for (const auto& c : commands)
    out << "  " << c.name << std::string(width - c.name.size() + 2, ' ') << summaryOf(c, english) << '\n';
  out << (english ? "\nusage:\n" : "\n用法：\n");
  for (const auto& c : commands) out << "  bangfu " << c.synopsis << '\n';
  out << "  bangfu --version\n";
  out << (english ? "\n`bangfu COMMAND --help` explains a command, its options and an example.\n"
                    "exit status: 0 ok (warnings allowed), 1 bad input, 2 usage error, 3 internal or I/O "
                    "failure\n"
                  : "\n“bangfu 命令 --help”查看某个命令的说明、全部选项和示例。\n"
                    "退出码：0 成功（可有警告），1 输入有误，2 用法错误，3 内部或读写故障\n");
}

void printManPage(std::ostream& out, const std::vector<CommandRef>& commands, bool english) {
  // man(7): .TH title section date source manual. The date is the version's, so the
  // page is byte-stable between builds.
  out << ".TH BANGFU 1 \"\" \"bangfu " << kVersion << "\" \"" << (english ? "User Commands" : "用户命令")
      << "\"\n";
  out << ".SH " << (english ? "NAME" : "名称") << "\nbangfu \\- "
      << roff(english ? "appendix tables of pairing-assistance notices, typeset to GB/T 9704-2012"
                      : "结对帮扶方案通知附件表格，按 GB/T 9704-2012 排版")
      << "\n.SH " << (english ? "SYNOPSIS" : "用法") << '\n';
  for (const auto& c : commands) out << ".B bangfu\n" << roff(c.synopsis) << "\n.br\n";
  out << ".SH " << (english ? "COMMANDS" : "命令") << '\n';
  for (const auto& c : commands) {
    const CommandText* t = textOf(c.name);
    out << ".SS " << roff(c.name) << '\n';
    out << ".B bangfu " << roff(c.synopsis) << "\n.PP\n";
    if (t) out << roff(english ? t->detailEn : t->detailZh) << '\n';
    for (const auto& l : optionLines(c, english)) {
      out << ".TP\n.B " << roff(l.spelling) << '\n' << roff(l.text);
      if (!l.fallback.empty())
        out << roff(english ? " (default: " + l.fallback + ")" : "（默认：" + l.fallback + "）");
      out << '\n';
    }
    if (t) {
      out << ".PP\n"
          << roff(english ? t->exampleEn : t->exampleZh) << ":\n.PP\n.RS\n"
          << roff(t->example) << "\n.RE\n";
    }
  }
  out << ".SH " << (english ? "EXIT STATUS" : "退出码") << '\n'
      << roff(english ? "0 ok (warnings allowed), 1 bad input, 2 usage error, 3 internal or I/O failure."
                      : "0 成功（可有警告），1 输入有误，2 用法错误，3 内部或读写故障。")
      << "\n.SH " << (english ? "ENVIRONMENT" : "环境变量") << '\n'
      << roff(english ? "LANG, LC_ALL, LC_MESSAGES: English messages under an English locale (en_*), Chinese "
                        "otherwise. "
                        "SOURCE_DATE_EPOCH: the timestamp written into outputs."
                      : "LANG、LC_ALL、LC_MESSAGES：英文环境（en_*）下输出英文，否则输出中文。"
                        "SOURCE_DATE_EPOCH：写入输出文件的时间戳。")
      << '\n';
}

std::string writtenLine(const std::string& path, bool changed, bool english) {
  if (english) return (changed ? "wrote     " : "unchanged ") + path;
  return (changed ? "已写入 " : "未变   ") + path;
}

}  // namespace bangfu::cli
