// The workbench's handlers without a socket: routes, token, Host/Origin checks,
// limits, located errors instead of stack traces, and path checks.
#include "bangfu/serve/workbench.hpp"

#include <Poco/JSON/Parser.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "bangfu/batch/build.hpp"
#include "bangfu/doc/notice_text.hpp"
#include "bangfu/util/atomic_file.hpp"
#include "serve/state.hpp"
#include "zip/zip_writer.hpp"

namespace fs = std::filesystem;
using bangfu::serve::Request;
using bangfu::serve::Response;
using bangfu::serve::Workbench;

namespace {

constexpr int kPort = 18080;
const std::string kToken(32, 'a');

std::string source(const std::string& rel) { return std::string(BANGFU_SOURCE_DIR) + "/" + rel; }

class WorkbenchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("bangfu-serve-test-" + bangfu::serve::randomToken(6));
    fs::create_directories(root_);
    fs::copy(source("examples/batch-demo"), root_ / "project", fs::copy_options::recursive);
    bangfu::serve::Options o;
    o.port = kPort;
    o.token = kToken;
    o.projectDir = (root_ / "project").string();
    o.limits.maxUploadBytes = 4u << 20;
    o.limits.maxInflatedBytes = 8u << 20;
    bench_ = std::make_unique<Workbench>(o);
  }
  void TearDown() override {
    bench_.reset();
    fs::remove_all(root_);
  }

  static Request get(const std::string& path, std::map<std::string, std::string> query = {}) {
    Request r;
    r.method = "GET";
    r.path = path;
    r.query = std::move(query);
    r.headers = {{"host", "127.0.0.1:" + std::to_string(kPort)}, {"x-bangfu-token", kToken}};
    return r;
  }
  static Request post(const std::string& path, std::string body,
                      std::map<std::string, std::string> query = {}) {
    Request r = get(path, std::move(query));
    r.method = "POST";
    r.body = std::move(body);
    return r;
  }
  static Poco::JSON::Object::Ptr parse(const Response& r) {
    Poco::JSON::Parser parser;
    return parser.parse(r.body).extract<Poco::JSON::Object::Ptr>();
  }
  /// The code of the one diagnostic of a problem answer.
  static std::string code(const Response& r) {
    auto d =
        parse(r)->getObject("diagnostics")->getArray("groups")->getObject(0)->getArray("items")->getObject(0);
    return d->getValue<std::string>("code");
  }
  Response check(const std::string& file, const std::string& name) {
    Request r = post("/api/check", bangfu::util::readFile(file));
    r.headers["x-file-name"] = name;
    return bench_->handle(r);
  }

  fs::path root_;
  std::unique_ptr<Workbench> bench_;
};

TEST_F(WorkbenchTest, ThePageNeedsTheTokenAndCarriesIt) {
  Request r = get("/");
  r.headers.erase("x-bangfu-token");
  EXPECT_EQ(bench_->handle(r).status, 403);
  r.query["token"] = std::string(32, 'b');
  EXPECT_EQ(bench_->handle(r).status, 403);
  r.query["token"] = kToken;
  const Response page = bench_->handle(r);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.contentType.find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find(kToken), std::string::npos);
  EXPECT_EQ(page.body.find("__BANGFU_TOKEN__"), std::string::npos);
  // No request outside the machine: nothing loaded from another host.
  EXPECT_EQ(page.body.find("http://"), std::string::npos);
  EXPECT_EQ(page.body.find("https://"), std::string::npos);
}

TEST_F(WorkbenchTest, EveryApiCallNeedsTheToken) {
  Request r = get("/api/plugins");
  EXPECT_EQ(bench_->handle(r).status, 200);
  r.headers.erase("x-bangfu-token");
  EXPECT_EQ(bench_->handle(r).status, 403);
  r.query["token"] = kToken;  // downloads and the event stream carry it in the query
  EXPECT_EQ(bench_->handle(r).status, 200);
  r.query["token"] = kToken.substr(1);
  EXPECT_EQ(bench_->handle(r).status, 403);
}

