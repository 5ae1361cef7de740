# Benchmark peer: COINr's own ASEM full build, timed in R (bench/coinr-asem.ts runs it).
#   Rscript bench/peers/coinr-asem.R [runs]        (needs R and COINr 1.1.x; see test/fixtures/coinr/README.md)
# Times build_example_coin(quietly = TRUE) — new_coin → Denominate → Impute (i_mean_grp) →
# Screen (byNA 0.9) → Treat → Normalise (n_minmax) → Aggregate (a_amean), the data already in
# memory (COINr's ASEM_iData / ASEM_iMeta) — and the panel build build_example_purse() over five
# years, after one warm-up run each. Prints one JSON line: medians and minima in milliseconds.
suppressPackageStartupMessages(library(COINr))
args <- commandArgs(trailingOnly = TRUE)
runs <- if (length(args)) as.integer(args[1]) else 20
time_ms <- function(f, n) {
  f()
  sapply(seq_len(n), function(i) {
    t0 <- proc.time()[["elapsed"]]
    f()
    (proc.time()[["elapsed"]] - t0) * 1000
  })
}
full <- time_ms(function() suppressMessages(build_example_coin(quietly = TRUE)), runs)
panel <- time_ms(function() suppressMessages(build_example_purse(quietly = TRUE)), max(3, runs %/% 4))
ranks <- rank(-get_dset(build_example_coin(quietly = TRUE), "Aggregated")$Index, ties.method = "min")
cat(sprintf('{"full_median_ms": %.2f, "full_min_ms": %.2f, "full_runs": %d, "panel_median_ms": %.2f, "panel_min_ms": %.2f, "panel_runs": %d, "coinr": "%s", "r": "%s", "index_rank_sum": %d}\n',
            stats::median(full), min(full), length(full), stats::median(panel), min(panel), length(panel),
            as.character(packageVersion("COINr")), paste(R.version$major, R.version$minor, sep = "."), sum(ranks)))
