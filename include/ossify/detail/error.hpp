/// @file
/// @brief Internal spellings of the error helpers: the public ones are in `<ossify/error.hpp>`
/// (`ossify::require_in_range` ...); these names keep internal code short.
#include "../config.hpp"
#ifndef OSSIFY_DETAIL_ERROR_HPP
#define OSSIFY_DETAIL_ERROR_HPP

#include "../error.hpp"

OSSIFY_NAMESPACE_BEGIN
namespace detail {
using ::ossify::format_value;
using ::ossify::require_in_range;
using ::ossify::require_non_negative;
using ::ossify::require_positive;
using ::ossify::throw_out_of_range;
}  // namespace detail
OSSIFY_NAMESPACE_END

#endif  // OSSIFY_DETAIL_ERROR_HPP
