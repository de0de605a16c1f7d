// The run's results: a human summary on stderr and the JSON report file.
#pragma once

#include <string>

#include "bench/loadgen/options.hpp"
#include "bench/loadgen/run_result.hpp"
#include "bench/loadgen/scram_keys.hpp"
#include "bench/loadgen/stats.hpp"

namespace djabberd::loadgen {

class Scenario;

struct ReportInput {
  const Options& options;
  const Stats& stats;
  const RunResult& result;
  const ScramKeyCache& keys;
  const Scenario& scenario;  ///< adds its own section (messaging counts and latencies)
};

/// The report as a JSON document.
std::string report_json(const ReportInput& in);

/// Writes report_json to `path`; false (with a message on stderr) if it cannot.
bool write_report(const std::string& path, const ReportInput& in);

/// A few lines for people, on stderr.
void print_summary(const ReportInput& in);

}  // namespace djabberd::loadgen
