import FuzzSupport

// See `FuzzChecks.url`.
FuzzDriver.run(FuzzChecks.url)
