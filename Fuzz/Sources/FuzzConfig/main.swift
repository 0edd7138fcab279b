import FuzzSupport

// See `FuzzChecks.config`.
FuzzDriver.run(FuzzChecks.config)
