/// @file
/// @brief The developmental clock: maps simulation time to gestational age, age since
/// fertilisation and postnatal age, with readable descriptions ("week 12 of gestation",
/// "3 months after birth", "14 years").
///
/// Conventions (standard obstetric and embryological usage, flag K in BIOLOGY.md terms):
/// * gestational age counts from the first day of the last menstrual period; birth is at
///   40 gestational weeks (the source text: at birth the skull and clavicles are not fully
///   ossified);
/// * embryological ages (Carnegie stages, O'Rahilly & Gardner 1972) count from fertilisation,
///   which is 2 weeks after the start of gestational age: fertilisation age = gestational
///   age - 2 weeks;
/// * postnatal age = gestational age - 40 weeks (negative before birth);
/// * a month is 365.25 / 12 = 30.4375 days, a year 365.25 days.
#include "../config.hpp"
#ifndef OSSIFY_SCENARIO_CLOCK_HPP
#define OSSIFY_SCENARIO_CLOCK_HPP

#include <cmath>
#include <string>

#include "../error.hpp"
#include "../units/quantities.hpp"

OSSIFY_NAMESPACE_BEGIN

/// @brief Developmental landmarks in days (internal scale), for the clock and the scenarios.
namespace development {
/// @brief Days per week.
inline constexpr double days_per_week = 7.0;
/// @brief Days per (Julian) year.
inline constexpr double days_per_year = 365.25;
/// @brief Days per month (a twelfth of a Julian year).
inline constexpr double days_per_month = days_per_year / 12.0;
/// @brief Birth at 40 gestational weeks (obstetric convention; term birth).
inline constexpr double birth_gestational_days = 40.0 * days_per_week;
/// @brief Gestational age at fertilisation: 2 weeks (obstetric convention, K).
inline constexpr double fertilisation_gestational_days = 2.0 * days_per_week;
/// @brief The oldest starting age the clock accepts: 40 weeks + 120 years (a human lifespan).
inline constexpr double max_start_days = birth_gestational_days + 120.0 * days_per_year;
}  // namespace development

/**
 * @brief Maps simulation time t (t = 0 when the simulation starts) to developmental ages.
 *
 * ```cpp
 * developmental_clock clock{6.0_wk};               // the simulation starts at gestational week 6
 * clock.gestational_age(14.0_d);                    // 8 weeks
 * clock.describe(clock.time_at_postnatal_age(3 * 30.4375_d));  // "3 months after birth"
 * ```
 * All ages are durations. Times before the start of gestation (gestational age < 0) and
 * non-finite values are refused with ossify::invalid_parameter.
 */
class developmental_clock {
public:
    /// @brief A clock whose t = 0 is gestational age `start`, in [0, 40 weeks + 120 years].
    explicit developmental_clock(duration start) : start_(checked_start(start.value())) {}

    /// @brief Gestational age at the start of the simulation (t = 0).
    [[nodiscard]] duration start() const noexcept { return duration::from_value(start_); }
    /// @brief Gestational age at birth: 40 weeks.
    [[nodiscard]] static duration birth_gestational_age() noexcept {
        return duration::from_value(development::birth_gestational_days);
    }
    /// @brief Simulation time of birth (negative if the simulation starts after birth).
    [[nodiscard]] duration birth_time() const noexcept {
        return duration::from_value(development::birth_gestational_days - start_);
    }

    /// @brief Gestational age at simulation time t (refuses t before the start of gestation).
    [[nodiscard]] duration gestational_age(duration t) const {
        return duration::from_value(checked_age("gestational_age", t.value()));
    }
    /// @brief Age since fertilisation (embryological age, as in O'Rahilly & Gardner 1972):
    /// gestational age - 2 weeks. Negative before fertilisation.
    [[nodiscard]] duration fertilisation_age(duration t) const {
        return duration::from_value(checked_age("fertilisation_age", t.value()) -
                                    development::fertilisation_gestational_days);
    }
    /// @brief Age after birth at t: gestational age - 40 weeks (negative before birth).
    [[nodiscard]] duration postnatal_age(duration t) const {
        return duration::from_value(checked_age("postnatal_age", t.value()) - development::birth_gestational_days);
    }
    /// @brief True from birth on (gestational age >= 40 weeks).
    [[nodiscard]] bool is_born(duration t) const {
        return checked_age("is_born", t.value()) >= development::birth_gestational_days;
    }

    /// @brief Simulation time at which the gestational age is `age` (>= 0, finite).
    [[nodiscard]] duration time_at_gestational_age(duration age) const {
        const double a = age.value();
        require_in_range("ossify::developmental_clock::time_at_gestational_age", "age", a, 0.0,
                                 development::max_start_days, "d");
        return duration::from_value(a - start_);
    }
    /// @brief Simulation time at which the age since fertilisation is `age` (>= -2 weeks).
    [[nodiscard]] duration time_at_fertilisation_age(duration age) const {
        const double a = age.value();
        require_in_range("ossify::developmental_clock::time_at_fertilisation_age", "age", a,
                                 -development::fertilisation_gestational_days,
                                 development::max_start_days - development::fertilisation_gestational_days, "d");
        return duration::from_value(a + development::fertilisation_gestational_days - start_);
    }
    /// @brief Simulation time at which the postnatal age is `age` (>= -40 weeks; negative
    /// values are before birth).
    [[nodiscard]] duration time_at_postnatal_age(duration age) const {
        const double a = age.value();
        require_in_range("ossify::developmental_clock::time_at_postnatal_age", "age", a,
                                 -development::birth_gestational_days,
                                 development::max_start_days - development::birth_gestational_days, "d");
        return duration::from_value(a + development::birth_gestational_days - start_);
    }

    /**
     * @brief A readable age at t: "week 12 of gestation" (completed gestational weeks, so
     * 12 weeks 0-6 days), "5 days after birth" (first month), "3 months after birth"
     * (completed months, to age 2), then "14 years" (completed years).
     */
    [[nodiscard]] std::string describe(duration t) const {
        const double ga = checked_age("describe", t.value());
        if (ga < development::birth_gestational_days) {
            const auto week = static_cast<long>(std::floor(ga / development::days_per_week + 1e-9));
            return "week " + std::to_string(week) + " of gestation";
        }
        const double post = ga - development::birth_gestational_days;
        if (post < development::days_per_month) {
            const auto days = static_cast<long>(std::floor(post + 1e-9));
            return std::to_string(days) + (days == 1 ? " day" : " days") + " after birth";
        }
        if (post < 2.0 * development::days_per_year) {
            const auto months = static_cast<long>(std::floor(post / development::days_per_month + 1e-9));
            return std::to_string(months) + (months == 1 ? " month" : " months") + " after birth";
        }
        const auto years = static_cast<long>(std::floor(post / development::days_per_year + 1e-9));
        return std::to_string(years) + " years";
    }

private:
    static double checked_start(double s) {
        require_in_range("ossify::developmental_clock", "start", s, 0.0, development::max_start_days, "d");
        return s;
    }
    [[nodiscard]] double checked_age(const char* what, double t) const {
        const double ga = start_ + t;
        if (!std::isfinite(t) || !(ga >= 0.0) || ga > development::max_start_days) {
            throw invalid_parameter(std::string("ossify::developmental_clock::") + what, "t",
                                    format_value(t) + " d",
                                    "finite, from -start (" + format_value(-start_) +
                                        " d, the start of gestation) to " +
                                        format_value(development::max_start_days - start_) + " d");
        }
        return ga;
    }

    double start_;
};

OSSIFY_NAMESPACE_END

#endif  // OSSIFY_SCENARIO_CLOCK_HPP
