import XCTest
@testable import AssetLint

final class URLStorageLocationTests: XCTestCase {
    private func locate(_ string: String, file: StaticString = #filePath, line: UInt = #line) -> StorageLocation? {
        guard let url = WebURL(string) else {
            XCTFail("\(string) does not parse", file: file, line: line)
            return nil
        }
        return StorageHosts.locate(url)
    }

    private func assertLocation(
        _ string: String, _ provider: StorageProvider, _ style: StorageURLStyle, bucket: String, key: String,
        region: String? = nil, dualStack: Bool = false, file: StaticString = #filePath, line: UInt = #line
    ) {
        guard let location = locate(string, file: file, line: line) else {
            XCTFail("\(string) is not recognised", file: file, line: line)
            return
        }
        XCTAssertEqual(location.provider, provider, string, file: file, line: line)
        XCTAssertEqual(location.style, style, string, file: file, line: line)
        XCTAssertEqual(location.bucket, bucket, string, file: file, line: line)
        XCTAssertEqual(location.key, key, string, file: file, line: line)
        XCTAssertEqual(location.region, region, string, file: file, line: line)
        XCTAssertEqual(location.isDualStack, dualStack, string, file: file, line: line)
    }

    func testS3VirtualHosted() {
        assertLocation("https://my-bucket.s3.amazonaws.com/a/b.jpg", .s3, .virtualHosted, bucket: "my-bucket", key: "a/b.jpg")
        assertLocation("https://bucket-name.s3.eu-central-1.amazonaws.com/file.jpg", .s3, .virtualHosted,
                       bucket: "bucket-name", key: "file.jpg", region: "eu-central-1")
        assertLocation("https://b.s3-us-west-2.amazonaws.com/k", .s3, .virtualHosted, bucket: "b", key: "k", region: "us-west-2")
        assertLocation("https://b.s3.dualstack.ap-southeast-2.amazonaws.com/k", .s3, .virtualHosted,
                       bucket: "b", key: "k", region: "ap-southeast-2", dualStack: true)
        assertLocation("https://my.dotted.bucket.s3.amazonaws.com/k", .s3, .virtualHosted, bucket: "my.dotted.bucket", key: "k")
        assertLocation("https://s3.s3.amazonaws.com/k", .s3, .virtualHosted, bucket: "s3", key: "k")
        assertLocation("https://logs.s3.bucket.s3.us-east-2.amazonaws.com/k", .s3, .virtualHosted,
                       bucket: "logs.s3.bucket", key: "k", region: "us-east-2")
        assertLocation("https://b.s3.cn-north-1.amazonaws.com.cn/k", .s3, .virtualHosted, bucket: "b", key: "k", region: "cn-north-1")
        assertLocation("https://b.s3.us-gov-west-1.amazonaws.com/k", .s3, .virtualHosted, bucket: "b", key: "k", region: "us-gov-west-1")
        assertLocation("https://b.s3-external-1.amazonaws.com/k", .s3, .virtualHosted, bucket: "b", key: "k", region: "us-east-1")
        assertLocation("https://b.s3-accelerate.amazonaws.com/k", .s3, .virtualHosted, bucket: "b", key: "k")
        assertLocation("https://b.s3-accelerate.dualstack.amazonaws.com/k", .s3, .virtualHosted, bucket: "b", key: "k", dualStack: true)
        assertLocation("https://B.S3.AMAZONAWS.COM./k", .s3, .virtualHosted, bucket: "b", key: "k")
        assertLocation("https://b.s3.amazonaws.com/", .s3, .virtualHosted, bucket: "b", key: "")
    }

