#pragma once
/// 宿州 Suzhou 五大帮扶 (seed 003_edb7204d99b95347, 宿巩固办〔2022〕2号): a per-village
/// roster of the five kinds of assistance, and each helper's duty calendar from the
/// visit frequencies the notice states.
#include "bangfu/plugin/plugin.hpp"

namespace bangfu::plugins::suzhou {

inline constexpr const char* kId = "suzhou";
inline constexpr const char* kVersion = "1.0.0";
inline constexpr const char* kRegion = "安徽省宿州市";

class SuzhouPlugin : public plugin::JurisdictionPlugin {
 public:
  [[nodiscard]] std::vector<plugin::AppendixSpec> appendices() const override;
  void validate(const model::Scheme& scheme, diag::Diagnostics& diags) const override;
  [[nodiscard]] doc::Appendix render(const model::Scheme& scheme,
                                     const model::AppendixRef& ref) const override;
  [[nodiscard]] std::vector<plugin::EntityDocument> entityDocuments(
      const model::Scheme& scheme) const override;
  /// 履职日历: the duties of the calendar (who, what, how often, which months), one per row.
  [[nodiscard]] std::vector<plugin::InputSheetSpec> inputSheets() const override;
};

}  // namespace bangfu::plugins::suzhou
