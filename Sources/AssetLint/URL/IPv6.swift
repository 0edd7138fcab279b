/// An IPv6 address: eight 16-bit pieces.
public struct IPv6Address: Hashable, Sendable, CustomStringConvertible {
    public let pieces: [UInt16]

    public init(pieces: [UInt16]) {
        precondition(pieces.count == 8, "an IPv6 address has eight pieces")
        self.pieces = pieces
    }

    /// The standard's IPv6 serializer (RFC 5952 style: lower case, longest run of two or more
    /// zero pieces compressed, the first one on a tie), without brackets.
    public var description: String {
        var output: [UInt8] = []
        serialize(into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    func serialize(into output: inout [UInt8]) {
        let compress = compressedPieceIndex()
        var ignoreZero = false
        for index in 0..<8 {
            if ignoreZero, pieces[index] == 0 { continue }
            ignoreZero = false
            if compress == index {
                output.append(URLByte.colon)
                if index == 0 { output.append(URLByte.colon) }
                ignoreZero = true
                continue
            }
            appendHex(pieces[index], to: &output)
            if index != 7 { output.append(URLByte.colon) }
        }
    }

    /// The first index of the longest run of at least two zero pieces, if any.
    private func compressedPieceIndex() -> Int? {
        var longestIndex: Int?
        var longestSize = 1
        var foundIndex: Int?
        var foundSize = 0
        for index in 0..<8 {
            if pieces[index] != 0 {
                if foundSize > longestSize {
                    longestIndex = foundIndex
                    longestSize = foundSize
                }
                foundIndex = nil
                foundSize = 0
            } else {
                if foundIndex == nil { foundIndex = index }
                foundSize += 1
            }
        }
        return foundSize > longestSize ? foundIndex : longestIndex
    }

    private func appendHex(_ piece: UInt16, to output: inout [UInt8]) {
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = Int((piece >> UInt16(shift)) & 0xF)
            if nibble != 0 || started || shift == 0 {
                output.append(Hex.lowerDigit(UInt8(nibble)))
                started = true
            }
        }
    }
}

/// The URL Standard's IPv6 parser, over the bytes between the brackets.
enum IPv6Parser {
    struct Failure: Error {
        var kind: URLValidationError.Kind
        /// Index into the parsed bytes where the problem was found.
        var index: Int
    }

    static func parse(_ input: UnsafeBufferPointer<UInt8>) -> Result<IPv6Address, Failure> {
        var address = [UInt16](repeating: 0, count: 8)
        var pieceIndex = 0
        var compress: Int?
        var pointer = 0
        func c(_ at: Int) -> UInt8? { at < input.count ? input[at] : nil }
        func failure(_ kind: URLValidationError.Kind) -> Result<IPv6Address, Failure> {
            .failure(Failure(kind: kind, index: pointer))
        }

        if c(pointer) == URLByte.colon {
            guard c(pointer + 1) == URLByte.colon else { return failure(.ipv6InvalidCompression) }
            pointer += 2
            pieceIndex += 1
            compress = pieceIndex
        }
        while let current = c(pointer) {
            if pieceIndex == 8 { return failure(.ipv6TooManyPieces) }
            if current == URLByte.colon {
                if compress != nil { return failure(.ipv6MultipleCompression) }
                pointer += 1
                pieceIndex += 1
                compress = pieceIndex
                continue
            }
            var value: UInt16 = 0
            var length = 0
            while length < 4, let digit = c(pointer), Hex.isDigit(digit) {
                value = value << 4 | UInt16(Hex.digitValue(digit))
                pointer += 1
                length += 1
            }
            if c(pointer) == URLByte.dot {
                if length == 0 { return failure(.ipv4InIPv6InvalidCodePoint) }
                pointer -= length
                if pieceIndex > 6 { return failure(.ipv4InIPv6TooManyPieces) }
                var numbersSeen = 0
                while c(pointer) != nil {
                    if numbersSeen > 0 {
                        guard c(pointer) == URLByte.dot, numbersSeen < 4 else {
                            return failure(.ipv4InIPv6InvalidCodePoint)
                        }
                        pointer += 1
                    }
                    guard let first = c(pointer), URLByte.isDigit(first) else {
                        return failure(.ipv4InIPv6InvalidCodePoint)
                    }
                    var ipv4Piece: Int?
                    while let digit = c(pointer), URLByte.isDigit(digit) {
                        let number = Int(digit - 0x30)
                        switch ipv4Piece {
                        case nil: ipv4Piece = number
                        case 0?: return failure(.ipv4InIPv6InvalidCodePoint)
                        case let piece?: ipv4Piece = piece * 10 + number
                        }
                        if ipv4Piece! > 255 { return failure(.ipv4InIPv6OutOfRangePart) }
                        pointer += 1
                    }
                    address[pieceIndex] = address[pieceIndex] &* 0x100 &+ UInt16(ipv4Piece!)
                    numbersSeen += 1
                    if numbersSeen == 2 || numbersSeen == 4 { pieceIndex += 1 }
                }
                if numbersSeen != 4 { return failure(.ipv4InIPv6TooFewParts) }
                break
            } else if c(pointer) == URLByte.colon {
                pointer += 1
                if c(pointer) == nil { return failure(.ipv6InvalidCodePoint) }
            } else if c(pointer) != nil {
                return failure(.ipv6InvalidCodePoint)
            }
            address[pieceIndex] = value
            pieceIndex += 1
        }
        if let compress {
            var swaps = pieceIndex - compress
            pieceIndex = 7
            while pieceIndex != 0, swaps > 0 {
                address.swapAt(pieceIndex, compress + swaps - 1)
                pieceIndex -= 1
                swaps -= 1
            }
        } else if pieceIndex != 8 {
            return failure(.ipv6TooFewPieces)
        }
        return .success(IPv6Address(pieces: address))
    }
}
