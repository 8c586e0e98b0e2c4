#pragma once
/// 丽水 Lishui: 附件1 市级领导结对帮扶方案, 附件2 市级结对帮扶团组安排方案 (seed
/// 000_5c417f67f70bf3f8), and the 2018 东西部扶贫协作结对关系一览表 (seed 001_56174073b50e21eb).
#include "bangfu/plugin/plugin.hpp"

namespace bangfu::plugins::lishui {

inline constexpr const char* kId = "lishui";
inline constexpr const char* kVersion = "1.0.0";
inline constexpr const char* kRegion = "浙江省丽水市";

class LishuiPlugin : public plugin::JurisdictionPlugin {
 public:
  [[nodiscard]] std::vector<plugin::AppendixSpec> appendices() const override;
  void validate(const model::Scheme& scheme, diag::Diagnostics& diags) const override;
  [[nodiscard]] doc::Appendix render(const model::Scheme& scheme,
                                     const model::AppendixRef& ref) const override;
  [[nodiscard]] std::vector<plugin::EntityDocument> entityDocuments(
      const model::Scheme& scheme) const override;
  /// 附件设置: the printed column headers of 附件1 and 附件2 and the 黑体 of 指导员派出单位.
  [[nodiscard]] std::vector<plugin::InputSheetSpec> inputSheets() const override;
};

}  // namespace bangfu::plugins::lishui
