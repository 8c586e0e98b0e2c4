#pragma once
// The marks above the 发文机关标志 (GB/T 9704-2012 7.2.1–7.2.3): 份号, 密级和保密期限,
// 紧急程度, read from the source's settings and checked for their forms.
#include <string>
#include <utility>

#include "bangfu/diag/diagnostic.hpp"
#include "bangfu/doc/notice_text.hpp"

namespace bangfu::notice {

/// A setting's value and where it was written; null when the source does not set it.
using SettingValue = const std::pair<std::string, diag::Location>*;

/// Sets head.copyNumber, head.secrecy and head.urgency from the settings 份号, 密级,
/// 保密期限 and 紧急程度. A value of the wrong form is an error at its setting (with the
/// corrected form as the fix where one is clear) and leaves its mark unset:
///  - 份号: Arabic digits, at most six, not all zero; printed with six digits (7.2.1);
///  - 密级: 绝密, 机密 or 秘密, optionally with its term after ★ (7.2.2);
///  - 保密期限: Arabic digits and 年 or 个月 (7.2.2: 保密期限中的数字用阿拉伯数字), or 长期,
///    only with a 密级; printed as 密级★期限;
///  - 紧急程度: 特急 or 加急 (7.2.3).
void readHeadMarks(SettingValue copyNumber, SettingValue secrecy, SettingValue term, SettingValue urgency,
                   doc::NoticeHead& head, diag::Diagnostics& diags);

}  // namespace bangfu::notice