TEST_F(WorkbenchTest, ForeignHostsAreRefusedAgainstDnsRebinding) {
  for (const std::string host :
       {"evil.example:18080", "127.0.0.1", "127.0.0.1:80", "localhost.evil:18080", ""}) {
    Request r = get("/api/plugins");
    r.headers["host"] = host;
    EXPECT_EQ(bench_->handle(r).status, 403) << host;
  }
  for (const std::string host : {"localhost:18080", "[::1]:18080"}) {
    Request r = get("/api/plugins");
    r.headers["host"] = host;
    EXPECT_EQ(bench_->handle(r).status, 200) << host;
  }
}

TEST_F(WorkbenchTest, PostsNeedTheHeaderAndTheirOwnOrigin) {
  Request r = post("/api/names", "张伟\n", {{"order", "stroke"}});
  EXPECT_EQ(bench_->handle(r).status, 200);
  r.headers["origin"] = "http://evil.example";
  EXPECT_EQ(bench_->handle(r).status, 403);
  r.headers["origin"] = "http://127.0.0.1:18080";
  EXPECT_EQ(bench_->handle(r).status, 200);
  r.headers.erase("x-bangfu-token");
  r.query["token"] = kToken;  // a form of another page can put it in the URL, not in a header
  EXPECT_EQ(bench_->handle(r).status, 403);
  Request cross = get("/api/plugins");
  cross.headers["sec-fetch-site"] = "cross-site";
  EXPECT_EQ(bench_->handle(cross).status, 403);
  Request put = get("/api/plugins");
  put.method = "PUT";
  EXPECT_EQ(bench_->handle(put).status, 405);
}

