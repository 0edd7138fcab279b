import Foundation
import XCTest

@testable import AssetLint

/// Every listing format, read from files shaped as the tools print them (the `aws s3 ls` ones
/// were printed by the AWS CLI itself), with their bad lines.
final class ListingReaderTests: XCTestCase {
    private func load(_ arguments: String...) throws -> InventoryLoad { try InventoryTesting.load(arguments) }
    private func fixture(_ name: String) -> String { InventoryTesting.fixture(name) }

    // MARK: - gsutil and gcloud

    func testGsutilRecursiveListingSkipsFolderHeadersAndKeepsNamesRaw() throws {
        let load = try load(fixture("gsutil-ls-r.txt"))
        XCTAssertEqual(load.problems, [])
        XCTAssertEqual(try InventoryTesting.keys(load, "gs://bucket-name"), [
            "file.jpg", "file 2.jpg", "a+b.jpg", "photos/café.jpg", "photos/IMG_0001.JPG", "photos/trail.jpg ",
        ])
        XCTAssertEqual(load.listings.map(\.format), ["gsutil/gcloud listing"])
        XCTAssertEqual(load.listings.map(\.objects), [6])
    }

    func testLongListingSkipsSizeDateAndTotal() throws {
        let load = try load(fixture("gcloud-storage-ls-l.txt"))
        XCTAssertEqual(load.problems, [])
        // The NFD name stays NFD: keys are bytes as stored.
        XCTAssertEqual(try InventoryTesting.keys(load, "gs://bucket-name"), ["file.jpg", "photos/cafe\u{301}.jpg", "photos/"])
        let nfd = try XCTUnwrap(load.inventory.listing(of: BucketName(provider: .gcs, name: "bucket-name")))
        XCTAssertTrue(nfd.contains(Array("photos/cafe\u{301}.jpg".utf8)))
        XCTAssertFalse(nfd.contains(Array("photos/café.jpg".utf8)))
    }

    func testAllVersionsListingDropsGenerationAndMetageneration() throws {
        let load = try load(fixture("gsutil-ls-la.txt"))
        XCTAssertEqual(load.problems, [])
        XCTAssertEqual(try InventoryTesting.keys(load, "gs://bucket-name"), ["file.jpg", "old.jpg", "short.jpg"])
    }

