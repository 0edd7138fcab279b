import FuzzSupport

// See `FuzzChecks.lint`.
FuzzDriver.run(FuzzChecks.lint)
