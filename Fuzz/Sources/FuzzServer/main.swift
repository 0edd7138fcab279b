import FuzzSupport

// See `ServerFuzz.check`.
FuzzDriver.run(ServerFuzz.check)