TEST_F(WorkbenchTest, UnknownRoutesAndUploadsAreLocatedJsonNotPages) {
  const Response r = bench_->handle(get("/etc/passwd"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(code(r), "serve.not-found");
  for (const std::string& id :
       std::vector<std::string>{"", "../../etc/passwd", std::string(32, 'z'), std::string(32, 'f')}) {
    const Response u = bench_->handle(get("/api/output", {{"id", id}, {"format", "docx"}}));
    EXPECT_EQ(u.status, 404) << id;
    EXPECT_EQ(code(u), "serve.unknown-upload");
  }
}

TEST_F(WorkbenchTest, UploadLimitsAndTypes) {
  Request big = post("/api/check", "");
  big.headers["x-file-name"] = "a.xlsx";
  big.bodyTooLarge = true;
  EXPECT_EQ(bench_->handle(big).status, 413);
  Request over = post("/api/check", std::string((4u << 20) + 1, 'x'));
  over.headers["x-file-name"] = "a.xlsx";
  EXPECT_EQ(code(bench_->handle(over)), "serve.too-large");
  Request empty = post("/api/check", "");
  empty.headers["x-file-name"] = "a.xlsx";
  EXPECT_EQ(code(bench_->handle(empty)), "serve.empty");
  Request exe = post("/api/check", "MZ");
  exe.headers["x-file-name"] = "a.exe";
  EXPECT_EQ(code(bench_->handle(exe)), "serve.bad-type");
  Request names = post("/api/names", std::string((1u << 20) + 1, 'x'), {{"order", "stroke"}});
  EXPECT_EQ(bench_->handle(names).status, 413);
}

TEST_F(WorkbenchTest, AWorkbookThatInflatesBeyondTheBudgetIsRefusedBeforeItIsRead) {
  bangfu::zip::ZipWriter zip(0);
  zip.addPart("[Content_Types].xml", "<Types/>");
  zip.addPart("xl/worksheets/sheet1.xml", std::string(9u << 20, ' '));  // deflates to a few KB
  const std::string bomb = zip.finish();
  ASSERT_LT(bomb.size(), 4u << 20);
  Request r = post("/api/check", bomb);
  r.headers["x-file-name"] = "bomb.xlsx";
  const Response res = bench_->handle(r);
  auto item =
      parse(res)->getObject("diagnostics")->getArray("groups")->getObject(0)->getArray("items")->getObject(0);
  EXPECT_EQ(item->getValue<std::string>("code"), "serve.too-large");
}

TEST_F(WorkbenchTest, ABrokenWorkbookGetsTheCliDiagnosticWithTheClerksFileName) {
  const fs::path junk = root_ / "坏.xlsx";
  std::ofstream(junk) << "not a zip";
  const Response r = check(junk.string(), "%E5%9D%8F.xlsx");  // 坏.xlsx, as the page encodes it
  ASSERT_EQ(r.status, 200);
  auto o = parse(r);
  EXPECT_FALSE(o->getValue<bool>("ok"));
  EXPECT_EQ(o->getValue<std::string>("file"), "坏.xlsx");
  auto item = o->getObject("diagnostics")->getArray("groups")->getObject(0)->getArray("items")->getObject(0);
  EXPECT_EQ(item->getValue<std::string>("code"), "xlsx.not-zip");
  EXPECT_EQ(r.body.find(bench_->uploadDir()), std::string::npos) << "the private folder never shows";
}

TEST_F(WorkbenchTest, ACheckedSchemeRendersItsAppendicesAndOffersTheirFiles) {
  const Response r = check(source("examples/lishui-2019/scheme.json"), "lishui.json");
  auto o = parse(r);
  ASSERT_TRUE(o->getValue<bool>("ok")) << r.body.substr(0, 400);
  auto appendices = o->getArray("appendices");
  ASSERT_EQ(appendices->size(), 2u);
  const std::string html = appendices->getObject(1)->getValue<std::string>("html");
  EXPECT_NE(html.find("<tr class=\"total\">"), std::string::npos);
  EXPECT_NE(html.find("157"), std::string::npos);
  EXPECT_NE(html.find("class=\"notes\""), std::string::npos);
  const std::string id = o->getValue<std::string>("id");
  const Response docx =
      bench_->handle(get("/api/output", {{"id", id}, {"appendix", "1"}, {"format", "docx"}}));
  EXPECT_EQ(docx.status, 200);
  EXPECT_EQ(docx.downloadName, "附件2-市级结对帮扶团组安排方案.docx");
  EXPECT_EQ(docx.body.substr(0, 2), "PK");
  const Response zip =
      bench_->handle(get("/api/output", {{"id", id}, {"appendix", "all"}, {"format", "zip"}}));
  EXPECT_EQ(zip.status, 200);
  EXPECT_EQ(zip.downloadName.substr(zip.downloadName.size() - 4), ".zip");
  EXPECT_EQ(bench_->handle(get("/api/output", {{"id", id}, {"appendix", "9"}, {"format", "docx"}})).status,
            404);
  EXPECT_EQ(bench_->handle(get("/api/output", {{"id", id}, {"appendix", "-1"}, {"format", "docx"}})).status,
            404);
  EXPECT_EQ(bench_->handle(get("/api/output", {{"id", id}, {"appendix", "0"}, {"format", "exe"}})).status,
            400);
  // A JSON scheme has no cells to mark.
  EXPECT_EQ(bench_->handle(get("/api/marked", {{"id", id}})).status, 400);
}

TEST_F(WorkbenchTest, PageImagesWithoutLibreOfficeSayWhatToInstall) {
  const Response r = check(source("examples/lishui-2019/scheme.json"), "lishui.json");
  const std::string id = parse(r)->getValue<std::string>("id");
  ::setenv("BANGFU_SOFFICE", "/nonexistent/soffice", 1);
  const Response pages = bench_->handle(get("/api/pages", {{"id", id}, {"appendix", "0"}}));
  const Response pdf = bench_->handle(get("/api/output", {{"id", id}, {"appendix", "0"}, {"format", "pdf"}}));
  ::unsetenv("BANGFU_SOFFICE");
  EXPECT_EQ(pages.status, 503);
  EXPECT_EQ(code(pages), "serve.pdf-unavailable");
  EXPECT_NE(parse(pages)->getValue<std::string>("message").find("LibreOffice"), std::string::npos)
      << pages.body;
  EXPECT_EQ(code(pdf), "serve.pdf-unavailable");
  // DOCX still works.
  EXPECT_EQ(bench_->handle(get("/api/output", {{"id", id}, {"appendix", "0"}, {"format", "docx"}})).status,
            200);
}

TEST_F(WorkbenchTest, ProjectOutputsCannotLeaveTheOutputFolder) {
  fs::create_directories(root_ / "project/out/x");
  std::ofstream(root_ / "project/out/x/a.docx") << "doc";
  std::ofstream(root_ / "secret.txt") << "secret";
  fs::create_symlink(root_ / "secret.txt", root_ / "project/out/link.txt");
  EXPECT_EQ(bench_->handle(get("/api/project/output", {{"path", "x/a.docx"}})).status, 200);
  for (const std::string bad : {"../bangfu-project.json", "/etc/passwd", "x/../../secret.txt", "link.txt",
                                "x", "", "./x/a.docx", "x/../x/a.docx"}) {
    const Response r = bench_->handle(get("/api/project/output", {{"path", bad}}));
    EXPECT_EQ(r.status, 404) << bad;
    EXPECT_EQ(r.body.find("secret"), std::string::npos) << bad;
  }
  for (const std::string index : {"", "-1", "3", "1x", "../0"})
    EXPECT_EQ(bench_->handle(get("/api/diff", {{"index", index}})).status, 404) << index;
}

TEST_F(WorkbenchTest, AReuploadedSchemeKeepsTheOldOneAsAVersionAndANonSchemeReplacesNothing) {
  const fs::path scheme = root_ / "project/schemes/lishui-2019.json";
  const std::string before = bangfu::util::readFile(scheme.string());
  Request bad = post("/api/scheme", "{ not json", {{"index", "0"}});
  EXPECT_EQ(bench_->handle(bad).status, 422);
  EXPECT_EQ(bangfu::util::readFile(scheme.string()), before);
  std::string after = before;
  after.replace(after.find("市人防办"), std::string("市人防办").size(), "市人民防空办公室");
  EXPECT_EQ(bench_->handle(get("/api/diff", {{"index", "0"}})).status, 404);  // no version yet
  ASSERT_EQ(bench_->handle(post("/api/scheme", after, {{"index", "0"}})).status, 200);
  EXPECT_EQ(bangfu::util::readFile(scheme.string()), after);
  const Response diff = bench_->handle(get("/api/diff", {{"index", "0"}}));
  ASSERT_EQ(diff.status, 200) << diff.body;
  EXPECT_NE(parse(diff)->getValue<std::string>("html").find("市人民防空办公室"), std::string::npos);
  const Response docx = bench_->handle(get("/api/diff", {{"index", "0"}, {"format", "docx"}}));
  EXPECT_EQ(docx.downloadName, "变更对照表-lishui-2019.docx");
}

TEST_F(WorkbenchTest, ABuildWhileTheProjectIsLockedGetsTheLocksMessage) {
  bangfu::batch::ProjectLock lock((root_ / "project").string());
  const Response r = bench_->handle(get("/api/build"));
  ASSERT_TRUE(r.stream);
  std::ostringstream out;
  r.stream(out);
  EXPECT_NE(out.str().find("event: busy"), std::string::npos) << out.str();
  EXPECT_EQ(out.str().find("event: summary"), std::string::npos);
}

/// A stream that tells when the build has started (it holds the build then).
class StartWatch : public std::stringbuf {
 public:
  std::promise<void> started;
  int sync() override {
    if (!told_ && str().find("event: start") != std::string::npos) {
      told_ = true;
      started.set_value();
    }
    return 0;
  }

 private:
  bool told_ = false;
};

TEST_F(WorkbenchTest, ASecondTabAskingForABuildWhileOneRunsGetsTheBusyMessage) {
  StartWatch firstBuf;
  std::ostream first(&firstBuf);
  auto started = firstBuf.started.get_future();
  const Response a = bench_->handle(get("/api/build"));
  std::thread running([&] { a.stream(first); });
  started.wait();
  std::ostringstream second;
  bench_->handle(get("/api/build")).stream(second);
  running.join();
  EXPECT_NE(second.str().find("event: busy"), std::string::npos) << second.str();
  EXPECT_NE(firstBuf.str().find("event: progress"), std::string::npos);
  EXPECT_NE(firstBuf.str().find("event: summary"), std::string::npos);
  EXPECT_NE(firstBuf.str().find("\"failed\":[]"), std::string::npos)
      << firstBuf.str().substr(firstBuf.str().size() - 300);
}

TEST_F(WorkbenchTest, NamesAreSortedPaddedAndRepeatsMarked) {
  const Response r = bench_->handle(post("/api/names", "张伟、丁一，张伟 王　峰", {{"order", "stroke"}}));
  ASSERT_EQ(r.status, 200);
  auto names = parse(r)->getArray("names");
  ASSERT_EQ(names->size(), 4u);
  EXPECT_EQ(names->getObject(0)->getValue<std::string>("padded"), "丁\u3000一");
  EXPECT_EQ(names->getObject(1)->getValue<std::string>("name"), "王峰");
  EXPECT_FALSE(names->getObject(2)->getValue<bool>("duplicate"));
  EXPECT_TRUE(names->getObject(3)->getValue<bool>("duplicate"));
  EXPECT_EQ(bench_->handle(post("/api/names", "x", {{"order", "radical"}})).status, 400);
}

TEST_F(WorkbenchTest, TheNoticeTextIsPreviewedAndItsDocxHasTheAppendicesBoundIn) {
  // The lishui scheme with its text inline (notice.body), as a JSON upload carries it.
  std::string json = bangfu::util::readFile(source("examples/lishui-2019/scheme.json"));
  const std::string key = "\"notice\": {";
  const auto at = json.find(key);
  ASSERT_NE(at, std::string::npos);
  json.insert(at + key.size(), "\"body\": [\"一、范围对象\", \"对象为重点帮扶村<b>。\"], ");
  const fs::path file = root_ / "lishui.json";
  bangfu::util::writeFileAtomic(file.string(), json);
  const Response r = check(file.string(), "lishui.json");
  auto o = parse(r);
  ASSERT_TRUE(o->getValue<bool>("ok")) << r.body.substr(0, 600);
  ASSERT_TRUE(o->has("notice")) << r.body.substr(0, 600);
  const std::string html = o->getObject("notice")->getValue<std::string>("html");
  const auto head = html.find("丽委办发〔2019〕23号");
  const auto heading = html.find("<p class=\"h1p\">一、范围对象</p>");
  const auto body = html.find("对象为重点帮扶村&lt;b&gt;。");
  const auto attachments = html.find("附件：");
  EXPECT_NE(head, std::string::npos);
  EXPECT_NE(heading, std::string::npos);
  EXPECT_NE(body, std::string::npos);
  EXPECT_NE(attachments, std::string::npos);
  EXPECT_TRUE(head < heading && heading < body && body < attachments) << html.substr(0, 800);
  EXPECT_NE(html.find("1.市级领导结对帮扶方案"), std::string::npos);
  const std::string id = o->getValue<std::string>("id");
  const Response docx =
      bench_->handle(get("/api/output", {{"id", id}, {"appendix", "notice"}, {"format", "docx"}}));
  ASSERT_EQ(docx.status, 200) << docx.body.substr(0, 300);
  EXPECT_EQ(docx.downloadName, "关于做好新一轮扶贫结对帮扶工作的通知.docx");
  std::istringstream in(docx.body);
  const Poco::Zip::ZipArchive archive(in);
  const auto part = archive.findHeader("word/document.xml");
  ASSERT_NE(part, archive.headerEnd());
  in.clear();
  in.seekg(static_cast<std::streamoff>(part->second.getStartPos()));
  Poco::Zip::ZipInputStream zin(in, part->second);
  const std::string xml((std::istreambuf_iterator<char>(zin)), std::istreambuf_iterator<char>());
  const auto inNotice = xml.find("对象为重点帮扶村&lt;b&gt;。");
  const auto inAppendix = xml.find("市级结对帮扶团组安排方案", inNotice == std::string::npos ? 0 : inNotice);
  EXPECT_NE(inNotice, std::string::npos);
  EXPECT_NE(inAppendix, std::string::npos) << "the appendices follow the notice in one DOCX";
  EXPECT_NE(xml.find("157"), std::string::npos);
}

TEST_F(WorkbenchTest, MessagesNameTheClerksFileNeverThePrivateCopy) {
  // Two units of one name: ref.duplicate-units quotes the first one's place.
  const fs::path file = root_ / "dup.json";
  bangfu::util::writeFileAtomic(file.string(), R"({"bangfu": 1, "units": [{"name": "a"}, {"name": "a"}]})");
  const Response r = check(file.string(), "重复.json");
  EXPECT_NE(r.body.find("ref.duplicate-units"), std::string::npos) << r.body.substr(0, 400);
  EXPECT_NE(r.body.find("首次出现于 重复.json"), std::string::npos) << r.body.substr(0, 600);
  EXPECT_EQ(r.body.find(bench_->uploadDir()), std::string::npos) << r.body.substr(0, 600);
}

TEST(ServeHtmlTest, TheNoticeShowsEveryPartInOrderAndEscapesEveryText) {
  bangfu::doc::NoticeText t;
  t.head.copyNumber = "000123";
  t.head.urgency = "特急";
  t.head.issuerLines = {"中共浙江省委办公厅", "浙江省人民政府办公厅"};
  t.head.docNumber = "浙委办发〔2014〕8号";
  t.head.signers = {"张三", "李四"};
  t.title = "关于<做好>结对帮扶工作的通知";
  t.recipients = "各市、县（市、区）党委和人民政府";
  t.blocks.emplace_back(bangfu::doc::Paragraph::text("一、范围", bangfu::doc::ParagraphRole::Heading1));
  bangfu::doc::Paragraph runIn;
  runIn.runs = {{"（一）工作目标。", bangfu::doc::Face::Kai, false},
                {"按照要求。", bangfu::doc::Face::Inherit, false}};
  t.blocks.emplace_back(runIn);
  t.blocks.emplace_back(bangfu::doc::AttachmentNote{{"甲方案", "乙方案"}});
  t.blocks.emplace_back(bangfu::doc::SignatureBlock{{"中共浙江省委办公厅"}, "2014年1月24日", false});
  t.blocks.emplace_back(bangfu::doc::Annotation{"（此件公开发布）"});
  t.imprint = {"省委各部委", "中共浙江省委办公厅", "2014年1月27日"};
  const std::string html = bangfu::serve::detail::noticeHtml(t);
  std::size_t at = 0;
  for (const std::string part : {"000123",
                                 "class=\"marking hei\">特急",
                                 "class=\"issuer stacked\"",
                                 "中共浙江省委办公厅<br>浙江省人民政府办公厅",
                                 ">文件<",
                                 "浙委办发〔2014〕8号",
                                 "签发人：<span class=\"kai\">张三　李四</span>",
                                 "class=\"red-line\"",
                                 "关于&lt;做好&gt;结对帮扶工作的通知",
                                 "各市、县（市、区）党委和人民政府：",
                                 "<p class=\"h1p\">一、范围</p>",
                                 "<span class=\"kai\">（一）工作目标。</span>按照要求。",
                                 "附件：",
                                 "1.甲方案",
                                 "2.乙方案",
                                 "class=\"signature\"",
                                 "2014年1月24日",
                                 "（此件公开发布）",
                                 "抄送：省委各部委。",
                                 "中共浙江省委办公厅</span><span>2014年1月27日印发"}) {
    const auto found = html.find(part, at);
    ASSERT_NE(found, std::string::npos) << part << "\n" << html;
    at = found + part.size();
  }
  EXPECT_EQ(html.find("<做好>"), std::string::npos);
}

TEST(ServeHtmlTest, TablesKeepMergesAndTotalsAndEscapeEveryText) {
  bangfu::doc::Appendix a;
  a.label = "附件1";
  a.title = "<script>alert(1)</script>";
  bangfu::doc::Table t;
  t.columns = {{"a", 1}, {"b", 1}};
  bangfu::doc::Row head{{bangfu::doc::Cell::text("县"), bangfu::doc::Cell::text("单位")},
                        bangfu::doc::RowKind::Header};
  bangfu::doc::Cell merged = bangfu::doc::Cell::text("莲都区");
  merged.rowSpan = 2;
  bangfu::doc::Row body{{merged, bangfu::doc::Cell::text("a&b")}, bangfu::doc::RowKind::Body};
  bangfu::doc::Row total{{bangfu::doc::Cell::num(3)}, bangfu::doc::RowKind::Total};
  total.cells[0].colSpan = 2;
  t.rows = {head, body, total};
  a.blocks.emplace_back(t);
  bangfu::doc::NameList list;
  list.entries = {{"组长", {"王峰"}}, {"副组长", {"李金英", "张伟"}}};
  a.blocks.emplace_back(list);
  bangfu::doc::Notes notes;
  notes.items = {"原则上按照各县（市、区）安排。"};
  a.blocks.emplace_back(notes);
  const std::string html = bangfu::serve::detail::appendixHtml(a);
  // Name lists as printed: labels equalised, two-character names padded.
  EXPECT_NE(html.find("组\u3000长："), std::string::npos);
  EXPECT_NE(html.find("<span>王\u3000峰</span>"), std::string::npos);
  EXPECT_NE(html.find("<span>李金英</span>"), std::string::npos);
  EXPECT_NE(html.find("说明：</span><ol><li>原则上"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(html.find("rowspan=\"2\""), std::string::npos);
  EXPECT_NE(html.find("colspan=\"2\""), std::string::npos);
  EXPECT_NE(html.find("a&amp;b"), std::string::npos);
  EXPECT_NE(html.find("<tr class=\"total\">"), std::string::npos);
}

TEST(ServeWorkbenchLifeTest, ThePageIsChineseByDefaultAndEnglishUnderAnEnglishLocale) {
  for (const bool english : {false, true}) {
    bangfu::serve::Options o;
    o.port = kPort;
    o.token = kToken;
    o.english = english;
    Workbench bench(o);
    Request r;
    r.method = "GET";
    r.path = "/";
    r.query = {{"token", kToken}};
    r.headers = {{"host", "localhost:18080"}};
    const std::string body = bench.handle(r).body;
    EXPECT_NE(body.find(english ? "<html lang=\"en\">" : "<html lang=\"zh-CN\">"), std::string::npos);
    EXPECT_NE(body.find(english ? "const EN = \"en\" === \"en\"" : "const EN = \"zh\" === \"en\""),
              std::string::npos);
    Request bad = r;
    bad.query.clear();
    const std::string msg = bench.handle(bad).body;
    EXPECT_NE(msg.find(english ? "open the page with the full address" : "请使用"), std::string::npos) << msg;
  }
}

TEST(ServeWorkbenchLifeTest, TheUploadFolderIsPrivateAndRemovedWithTheWorkbench) {
  std::string dir;
  {
    bangfu::serve::Options o;
    o.port = kPort;
    Workbench bench(o);
    dir = bench.uploadDir();
    EXPECT_EQ(bench.token().size(), 32u);
    EXPECT_EQ(fs::status(dir).permissions() & fs::perms::all, fs::perms::owner_all);
    EXPECT_NE(bench.url().find("http://127.0.0.1:18080/?token=" + bench.token()), std::string::npos);
  }
  EXPECT_FALSE(fs::exists(dir));
}

}  // namespace
