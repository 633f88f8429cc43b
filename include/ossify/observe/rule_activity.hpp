/// @file
/// @brief `rule_activity`: an observer of how often each rule of a model fired, so a rule that never fires is seen.
#include "../config.hpp"
#ifndef OSSIFY_OBSERVE_RULE_ACTIVITY_HPP
#define OSSIFY_OBSERVE_RULE_ACTIVITY_HPP

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "../tissue/model.hpp"
#include "detail/io.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief How often each rule of a model fired: totals, a time series per observation, and the
/// rules that never fired (a threshold a source never reaches, a state never entered).
class rule_activity {
public:
    /// @brief Records the firings of every rule at the model's time.
    template <rule_reporting_model Model>
    void operator()(const Model& m) {
        if (names_.empty()) {
            for (std::size_t k = 0; k < m.rule_count(); ++k) names_.push_back(m.rule_name(k));
        }
        std::vector<double> row;
        for (std::size_t k = 0; k < m.rule_count(); ++k) row.push_back(m.rule_fires(k));
        times_.push_back(m.time().value());
        fires_.push_back(std::move(row));
    }
    /// @brief The rules' names.
    [[nodiscard]] const std::vector<std::string>& rule_names() const noexcept { return names_; }
    /// @brief Times of the observations (d).
    [[nodiscard]] const std::vector<double>& times() const noexcept { return times_; }
    /// @brief Firings so far of every rule, per observation.
    [[nodiscard]] const std::vector<std::vector<double>>& fires() const noexcept { return fires_; }
    /// @brief The rules that had not fired by the last observation.
    [[nodiscard]] std::vector<std::string> never_fired() const {
        std::vector<std::string> out;
        if (fires_.empty()) return out;
        for (std::size_t k = 0; k < names_.size(); ++k) {
            if (fires_.back()[k] == 0.0) out.push_back(names_[k]);
        }
        return out;
    }
    /// @brief A table: one line per rule with its firings, "NEVER FIRED" where none.
    [[nodiscard]] std::string report() const {
        std::string out;
        for (std::size_t k = 0; k < names_.size(); ++k) {
            const double n = fires_.empty() ? 0.0 : fires_.back()[k];
            out += names_[k] + ": ";
            if (n == 0.0) out += "NEVER FIRED";
            else detail::append_number(out, n);
            out += '\n';
        }
        return out;
    }

private:
    std::vector<std::string> names_;
    std::vector<double> times_;
    std::vector<std::vector<double>> fires_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_OBSERVE_RULE_ACTIVITY_HPP
