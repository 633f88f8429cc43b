// Extending ossify in one translation unit (docs/extending.md walks through it): a cartilage
// anlage that is replaced by bone. Everything below is user code on public extension points:
//   1. a new cell state (chondrocyte) and a per-cell attribute (a division counter);
//   2. a new field (cartilage, a volume fraction) brought by a new process with its own
//      parameters, declared fields and random purpose;
//   3. a signal with a reaction term that reads another field (Ihh made where cartilage is);
//   4. a replaced mineralisation kinetics (one first-order phase after a lag);
//   5. a checkpoint round trip (the restored run continues bit for bit).
#include <ossify/ossify.hpp>

#include <cstdint>
#include <iostream>
#include <sstream>
#include <string_view>

using namespace ossify;
using namespace ossify::literals;

// 1. A state of our own, and an attribute each cell carries and passes to its daughters.
struct chondrocyte {
    static constexpr std::string_view name = "chondrocyte";
    friend bool operator==(const chondrocyte&, const chondrocyte&) = default;
};
struct generation {                                 // how many divisions since the cell was placed
    std::uint16_t n = 0;
    [[nodiscard]] generation daughter() const noexcept { return {static_cast<std::uint16_t>(n + 1)}; }
};
using lineage_t = lineage<mesenchymal, chondrocyte, osteogenic, osteoblast, osteocyte>;

// 2. A field, and the process that owns it.
struct cartilage {
    static constexpr std::string_view name = "cartilage";
    using value_type = float;                       // volume fraction of the site
    static constexpr double lower = 0.0, upper = 1.0;
};
struct hypertrophy_draws : random::draw_purpose<random::purpose::user + 0, 0, 1> {
    static constexpr std::string_view name = "hypertrophy";
};
struct cartilage_turnover {
    static constexpr std::string_view name = "cartilage_turnover";
    using reads = field_list<bone_matrix>;
    using writes = field_list<cartilage, cells>;
    using owns = field_list<cartilage>;
    using purposes = random::purpose_list<hypertrophy_draws>;
    // Assumed values for the illustration (no source is claimed for them).
    parameter<rate> synthesis{"synthesis", 0.2_per_d, 0.0_per_d, 10.0_per_d, "assumed: fills a site in ~5 d"};
    parameter<rate> resorption{"resorption", 0.5_per_d, 0.0_per_d, 10.0_per_d, "assumed: cartilage under bone goes in ~2 d"};
    parameter<rate> hypertrophy{"hypertrophy", 0.1_per_d, 0.0_per_d, 10.0_per_d, "assumed: chondrocytes in full cartilage die in ~10 d"};
    template <class V>
    void describe(V&& visit) { visit(synthesis); visit(resorption); visit(hypertrophy); }

    template <class Ctx>
    void step(Ctx& ctx, duration dt) noexcept {
        const double h = dt.value();
        auto c = ctx.template field_mut<cartilage>();
        const auto s = ctx.states();
        const auto draw = ctx.template draws<hypertrophy_draws>();
        constexpr auto chondro = Ctx::template index_of<chondrocyte>();
        const double p_die = -std::expm1(-hypertrophy.internal() * h);
        for (std::size_t i = 0; i < c.size(); ++i) {
            double v = c[i];
            if (s[i] == chondro) v += (1.0 - v) * -std::expm1(-synthesis.internal() * h);      // towards full
            if (ctx.matrix().matrix_fraction(i) > 0.0) v *= std::exp(-resorption.internal() * h);  // replaced by bone
            c[i] = static_cast<float>(v);
            if (s[i] == chondro && v > 0.9 && draw.uniform(i, 0) < p_die) ctx.kill(i);  // hypertrophic death
        }
    }
};

// 3. Indian hedgehog, made where cartilage is (a reaction term reading the cartilage field).
struct ihh {
    static constexpr std::string_view name = "ihh";
    static diffusivity default_diffusivity() { return 1.0_um2_per_s; }      // assumed: a lipid-modified morphogen
    static rate default_decay() { return rate::from_value(std::log(2.0) * 24.0 / 2.0); }  // assumed: half-life 2 h
};
struct ihh_from_cartilage {
    parameter<concentration_rate> production{"production", concentration_rate::from_value(40.0),
                                             concentration_rate::from_value(0.0), concentration_rate::from_value(1e6),
                                             "assumed: nM/d per unit cartilage fraction"};
    template <class V>
    void describe(V&& visit) { visit(production); }
    template <class Site>
    void operator()(const Site& site, double& source, double&) const {
        source += production.internal() * site.template field<cartilage>();
    }
};

