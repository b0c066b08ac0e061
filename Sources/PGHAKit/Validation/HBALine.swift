/// One pg_hba.conf line, read as PostgreSQL reads it (`src/backend/libpq/hba.c`, `next_token` and
/// `parse_hba_line`): fields split at blanks, `"` quotes blanks, commas and keywords, `#` outside quotes starts a
/// comment, commas separate the items of a list. Reading stops at the first problem, as the server's does.
struct HBALine {
    /// One item of a field: its text, and whether it was quoted (a quoted `"all"` is a name, not the keyword).
    struct Token: Equatable {
        let text: String
        let quoted: Bool

        func isKeyword(_ keyword: String) -> Bool { !quoted && text == keyword }
    }

    enum ConnectionType: String, CaseIterable {
        case local, host, hostssl, hostnossl, hostgssenc, hostnogssenc
    }

    /// Which client addresses a host line matches.
    enum Address: Equatable {
        case all, samehost, samenet
        case block(CIDR)
        case hostname(String)
    }

    /// Why a line is not one PostgreSQL reads.
    struct Problem: Equatable {
        let code: DiagnosticCode
        let message: String
        let hint: String?
    }

    let type: ConnectionType
    let databases: [Token]
    let users: [Token]
    /// nil for `local` lines.
    let address: Address?
    let method: String
    let options: [(name: String, value: String)]

    /// Reads `line` for the target PostgreSQL major version (nil when unknown: the newest's methods).
    static func parse(_ line: String, major: Int?) throws(Problem) -> HBALine {
        var fields = try self.fields(of: line)
        func next(_ what: String) throws(Problem) -> [Token] {
            guard !fields.isEmpty else {
                throw Problem(code: .invalidHBALine, message: "the line ends before the \(what)",
                              hint: "a rule is: type database user [address] method [options]")
            }
            return fields.removeFirst()
        }
        let type = try connectionType(next("connection type"))
        let databases = try names(next("database"), of: "database")
        let users = try names(next("user"), of: "user")
        if type == .local, let first = fields.first?.first,
           first.text.contains("/") || CIDR.ipv4(first.text) != nil || CIDR.ipv6(first.text) != nil || first.isKeyword("all") {
            throw Problem(code: .invalidHBAAddress, message: "local lines take no address ('\(first.text)')",
                          hint: "remove the address, or use hostssl for TCP connections")
        }
        let address = type == .local ? nil : try self.address(next("address"), mask: { fields.isEmpty ? nil : fields.removeFirst() })
        let method = try self.method(next("authentication method"), type: type, major: major)
        let options = try self.options(fields.flatMap { $0 }, method: method, type: type, major: major)
        return HBALine(type: type, databases: databases, users: users, address: address, method: method, options: options)
    }

    // MARK: Tokens

    /// The fields of a line, each a list of tokens; failure for an unclosed quote.
    static func fields(of line: String) throws(Problem) -> [[Token]] {
        let characters = Array(line)
        var fields: [[Token]] = []
        var field: [Token] = []
        var index = 0
        while index < characters.count {
            while index < characters.count, isBlank(characters[index]) || characters[index] == "," { index += 1 }
            guard index < characters.count else { break }
            var text = ""
            var inQuote = false, sawQuote = false, initialQuote = false, wasQuote = false, endsWithComma = false
            while index < characters.count {
                let character = characters[index]
                if !inQuote && isBlank(character) { break }
                if !inQuote && character == "#" {
                    index = characters.count
                    break
                }
                index += 1
                if !inQuote && character == "," {
                    endsWithComma = true
                    break
                }
                if character != "\"" || wasQuote { text.append(character) }
                wasQuote = inQuote && character == "\"" ? !wasQuote : false
                if character == "\"" {
                    if text.isEmpty { initialQuote = true }
                    inQuote.toggle()
                    sawQuote = true
                }
            }
            if inQuote {
                throw Problem(code: .invalidHBALine, message: "a quoted name is not closed", hint: "end it with '\"'")
            }
            if sawQuote || !text.isEmpty { field.append(Token(text: text, quoted: initialQuote)) }
            if !endsWithComma && !field.isEmpty {
                fields.append(field)
                field = []
            }
        }
        if !field.isEmpty { fields.append(field) }
        return fields
    }

    private static func isBlank(_ character: Character) -> Bool { character == " " || character == "\t" }

    // MARK: Fields

