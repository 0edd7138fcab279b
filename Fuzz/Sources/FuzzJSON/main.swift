import FuzzSupport

// See `FuzzChecks.json`.
FuzzDriver.run({ FuzzChecks.json($0) })
