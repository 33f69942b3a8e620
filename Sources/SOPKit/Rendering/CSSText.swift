/// A CSS string literal for text that lands inside a `<style>` element (page footers): quotes and
/// backslashes are escaped, and so is `<`, so the text cannot close the element.
enum CSSText {
    static func string(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "<": output += "\\3C "
            case ">": output += "\\3E "
            case "&": output += "\\26 "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += "\\" + String(scalar.value, radix: 16) + " "
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}