    private static func connectionType(_ tokens: [Token]) throws(Problem) -> ConnectionType {
        guard tokens.count == 1 else {
            throw Problem(code: .unknownHBAConnectionType, message: "a rule has one connection type, not a list", hint: nil)
        }
        let word = tokens[0].text
        if let type = ConnectionType(rawValue: word) { return type }
        if ["include", "include_if_exists", "include_dir"].contains(word) {
            throw Problem(code: .unknownHBAConnectionType, message: "'\(word)' reads another file, which pgha does not ship to the instances",
                          hint: "write the rules themselves")
        }
        let suggestion = suggestion(for: word, in: ConnectionType.allCases.map(\.rawValue))
        throw Problem(code: .unknownHBAConnectionType, message: "'\(word)' is not a pg_hba connection type",
                      hint: suggestion.map { "did you mean '\($0)'?" } ?? "one of: " + ConnectionType.allCases.map(\.rawValue).joined(separator: ", "))
    }

    private static func names(_ tokens: [Token], of what: String) throws(Problem) -> [Token] {
        for token in tokens where !token.quoted {
            if token.text.hasPrefix("@") && token.text.count > 1 {
                throw Problem(code: .invalidHBADatabaseOrUser,
                              message: "'\(token.text)' reads the \(what) names from a file, which pgha does not ship to the instances",
                              hint: "list the names, separated by commas")
            }
            if token.text.hasPrefix("/") && token.text.count == 1 {
                throw Problem(code: .invalidHBADatabaseOrUser, message: "'/' starts a regular expression but none follows", hint: nil)
            }
            if what == "database" && token.text.hasPrefix("+") {
                throw Problem(code: .invalidHBADatabaseOrUser, message: "'\(token.text)': '+' marks a group of users, not a database",
                              hint: "quote the name if it really starts with '+'")
            }
        }
        if tokens.contains(where: { $0.text.isEmpty }) {
            throw Problem(code: .invalidHBADatabaseOrUser, message: "an empty \(what) name", hint: nil)
        }
        return tokens
    }

    private static func address(_ tokens: [Token], mask nextField: () -> [Token]?) throws(Problem) -> Address {
        guard tokens.count == 1, let token = tokens.first else {
            throw Problem(code: .invalidHBAAddress, message: "a rule has one address, not a list", hint: nil)
        }
        let text = token.text
        if !token.quoted, let keyword = [("all", Address.all), ("samehost", .samehost), ("samenet", .samenet)].first(where: { $0.0 == text }) {
            return keyword.1
        }
        if let slash = text.firstIndex(of: "/") {
            let host = String(text[..<slash])
            guard let bytes = CIDR.ipv4(host) ?? CIDR.ipv6(host) else {
                throw Problem(code: .invalidHBAAddress, message: "'\(host)' is not an IP address", hint: "such as 203.0.113.0/24")
            }
            guard let cidr = CIDR(text, allowingHostBits: true) else {
                throw Problem(code: .invalidHBAAddress, message: "'\(text[text.index(after: slash)...])' is not a prefix length for \(host)",
                              hint: "0 to \(bytes.count * 8)")
            }
            return .block(cidr)
        }
        if let bytes = CIDR.ipv4(text) ?? CIDR.ipv6(text) {
            guard let maskField = nextField() else {
                throw Problem(code: .invalidHBAAddress, message: "the line ends before the netmask of \(text)",
                              hint: "write \(text)/\(bytes.count * 8) for this address alone")
            }
            guard maskField.count == 1, let mask = CIDR.ipv4(maskField[0].text) ?? CIDR.ipv6(maskField[0].text),
                  let prefix = prefixLength(ofMask: mask) else {
                throw Problem(code: .invalidHBAAddress, message: "'\(maskField.map(\.text).joined(separator: ","))' is not a netmask",
                              hint: "such as 255.255.255.0, or write the address as a CIDR block")
            }
            guard mask.count == bytes.count else {
                throw Problem(code: .invalidHBAAddress, message: "the address \(text) and its mask are of different IP versions", hint: nil)
            }
            return .block(CIDR(bytes: bytes, prefixLength: prefix))
        }
        let labels = text.hasPrefix(".") ? text.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
                                         : text.split(separator: ".", omittingEmptySubsequences: false)
        guard !labels.isEmpty, labels.allSatisfy({ label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }) else {
            throw Problem(code: .invalidHBAAddress, message: "'\(text)' is not an IP address, CIDR block or host name",
                          hint: "such as 203.0.113.0/24, all, samenet or db.example.com")
        }
        return .hostname(text)
    }