    func testS3PathStyle() {
        assertLocation("https://s3.amazonaws.com/bucket/a/b.jpg", .s3, .pathStyle, bucket: "bucket", key: "a/b.jpg")
        assertLocation("https://s3.eu-west-1.amazonaws.com/bucket/k.png", .s3, .pathStyle, bucket: "bucket", key: "k.png", region: "eu-west-1")
        assertLocation("https://s3-eu-west-1.amazonaws.com/bucket/k.png", .s3, .pathStyle, bucket: "bucket", key: "k.png", region: "eu-west-1")
        assertLocation("https://s3.dualstack.us-east-1.amazonaws.com/bucket/k", .s3, .pathStyle,
                       bucket: "bucket", key: "k", region: "us-east-1", dualStack: true)
        assertLocation("https://s3.cn-northwest-1.amazonaws.com.cn/bucket/k", .s3, .pathStyle,
                       bucket: "bucket", key: "k", region: "cn-northwest-1")
        assertLocation("https://s3.amazonaws.com/my.dotted.bucket/k", .s3, .pathStyle, bucket: "my.dotted.bucket", key: "k")
        assertLocation("https://s3.amazonaws.com/bucket", .s3, .pathStyle, bucket: "bucket", key: "")
        XCTAssertNil(locate("https://s3.amazonaws.com/"))
        XCTAssertNil(locate("https://s3-accelerate.amazonaws.com/bucket/k"), "acceleration is virtual-hosted only")
    }

    func testNotS3() {
        XCTAssertNil(locate("https://b.s3-website-us-east-1.amazonaws.com/k"), "website endpoints are not object endpoints")
        XCTAssertNil(locate("https://b.s3-website.eu-west-2.amazonaws.com/k"))
        XCTAssertNil(locate("https://ec2.us-east-1.amazonaws.com/x"))
        XCTAssertNil(locate("https://.s3.amazonaws.com/k"))
        XCTAssertNil(locate("https://amazonaws.com/k"))
        XCTAssertNil(locate("https://example.com/bucket/key"))
        XCTAssertNil(locate("https://s3.amazonaws.com.evil.example/bucket/key"))
        XCTAssertNil(locate("https://52.216.1.1/bucket/key"))
        XCTAssertNil(locate("ftp://b.s3.amazonaws.com/k"))
    }

    func testGCS() {
        assertLocation("https://storage.googleapis.com/my-bucket/dir/cat%201.jpg", .gcs, .gcsPath, bucket: "my-bucket", key: "dir/cat 1.jpg")
        assertLocation("https://my-bucket.storage.googleapis.com/dir/a.jpg", .gcs, .gcsVirtualHosted, bucket: "my-bucket", key: "dir/a.jpg")
        assertLocation("https://my.dotted.bucket.storage.googleapis.com/a.jpg", .gcs, .gcsVirtualHosted,
                       bucket: "my.dotted.bucket", key: "a.jpg")
        assertLocation("https://storage.cloud.google.com/my-bucket/a.jpg", .gcs, .gcsAuthenticatedBrowser, bucket: "my-bucket", key: "a.jpg")
        assertLocation("gs://my-bucket/dir/a b.jpg", .gcs, .gsURI, bucket: "my-bucket", key: "dir/a b.jpg")
        XCTAssertNil(locate("https://storage.googleapis.com/"))
        XCTAssertNil(locate("gs:///key"))
        XCTAssertNil(locate("gs:bucket/key"))
        XCTAssertTrue(StorageHosts.isAuthenticatedBrowserEndpoint("storage.cloud.google.com"))
        XCTAssertTrue(StorageHosts.isAuthenticatedBrowserEndpoint("Storage.Cloud.Google.com."))
        XCTAssertFalse(StorageHosts.isAuthenticatedBrowserEndpoint("storage.googleapis.com"))
    }

    func testAzure() {
        guard let location = locate("https://myaccount.blob.core.windows.net/assets/images/cat%2B1.jpg") else {
            return XCTFail("not recognised")
        }
        XCTAssertEqual(location.provider, .azure)
        XCTAssertEqual(location.style, .azureBlob)
        XCTAssertEqual(location.bucket, "myaccount/assets")
        XCTAssertEqual(location.account, "myaccount")
        XCTAssertEqual(location.container, "assets")
        XCTAssertEqual(location.rawKey, "images/cat%2B1.jpg")
        XCTAssertEqual(location.key, "images/cat+1.jpg")
        assertLocation("https://acct.blob.core.chinacloudapi.cn/c/b.png", .azure, .azureBlob, bucket: "acct/c", key: "b.png")
        XCTAssertNil(locate("https://a.b.blob.core.windows.net/c/b"))
        XCTAssertNil(locate("https://myaccount.blob.core.windows.net/"))
        XCTAssertNil(locate("https://myaccount.file.core.windows.net/share/x"))
    }

