#pragma once
/// 东丽 Dongli (seed 004_f3154bab04004104): the 困难村结对帮扶安排表 built from the
/// notice body, and the 领导小组及办公室组成人员名单 laid out as published.
#include "bangfu/plugin/plugin.hpp"

namespace bangfu::plugins::dongli {

inline constexpr const char* kId = "dongli";
inline constexpr const char* kVersion = "1.0.0";
inline constexpr const char* kRegion = "天津市东丽区";

class DongliPlugin : public plugin::JurisdictionPlugin {
 public:
  [[nodiscard]] std::vector<plugin::AppendixSpec> appendices() const override;
  void validate(const model::Scheme& scheme, diag::Diagnostics& diags) const override;
  [[nodiscard]] doc::Appendix render(const model::Scheme& scheme, const model::AppendixRef& ref) const override;
  /// 附件设置: the village table's headers and street cells, the office's layout.
  [[nodiscard]] std::vector<plugin::InputSheetSpec> inputSheets() const override;
};

}  // namespace bangfu::plugins::dongli