    /// A likely intended word, looked for only in short words so a hostile line cannot make checking slow.
    private static func suggestion(for word: String, in candidates: [String]) -> String? {
        word.count <= 64 ? Suggestion.closest(to: word, in: candidates) : nil
    }

    /// The prefix length of a netmask such as 255.255.255.0, or nil when its ones are not contiguous.
    private static func prefixLength(ofMask bytes: [UInt8]) -> Int? {
        let bits: [Bool] = bytes.flatMap { byte in (0..<8).map { (bit: Int) -> Bool in byte & (UInt8(0x80) >> bit) != 0 } }
        let ones = bits.prefix { $0 }.count
        return bits.dropFirst(ones).contains(true) ? nil : ones
    }

    // MARK: Method and options

    /// Every method PostgreSQL's parser knows, with the first major version that has it.
    static let methods: [(name: String, since: Int)] = [
        ("trust", 0), ("reject", 0), ("scram-sha-256", 10), ("md5", 0), ("password", 0), ("gss", 0), ("sspi", 0),
        ("ident", 0), ("peer", 0), ("ldap", 0), ("radius", 0), ("cert", 0), ("pam", 0), ("bsd", 0), ("oauth", 18),
    ]

    private static func method(_ tokens: [Token], type: ConnectionType, major: Int?) throws(Problem) -> String {
        guard tokens.count == 1, let method = tokens.first?.text else {
            throw Problem(code: .unknownHBAMethod, message: "a rule has one authentication method, not a list", hint: nil)
        }
        let target = major ?? 18
        let known = methods.filter { $0.since <= target }.map(\.name)
        guard known.contains(method) else {
            if methods.contains(where: { $0.name == method }) {
                throw Problem(code: .unknownHBAMethod, message: "PostgreSQL \(target) has no authentication method '\(method)'",
                              hint: "it arrived in a later major version")
            }
            let suggestion = suggestion(for: method, in: known)
            throw Problem(code: .unknownHBAMethod, message: "'\(method)' is not an authentication method",
                          hint: suggestion.map { "did you mean '\($0)'?" } ?? "such as scram-sha-256, cert or reject")
        }
        let problem: String? = switch (method, type) {
        case ("sspi", _), ("bsd", _): "'\(method)' is not built into PostgreSQL on Linux, where CloudNativePG runs"
        case ("gss", .local): "gss authentication is not supported on local sockets"
        case ("peer", let type) where type != .local: "peer authentication is only supported on local sockets"
        case ("cert", let type) where type != .hostssl: "cert authentication is only supported on hostssl connections"
        case (let method, .hostgssenc) where !["gss", "trust", "reject"].contains(method):
            "GSSAPI encryption only supports gss, trust, or reject authentication"
        default: nil
        }
        if let problem { throw Problem(code: .unknownHBAMethod, message: problem, hint: nil) }
        return method
    }

    /// Each option PostgreSQL knows, with the methods that take it (empty: every method, on hostssl lines).
    private static let optionMethods: [String: [String]] = [
        "map": ["ident", "peer", "gss", "sspi", "cert", "oauth"],
        "clientcert": [], "clientname": [],
        "pamservice": ["pam"], "pam_use_hostname": ["pam"],
        "ldapurl": ["ldap"], "ldaptls": ["ldap"], "ldapscheme": ["ldap"], "ldapserver": ["ldap"], "ldapport": ["ldap"],
        "ldapbinddn": ["ldap"], "ldapbindpasswd": ["ldap"], "ldapsearchattribute": ["ldap"], "ldapsearchfilter": ["ldap"],
        "ldapbasedn": ["ldap"], "ldapprefix": ["ldap"], "ldapsuffix": ["ldap"],
        "krb_realm": ["gss", "sspi"], "include_realm": ["gss", "sspi"], "compat_realm": ["sspi"], "upn_username": ["sspi"],
        "radiusservers": ["radius"], "radiussecrets": ["radius"], "radiusidentifiers": ["radius"], "radiusports": ["radius"],
        "issuer": ["oauth"], "scope": ["oauth"], "validator": ["oauth"], "delegate_ident_mapping": ["oauth"],
    ]