// 4. One first-order mineralisation phase after a lag, instead of the default two phases.
struct single_phase {
    static constexpr std::string_view name = "single_phase";
    static constexpr std::size_t arrays = 2;        // lag left (d), mineral fraction
    static constexpr std::array<kinetics_array, 2> array_info{{{"lag_left_d", 0.0, 1e6}, {"mineral", 0.0, 1.0}}};
    parameter<duration> lag{"lag", 1.0_d, 0.0_d, 100.0_d, "assumed"};
    parameter<rate> speed{"rate", 0.7_per_d, 0.0_per_d, 100.0_per_d, "assumed"};
    template <class V>
    void describe(V&& visit) { visit(lag); visit(speed); }
    template <class Site>
    void deposit(const Site& s, double) const noexcept { s.set(0, lag.internal()); }  // new osteoid restarts the lag
    template <class Site>
    void mineralise(const Site& s, double dt) const noexcept {
        const double left = s.get(0), run = std::max(0.0, dt - left);
        s.set(0, std::max(0.0, left - dt));
        s.set(1, s.matrix() - (s.matrix() - s.get(1)) * std::exp(-speed.internal() * run));
    }
    template <class Site>
    double mineral(const Site& s) const noexcept { return s.get(1); }
};

int main() {
    // Proliferation stops after 3 divisions: a policy reading the per-cell attribute.
    const auto young = policy_fn([](const auto& ctx) {
        return ctx.environment().attribute().n < 3 ? 0.4_per_d : 0.0_per_d;
    });
    auto rules = rule_set<lineage_t>(
        transition<mesenchymal, chondrocyte>(hazard(0.3_per_d)),
        transition<mesenchymal, osteogenic>(hill<ihh>(1.0_nM, 2.0, 1.0_per_d)),
        transition<osteogenic, osteoblast>(after(1.0_d) && hazard(0.5_per_d)),
        transition<osteoblast, osteocyte>(entrapped(0.5, 1.0_per_d)),
        proliferation<mesenchymal>(young), proliferation<osteogenic>(young),
        death<osteoblast>(hazard(0.16_per_d)));
    const auto seq = processes(diffuse_signals{reaction<ihh>(ihh_from_cartilage{})}, cell_fates{}, cartilage_turnover{},
                               matrix_deposition{}, matrix_mineralisation{}, structure_remodelling{});
    using options = lattice_options<double_storage, single_phase, generation>;
    const auto make = [&] {
        basic_lattice_tissue t(rules, grid2d{60, 60, 10.0_um}, signals<ihh>{}, seed{7}, seq, options{});
        t.fill_fraction(disc{{30, 30}, 250.0_um}, mesenchymal{}, 0.6);
        t.process<matrix_deposition>().apposition.set<osteoblast>(3.0_um_per_d);  // Peyrin et al. 2005
        return t;
    };
    auto tissue = make();
    for (const auto& p : list_parameters(tissue)) std::cout << "parameter " << p.name() << " = " << p.value() << ' ' << p.unit() << '\n';
    rule_activity activity;
    run_for(tissue, 12.0_d, 4.0_h, every(1.0_d, activity));
    std::stringstream saved;
    save_checkpoint(tissue, saved);
    run_for(tissue, 12.0_d, 4.0_h);
    auto restored = make();
    restore_checkpoint(restored, saved);
    run_for(restored, 12.0_d, 4.0_h);
    const bool same = std::equal(tissue.states().begin(), tissue.states().end(), restored.states().begin()) &&
                      std::equal(tissue.field<cartilage>().begin(), tissue.field<cartilage>().end(),
                                 restored.field<cartilage>().begin());
    double cart = 0.0;
    for (const float c : tissue.field<cartilage>()) cart += c;
    std::cout << "seed " << tissue.seed().value << ", day " << tissue.time().value() << ": " << tissue.count<chondrocyte>()
              << " chondrocytes, " << tissue.count<osteoblast>() << " osteoblasts, " << tissue.count<osteocyte>()
              << " osteocytes, cartilage " << cart << " sites, bone " << bone_volume_fraction(tissue).value() << " BV/TV\n"
              << "rules that never fired by day 12: " << activity.never_fired().size();
    for (const auto& r : activity.never_fired()) std::cout << " (" << r << ")";
    std::cout << '\n'
              << "checkpoint round trip: " << (same ? "identical" : "DIFFERENT") << '\n';
    return same ? 0 : 1;
}
