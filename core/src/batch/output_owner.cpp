#include "batch/output_owner.hpp"

#include <Poco/File.h>
#include <sys/stat.h>

#include <cstdlib>
#include <memory>

#include "bangfu/util/atomic_file.hpp"

namespace bangfu::batch::detail {

namespace {

std::string realPath(const std::string& path) {
  std::unique_ptr<char, decltype(&std::free)> p(::realpath(path.c_str(), nullptr), &std::free);
  return p ? std::string(p.get()) : std::string();
}

bool isRegularFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

void outside(diag::Diagnostics& diags, const Project& project, const std::string& zh, const std::string& en) {
  diag::Location where;
  where.file = project.file;
  where.field = project.outputRel.empty() ? "--out" : "output";
  diags.error("project.output-outside", where, zh, en,
              project.outputRel.empty()
                  ? "用 --out 指定项目文件夹之外、且不包含项目文件夹的文件夹"
                  : "\"output\": \"out\"；要写到项目之外，请在命令行用 bangfu build --out 文件夹",
              project.outputRel.empty()
                  ? "with --out, name a folder outside the project folder that does not hold it"
                  : "\"output\": \"out\"; to write outside the project, say bangfu build --out FOLDER on the "
                    "command line");
}

/// Creates the output folder. Inside the project it is made one component at a
/// time without following links; a folder from the command line is the user's
/// explicit choice and may be anywhere but around the project.
bool createOutputFolder(const Project& project, diag::Diagnostics& diags) {
  if (!project.outputRel.empty()) {
    try {
      util::makeFolderWithin(project.dir, project.outputRel);
    } catch (const util::PathRefused& e) {
      outside(diags, project, std::string("输出文件夹") + e.what() + "，bangfu 不经符号链接写到项目之外",
              e.english() + "; bangfu does not write outside the project through a link");
      return false;
    }
    if (!util::resolvesWithin(project.outputDir, project.dir)) {
      outside(diags, project, "输出文件夹“" + project.outputDir + "”解析后不在项目文件夹内",
              "the output folder '" + project.outputDir + "' does not resolve inside the project folder");
      return false;
    }
  } else {
    Poco::File(project.outputDir).createDirectories();
  }
  if (util::resolvesWithin(project.dir, project.outputDir)) {
    outside(diags, project, "输出文件夹“" + project.outputDir + "”是项目文件夹或包含项目文件夹",
            "the output folder '" + project.outputDir + "' is the project folder or contains it");
    return false;
  }
  return true;
}

}  // namespace

void internalError(BuildReport& report, const std::string& code, const std::string& file,
                   const std::string& zh, const std::string& en) {
  diag::Location where;
  where.file = file;
  report.diags.error(code, where, zh, en);
  ++report.internalErrors;
}

bool openOutput(const Project& project, OpenedOutput& out, diag::Diagnostics& diags) {
  if (!createOutputFolder(project, diags)) return false;
  out.folder = std::make_unique<util::OutputFolder>(project.outputDir);
  out.folder->removeStaleTemps();
  out.projectReal = realPath(project.file);
  out.outputReal = realPath(project.outputDir);
  out.manifestPath = project.outputDir + "/" + kManifestFile;
  ManifestState state = ManifestState::Missing;
  out.manifest = readManifest(out.manifestPath, diags, &state);
  if (state != ManifestState::Read) return true;
  const Manifest& m = out.manifest;
  out.owned = !m.project.empty() && m.project == out.projectReal && m.outputDir == out.outputReal;
  if (out.owned) return true;

  diag::Location where;
  where.file = out.manifestPath;
  if (!m.project.empty() && m.outputDir == out.outputReal && m.project != out.projectReal &&
      isRegularFile(m.project)) {
    // Two projects in one folder would each delete the other's outputs as vanished.
    where.field = "project";
    diags.error("build.output-taken", where,
                "输出文件夹已由另一个项目使用：" + util::printable(m.project) +
                    "；两个项目共用一个输出文件夹会互相删除对方的文件，本次未写入任何文件",
                "the output folder is used by another project: " + util::printable(m.project) +
                    "; two projects sharing one output folder would delete each other's files, so nothing "
                    "was written",
                "为本项目设置另一个 \"output\"（或 --out）；若那个项目已不再使用该文件夹，删除 " +
                    out.manifestPath + " 后重试（不会删除任何文件）",
                "give this project another \"output\" (or --out); if that project no longer uses the folder, "
                "delete " +
                    out.manifestPath + " and retry (that deletes no output)");
    return false;
  }
  if (m.project.empty()) {
    diags.warning("manifest.foreign", where,
                  "构建清单没有记录所属的项目（由旧版本写出），本次不据此删除任何文件；构建后会记录本项目",
                  "the build manifest names no project (an older version wrote it); nothing is deleted on "
                  "its strength, "
                  "and this build records this project");
  } else {
    diags.warning("manifest.foreign", where,
                  "构建清单属于另一个位置的项目（" + util::printable(m.project) + "，输出文件夹 " +
                      util::printable(m.outputDir) + "），多半是复制来的；本次不据此删除任何文件",
                  "the build manifest belongs to a project elsewhere (" + util::printable(m.project) +
                      ", output folder " + util::printable(m.outputDir) +
                      "), most likely copied; nothing is deleted on its strength");
  }
  return true;
}

bool outputMatches(util::OutputFolder& folder, const std::string& rel, const ManifestEntry& entry) {
  struct stat st {};
  if (!folder.statFile(rel, st) || static_cast<std::uint64_t>(st.st_size) != entry.size) return false;
  if (static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec == entry.mtimeNs)
    return true;
  try {
    return sha256(util::readFile(folder.pathOf(rel))) == entry.output;
  } catch (const std::exception&) {
    return false;
  }
}

void removeVanished(OpenedOutput& out, Manifest& current, const std::set<std::string>& declared,
                    const std::set<std::string>& failedSchemes, BuildReport& report) {
  util::OutputFolder& folder = *out.folder;
  for (const auto& made : folder.created()) current.folders.insert(made);
  if (!out.owned) return;
  for (auto it = current.outputs.begin(); it != current.outputs.end();) {
    const std::string& rel = it->first;
    const ManifestEntry& entry = it->second;
    if (declared.count(rel) != 0 || failedSchemes.count(entry.scheme) != 0) {
      ++it;
      continue;
    }
    // Ours only if it is still the file this manifest recorded writing.
    auto isOurs = [&](int fd, const struct stat& st) {
      if (static_cast<std::uint64_t>(st.st_size) != entry.size) return false;
      if (static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec == entry.mtimeNs)
        return true;
      try {
        return sha256(util::readFd(fd, folder.pathOf(rel))) == entry.output;
      } catch (const std::exception&) {
        return false;
      }
    };
    util::OutputFolder::Removal removal = util::OutputFolder::Removal::Kept;
    try {
      removal = folder.removeFile(rel, isOurs);
    } catch (const util::PathRefused& e) {
      diag::Location where;
      where.file = folder.pathOf(rel);
      report.diags.warning("build.kept", where, std::string(e.what()) + "，未删除",
                           e.english() + "; not deleted");
      it = current.outputs.erase(it);
      continue;
    } catch (const util::IoError& e) {
      report.failed.push_back(rel);
      internalError(report, "build.remove", e.path(), e.unlocated(false), e.unlocated(true));
      ++it;
      continue;
    }
    if (removal == util::OutputFolder::Removal::Kept) {
      // Not deleted, and no longer ours: the entry goes, so no later build deletes it either.
      diag::Location where;
      where.file = folder.pathOf(rel);
      report.diags.warning(
          "build.kept", where,
          "项目已不再生成此文件，但它已被改动或替换（不是 bangfu 写出的那个文件），故未删除",
          "the project no longer produces this file, but it was changed or replaced since bangfu "
          "wrote it, so it was not deleted",
          "不再需要时请自行删除", "delete it yourself once it is no longer needed");
    } else {
      report.removed.push_back(rel);
      folder.pruneParents(rel, current.folders);
    }
    it = current.outputs.erase(it);
  }
}

}  // namespace bangfu::batch::detail
