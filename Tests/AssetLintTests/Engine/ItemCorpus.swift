import Foundation

@testable import AssetLint

/// Manifest items for the declaration and differential tests: a clean base item varied one way at
/// a time, over every Unicode white space, control, format (Cf) and default-ignorable code point in
/// ids (raw and escaped, at each end and inside), every byte class and percent escape in URLs, the
/// number forms of dimensions, and the members an item may have. Each entry is the JSON text of one
/// item.
enum ItemCorpus {
    static let hosts = [
        "https://my-bucket.s3.eu-central-1.amazonaws.com/", "https://storage.googleapis.com/my-bucket/",
        "https://acct.blob.core.windows.net/images/",
    ]

    /// The scalars the id variations use: all White_Space, Cc, Cf and Default_Ignorable_Code_Point
    /// scalars, bidi controls, some unassigned, private-use and noncharacter code points, and
    /// combining marks and Hangul jamo (normalization).
    static let idScalars: [UInt32] = {
        var scalars = Set<UInt32>()
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            switch properties.generalCategory {
            case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: scalars.insert(value)
            default: break
            }
            if properties.isWhitespace || properties.isDefaultIgnorableCodePoint || properties.isBidiControl { scalars.insert(value) }
        }
        // The unassigned default-ignorable block after the tags and variation selectors: a sample.
        scalars = scalars.filter { $0 < 0xE01F0 || $0 > 0xE0FFF || $0 % 97 == 0 }
        scalars.formUnion([
            0x0378, 0x0530, 0x2065, 0x1FFFE, 0xFFFF, 0xFDD0, 0xE000, 0xF8FF, 0x10FFFD,  // unassigned, noncharacters, private use
            0x0301, 0x0308, 0x0327, 0x1100, 0x1161, 0x11A8, 0x3099, 0x05B0, 0x0F73,  // combining marks and jamo
            0x00E9, 0x00C5, 0x212B, 0x1E9B, 0x4E2D, 0x1F600, 0x1F3F4, 0x2764, 0x0430, 0x0131, 0x00DF,
        ])
        return scalars.sorted()
    }()

    /// `text` as the content of a JSON string literal, every non-ASCII scalar as a `\u` escape.
    static func escaped(_ text: String) -> String {
        var out = ""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default: out += "\\u" + String(format: "%04x", unit)
            }
        }
        return out
    }

    /// `text` as the content of a JSON string literal: raw, but controls, quotes and backslashes
    /// escaped as JSON requires.
    static func literal(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0..<0x20: out += "\\u" + String(format: "%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func item(data: String = "https://my-bucket.s3.eu-central-1.amazonaws.com/cats/cat.jpg", id: String = "cat-1",
                     dimensions: String? = #""width": 640, "height": 480"#, extra: String? = nil) -> String {
        var members = [#""data": "\#(data)""#, #""externalId": "\#(id)""#]
        if let dimensions { members.append(dimensions) }
        if let extra { members.append(extra) }
        return "{" + members.joined(separator: ", ") + "}"
    }

    /// Listings of the `my-bucket` buckets for `items`: of the objects their asset URLs name (as
    /// the full URL analysis reads them), every other one is listed, every third of the others
    /// only in upper case (a near miss), and the rest not at all; other buckets have no listing.
    static func inventory(of items: [String]) -> Inventory {
        var stores: [BucketName: ObjectKeyStore] = [:]
        var number = 0
        for item in items {
            let file = SourceFile(path: "item.json", text: item)
            var tree = JSONTree(source: file)
            var parser = JSONParser(source: file)
            guard parser.parseDocument(into: &tree), tree[tree.root].kind == .object else { continue }
            var nodes: [JSONTree.Index] = []
            if let data = tree.member("data", of: tree.root) { nodes.append(data) }
            if let dataset = tree.member("dataset", of: tree.root), tree[dataset].kind == .array { nodes += tree.children(of: dataset) }
            for node in nodes {
                guard tree[node].kind == .string,
                      let location = AssetURL(node: node, text: ManifestText.decodedBytes(node, in: tree)).location,
                      location.bucket == "my-bucket" else { continue }
                number += 1
                let bucket = BucketName(location)
                if number % 2 == 0 {
                    stores[bucket, default: ObjectKeyStore()].insert(location.keyBytes)
                } else if number % 3 == 0 {
                    stores[bucket, default: ObjectKeyStore()].insert(Array(location.key.uppercased().utf8))
                }
            }
        }
        return Inventory(buckets: stores.map { ListedBucket(bucket: $0.key, listings: ["listing"], keys: $0.value) })
    }

    // MARK: - Ids

    static var ids: [String] {
        var items: [String] = []
        for (number, value) in idScalars.enumerated() {
            let character = String(Unicode.Scalar(value)!)
            // At each end and inside, raw; once escaped, at a place that changes from scalar to scalar.
            let places = [character + "id-1", "id-1" + character, "id" + character + "1", character]
            items += places.map { item(id: literal($0)) }
            items.append(item(id: escaped(places[number % places.count])))
        }
        // Lone surrogates, escapes of ASCII, empty, emoji and flag sequences, NFD and NFC.
        items += [
            #"\ud800"#, #"id-\udc00"#, #"\u0041BC"#, "", #"\u2764\ufe0f"#, "\u{2764}\u{FE0F}-x", "\u{1F469}\u{200D}\u{1F4BB}",
            "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", "\u{1F3F4}\u{E0067}\u{E0062}", "x\u{E0067}\u{E007F}",
            "cafe\u{301}", "caf\u{E9}", "\u{1100}\u{1161}", "\u{AC00}", "a\u{200D}b", "\u{FE0F}", " ", "  ",
        ].map { item(id: literal($0)) }
        return items
    }

    // MARK: - URLs

    static var urls: [String] { urlLiterals.map { item(data: $0) } }

    /// The URLs of `urls`, as the text inside a JSON string literal.
    static var urlLiterals: [String] {
        var items: [String] = []
        // Every ASCII byte, and a few non-ASCII scalars, in each part of the URL.
        var characters = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }
        characters += ["\u{A0}", "\u{E9}", "\u{301}", "\u{200B}", "\u{FEFF}", "\u{6771}", "\u{1F600}", "\u{FF0F}", "\u{2215}"]
        for (number, character) in characters.enumerated() {
            let c = literal(character)
            let host = hosts[number % 2]
            items.append(host + "cats/c" + c + "t.jpg")
            items.append(host + c + "cat.jpg")
            items.append(hosts[2] + "c" + c + "t.jpg")
            items.append(host + "cat.j" + c + "pg")
            items.append(host + "cat.jpg?" + c)
            items.append("https://my-" + c + "bucket.s3.amazonaws.com/cat.jpg")
            items.append("https://storage.googleapis.com/my" + c + "bucket/cat.jpg")
            items.append("https" + c + "//storage.googleapis.com/b/cat.jpg")
        }
        // Every percent escape, and broken ones.
        for byte in 0..<256 {
            let escape = String(format: byte % 2 == 0 ? "%%%02X" : "%%%02x", byte)
            items.append(hosts[byte % 2] + "c" + escape + "t.jpg")
            items.append(hosts[(byte + 1) % 3] + escape + "cat.jpg")
        }
        let sequences = [
            "%C3%A9", "%c3%a9", "%65%CC%81", "%E6%9D%B1", "%F0%9F%98%80", "%C3", "%C3%28", "%E6%9D", "%ED%A0%80", "%C0%AF",
            "%F4%90%80%80", "%EF%BF%BF", "%2525", "%25", "%2541", "%2e", "%2E%2E", "%2F", "%3F", "%23", "%20", "%2B", "%zz", "%4",
            "%", "%E2%84%AB", "%E1%84%92%E1%85%A1", "%CC%81", "%C3%A9%CC%81", "%E2%80%8B", "%EF%BB%BF",
        ]
        for sequence in sequences {
            for host in hosts {
                items.append(host + "c" + sequence + "t.jpg")
                items.append(host + sequence + "/cat.jpg")
            }
        }
        // Hosts, schemes, ports, credentials, queries and shapes of paths.
        let whole = [
            "https://MY-BUCKET.s3.amazonaws.com/cat.jpg", "https://my-bucket.s3.amazonaws.com./cat.jpg", "http://my-bucket.s3.amazonaws.com/cat.jpg",
            "HTTPS://my-bucket.s3.amazonaws.com/cat.jpg", "https:/my-bucket.s3.amazonaws.com/cat.jpg", "https:\\\\my-bucket.s3.amazonaws.com\\cat.jpg",
            "gs://my-bucket/cat.jpg", "s3://my-bucket/cat.jpg", "s3://my-bucket/a+b.jpg", "ftp://host/cat.jpg", "cat.jpg", "/cat.jpg",
            "//my-bucket.s3.amazonaws.com/cat.jpg", "https://xn--bcher-kva.example/cat.jpg", "https://xn--my-bucket.s3.amazonaws.com/cat.jpg",
            "https://127.0.0.1/b/cat.jpg", "https://0x7f.1/cat.jpg", "https://[::1]/cat.jpg", "https://user:pw@my-bucket.s3.amazonaws.com/cat.jpg",
            "https://my-bucket.s3.amazonaws.com:443/cat.jpg", "https://my-bucket.s3.amazonaws.com:8443/cat.jpg",
            "https://storage.cloud.google.com/b/cat.jpg", "https://example.com/cat.jpg", "https://d1.cloudfront.net/cat.jpg",
            "https://s3.amazonaws.com/cat.jpg", "https://s3.amazonaws.com/b/cat.jpg", "https://s3.eu-central-1.amazonaws.com/my-bucket/cat.jpg",
            "https://my-bucket.s3-accelerate.amazonaws.com/cat.jpg", "https://my-bucket.s3.dualstack.us-east-1.amazonaws.com/cat.jpg",
            "https://b.s3-website-us-east-1.amazonaws.com/cat.jpg", "https://my-bucket.storage.googleapis.com/cat.jpg",
            "https://storage.googleapis.com/storage/v1/b/x/o/cat.jpg", "https://storage.googleapis.com/download/storage/v1/b/x/o/y",
            "https://storage.googleapis.com/my-bucket/", "https://storage.googleapis.com/my-bucket", "https://storage.googleapis.com//cat.jpg",
            "https://my-bucket.s3.amazonaws.com/", "https://my-bucket.s3.amazonaws.com", "https://my-bucket.s3.amazonaws.com/./cat.jpg",
            "https://my-bucket.s3.amazonaws.com/a/../cat.jpg", "https://my-bucket.s3.amazonaws.com/.hidden.jpg", "https://my-bucket.s3.amazonaws.com//cat.jpg",
            "https://my-bucket.s3.amazonaws.com/cat.jpg?X-Amz-Signature=abc&X-Amz-Expires=3600", "https://storage.googleapis.com/b/c.jpg?X-Goog-Signature=x",
            "https://acct.blob.core.windows.net/c/cat.jpg?sv=2020&sig=abc", "https://my-bucket.s3.amazonaws.com/cat.jpg?X-Amz-Signature=abc&X-Amz-Security-Token=tok",
            "https://storage.googleapis.com/b/c.jpg?access_token=ya29.x", "https://acct.blob.core.windows.net/c/cat.jpg?sv=2020&ss=b&srt=o&sig=abc",
            "https://acct.blob.core.windows.net/c/cat.jpg?sv=2020&sr=c&sp=r&sig=abc", "https://acct.blob.core.windows.net/c/cat.jpg?sv=2020&sr=b&sp=rw&sig=abc",
            "https://acct.blob.core.windows.net/cat.jpg", "https://acct.blob.core.windows.net/c/",
            "https://my-bucket.s3.amazonaws.com/cat.jpg#frag", "https://my-bucket.s3.amazonaws.com/cat.jpg?", "https://my-bucket.s3.amazonaws.com/cat.jpg#",
            "https://my-bucket.s3.amazonaws.com/" + String(repeating: "k", count: 1020) + ".jpg",
            "https://my-bucket.s3.amazonaws.com/" + String(repeating: "k", count: 1021) + ".jpg",
            "https://storage.googleapis.com/my-bucket/" + String(repeating: "%C3%A9", count: 508) + ".jpg",
            "https://storage.googleapis.com/my-bucket/" + String(repeating: "%C3%A9", count: 511) + ".jpg",
            "https://" + String(repeating: "b", count: 63) + ".s3.amazonaws.com/cat.jpg", "https://" + String(repeating: "b", count: 300) + ".s3.amazonaws.com/cat.jpg",
            " https://my-bucket.s3.amazonaws.com/cat.jpg", "https://my-bucket.s3.amazonaws.com/cat.jpg ", "", " ",
            "data:image/png;base64,AAAA", "mailto:a@b.c", "https://my-bucket.s3.amazonaws.com/caf\u{E9}.jpg",
            "https://other-bucket.s3.amazonaws.com/cat.jpg", "https://storage.googleapis.com/other-bucket/cat.jpg",
        ]
        for url in whole { items.append(literal(url)) }
        items.append(escaped("https://my-bucket.s3.amazonaws.com/cat.jpg"))
        items.append(#"https:\/\/my-bucket.s3.amazonaws.com\/cat.jpg"#)
        return items
    }

    // MARK: - Dimensions, extensions and members

    static var dimensions: [String] {
        let values = ["1", "640", "0", "-1", "-0", "1.5", "640.0", "1e3", "1E+3", "6.4e2", "5e-1", "100000", "100001", "4999", "5000",
                      "5001", "999999999999999", "9223372036854775807", "9223372036854775808", "123456789012345678901234567890",
                      "1e400", "\"640\"", "\" 640 \"", "\"6.4e2\"", "\"x\"", "true", "false", "null", "[]", "{}", "[640]"]
        var items: [String] = []
        for width in values {
            items.append(item(dimensions: #""width": \#(width), "height": 480"#))
            items.append(item(dimensions: #""width": 640, "height": \#(width)"#))
            items.append(item(dimensions: #""width": \#(width)"#))
            items.append(item(dimensions: #""height": \#(width)"#))
        }
        for ext in ["jpg", "JPG", "jpeg", "png", "tif", "tiff", "mp4", "pdf", "txt", "md", "dcm", "nrrd", "gif", "heic", "webp", "", "j%70g", "jp%67", "%2Ejpg"] {
            for dimensions in [#""width": 640, "height": 480"#, #""width": 640"#, nil] {
                items.append(item(data: "https://my-bucket.s3.eu-central-1.amazonaws.com/cats/cat." + ext, dimensions: dimensions))
                items.append(item(data: "https://storage.googleapis.com/my-bucket/cat." + ext + "?v=1", dimensions: dimensions))
            }
        }
        for data in ["https://my-bucket.s3.amazonaws.com/cats/", "https://my-bucket.s3.amazonaws.com/cats/cat", "https://my-bucket.s3.amazonaws.com/cat.",
                     "https://my-bucket.s3.amazonaws.com/.jpg", "not a url.jpg", "gs://b/cat.mp4"] {
            items.append(item(data: data))
            items.append(item(data: data, dimensions: nil))
        }
        return items
    }

    static var members: [String] {
        let base = #""data": "https://my-bucket.s3.eu-central-1.amazonaws.com/cats/cat.jpg", "externalId": "cat-1""#
        var items: [String] = []
        let extras = [
            #""metadata": {"camera": "front"}"#, #""metadata": {}"#, #""metadata": null"#, #""metadata": "m""#, #""metadata": []"#,
            #""metadata": {"frameRate": 30, "width": 5, "height": "x"}"#, #""contextData": {"a": [1, 2]}"#, #""contextData": 3"#,
            #""batches": ["b1"]"#, #""batches": []"#, #""batches": ["b1", "b1"]"#, #""batches": [" "]"#, #""batches": [1]"#, #""batches": "b1""#,
            #""attachments": [{"type": "IMAGE", "value": "https://my-bucket.s3.amazonaws.com/a b.jpg"}]"#,
            #""attachments": [{"type": "IMAGE", "value": "https://my-bucket.s3.amazonaws.com/a.jpg"}]"#,
            #""attachments": [{"type": "TEXT", "value": "hello"}]"#, #""attachments": [{"type": "image", "value": "x"}]"#,
            #""attachments": [{"value": "x"}]"#, #""attachments": [3]"#, #""attachments": {"type": "TEXT", "value": "x"}"#,
            #""dataset": ["https://my-bucket.s3.amazonaws.com/p1.jpg", "https://my-bucket.s3.amazonaws.com/p 2.jpg"]"#,
            #""dataset": []"#, #""dataset": [1]"#, #""dataset": "https://my-bucket.s3.amazonaws.com/p1.jpg""#,
            #""storage": "abc""#, #""classifications": []"#, #""storage": 7"#, #""storage": null"#, #""contextData": null"#,
            #""metadata": {"frameRate": 25}"#, #""metadata": {"frameRate": "25"}"#, #""metadata": {"frameRate": " 29.97 "}"#,
            #""metadata": {"frameRate": 0}"#, #""metadata": {"frameRate": -1.5}"#, #""metadata": {"frameRate": "-2"}"#,
            #""metadata": {"frameRate": null}"#, #""metadata": {"frameRate": "abc"}"#, #""metadata": {"frameRate": [25]}"#,
            #""metadata": {"width": 603, "height": 450}"#, #""metadata": {"height": 1}"#, #""metadata": {"frameRate": "x"}"#,
            #""classifications": [{"title": "Scene", "schemaId": "1627287806195", "answer": "Indoor"}]"#,
            #""classifications": [{"title": "Objects", "answer": ["Bed", "Bedside Table"]}]"#, #""classifications": [{"title": "Scene"}]"#,
            #""classifications": [{"answer": "x"}]"#, #""classifications": [{"schemaId": 12, "answer": ["a", 1]}]"#,
            #""classifications": [3]"#, #""classifications": {"title": "x", "answer": "y"}"#,
            #""classifications": [{"schemaId": "1", "answer": ""}]"#, #""classifications": [{"schemaId": "", "title": 5, "answer": true}]"#,
            #""attachments": [{"type": "VIDEO", "value": "https://my-bucket.s3.amazonaws.com/a.mov"}]"#,
            #""attachments": [{"type": "VIDEO", "value": "http://sample-video.mp4?integrationId=1234567890"}]"#,
            #""attachments": [{"type": "IMAGE", "value": "https://sample-image.jpg?integrationId=1234567890"}]"#,
            #""attachments": [{"type": "IMAGE", "value": "https://x.example/a.gif"}]"#,
            #""attachments": [{"type": "AUDIO", "value": "https://my-bucket.s3.amazonaws.com/a.mp3"}]"#,
            #""attachments": [{"type": "TEXT", "value": ""}]"#, #""externalID": "x""#, #""url": "https://x/y.jpg""#, #""widht": 5"#,
            #""data": "https://my-bucket.s3.eu-central-1.amazonaws.com/cats/other.jpg""#, #""externalId": "cat-2""#, #""externalId": 7"#,
            #""data": 7"#, #""data": null"#, #""d\u0061ta": "https://my-bucket.s3.amazonaws.com/z.jpg""#, #""ext\u0065rnalId": "z""#,
            #""type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n""#,
            #""metadata": {"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n"}"#,
        ]
        for extra in extras {
            items.append("{" + base + ", " + extra + "}")
            items.append("{" + extra + ", " + base + "}")
        }
        items += [
            "{}", "[]", "[{}]", "null", "true", "12", #""https://my-bucket.s3.amazonaws.com/cat.jpg""#, #""x""#,
            #"{"externalId": "x"}"#, #"{"data": "https://my-bucket.s3.amazonaws.com/cat.jpg"}"#,
            #"{"dataset": ["https://my-bucket.s3.amazonaws.com/p1.jpg"], "externalId": "x"}"#, #"{"dataset": [], "externalId": "x"}"#,
            #"{"data": "https://my-bucket.s3.amazonaws.com/cat.jpg", "dataset": ["https://my-bucket.s3.amazonaws.com/p1.jpg"], "externalId": "x"}"#,
            #"{ "data" : "https://my-bucket.s3.amazonaws.com/cat.jpg" ,"externalId":"x","width":1,"height":2 }"#,
        ]
        return items
    }

    // MARK: - Markdown assets and public URLs

    /// Markdown (and HTML) content in `data`, raw and escaped, with and without the members the
    /// rules on Markdown assets look at; URLs on hosts that are not storage; the hub's own items.
    static var hub: [String] {
        var items: [String] = []
        let contents = [
            #"<div style='font-size:13px;font-weight:500;display:flex;'><div style='width:100px;color:gray'>Serial No</div>: 1</div>"#,
            #"<MARKDOWN CONTENTS HERE>"#, #"#Heading"#, #"# Heading"#, #"  <p>x</p>"#, #"\t<b>x</b>"#, #"<"#, #"#"#, #" "#, #"<div style=\"x\">a</div>"#,
            #"# Heading\nSubtitle\n\n<div style=\"display:flex;\">\n  <img src=\"https://private-assets.link/a.jpg?integrationId=1\" />\n</div>"#,
            #"a\nb"#, #"line\r\nline"#, #"\u003cdiv>x\u003c/div>"#, #"\u0023 Title"#, #"x\u000Ay"#, #"q\u0022uote\u0022 <i>"#, #"\n"#, #"\r\n\r\n<p>"#,
            #"https://my-bucket.s3.amazonaws.com/cat.jpg\n"#, #"https://my-bucket.s3.amazonaws.com/c<a>t.jpg"#, #"cat #1.jpg"#,
            #"caf\u00e9 <b>\u00e9</b>"#, #"<p>\u2028</p>"#,
        ]
        for (number, content) in contents.enumerated() {
            items.append(item(data: content, dimensions: nil))
            items.append(item(data: content, dimensions: number % 3 == 0 ? #""width": 640, "height": 480"# : #""height": 480"#))
            items.append(item(data: content, dimensions: nil, extra: number % 2 == 0 ? #""metadata": {"frameRate": 25}"# : #""metadata": {"frameRate": "x"}"#))
        }
        let publicURLs = [
            "https://i.imgur.com/CzXTtJV.jpg", "https://your-url.com/asset.mp4", "https://url.com/65c18c8b-4513-4a0a-b876-1aeb2e0908ec.png",
            "https://sample-image.jpg?integrationId=1234567890", "http://example.com/a.jpg", "example.com/a.jpg", "images/cat.jpg",
            "https:///cat.jpg", "https://example.com/a b.jpg", "https://example.com/a+b.jpg", "https://EXAMPLE.com/a.jpg",
            "https://example.com/", "https://example.com", "https://10.0.0.1/a.jpg", "https://b.s3-website.eu-central-1.amazonaws.com/cat.jpg",
            "http://b.s3-website-us-east-1.amazonaws.com/cat.jpg", "https://example.com/a.jpg?X-Amz-Signature=abc&X-Amz-Expires=1",
        ]
        for url in publicURLs {
            items.append(item(data: literal(url)))
            items.append(item(data: literal(url), dimensions: nil, extra: #""metadata": {"frameRate": 30}"#))
        }
        items.append(item(data: "https://my-bucket.s3.amazonaws.com/clips/run.mp4", dimensions: nil, extra: #""metadata": {"frameRate": 25}"#))
        items.append(item(data: "https://my-bucket.s3.amazonaws.com/scans/s.dcm", dimensions: nil, extra: #""metadata": {"frameRate": 25}"#))
        items.append(item(data: "https://my-bucket.s3.amazonaws.com/a/s", dimensions: nil, extra: #""metadata": {"frameRate": 25}"#))
        items.append(#"{"dataset": ["https://url.com/p1.png"], "externalId": "x", "metadata": {"frameRate": 25}}"#)
        items.append(#"{"externalId": "1", "data": "<MARKDOWN CONTENTS HERE>", "contextData": null, "metadata": null, "storage": "s1"}"#)
        return items
    }

    /// Every variation, in a fixed order.
    static var all: [String] { ids + urls + dimensions + members + hub }

    /// The variations that configuration (providers, buckets, limits, extensions, asset types)
    /// bears on.
    static var configurable: [String] { urls + dimensions + members + hub }
}