    func testPlusMeaningAndKeyDecoding() throws {
        XCTAssertEqual(StorageProvider.s3.plusMeaning, .space)
        XCTAssertEqual(StorageProvider.gcs.plusMeaning, .literalPlus)
        XCTAssertEqual(StorageProvider.azure.plusMeaning, .literalPlus)

        let s3 = try XCTUnwrap(locate("https://b.s3.amazonaws.com/a+b%2Bc%20d.jpg"))
        XCTAssertEqual(s3.rawKey, "a+b%2Bc%20d.jpg")
        XCTAssertEqual(s3.key, "a b+c d.jpg")
        let gcs = try XCTUnwrap(locate("https://storage.googleapis.com/b/a+b%2Bc%20d.jpg"))
        XCTAssertEqual(gcs.key, "a+b+c d.jpg")

        let nfd = try XCTUnwrap(locate("https://storage.googleapis.com/b/cafe%CC%81.jpg"))
        XCTAssertEqual(nfd.keyBytes, Array("cafe\u{301}.jpg".utf8))
        let latin1 = try XCTUnwrap(locate("https://storage.googleapis.com/b/caf%E9.jpg"))
        XCTAssertEqual(latin1.keyBytes, Array("caf".utf8) + [0xE9] + Array(".jpg".utf8))
        XCTAssertEqual(latin1.key, "caf\u{FFFD}.jpg")
    }

    func testHTTPSEquivalent() throws {
        func https(_ string: String) -> String? { WebURL(string).flatMap(StorageHosts.httpsEquivalent) }
        XCTAssertEqual(https("gs://b/k"), "https://storage.googleapis.com/b/k")
        XCTAssertEqual(https("gs://my-bucket/dir/a%20b.jpg"), "https://storage.googleapis.com/my-bucket/dir/a%20b.jpg")
        XCTAssertEqual(https("gs://my-bucket/dir/a b.jpg"), "https://storage.googleapis.com/my-bucket/dir/a%20b.jpg")
        XCTAssertEqual(https("s3://b/k"), "https://b.s3.amazonaws.com/k")
        XCTAssertEqual(https("s3://my-bucket/a/b.jpg"), "https://my-bucket.s3.amazonaws.com/a/b.jpg")
        XCTAssertEqual(https("s3://my.dotted.bucket/k"), "https://s3.amazonaws.com/my.dotted.bucket/k")
        XCTAssertEqual(https("s3://Legacy_Bucket/k"), "https://s3.amazonaws.com/Legacy_Bucket/k")
        XCTAssertNil(https("https://b.s3.amazonaws.com/k"))
        XCTAssertNil(https("gs:///k"))
        // The equivalent is itself recognised as the same object.
        let converted = try XCTUnwrap(https("s3://my-bucket/a+b.jpg").flatMap(WebURL.init))
        let location = try XCTUnwrap(StorageHosts.locate(converted))
        XCTAssertEqual(location.bucket, "my-bucket")
        XCTAssertEqual(location.rawKey, "a+b.jpg")
    }

    private func isRegion(_ label: String) -> Bool {
        Array(label.utf8).withUnsafeBufferPointer { S3Endpoint.isRegion(HrefText(bytes: $0), 0..<$0.count) }
    }

    func testRegionNames() {
        for region in ["us-east-1", "eu-central-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1", "il-central-1"] {
            XCTAssertTrue(isRegion(region), region)
        }
        for notRegion in ["dualstack", "website-us-east-1", "external-1", "us-east", "us--1", "1-us-east", "US-EAST-1", "us-east-x"] {
            XCTAssertFalse(isRegion(notRegion), notRegion)
        }
    }
}