    func testCloudListingBadLinesAreWarningsWithTheirLine() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("listing.txt", """
            gs://bucket-name/a.jpg
            CommandException: One or more URLs matched no objects.
            gs://bucket-name/b.jpg
            gs:///no-bucket.jpg
            s3://other-bucket/c.jpg

            """)
        let load = try load(path)
        XCTAssertEqual(load.problems.map(\.line), [2, 4])
        XCTAssertTrue(load.problems.allSatisfy { $0.severity == .warning && $0.path == path })
        XCTAssertTrue(load.problems[0].description.hasPrefix("\(path):2: warning: not an object URL"))
        XCTAssertFalse(load.hasErrors)
        XCTAssertEqual(try InventoryTesting.keys(load, "gs://bucket-name"), ["a.jpg", "b.jpg"])
        XCTAssertEqual(try InventoryTesting.keys(load, "s3://other-bucket"), ["c.jpg"])
    }

    // MARK: - aws s3 ls

    func testAWSRecursiveListingKeepsLeadingAndTrailingSpacesAndQuotes() throws {
        let expected: Set<String> = [
            " lead.jpg", "100%.png", "a+b.jpg", "dir/sub/deep.tif", "file 2.jpg", "file.jpg", "photos/IMG_0001.JPG",
            "photos/café.jpg", "q\"uote.png", "trail.jpg ",
        ]
        for name in ["aws-s3-ls-recursive.txt", "aws-s3-ls-human-summarize.txt"] {
            let load = try load("s3://bucket-name=" + fixture(name))
            XCTAssertEqual(load.problems, [], name)
            XCTAssertEqual(try InventoryTesting.keys(load, "s3://bucket-name"), expected, name)
        }
    }

    func testAWSListingWithoutRecursiveWarnsOnItsFolderLines() throws {
        let load = try load("s3://bucket-name=" + fixture("aws-s3-ls-not-recursive.txt"))
        XCTAssertEqual(load.problems.map(\.line), [1, 2])
        XCTAssertTrue(load.problems[0].message.contains("--recursive"))
        XCTAssertEqual(try InventoryTesting.keys(load, "s3://bucket-name").count, 7)
    }

    func testAWSListingNeedsItsBucket() throws {
        let load = try load(fixture("aws-s3-ls-recursive.txt"))
        XCTAssertTrue(load.hasErrors)
        XCTAssertEqual(load.problems.count, 1)
        XCTAssertTrue(load.problems[0].message.contains("--inventory s3://BUCKET=FILE"), load.problems[0].message)
        XCTAssertTrue(load.inventory.isEmpty)
    }

    func testAWSListingSizesPastTenDigitsAndBadLines() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("ls.txt", """
            2024-03-01 10:00:00 12345678901 huge.tif
            2024-03-01 10:00:00          7 ok.jpg
            2024-03-01 10:00:00
            2024-03-01 10:00:00        abc x.jpg
            2024-03-01 10:00:00    1.5 MiB sized.jpg
            bucket-name

            """)
        let load = try load("s3://b=" + path)
        XCTAssertEqual(load.problems.map(\.line), [3, 4, 6])
        XCTAssertEqual(try InventoryTesting.keys(load, "s3://b"), ["huge.tif", "ok.jpg", "sized.jpg"])
    }

    // MARK: - S3 Inventory

    func testInventoryReportThroughItsManifest() throws {
        let load = try load(fixture("s3-inventory/2024-03-01T00-00Z/manifest.json"))
        XCTAssertEqual(load.problems, [])
        // URL-decoded with `+` as a space; old versions and delete markers are not objects.
        XCTAssertEqual(try InventoryTesting.keys(load, "s3://bucket-name"), ["file.jpg", "file 2.jpg", "photos/café.jpg", "a+b.jpg"])
        XCTAssertEqual(load.listings.first?.format, "S3 Inventory manifest")
    }

    func testInventoryDataFileAloneRecognisesTheVersionColumns() throws {
        let load = try load(fixture("s3-inventory/data/5d8c6f0e-2b53-4c1d-9a67-0f1e2d3c4b5a.csv.gz"))
        XCTAssertEqual(load.problems, [])
        XCTAssertEqual(try InventoryTesting.keys(load, "s3://bucket-name"), ["file.jpg", "file 2.jpg", "photos/café.jpg", "a+b.jpg"])
    }

    func testColumnsAreTakenOnlyFromAnInventoryManifestBesideTheDataFile() throws {
        // Beside an asset manifest called manifest.json (an array): the heuristic columns.
        let folder = try ScratchFolder()
        _ = try folder.write("manifest.json", #"[{"data": "https://b.s3.amazonaws.com/x.jpg", "externalId": "x"}]"#)
        let path = try folder.write("data.csv", #""b","k%201.jpg","v1","true","false""# + "\n" + #""b","old.jpg","v0","false","false""# + "\n")
        let load = try load(path)
        XCTAssertEqual(load.problems, [])
        XCTAssertEqual(try InventoryTesting.keys(load, "s3://b"), ["k 1.jpg"])
        let inventoryManifest = try XCTUnwrap(try? FileLoader.load(path: fixture("s3-inventory/2024-03-01T00-00Z/manifest.json")).get())
        XCTAssertTrue(S3InventoryManifest.mayBe(inventoryManifest))
        for text in [#"[{"sourceBucket": "b"}]"#, #"{"files": []}"#, "", #"  {"sourceBucket": "b", "files": []}"#] {
            XCTAssertEqual(S3InventoryManifest.mayBe(SourceFile(path: "manifest.json", text: text)), text.hasPrefix("  {"), text)
        }
    }

    func testCSVFieldsAgainstAByteByByteSplit() {
        /// RFC 4180 fields, one byte at a time.
        func reference(_ line: [UInt8]) -> [Range<Int>]? {
            var fields: [Range<Int>] = []
            var start = 0
            while true {
                var end = start
                if end < line.count, line[end] == 0x22 {
                    end += 1
                    while true {
                        guard end < line.count else { return nil }
                        if line[end] == 0x22 {
                            if end + 1 < line.count, line[end + 1] == 0x22 {
                                end += 2
                                continue
                            }
                            end += 1
                            break
                        }
                        end += 1
                    }
                    guard end == line.count || line[end] == 0x2C else { return nil }
                } else {
                    while end < line.count, line[end] != 0x2C { end += 1 }
                }
                fields.append(start..<end)
                guard end < line.count else { return fields }
                start = end + 1
            }
        }
        var generator = SeededGenerator(seed: 0xC5F)
        let pieces: [[UInt8]] = ["\"", ",", "a", "\"\"", "b c", "%20", "é"].map { Array($0.utf8) }
        for _ in 0..<20_000 {
            let line = (0..<Int.random(in: 0...9, using: &generator)).flatMap { _ in pieces[Int.random(in: 0..<pieces.count, using: &generator)] }
            var fields: [Range<Int>] = []
            let split = line.withUnsafeBufferPointer { CSVLine.split($0, into: &fields) }
            let expected = reference(line)
            XCTAssertEqual(split ? fields : nil, expected, String(decoding: line, as: UTF8.self))
        }
    }

    func testInventoryCSVWithoutVersionsAndWithBadLines() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("inventory.csv", """
            "my-bucket","images/IMG%200001.jpg","1024","2024-03-01T10:00:00.000Z"
            "my-bucket","images/a+b.jpg","1024","2024-03-01T10:00:00.000Z"
            "my-bucket","unterminated.jpg,"1024"
            "my-bucket"
            "my-bucket","",""
            "my-bucket","say ""hi"".jpg","1"
            "my-bucket","%E6%9D%B1%E4%BA%AC.png","1","2024-03-01T10:00:00.000Z"

            """)
        let load = try load(path)
        XCTAssertEqual(load.problems.map(\.line), [3, 4, 5])
        XCTAssertEqual(try InventoryTesting.keys(load, "s3://my-bucket"), [
            "images/IMG 0001.jpg", "images/a b.jpg", "say \"hi\".jpg", "東京.png",
        ])
    }

    func testManifestProblemsAreErrorsAtTheirLine() throws {
        let folder = try ScratchFolder()
        let orc = try folder.write("orc/manifest.json", """
            {"sourceBucket": "b", "fileFormat": "ORC",
             "fileSchema": "struct<bucket:string,key:string>", "files": []}
            """)
        let missing = try folder.write("missing/manifest.json", """
            {"sourceBucket": "b", "fileFormat": "CSV", "fileSchema": "Bucket, Key",
             "files": [
               {"key": "inv/b/cfg/data/gone.csv.gz", "size": 1, "MD5checksum": "00"}
             ]}
            """)
        let load = try load(orc, missing)
        XCTAssertEqual(load.problems.map(\.line), [1, 3])
        XCTAssertTrue(load.problems.allSatisfy { $0.severity == .error })
        XCTAssertTrue(load.problems[0].message.contains("ORC"))
        XCTAssertTrue(load.problems[1].message.contains("gone.csv.gz"))
    }

    // MARK: - az storage blob list

    func testAzureJSONSkipsSnapshotsAndDeletedBlobs() throws {
        let container = "https://account.blob.core.windows.net/assets"
        let load = try load(container + "=" + fixture("azure-blob-list.json"))
        XCTAssertEqual(load.problems, [])
        XCTAssertEqual(try InventoryTesting.keys(load, container), ["file.jpg", "photos/café 1.jpg"])
        XCTAssertEqual(load.inventory.buckets.keys.first, BucketName(provider: .azure, name: "account/assets"))
    }

    func testAzureJSONOfAnotherContainerIsAWarning() throws {
        let load = try load("https://account.blob.core.windows.net/other=" + fixture("azure-blob-list.json"))
        XCTAssertEqual(load.problems.count, 1)
        XCTAssertTrue(load.problems[0].message.contains("'assets'"))
    }

    func testAzureTSVFindsTheNameColumn() throws {
        let container = "https://account.blob.core.windows.net/assets"
        let load = try load(container + "=" + fixture("azure-blob-list.tsv"))
        XCTAssertEqual(load.problems, [])
        XCTAssertEqual(try InventoryTesting.keys(load, container), ["file.jpg", "photos/café 1.jpg", "IMG_0001.JPG"])
        XCTAssertEqual(load.listings.first?.format, "az storage blob list (TSV)")
    }

    func testAzureTSVLineOfAnotherWidthIsAWarning() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("blobs.tsv", "assets\t\tNone\ta.jpg\tNone\nassets\t\tNone\tb.jpg\tNone\nassets\tc.jpg\n")
        let load = try load("https://account.blob.core.windows.net/assets=" + path)
        XCTAssertEqual(load.problems.map(\.line), [3])
        XCTAssertEqual(try InventoryTesting.keys(load, "https://account.blob.core.windows.net/assets"), ["a.jpg", "b.jpg"])
    }

    func testKeyListKeepsWholeLines() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("names.txt", "file.jpg\n\nphotos/a b.jpg \r\nlast.png")
        let load = try load("gs://bucket=" + path)
        XCTAssertEqual(load.problems, [])
        XCTAssertEqual(try InventoryTesting.keys(load, "gs://bucket"), ["file.jpg", "photos/a b.jpg ", "last.png"])
        XCTAssertEqual(load.listings.first?.format, "list of keys")
    }

    // MARK: - Files

    func testGzippedListingsOfEveryLineFormat() throws {
        let folder = try ScratchFolder()
        let text = try String(contentsOfFile: fixture("aws-s3-ls-recursive.txt"), encoding: .utf8)
        let gzipped = try InventoryTesting.gzip(Array(text.utf8))
        let path = try folder.write("ls.txt.gz", gzipped)
        let plain = try load("s3://b=" + fixture("aws-s3-ls-recursive.txt"))
        let unzipped = try load("s3://b=" + path)
        XCTAssertEqual(unzipped.problems, [])
        XCTAssertEqual(try InventoryTesting.keys(unzipped, "s3://b"), try InventoryTesting.keys(plain, "s3://b"))
        // Two gzip members one after the other, as `cat a.gz b.gz` makes.
        let second = try InventoryTesting.gzip(Array("2024-03-01 10:00:00          1 more.jpg\n".utf8))
        let joined = try folder.write("joined.gz", gzipped + second)
        XCTAssertEqual(try InventoryTesting.keys(try load("s3://b=" + joined), "s3://b").count, 11)
        let json = try folder.write("blobs.json.gz", try InventoryTesting.gzip(Array(try Data(contentsOf: URL(fileURLWithPath: fixture("azure-blob-list.json"))))))
        XCTAssertEqual(try InventoryTesting.keys(try load("https://a.blob.core.windows.net/assets=" + json), "https://a.blob.core.windows.net/assets").count, 2)
    }

    func testInflatingInSmallPiecesGivesTheWholeText() throws {
        var text: [UInt8] = []
        for number in 0..<20_000 { text += Array("gs://bucket/images/\(number)/photo number \(number).jpg\n".utf8) }
        let gzipped = try InventoryTesting.gzip(text)
        for step in [1, 7, 4096, 1 << 20] {
            var inflated: [UInt8] = []
            var pieces = 0
            try gzipped.withUnsafeBytes { raw in
                try GzipInflater().inflate(raw.bindMemory(to: UInt8.self), step: step) { piece in
                    XCTAssertLessThanOrEqual(piece.count, step)
                    inflated += piece
                    pieces += 1
                }
            }
            XCTAssertEqual(inflated, text, "step \(step)")
            XCTAssertGreaterThanOrEqual(pieces, text.count / step)
        }
    }

    func testLinesCutAcrossPiecesComeOutWhole() {
        let text = Array("first\nsecond line\r\n\nthird\r\nlast without end".utf8)
        let expected = ["first", "second line", "", "third", "last without end"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var cuts = (0..<Int.random(in: 0...6, using: &generator)).map { _ in Int.random(in: 0...text.count, using: &generator) }
            cuts = ([0] + cuts.sorted() + [text.count])
            var feed = LineFeed()
            var lines: [(String, Int)] = []
            text.withUnsafeBufferPointer { text in
                for (start, end) in zip(cuts, cuts.dropFirst()) {
                    feed.feed(UnsafeBufferPointer(rebasing: text[start..<end])) { lines.append((String(decoding: $0, as: UTF8.self), $1)) }
                }
            }
            feed.finish { lines.append((String(decoding: $0, as: UTF8.self), $1)) }
            XCTAssertEqual(lines.map(\.0), expected, "cut at \(cuts)")
            XCTAssertEqual(lines.map(\.1), Array(1...5))
        }
    }

    func testBrokenFilesAreErrorsAndTheOtherListingsStillCount() throws {
        let folder = try ScratchFolder()
        let good = try folder.write("good.txt", "gs://bucket/a.jpg\n")
        var gzipped = try InventoryTesting.gzip(Array(String(repeating: "gs://bucket/x.jpg\n", count: 1000).utf8))
        gzipped.removeLast(12)
        let truncated = try folder.write("cut.txt.gz", gzipped)
        let utf16 = try folder.write("utf16.txt", Data([0xFF, 0xFE]) + "gs://bucket/b.jpg\n".data(using: .utf16LittleEndian)!)
        let empty = try folder.write("empty.txt", "\n\n")
        let load = try load(truncated, good, utf16, empty, folder.path + "/absent.txt")
        XCTAssertEqual(load.problems.map(\.severity), [.error, .error, .error, .error])
        XCTAssertEqual(load.problems.map(\.path), [truncated, utf16, empty, folder.path + "/absent.txt"])
        XCTAssertTrue(load.problems[0].message.contains("ends early"), load.problems[0].message)
        XCTAssertTrue(load.problems[1].message.contains("UTF-16"))
        XCTAssertTrue(load.problems[2].message.contains("empty"))
        XCTAssertTrue(try InventoryTesting.keys(load, "gs://bucket").contains("a.jpg"))
    }

    func testByteOrderMarkAndWindowsLineEnds() throws {
        let folder = try ScratchFolder()
        let path = try folder.write("bom.txt", Data([0xEF, 0xBB, 0xBF]) + Data("gs://bucket/a.jpg\r\ngs://bucket/b c.jpg\r\n".utf8))
        let load = try load(path)
        XCTAssertEqual(load.problems, [])
        XCTAssertEqual(try InventoryTesting.keys(load, "gs://bucket"), ["a.jpg", "b c.jpg"])
    }

    func testBadLinesBeyondTheLimitAreCounted() throws {
        let folder = try ScratchFolder()
        let lines = ["gs://bucket/ok.jpg"] + (0..<50).map { "junk line \($0)" }
        let load = try load(try folder.write("junk.txt", lines.joined(separator: "\n")))
        XCTAssertEqual(load.problems.count, InventoryBuilder.problemLimit + 1)
        XCTAssertEqual(load.problems.last?.message, "… and 30 more unreadable lines in this listing")
        XCTAssertEqual(load.problems.last?.line, 0)
        XCTAssertEqual(try InventoryTesting.keys(load, "gs://bucket"), ["ok.jpg"])
    }

    func testListingsOfOneBucketAreMerged() throws {
        let folder = try ScratchFolder()
        let first = try folder.write("1.txt", "gs://bucket/a.jpg\ngs://bucket/b.jpg\n")
        let second = try folder.write("2.txt", "gs://bucket/b.jpg\ngs://bucket/c.jpg\n")
        let load = try load(first, second)
        let listed = try XCTUnwrap(load.inventory.listing(of: BucketName(provider: .gcs, name: "bucket")))
        XCTAssertEqual(listed.count, 3)
        XCTAssertEqual(listed.listings, [first, second])
    }

    // MARK: - Arguments

    func testSourceArguments() throws {
        XCTAssertEqual(try InventorySource.parse("listing.txt").get(), InventorySource(path: "listing.txt"))
        XCTAssertEqual(try InventorySource.parse("a=b.txt").get(), InventorySource(path: "a=b.txt"))
        XCTAssertEqual(
            try InventorySource.parse("s3://my-bucket=ls.txt").get(),
            InventorySource(path: "ls.txt", bucket: BucketName(provider: .s3, name: "my-bucket")))
        XCTAssertEqual(
            try InventorySource.parse("gs://my-bucket/=x=y.txt").get(),
            InventorySource(path: "x=y.txt", bucket: BucketName(provider: .gcs, name: "my-bucket")))
        XCTAssertEqual(
            try InventorySource.parse("https://acct.blob.core.windows.net/assets=blobs.json").get().bucket,
            BucketName(provider: .azure, name: "acct/assets"))
        XCTAssertEqual(
            try InventorySource.parse("https://my-bucket.s3.eu-central-1.amazonaws.com=ls.txt").get().bucket,
            BucketName(provider: .s3, name: "my-bucket"))
        for bad in ["s3://b/folder/=ls.txt", "https://example.com/x=ls.txt", "s3://b=", ""] {
            XCTAssertThrowsError(try InventorySource.parse(bad).get(), bad)
        }
    }
}
