extension ConfigurationDecoder {
    /// Where the nesting of block collections (by indentation and compact `- ` items) plus flow
    /// collections (`[`, `{` outside quoted scalars, comments and block scalars) first exceeds
    /// `maximumNesting`. A cheap over-estimate of what libyaml will see: ordinary files stay far
    /// below the limit, a file of thousands of nested brackets is caught.
    static func firstPositionNestedTooDeep(_ text: String) -> (line: Int, column: Int)? {
        var indentation: [Int] = []
        var flowDepth = 0
        var quote: Unicode.Scalar?
        /// Inside a block scalar (`|`, `>`): lines indented more than this are its text.
        var blockScalarParent: Int?
        var line = 0
        // Split on the scalar: in Swift "\r\n" is one Character, which a Character split would miss.
        for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            line += 1
            let scalars = Array(rawLine)
            var index = 0
            while index < scalars.count, scalars[index] == " " { index += 1 }
            let leading = index
            let blank = index == scalars.count || scalars[index] == "\r"
            if let parent = blockScalarParent {
                if blank || index > parent { continue }
                blockScalarParent = nil
            }
            if quote == nil && flowDepth == 0 {
                if blank || scalars[index] == "#" { continue }
                while let last = indentation.last, last >= index { indentation.removeLast() }
                indentation.append(index)
                // Compact nested items: `- - - a`.
                while index + 1 < scalars.count, scalars[index] == "-" || scalars[index] == "?",
                    scalars[index + 1] == " "
                {
                    index += 2
                    while index < scalars.count, scalars[index] == " " { index += 1 }
                    indentation.append(index)
                    if indentation.count > maximumNesting { return (line, index + 1) }
                }
                if indentation.count > maximumNesting { return (line, index + 1) }
            }
            var previous: Unicode.Scalar?  // the last non-space scalar outside quotes on this line
            var lastToken: [Unicode.Scalar] = []
            while index < scalars.count {
                let scalar = scalars[index]
                if let open = quote {
                    if open == "\"" && scalar == "\\" {
                        index += 1
                    } else if scalar == open {
                        if open == "'" && index + 1 < scalars.count && scalars[index + 1] == "'" {
                            index += 1  // '' is a quote inside a single-quoted scalar
                        } else {
                            quote = nil
                            previous = scalar
                        }
                    }
                    index += 1
                    continue
                }
                let startsToken = previous == nil || "[{,:-?".unicodeScalars.contains(previous!)
                switch scalar {
                case "\"" where startsToken, "'" where startsToken:
                    quote = scalar
                case "#" where index == 0 || scalars[index - 1] == " " || scalars[index - 1] == "\t":
                    index = scalars.count
                    continue
                case "[", "{":
                    flowDepth += 1
                    if indentation.count + flowDepth > maximumNesting { return (line, index + 1) }
                case "]", "}":
                    flowDepth = max(0, flowDepth - 1)
                default:
                    break
                }
                if scalar == " " || scalar == "\t" || scalar == "\r" {
                    if !lastToken.isEmpty { lastToken = [] }
                } else {
                    if index > 0, scalars[index - 1] == " " || scalars[index - 1] == "\t" { lastToken = [] }
                    lastToken.append(scalar)
                    previous = scalar
                }
                index += 1
            }
            // A block scalar header (`|`, `>-`, `|2+` …) ends the line: skip its text.
            if quote == nil, flowDepth == 0, let first = lastToken.first, first == "|" || first == ">",
                lastToken.dropFirst().allSatisfy({ $0 == "-" || $0 == "+" || ("1"..."9").contains($0) })
            {
                blockScalarParent = leading
            }
        }
        return nil
    }
}
