#pragma once
/// 东丽 Dongli (seed 004_f3154bab04004104): the 困难村结对帮扶安排表 built from the
/// notice body, and the 领导小组及办公室组成人员名单 laid out as published; per
/// street and per 帮扶单位, the 安排表 over that entity's villages (dongli_entities.cpp).
#include "bangfu/plugin/plugin.hpp"

namespace bangfu::plugins::dongli {

inline constexpr const char* kId = "dongli";
inline constexpr const char* kVersion = "1.0.0";
inline constexpr const char* kRegion = "天津市东丽区";

/// A 困难村: a village flagged "hard-village", one row of the 安排表.
[[nodiscard]] bool isHardVillage(const model::Area& area);

class DongliPlugin : public plugin::JurisdictionPlugin {
 public:
  [[nodiscard]] std::vector<plugin::AppendixSpec> appendices() const override;
  void validate(const model::Scheme& scheme, diag::Diagnostics& diags) const override;
  [[nodiscard]] doc::Appendix render(const model::Scheme& scheme,
                                     const model::AppendixRef& ref) const override;
  /// The 安排表 per 街道 (its villages' rows: 街道/新立街道) and per 帮扶单位 (the rows of
  /// the villages it or its 驻村工作组 helps: 帮扶单位/区建委), each over a slice that
  /// holds only those rows' villages, streets, pairings, units and groups.
  [[nodiscard]] std::vector<plugin::EntityDocument> entityDocuments(
      const model::Scheme& scheme) const override;
  /// 附件设置: the village table's headers and street cells, the office's layout.
  [[nodiscard]] std::vector<plugin::InputSheetSpec> inputSheets() const override;
};

}  // namespace bangfu::plugins::dongli