    private static func options(_ tokens: [Token], method: String, type: ConnectionType, major: Int?) throws(Problem) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        for token in tokens {
            guard let equals = token.text.firstIndex(of: "="), equals != token.text.startIndex else {
                throw Problem(code: .invalidHBAOption, message: "'\(token.text)' is not an option in name=value form",
                              hint: "options follow the method, such as clientcert=verify-full")
            }
            let name = String(token.text[..<equals])
            guard let methods = optionMethods[name] else {
                let suggestion = suggestion(for: name, in: optionMethods.keys.sorted())
                throw Problem(code: .invalidHBAOption, message: "'\(name)' is not a pg_hba option",
                              hint: suggestion.map { "did you mean '\($0)'?" })
            }
            if methods.isEmpty ? type != .hostssl : !methods.contains(method) {
                throw Problem(code: .invalidHBAOption,
                              message: methods.isEmpty ? "'\(name)' can only be set on hostssl lines"
                                                       : "'\(name)' is only valid for the methods " + methods.joined(separator: ", "),
                              hint: nil)
            }
            result.append((name, String(token.text[token.text.index(after: equals)...])))
        }
        let names = Set(result.map(\.name))
        let missing: String? = switch method {
        case "ldap" where names.isDisjoint(with: ["ldapserver", "ldapurl"]): "ldap needs ldapserver or ldapurl"
        case "radius" where !names.isSuperset(of: ["radiusservers", "radiussecrets"]): "radius needs radiusservers and radiussecrets"
        case "oauth" where !names.isSuperset(of: ["issuer", "scope"]): "oauth needs issuer and scope"
        default: nil
        }
        if let missing { throw Problem(code: .invalidHBAOption, message: missing, hint: nil) }
        try checkValues(result, method: method, major: major)
        return result
    }

    /// The option values PostgreSQL's `parse_hba_auth_opt` refuses, so that the whole pg_hba.conf fails to load.
    private static func checkValues(_ options: [(name: String, value: String)], method: String, major: Int?) throws(Problem) {
        let values = Dictionary(options.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        if let clientcert = values["clientcert"] {
            // PostgreSQL 14 dropped 1, 0 and no-verify; cert always verifies the whole certificate.
            let accepted = (major ?? 18) >= 14 ? ["verify-ca", "verify-full"] : ["verify-ca", "verify-full", "1", "0", "no-verify"]
            if !accepted.contains(clientcert) {
                throw Problem(code: .invalidHBAOption, message: "clientcert takes \(accepted.joined(separator: " or ")), not '\(clientcert)'",
                              hint: "verify-full checks the certificate and its user name, verify-ca the certificate only")
            }
            if method == "cert" && ((major ?? 18) >= 14 ? clientcert != "verify-full" : ["0", "no-verify"].contains(clientcert)) {
                throw Problem(code: .invalidHBAOption,
                              message: (major ?? 18) >= 14 ? "the cert method only takes clientcert=verify-full, not '\(clientcert)'"
                                                           : "the cert method always verifies the certificate: clientcert cannot be '\(clientcert)'",
                              hint: "remove clientcert: cert verifies the certificate and its user name already")
            }
        }
        if let port = values["ldapport"], !(Int(port).map { (1...65535).contains($0) } ?? false) {
            throw Problem(code: .invalidHBAOption, message: "ldapport '\(port)' is not a port number", hint: "such as 636")
        }
        if method == "ldap" {
            let names = Set(values.keys)
            let bind = names.intersection(["ldapprefix", "ldapsuffix"])
            var search = names.intersection(["ldapbasedn", "ldapbinddn", "ldapbindpasswd", "ldapsearchattribute", "ldapsearchfilter"])
            // An ldapurl sets the search options only through a path or query after the host.
            if let url = values["ldapurl"], url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).count > 3 || url.contains("?") {
                search.insert("ldapurl")
            }
            if let first = bind.sorted().first, let other = search.sorted().first {
                throw Problem(code: .invalidHBAOption, message: "\(other) cannot be used together with \(first): ldap binds directly (prefix, suffix) or searches (basedn), not both",
                              hint: nil)
            }
            if !names.contains("ldapurl") && bind.isEmpty && !names.contains("ldapbasedn") {
                throw Problem(code: .invalidHBAOption, message: "ldap needs ldapbasedn, ldapprefix or ldapsuffix", hint: "such as ldapbasedn=\"dc=example,dc=com\"")
            }
        }
    }
}

extension HBALine.Problem: Error {}
