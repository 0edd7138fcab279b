import Foundation
import XCTest

@testable import AssetLint

enum InventoryTesting {
    /// Reads listings given as `FILE` or `BUCKET=FILE`.
    static func load(_ arguments: [String]) throws -> InventoryLoad {
        let sources = try arguments.map { argument -> InventorySource in
            switch InventorySource.parse(argument) {
            case .success(let source): return source
            case .failure(let error): throw error
            }
        }
        return InventoryLoader.load(sources)
    }

    /// The keys listed for `bucket` (`s3://name` and the like), as strings.
    static func keys(_ load: InventoryLoad, _ bucket: String) throws -> Set<String> {
        let name = try InventorySource.bucket(bucket).get()
        guard let listed = load.inventory.listing(of: name) else { return [] }
        var keys: Set<String> = []
        listed.forEachKey { keys.insert(String(decoding: $0, as: UTF8.self)) }
        return keys
    }

    static func fixture(_ name: String) -> String { Package.fixture("inventory/" + name) }

    static func gzip(_ bytes: [UInt8]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let writer = Thread { input.fileHandleForWriting.write(Data(bytes)); try? input.fileHandleForWriting.close() }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}

extension InventorySource.ParseError: LocalizedError {
    public var errorDescription: String? { message }
}
