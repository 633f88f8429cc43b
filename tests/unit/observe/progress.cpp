#include <ossify/observe/progress.hpp>
#include <ossify/units/literals.hpp>

#include <chrono>
#include <sstream>
#include <string>

#include "catch.hpp"

using namespace ossify;
using namespace ossify::literals;
using namespace std::chrono_literals;

namespace {

struct fake_clock {
    std::chrono::steady_clock::time_point now{};
    progress_reporter::clock_function fn() {
        return [this] { return now; };
    }
};

std::string last_line(const std::string& s) {
    const auto r = s.rfind('\r');
    return r == std::string::npos ? s : s.substr(r + 1);
}

}  // namespace

TEST_CASE("progress_reporter is silent unless enabled", "[observe][progress]") {
    std::ostringstream os;
    progress_reporter quiet;
    CHECK_FALSE(quiet.enabled());
    CHECK_FALSE(quiet.update(0.5, 1.0_d));
    quiet.finish();
    progress_reporter off(false, os);
    CHECK_FALSE(off.update(0.5, 1.0_d));
    off.finish();
    CHECK(os.str().empty());
}

TEST_CASE("progress_reporter draws the bar, percentage, time and ETA", "[observe][progress]") {
    std::ostringstream os;
    fake_clock clock;
    {
        progress_reporter p(true, os, clock.fn(), 100ms, 10);
        CHECK(p.update(0.0, 0.0_d));
        CHECK(last_line(os.str()) == "[>         ]   0% t=0.0 d  ETA --");
        clock.now += 3s;
        CHECK(p.update(3.0_d, 10.0_d));  // 30 % in 3 s: 7 s to go
        CHECK(last_line(os.str()) == "[===>      ]  30% t=3.0 d  ETA 7 s");
        clock.now += 50ms;
        CHECK_FALSE(p.update(0.31, 3.1_d));  // rate-limited
        clock.now += 60ms;
        CHECK(p.update(0.45, 4.5_d));
        CHECK(last_line(os.str()) == "[====>     ]  45% t=4.5 d  ETA 4 s");  // 3.11 s * 0.55 / 0.45
        clock.now += 1ms;
        CHECK(p.update(1.0, 10.0_d));  // reaching 100 % always draws, once
        CHECK_FALSE(p.update(1.0, 10.0_d));
        clock.now += 7s;
        p.finish();
        CHECK(last_line(os.str()) == "[==========] 100% t=10.0 d  done in 10 s\n");
    }
    // The final newline comes once; the destructor adds nothing after finish().
    CHECK(os.str().back() == '\n');
    CHECK(os.str()[os.str().size() - 2] != '\n');
}

TEST_CASE("progress_reporter: at most one redraw per interval over many updates", "[observe][progress]") {
    std::ostringstream os;
    fake_clock clock;
    progress_reporter p(true, os, clock.fn());  // 100 ms default
    int draws = 0;
    for (int i = 0; i < 1000; ++i) {  // 10 s of updates every 10 ms
        draws += p.update(i / 1000.0, units::from_internal<duration>(i * 0.01)) ? 1 : 0;
        clock.now += 10ms;
    }
    CHECK(draws == 100);
}

TEST_CASE("progress_reporter wipes leftovers of a longer line and ends it on destruction", "[observe][progress]") {
    std::ostringstream os;
    fake_clock clock;
    {
        progress_reporter p(true, os, clock.fn(), 0ms, 5);
        p.update(0.5, 1234.5_d);
        const std::size_t long_len = last_line(os.str()).size();
        p.update(0.6, 1.0_d);
        CHECK(last_line(os.str()).size() >= long_len);
    }
    CHECK(os.str().back() == '\n');
}

TEST_CASE("progress_reporter refuses bad input", "[observe][progress]") {
    std::ostringstream os;
    progress_reporter p(true, os);
    CHECK_THROWS_AS(p.update(1.5, 1.0_d), invalid_parameter);
    CHECK_THROWS_AS(p.update(-0.1, 1.0_d), invalid_parameter);
    CHECK_THROWS_AS(p.update(2.0_d, 1.0_d), invalid_parameter);
    CHECK_THROWS_AS(p.update(0.0_d, 0.0_d), invalid_parameter);
    CHECK(os.str().empty());
    CHECK_THROWS_AS(progress_reporter(true, os, {}, 100ms, 0), invalid_parameter);
    CHECK_THROWS_AS(progress_reporter(true, os, {}, -1ms), invalid_parameter);
}

TEST_CASE("format_seconds", "[observe][progress]") {
    CHECK(progress_reporter::format_seconds(3.4) == "3 s");
    CHECK(progress_reporter::format_seconds(125.0) == "2 min 05 s");
    CHECK(progress_reporter::format_seconds(3780.0) == "1 h 03 min");
    CHECK(progress_reporter::format_seconds(-1.0) == "--");
}
